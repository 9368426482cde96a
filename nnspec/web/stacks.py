"""the stacks matrix as a page: docs/matrix.json (a checkout's; an installed nnspec has none) laid out by verdict.

a cell is coloured by its verdict on that stack (reproduced or off), never by its digits; the digits are
its text. values printed as documented on every stack are counted per run, not listed.
"""
from collections import Counter, OrderedDict

from nnspec import spec

MATRIX = 'docs/matrix.json'


def load():
    """(the page's data, None) from the checkout's docs/matrix.json, or (None, why there is none)."""
    if spec.CHECKOUT is None:
        return None, 'an installed nnspec carries no stacks matrix (%s is in the repository)' % MATRIX
    path = spec.CHECKOUT / MATRIX
    if not path.is_file():
        return None, '%s not found in the checkout' % MATRIX
    return table(spec.load_json(path)), None


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
