"""the listings' training loop (nnspec.loop) on a case's network: what a port's numbers are compared with.

the tests hold it equal, bit for bit, to the reference runs (nnspec.reference_runs). transcript
mode replays a port's own initial weights through it; case generation writes its answers.
"""
import numpy as np

from nnspec import loop
from nnspec.conformance.cases import ANSWER_FORMAT
from nnspec.numerics import LISTING, Ops


def initial_weights(net):
    """np.random.seed(1), then 2*random(shape)-1 per matrix, in the listing's order."""
    np.random.seed(1)
    sizes = net['layers']
    return [2 * np.random.random((a, b)) - 1 for a, b in zip(sizes, sizes[1:])]


def simulate(net, weights=None, variant=LISTING, frozen=()):
    """the listing's loop (nnspec.loop): {'errors': [(j, error)], 'synapse_i': ..., 'output': ..., counts}.

    variant: a nnspec.numerics.Variant (json_mode.segments.VARIANTS: the honest runs the sensitive
    tolerances are measured on); `frozen` names synapses never updated (replay.py: does a run show
    their training at all?).
    """
    every = net['every']
    r = loop.train(Ops(variant), np.array(net['X']), np.array(net['y']), weights or initial_weights(net),
                   net['alpha'], net['error_sign'] == 'y - output', net['iterations'], every,
                   net['direction_counts'], frozen)
    out = {'errors': list(zip(range(0, net['iterations'], every), r['errors'])), 'output': r['output']}
    for i, w in enumerate(r['synapses']):
        out['synapse_%d' % i] = w
        if net['direction_counts']:
            out['synapse_%d_direction_count' % i] = r['counts'][i]
    return out


def final_names(net):
    n = len(net['layers']) - 1
    names = ['synapse_%d' % i for i in range(n)] + ['output']
    if net['direction_counts']:
        names += ['synapse_%d_direction_count' % i for i in range(n)]
    return names


def answer_of(result, net):
    """the json answer a conforming port gives for this run (protocol nnspec-answer/1)."""
    return {'protocol': ANSWER_FORMAT,
            'checkpoints': [{'iteration': j, 'error': float(e)} for j, e in result['errors']],
            'final': {k: np.asarray(result[k], dtype=float).tolist() for k in final_names(net)}}
