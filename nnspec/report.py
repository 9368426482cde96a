"""the reproduction report: every documented number, what the reference prints today, a verdict."""
import json
from collections import Counter, OrderedDict

from nnspec import kernels, spec, stack
from nnspec.measure import checked

STATUSES = ['reproduced', 'off', 'unreadable', 'holds', 'fails']


def rows(directory=None):
    """one row per entry: the verdict this kernel is held to (None: not comparable here) beside the one measured now."""
    out = []
    found = spec.documents(directory)
    expect = kernels.Expectation(found, kernels.directory(directory))
    for name, doc in found.items():
        for e in doc['entries']:
            now, held = checked(name, e), expect.verdict(e)
            out.append(OrderedDict([
                ('file', name), ('id', e['id']), ('documented', e.get('documented') if not e.get('claim') else e['description']),
                ('printer', e.get('printer', 'claim')), ('recorded', held), ('now', now),
                ('changed', expect.differs(e, now)), ('comparable', held is not None),
                ('cause', e.get('cause', '')), ('author_2015', e.get('author_2015')),
            ]))
    return out


def kernel_line(directory=None):
    return kernels.Expectation(spec.documents(directory), kernels.directory(directory)).describe()


def totals(rows_):
    per_file = OrderedDict()
    for r in rows_:
        per_file.setdefault(r['file'], Counter())[r['now']['status']] += 1
    return per_file


def _cell(r):
    now = r['now']
    if now['status'] in ('reproduced', 'unreadable'):
        return now['status']
    if now['status'] == 'off':
        return 'off: %d digits, distance %.3g' % (now['digits'], now['distance'])
    return now['status']


def text(rows_, show='all', kernel=''):
    lines = ['nnspec reproduction report', 'stack: ' + ', '.join('%s %s' % kv for kv in stack.describe().items())]
    lines += ['verdicts of ' + kernel] if kernel else []
    lines.append('')
    for name, count in totals(rows_).items():
        lines.append('%-22s %4d entries: %s' % (name, sum(count.values()),
                                                 ', '.join('%d %s' % (count[s], s) for s in STATUSES if count[s])))
    grand = Counter()
    for c in totals(rows_).values():
        grand.update(c)
    lines.append('%-22s %4d entries: %s' % ('all', sum(grand.values()), ', '.join('%d %s' % (grand[s], s) for s in STATUSES if grand[s])))
    changed = [r for r in rows_ if r['changed']]
    lines.append('verdicts changed since recorded: %d' % len(changed))
    apart = [r for r in rows_ if not r['comparable']]
    if apart:
        lines.append('not comparable on this kernel (they move with the kernel, and it is not recorded): %d' % len(apart))
    lines.append('')
    last_cause = None
    for r in rows_:
        if show == 'findings' and r['now']['status'] in ('reproduced', 'holds') and not r['changed'] and r['comparable']:
            continue
        measured = r['now'].get('measured', '')
        mark = ('  CHANGED (recorded: %s)' % r['recorded']['status'] if r['changed'] else
                '' if r['comparable'] else '  (not comparable on this kernel)')
        lines.append('%-62s %-18s %-18s %s%s' % (r['id'], r['documented'] if r['documented'] is not None else '(lost)',
                                                 measured if r['printer'] != 'claim' else '', _cell(r), mark))
        if r['printer'] == 'claim':
            lines.append('    measured: %s' % measured)
        if r['author_2015'] and r['now']['status'] == 'off':
            a = r['author_2015']
            lines.append('    author-2015: %s %s' % (a['measured'], a['status'] if a['status'] != 'off' else
                                                    'off: %d digits' % a['digits']))
        if r['cause'] and r['now']['status'] not in ('reproduced', 'holds'):
            lines.append('    cause: %s' % (r['cause'] if r['cause'] != last_cause else '(as above)'))
            last_cause = r['cause']
    return '\n'.join(lines)


def as_json(rows_, kernel=''):
    return json.dumps({'stack': stack.describe(), 'kernel': kernel, 'totals': totals(rows_), 'entries': rows_}, indent=1)


def markdown(rows_):
    lines = ['| document | entries | reproduced | off | off here, as documented under author-2015 | unreadable | claims hold | claims fail |',
             '|---|---|---|---|---|---|---|---|']
    for name, c in totals(rows_).items():
        author = sum(1 for r in rows_ if r['file'] == name and r['now']['status'] == 'off'
                     and (r['author_2015'] or {}).get('status') == 'reproduced')
        lines.append('| %s | %d | %d | %d | %d | %d | %d | %d |' % (name, sum(c.values()), c['reproduced'], c['off'], author,
                                                                 c['unreadable'], c['holds'], c['fails']))
    return '\n'.join(lines)
