"""write spec/cases/json from the listings: the case a port reads, the answer it should give.

the numbers come from the numpy mirror of the listings' loop (nnspec.conformance.mirror).
    python3 -m nnspec.generate_cases.trask_json [--quick] [id glob]
"""
import json
import sys

import numpy as np

from nnspec.conformance import cases, networks, tolerance
from nnspec.conformance.json_mode import segments
from nnspec.conformance.mirror import answer_of, final_names, initial_weights, simulate

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
        'protocol': cases.CASE_FORMAT, 'id': id_, 'listing': net['run'], 'source': net['source'],
        'network': {'layers': net['layers'], 'activation': 'sigmoid', 'alpha': net['alpha'],
                    'error_sign': net['error_sign'], 'listing_names': net['listing_names']},
        'iterations': net['iterations'], 'X': net['X'], 'y': net['y'],
        'report': {'every': net['every'], 'checkpoint': ['error'], 'final': final_names(net)},
        'initial_weights': _weights(ws),
        'seed': {'numpy_seed': 1, 'draws': draws},
    } | ({'segments': [{'from': s, 'iterations': n, 'initial_weights': _weights(w)} for s, n, w, _ in plan_]}
         if plan_ else {})


def expected_document(id_, net, plan_=()):
    answer = answer_of(simulate(net), net)
    variants = []
    if tolerance.is_sensitive(id_):
        variants = [answer_of(simulate(net, variant=v), net) for v in segments.VARIANTS]
    doc = {'protocol': cases.EXPECTED_FORMAT, 'case': id_, 'answer': answer, 'tolerance': tolerance.for_case(id_, answer, variants)}
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
    from nnspec.generate_cases import in_checkout
    in_checkout('trask_json')
    nets = networks.quick_listings()
    if '--quick' not in sys.argv:
        nets.update(networks.all_listings())
    globs = [a for a in sys.argv[1:] if not a.startswith('--')]
    if globs:
        keep = set(cases.match(globs[0], 'json'))
        nets = {k: v for k, v in nets.items() if k in keep}
    write(nets)
