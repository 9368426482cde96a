"""write spec/cases/transcript from the reference: what each listing prints, number by number.

a transcript case lists the value numbers in printed order (quantity, index,
printer, the spec entry documenting it, the reference's full-precision value,
its tolerance) and the label patterns whose numbers are not values.
    python3 -m nnspec.generate_cases.transcripts
"""
import json

import numpy as np

from nnspec import runs, spec
from nnspec.conformance import cases, tolerance
from nnspec.conformance.transcript_mode import compare
from nnspec.conformance.transcript_mode.printed import LISTINGS, json_case


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
                values[-1].update(compare.in_context(printer, a, list(index), float(a[index])))
    return {'protocol': cases.TRANSCRIPT_FORMAT, 'id': id_, 'run': run, 'labels': labels, 'values': values}


def text(doc):
    """a transcript case as diffable json: its head, then one value a line."""
    head = {k: v for k, v in doc.items() if k != 'values'}
    return json.dumps(head, indent=1)[:-2] + ',\n "values": [\n' + ',\n'.join(
        '  ' + json.dumps(v) for v in doc['values']) + '\n ]\n}\n'


def write_document(doc):
    path = cases.case_path(doc['id'], 'transcript')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(doc), encoding='utf-8')
    print('wrote transcript', doc['id'], len(doc['values']), 'values')


def write():
    for id_ in LISTINGS:
        write_document(document(id_))


if __name__ == '__main__':
    from nnspec.generate_cases import in_checkout
    in_checkout('transcripts')
    write()
