"""the listings' training loop mirrored in numpy, op for op: what a port's numbers are compared with.

the tests hold it equal, bit for bit, to the reference runs (nnspec.reference_runs). transcript
mode replays a port's own initial weights through it; case generation writes its answers.
"""
import numpy as np

from nnspec.conformance.cases import ANSWER_FORMAT


def initial_weights(net):
    """np.random.seed(1), then 2*random(shape)-1 per matrix, in the listing's order."""
    np.random.seed(1)
    sizes = net['layers']
    return [2 * np.random.random((a, b)) - 1 for a, b in zip(sizes, sizes[1:])]


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _sigmoid_long(x):
    """exp in long double, rounded once: another honest exp."""
    return 1 / (1 + np.exp(-x.astype(np.longdouble)).astype(float))


def _dot_reversed(a, b):
    """a.dot(b) summed last term first: another honest summation order."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    acc = np.zeros((a.shape[0], b.shape[1]))
    for k in reversed(range(a.shape[1])):
        acc = acc + np.outer(a[:, k], b[k, :])
    return acc


def simulate(net, weights=None, variant='', frozen=()):
    """the listing's loop: {'errors': [(j, error)], 'synapse_i': ..., 'output': ..., counts}.

    variant 'reverse' and/or 'longexp' give the runs the sensitive tolerances are measured on;
    `frozen` names synapses never updated (replay.py: does a run show their training at all?).
    """
    X, y, alpha = np.array(net['X']), np.array(net['y']), net['alpha']
    _sig = _sigmoid_long if 'longexp' in variant else _sigmoid
    _dot = _dot_reversed if 'reverse' in variant else np.dot
    ws = [w.copy() for w in (weights or initial_weights(net))]
    counts = [np.zeros_like(w) for w in ws]
    prev = [np.zeros_like(w) for w in ws]
    errors, plus = [], net['error_sign'] == 'y - output'
    for j in range(net['iterations']):
        layers = [X]
        for w in ws:
            layers.append(_sig(_dot(layers[-1], w)))
        error = (y - layers[-1]) if plus else (layers[-1] - y)
        if j % net['every'] == 0:
            errors.append((j, np.mean(np.abs(error))))
        updates = [None] * len(ws)
        delta = error * (layers[-1] * (1 - layers[-1]))
        for i in reversed(range(len(ws))):
            updates[i] = _dot(layers[i].T, delta)
            if i:
                delta = _dot(delta, ws[i].T) * (layers[i] * (1 - layers[i]))
        if net['direction_counts'] and j > 0:
            for i in range(len(ws)):
                counts[i] += np.abs(((updates[i] > 0) + 0) - ((prev[i] > 0) + 0))
        for i in reversed(range(len(ws))):
            if i in frozen:
                continue
            if plus:
                ws[i] += alpha * updates[i]
            else:
                ws[i] -= alpha * updates[i]
        prev = updates
    out = {'errors': errors, 'output': layers[-1]}
    for i, w in enumerate(ws):
        out['synapse_%d' % i] = w
        if net['direction_counts']:
            out['synapse_%d_direction_count' % i] = counts[i]
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
