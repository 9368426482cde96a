"""the check's reports: human text, json, markdown."""
import json

from nnspec.conformance.outcome import STATUS

SHOW = 5  # wrong rows listed after the first


def _row_text(r):
    s = '%s: expected %s, got %s' % (r['where'], r['expected'], r['got'])
    if r.get('why'):
        s += ', ' + r['why']
    if r.get('digits') is not None and r.get('distance') is not None:
        s += ', %d digits agree' % r['digits']
    if r.get('line'):
        s += ' (stdout line %d)' % r['line']
    return s


def headline(o):
    if o['problem']:
        return '%s (%s): %s: %s' % (o['case'], o['mode'], o['status'], o['problem'])
    if o['code'] == 0:
        exact = sum(r.get('documented_verdict') == 'exact' for r in o['rows'])
        documented = sum(r.get('documented') is not None for r in o['rows'])
        doc = ', %d of %d documented numbers printed exactly as documented' % (exact, documented) if documented else ''
        return '%s (%s): conformant: %d numbers within tolerance%s' % (o['case'], o['mode'], o['checked'], doc)
    return '%s (%s): NOT CONFORMANT: %d of %d numbers off' % (o['case'], o['mode'], o['failed'], o['checked'])


def text(outcomes):
    lines = []
    for o in outcomes:
        lines.append(headline(o))
        if o.get('stderr'):
            lines += ['  stderr: ' + s for s in o['stderr'].splitlines()]
        first = o['first']
        if o['setup'] and first:
            lines.append('  setup problem: every one of the %d numbers is off, from the first (%s).' % (o['checked'], _row_text(first)))
            lines.append('  the port is probably not running this case: check the data, the initial weights (seed, draw order), the case id')
        elif first:
            lines.append('  first diverged at ' + _row_text(first))
            more = [r for r in o['rows'] if not r['ok']][1:SHOW + 1]
            lines += ['  then ' + _row_text(r) for r in more]
            if o['failed'] > SHOW + 1:
                lines.append('  ... and %d more' % (o['failed'] - SHOW - 1))
        lines += ['  ' + n for n in o['notes']]
        if o['port_seconds'] is not None:
            lines.append('  port %.2fs, nnspec %.2fs' % (o['port_seconds'], (o['seconds'] or 0) - o['port_seconds']))
    lines.append(summary(outcomes))
    return '\n'.join(lines)


def summary(outcomes):
    counts = {}
    for o in outcomes:
        counts[o['status']] = counts.get(o['status'], 0) + 1
    return '%d cases: %s' % (len(outcomes), ', '.join('%d %s' % (counts[s], s) for s in STATUS.values() if s in counts))


def as_json(outcomes):
    return json.dumps({'protocol': 'nnspec-check-report/1', 'summary': summary(outcomes), 'cases': outcomes}, indent=1)


def markdown(outcomes):
    lines = ['| case | mode | verdict | numbers | first divergence |', '| --- | --- | --- | --- | --- |']
    for o in outcomes:
        first = o['problem'] or (_row_text(o['first']) if o['first'] else '; '.join(o['notes'][:1]) if o['code'] else '')
        if o['setup']:
            first = 'setup problem: ' + first
        lines.append('| `%s` | %s | %s | %d/%d ok | %s |' % (o['case'], o['mode'], o['status'], o['checked'] - o['failed'],
                                                          o['checked'], first.replace('|', '\\|')))
    lines += ['', summary(outcomes)]
    return '\n'.join(lines)


FORMATS = {'text': text, 'json': as_json, 'markdown': markdown}
