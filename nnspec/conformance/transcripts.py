"""write spec/cases/transcript from the reference: what each listing prints, number by number.

a transcript case lists the value numbers in printed order (quantity, index,
printer, the spec entry documenting it, the reference's full-precision value,
its tolerance) and the label patterns whose numbers are not values.
    python3 -m nnspec.conformance.transcripts
"""
import json

import numpy as np

from nnspec import runs, spec
from nnspec.conformance import cases, listings, tolerance, transcript

ALPHA = r'Training\s+With\s+Alpha\s*:?\s*[-+]?[\d.]+(?:e[-+]?\d+)?'
ERROR_AFTER = r'Error\s+after\s+[\d,_]+\s+iterations?'
SYNAPSE = r'Synapse\s+\d+'
SWEEP = [('alpha-%g/error@%d' % (a, j), 'error', a, k) for a in listings.ALPHAS for k, j in enumerate(range(0, 60000, 10000))]


def _closer_look():
    out = []
    for a in listings.ALPHAS:
        out += [('alpha-%g/error@%d' % (a, j), 'error', a, k) for k, j in enumerate(range(0, 60000, 10000))]
        out += [('alpha-%g/%s' % (a, q), q, a, None) for q in
                ('synapse_0', 'synapse_0_direction_count', 'synapse_1', 'synapse_1_direction_count')]
    return out


# id: (run, printer, labels, [(quantity, answer name, json case (alpha or id), checkpoint)])
LISTINGS = {
    'trask-part1/two-layer': ('trask_part1_two_layer', 'numpy-1.13-array', [], [('l1', 'output', 'trask-part1/two-layer', None)]),
    'trask-part1/three-layer': ('trask_part1_three_layer', 'py2-str', [],
                                [('error@%d' % j, 'error', 'trask-part1/three-layer', k) for k, j in enumerate(range(0, 60000, 10000))]),
    'trask-part2/two-layer': ('trask_part2_two_layer', 'numpy-1.13-array', [], [('layer_1', 'output', 'trask-part2/two-layer', None)]),
    'trask-part2/alpha-sweep': ('trask_part2_alpha_sweep', 'py2-str', [ALPHA, ERROR_AFTER], SWEEP),
    'trask-part2/hidden-size': ('trask_part2_hidden_size', 'py2-str', [ALPHA, ERROR_AFTER], SWEEP),
    'trask-part2/closer-look': ('trask_part2_closer_look', 'numpy-1.13-array', [ALPHA, SYNAPSE], _closer_look()),
}


def _entries():
    """(run, quantity, index) -> the first spec entry documenting it."""
    out = {}
    for _, e in spec.entries():
        if e.get('run'):
            out.setdefault((e['run'], e['quantity'], tuple(e.get('index') or ())), e)
    return out


def _tolerance(case_id, name, checkpoint):
    """(the quantity's tolerance, its honest spread when chaotic or None), from the json case's expected file."""
    _, expected = cases.load(case_id, 'json')
    tol = expected['tolerance']
    if name == 'error':
        chaos = tol['spread']['error'][checkpoint] if tolerance.chaotic_error(tol, checkpoint) else None
        return tolerance.for_checkpoint(tol, checkpoint), chaos
    return tol['final'][name], tol['spread']['final'][name] if tolerance.chaotic_final(tol, name) else None


def json_case(id_, where):
    """the json case a transcript quantity comes from: its id, or the sweep's alpha."""
    return where if isinstance(where, str) else 'trask-part2/%s/alpha-%g' % (id_.split('/')[1], where)


def document(id_):
    run, printer, labels, quantities = LISTINGS[id_]
    ref, entries, values = runs.run(run), _entries(), []
    for quantity, name, where, checkpoint in quantities:
        case_id = json_case(id_, where)
        tol, chaos = _tolerance(case_id, name, checkpoint)
        a = np.asarray(ref[quantity], dtype=float)
        for index in (np.ndindex(a.shape) if a.shape else [()]):
            e = entries.get((run, quantity, index))
            values.append({'quantity': quantity, 'index': list(index) or None,
                           'printer': 'py2-str' if name == 'error' else printer,
                           'entry': e['id'] if e else None, 'want': float(a[index]), 'rtol': tol['rtol'], 'atol': tol['atol']})
            if chaos is not None:
                values[-1]['chaotic'] = chaos
            if name != 'error':
                values[-1].update(transcript.in_context(printer, a, list(index), float(a[index])))
    return {'protocol': 'nnspec-transcript/2', 'id': id_, 'run': run, 'labels': labels, 'values': values}


def write():
    for id_ in LISTINGS:
        path = cases.case_path(id_, 'transcript')
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = document(id_)
        head = {k: v for k, v in doc.items() if k != 'values'}
        text = json.dumps(head, indent=1)[:-2] + ',\n "values": [\n' + ',\n'.join(
            '  ' + json.dumps(v) for v in doc['values']) + '\n ]\n}\n'
        path.write_text(text, encoding='utf-8')
        print('wrote', id_, len(doc['values']), 'values')


if __name__ == '__main__':
    write()
