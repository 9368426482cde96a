"""the stacks matrix as a page: docs/matrix.json (the verdict of each entry on every stack) laid out by verdict.

the suite carries it as matrix.json (spec/matrix.json links to docs/matrix.json, the one file
`python -m nnspec.evidence.matrix` writes), so an installed nnspec has it too. a cell is coloured by its
verdict on that stack (reproduced or off), never by its digits; the digits are its text. values printed
as documented on every stack are counted per run, not listed.
"""
from collections import Counter, OrderedDict

from nnspec import spec

MATRIX = spec.SUITE / 'matrix.json'


def document():
    """the matrix as written (docs/matrix.json), or None when this nnspec carries none."""
    return spec.load_json(MATRIX) if MATRIX.is_file() else None


def load():
    """(the page's data, None), or (None, why there is none)."""
    doc = document()
    if doc is None:
        return None, '%s not found' % MATRIX
    return table(doc), None


def table(doc):
    stacks = [s for s in doc['stacks'] if 'error' not in s]
    names = [s['name'] for s in stacks]
    everywhere, lost, rows = Counter(), 0, []
    for e in doc['entries']:
        measured = e.get('measured') or {}
        if e.get('documented') is None or not measured:
            lost += 1
            continue
        same = [measured.get(n) == e['documented'] for n in names]
        if all(same):
            everywhere[e['run']] += 1
            continue
        rows.append({'id': e['id'], 'documented': e['documented'], 'sensitivity': e.get('sensitivity'),
                     'cells': [{'kind': 'reproduced' if ok else ('off' if n in measured else 'none'),
                                'digits': (e.get('digits') or {}).get(n), 'text': measured.get(n)}
                               for n, ok in zip(names, same)],
                     'somewhere': sum(same)})
    claims = [{'id': c['id'], 'status': Counter(c['status'].values())} for c in doc.get('claims', [])]
    return {'stacks': [dict(s, label='S%d' % (k + 1)) for k, s in enumerate(stacks)],
            'skipped': [s for s in doc['stacks'] if 'error' in s],
            'rows': rows, 'everywhere': OrderedDict(sorted(everywhere.items())), 'total': len(doc['entries']),
            'lost': lost, 'claims': claims, 'claims_differ': [c for c in claims if len(c['status']) > 1]}
