"""write spec/cases/json from the listings: the case a port reads, the answer it should give.

the numbers come from a numpy mirror of the listings' loop, op for op; the
tests hold it equal, bit for bit, to the reference runs (nnspec.runs).
    python3 -m nnspec.conformance.generate [--quick] [id glob]
"""
import json
import sys

import numpy as np

from nnspec.conformance import cases, listings, segments, tolerance

CASE, ANSWER, EXPECTED = 'nnspec-case/2', 'nnspec-answer/1', 'nnspec-expected/2'


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


def _weights(ws):
    return {'synapse_%d' % i: np.asarray(w, dtype=float).tolist() for i, w in enumerate(ws)}


def plan(id_, net):
    """the restart segments of a sensitive case (none for a stable one)."""
    return segments.plan(net, simulate, initial_weights(net)) if tolerance.is_sensitive(id_) else []


def case_document(id_, net, plan_=()):
    ws = initial_weights(net)
    draws = [{'name': 'synapse_%d' % i, 'shape': list(w.shape), 'value': '2*random(shape) - 1'}
             for i, w in enumerate(ws)]
    return {
        'protocol': CASE, 'id': id_, 'listing': net['run'], 'source': net['source'],
        'network': {'layers': net['layers'], 'activation': 'sigmoid', 'alpha': net['alpha'],
                    'error_sign': net['error_sign'], 'listing_names': net['listing_names']},
        'iterations': net['iterations'], 'X': net['X'], 'y': net['y'],
        'report': {'every': net['every'], 'checkpoint': ['error'], 'final': final_names(net)},
        'initial_weights': _weights(ws),
        'seed': {'numpy_seed': 1, 'draws': draws},
    } | ({'segments': [{'from': s, 'iterations': n, 'initial_weights': _weights(w)} for s, n, w, _ in plan_]}
         if plan_ else {})


def answer_of(result, net):
    return {'protocol': ANSWER,
            'checkpoints': [{'iteration': j, 'error': float(e)} for j, e in result['errors']],
            'final': {k: np.asarray(result[k], dtype=float).tolist() for k in final_names(net)}}


def expected_document(id_, net, plan_=()):
    answer = answer_of(simulate(net), net)
    variants = []
    if tolerance.is_sensitive(id_):
        variants = [answer_of(simulate(net, variant=v), net) for v in segments.VARIANTS]
    doc = {'protocol': EXPECTED, 'case': id_, 'answer': answer, 'tolerance': tolerance.for_case(id_, answer, variants)}
    if plan_:
        doc['segments'] = [{'from': s, 'iterations': n, 'answer': answer_of(ref, segments.segment_net(net, n))}
                           for s, n, _, ref in plan_]
    return doc


def dumps(doc):
    """one top-level field a line, checkpoints one a line: diffable, still plain json."""
    def field(k, v):
        if k == 'segments':
            return ' "segments": [\n%s\n ]' % ',\n'.join('  ' + json.dumps(s) for s in v)
        if k == 'answer':
            inner = ',\n'.join('  %s: %s' % (json.dumps(a), json.dumps(b)) for a, b in v.items())
            return ' "answer": {\n%s\n }' % inner.replace('[{', '[\n   {').replace('}, {', '},\n   {')
        return ' %s: %s' % (json.dumps(k), json.dumps(v))
    return '{\n' + ',\n'.join(field(k, v) for k, v in doc.items()) + '\n}\n'


def write_case(id_, case_doc, expected_doc):
    """a json case and its expected answer, side by side."""
    for path, doc in ((cases.case_path(id_), case_doc), (cases.expected_path(id_), expected_doc)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(doc), encoding='utf-8')
    print('wrote', id_)


def write(nets):
    for id_, net in nets.items():
        plan_ = plan(id_, net)
        write_case(id_, case_document(id_, net, plan_), expected_document(id_, net, plan_))


if __name__ == '__main__':
    nets = listings.quick_listings()
    if '--quick' not in sys.argv:
        nets.update(listings.all_listings())
    globs = [a for a in sys.argv[1:] if not a.startswith('--')]
    if globs:
        keep = set(cases.match(globs[0], 'json'))
        nets = {k: v for k, v in nets.items() if k in keep}
    write(nets)
