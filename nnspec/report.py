"""the reproduction report: every documented number, what the reference prints today, a verdict.

three formats: text for a terminal (headed columns, causes wrapped to its width), markdown for a CI
summary (the stack, the counts with a total, the findings or every entry), json for tools
(`nnspec-report/1`, spec/schema/report.schema.json).
"""
import json
import shutil
import textwrap
from collections import Counter, OrderedDict

from nnspec import kernels, spec, stack
from nnspec.measure import checked

STATUSES = ['reproduced', 'off', 'unreadable', 'holds', 'fails']
FORMAT = 'nnspec-report/1'


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
                ('section', e['source'].get('section', '')),
            ]))
    return out


def _expectation(directory):  # it reads measured_on only: an entry added without a verdict is no matter here
    return kernels.Expectation(spec.documents(directory, unmeasured=True), kernels.directory(directory))


def kernel_line(directory=None):
    return _expectation(directory).describe()


def advice(directory=None):
    return _expectation(directory).advice()


def shown(r, show):
    """is row r in the report for `show` ('all', or 'findings': what is off, lost, failing, changed or not comparable)?"""
    return show == 'all' or r['now']['status'] not in ('reproduced', 'holds') or r['changed'] or not r['comparable']


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


def _width():
    return max(80, min(160, shutil.get_terminal_size((120, 24)).columns))


def _counts(count):
    return ', '.join('%d %s' % (count[s], s) for s in STATUSES if count[s])


def text(rows_, show='all', kernel='', advice=None):
    width = _width()
    lines = ['nnspec reproduction report', 'stack: ' + ', '.join('%s %s' % (k, v) for k, v in stack.describe().items()
                                                               if k != 'arithmetic')]
    lines += ['verdicts of ' + kernel] if kernel else []
    lines.append('')
    grand = Counter()
    for name, count in totals(rows_).items():
        grand.update(count)
        lines.append('%-22s %4d entries: %s' % (name, sum(count.values()), _counts(count)))
    lines.append('%-22s %4d entries: %s' % ('all', sum(grand.values()), _counts(grand)))
    changed = [r for r in rows_ if r['changed']]
    lines.append('verdicts changed since recorded: %d' % len(changed))
    apart = [r for r in rows_ if not r['comparable']]
    if apart:
        lines.append('not comparable on this kernel (they move with the kernel, and it is not recorded): %d' % len(apart))
    lines.append('')
    lines.append('%-62s %-18s %-18s %s' % ('id', 'documented', 'prints now', 'verdict'))
    lines.append('-' * min(width, 120))
    last_cause, last_section = None, None
    wrap = lambda head, body: textwrap.wrap(body, width, initial_indent=head, subsequent_indent=' ' * 8)
    for r in rows_:
        if not shown(r, show):
            continue
        section = (r['file'], r['section'])
        if section != last_section:
            lines.append('%s, %s' % section if r['section'] else r['file'])
            last_section = section
        measured = r['now'].get('measured', '')
        mark = ('  CHANGED (recorded: %s)' % r['recorded']['status'] if r['changed'] else
                '' if r['comparable'] else '  (not comparable on this kernel)')
        lines.append('%-62s %-18s %-18s %s%s' % (r['id'], r['documented'] if r['documented'] is not None else '(lost)',
                                                 measured if r['printer'] != 'claim' else '', _cell(r), mark))
        if r['printer'] == 'claim':
            lines += wrap('    measured: ', measured)
        if r['author_2015'] and r['now']['status'] == 'off':
            a = r['author_2015']
            lines.append('    author-2015: %s %s' % (a['measured'], a['status'] if a['status'] != 'off' else
                                                    'off: %d digits' % a['digits']))
        if r['cause'] and r['now']['status'] not in ('reproduced', 'holds'):
            lines += wrap('    cause: ', r['cause'] if r['cause'] != last_cause else '(as above)')
            last_cause = r['cause']
    if advice:
        lines += ['', advice]
    return '\n'.join(lines)


def as_json(rows_, kernel=''):
    return json.dumps({'format': FORMAT, 'stack': stack.describe(), 'kernel': kernel, 'totals': totals(rows_),
                       'entries': rows_}, indent=1)


def _md(text_):
    """a table cell: no pipe or newline of the text breaks the row."""
    return str(text_).replace('|', '\\|').replace('\n', ' ')


def markdown(rows_, show='all', kernel=''):
    lines = ['**stack**: %s' % _md(', '.join('%s %s' % (k, v) for k, v in stack.describe().items() if k != 'arithmetic'))]
    lines += ['', '**verdicts of** %s' % _md(kernel)] if kernel else []
    lines += ['', '| document | entries | reproduced | off | off here, as documented under author-2015 | unreadable | claims hold | claims fail |',
              '|---|---|---|---|---|---|---|---|']
    grand = Counter()
    for name, c in list(totals(rows_).items()) + [('**all**', None)]:
        picked = [r for r in rows_ if c is None or r['file'] == name]
        c = c if c is not None else grand
        author = sum(1 for r in picked if r['now']['status'] == 'off' and (r['author_2015'] or {}).get('status') == 'reproduced')
        lines.append('| %s | %d | %d | %d | %d | %d | %d | %d |' % (name, sum(c.values()), c['reproduced'], c['off'], author,
                                                                 c['unreadable'], c['holds'], c['fails']))
        if name != '**all**':
            grand.update(c)
    changed = sum(1 for r in rows_ if r['changed'])
    apart = sum(1 for r in rows_ if not r['comparable'])
    lines += ['', 'verdicts changed since recorded: %d%s' % (changed, '; not comparable on this kernel: %d' % apart if apart else '')]
    lines += ['', '| id | documented | prints now | verdict | cause |', '|---|---|---|---|---|']
    for r in rows_:
        if shown(r, show):
            measured = r['now'].get('measured', '') if r['printer'] != 'claim' else ''
            verdict = _cell(r) + (' (changed)' if r['changed'] else '' if r['comparable'] else ' (not comparable here)')
            lines.append('| %s | %s | %s | %s | %s |' % (_md(r['id']), _md(r['documented'] if r['documented'] is not None
                                                                        else '(lost)'), _md(measured), _md(verdict),
                                                          _md(r['cause'] if r['now']['status'] not in ('reproduced', 'holds') else '')))
    return '\n'.join(lines)
