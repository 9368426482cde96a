"""initial weights whose run does not show its training verify nothing (replay.py's *untrained*).

a port printing its own initial weights gets its numbers checked against the
listing replayed from them. weights that saturate the sigmoids (c's
2*rand()-1 without /RAND_MAX: up to 4e9) make a run where nothing trains:
every loop, right or wrong, prints the same numbers, and the replay agrees
with all of them. so the listing is also replayed with each synapse never
updated; when no judged number moves by more than 1/MARGIN times its
tolerance, that synapse's training is invisible and every judged number is
unverifiable.
"""
import numpy as np

from nnspec.conformance import mirror, networks, tolerance
from nnspec.conformance.transcript_mode import compare, printed
from nnspec.conformance.tolerance import MARGIN


def synapses(id_, weights, values, center, replayed):
    """the synapses whose training these weights hide: replayed (replay.replayed) with one never updated, no judged
    number moves by more than 1/MARGIN times its tolerance (saturated: nothing trains; barely trained: a bug that
    changes an update by a few percent would stay within it), so no number can tell the listing's loop from another."""
    judged = [i for i, v in enumerate(values) if v.get('chaotic') is None]
    allowed = np.array([tolerance.allowed(v['want'], v) + compare.listing_half_unit(v['printer'], v['want'])
                        for v in values]) / MARGIN
    hidden = lambda k: np.all(np.abs(replayed(id_, weights, frozen=(k,)) - center)[judged] <= allowed[judged])
    return [k for k in range(len(next(iter(weights.values())))) if not _shows(id_, weights, k, values, center, allowed)
            and hidden(k)]


def _shows(id_, weights, k, values, center, allowed):
    """the cheap answer first: does a run's first printed checkpoint after 0 move, with synapse k never updated?"""
    nets, at = networks.all_listings(), {v['quantity']: i for i, v in enumerate(values) if v['index'] is None}
    for quantity, name, where, checkpoint in printed.LISTINGS[id_][3]:
        i = at.get(quantity)
        if name == 'error' and checkpoint == 1 and i is not None and values[i].get('chaotic') is None:
            j = printed.json_case(id_, where)
            with np.errstate(over='ignore'):
                r = mirror.simulate(dict(nets[j], iterations=nets[j]['every'] + 1), weights=weights[j], frozen=(k,))
            if abs(r['errors'][1][1] - center[i]) > allowed[i]:
                return True
    return False


def mark(blind, names, weights, values):
    """mark every judged number unverifiable: these weights hide the training of the synapses in `blind`; the note."""
    largest = max(float(np.max(np.abs(w))) for ws in weights.values() for w in ws)
    why = ('the initial weights make a run whose numbers do not show the training of %s: replayed with %s never updated, '
           'no number the listing prints moves by more than %g times its tolerance (the sigmoids saturate, or barely '
           'train; the largest weight is %.3g, the listing draws in [-1, 1)), so no number can tell the listing\'s loop '
           'from a wrong one; start from weights drawn as the listing draws them (2*random - 1)'
           % (' and '.join(names[k] for k in blind), 'it' if len(blind) == 1 else 'each', 1 / MARGIN, largest))
    for v in values:
        if v.get('chaotic') is None:
            v['unverifiable'] = 'the initial weights hide the training of %s: see untrained' % ' and '.join(names[k] for k in blind)
            v.pop('rounding_spread', None)  # equal to the replay or not, such a number verifies nothing
    return why
