"""write spec/cases/transcript from the reference: what each listing prints, number by number.

a transcript case lists the value numbers in printed order (quantity, index,
printer, the spec entry documenting it, the reference's full-precision value,
its tolerance) and the label patterns whose numbers are not values.
    python3 -m nnspec.conformance.transcripts
"""
import json

import numpy as np

from nnspec import listings, runs, spec
from nnspec.conformance import cases, tolerance, transcript


def _printed(listing):
    """[(quantity, answer name, json case (a sweep's alpha, else the case id), checkpoint)] in printed order."""
    out = []
    for alpha in listing.alphas if listing.sweep else [None]:
        prefix, where = ('alpha-%s/' % listings.label(alpha), alpha) if listing.sweep else ('', listing.case)
        for what in listing.printed:
            if what == 'output':
                out.append((prefix + listing.output, 'output', where, None))
            elif what == 'errors':
                out += [(prefix + 'error@%d' % j, 'error', where, k) for k, j in enumerate(listing.checkpoints)]
            else:
                out += [(prefix + q, q, where, None) for q in listing.final]
    return out


# id: (run, printer, labels, [(quantity, answer name, json case (alpha or id), checkpoint)])
LISTINGS = {l.case: (l.run, l.printer, list(l.labels), _printed(l)) for l in listings.TRANSCRIPTS}


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
