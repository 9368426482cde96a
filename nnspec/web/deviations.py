"""the known deviations grouped by cause: one function for the html report and the findings' table.

groups() takes the pages' entries (nnspec.web.model.entries): measured now for the report, or, for the
docs, the verdicts recorded in spec/values (recorded()). markdown() is the findings' table
(docs/findings.md, held to it by tests/test_docs.py); `python -m nnspec.web.deviations` prints it.
"""
from collections import Counter, OrderedDict

from nnspec import spec
from nnspec.web import model

NO_CAUSE = '(no cause recorded)'
LONG = 240  # characters of a cause the table carries whole; a longer one by its first sentence


def _runs(es):
    """OrderedDict {the ids' common part, the quantity dropped: count}: where the group's entries are."""
    out = OrderedDict()
    for e in es:
        where = e['id'].rsplit('/', 1)[0]
        out[where] = out.get(where, 0) + 1
    return out


def _span(numbers):
    numbers = sorted(set(n for n in numbers if n is not None))
    return '' if not numbers else '%d' % numbers[0] if len(numbers) == 1 else '%d-%d' % (numbers[0], numbers[-1])


def _author(es):
    """what author-2015 prints for the group's entries: 'all 19 as documented', '10-11 digits (5)', or ''."""
    got = [e['author_2015'] for e in es if e.get('author_2015')]
    if not got:
        return ''
    same = sum(a['status'] == 'reproduced' for a in got)
    if same == len(got):
        return '%s as documented' % ('all %d' % len(got) if len(got) > 1 else 'it')
    off = [a for a in got if a['status'] != 'reproduced']
    span = _span(a.get('digits') for a in off)
    return '%s%d off, %s %s' % ('%d as documented, ' % same if same else '', len(off), span,
                               'digit agrees' if span == '1' else 'digits agree')


def groups(entries):
    """the entries not reproduced (and the claims that fail), grouped by cause: the largest group first, ties in
    file order. each: cause, its first sentence and the rest, entries, kinds, posts, runs, a first documented and
    measured text, the digits' span and what author-2015 prints."""
    by = OrderedDict()
    for e in entries:
        if e['status'] not in ('reproduced', 'holds'):
            by.setdefault(e['cause'] or NO_CAUSE, []).append(e)
    out = []
    for cause, es in by.items():
        short, detail = model.plain(cause)
        told = cause if len(cause) <= LONG else short  # the table's words: the whole cause, or its first sentence
        first = next((e for e in es if e['documented'] is not None or e['claim']), es[0])
        out.append({'cause': cause, 'short': short, 'detail': detail, 'told': told, 'entries': es,
                    'kinds': Counter(e['kind'] for e in es), 'posts': list(OrderedDict.fromkeys(e['post'] for e in es)),
                    'runs': _runs(es), 'documented': first['claim'] or first['documented'], 'measured': first['measured'],
                    'more': len(es) > 1, 'digits': _span(e['digits'] for e in es if e['status'] == 'off'),
                    'author': _author(es)})
    return sorted(out, key=lambda g: -len(g['entries']))


def recorded():
    """the pages' entries with the verdicts recorded in spec/values, not measured: what the docs state."""
    rows = []
    for name, e in spec.entries():
        v = e['verdict']
        rows.append({'file': name, 'id': e['id'], 'section': e['source'].get('section', ''),
                     'printer': e.get('printer', 'claim'), 'recorded': v, 'now': v, 'changed': False,
                     'comparable': True, 'cause': e.get('cause', ''), 'author_2015': e.get('author_2015')})
    return model.entries(rows)


def _cell(text):
    return str(text).replace('|', '\\|').replace('\n', ' ')


def _code(text, more):
    return '' if not text else '`%s`%s' % (text.replace('`', "'"), ' ...' if more else '')


def markdown(groups_):
    """the findings' table: one row per cause."""
    head = ['| where | entries | documented | prints | digits | author-2015 prints | cause |', '|---|---|---|---|---|---|---|']
    lines = []
    for g in groups_:
        where = '`%s`' % g['entries'][0]['id'] if len(g['entries']) == 1 else ', '.join('`%s`%s' % (w, ' (%d)' % n if len(g['runs']) > 1 else '') for w, n in g['runs'].items())
        kinds = ', '.join('%d %s' % (n, model.KINDS[k][0]) for k, n in sorted(g['kinds'].items()))
        claim = g['entries'][0]['claim'] is not None
        lines.append('| %s |' % ' | '.join(_cell(c) for c in (
            where, kinds, g['documented'] if claim else _code(g['documented'], g['more']),
            g['measured'] if claim else _code(g['measured'], g['more']), g['digits'], g['author'], g['told'])))
    return '\n'.join(head + lines)


if __name__ == '__main__':
    print(markdown(groups(recorded())))
