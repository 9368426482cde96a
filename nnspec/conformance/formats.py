"""the check's reports: human text, json, markdown, junit xml.

a port's text in them (its stderr, its unsupported reason) is shown, never
obeyed: every writer escapes control characters and lone surrogates (shown.py),
markdown its table syntax, junit whatever is not ascii (as character references);
json is strict (a non-finite number is the string "NaN", "Infinity" or "-Infinity").
"""
import collections
import json
import xml.etree.ElementTree as ET

from nnspec.conformance.outcome import STATUS, UNSUPPORTED
from nnspec.conformance.shown import data, printable
from nnspec.exit_codes import NOT_CONFORMANT, PORT_BROKEN, SUITE_BROKEN

SHOW = 5  # wrong rows listed after the first
# a check on generated cases (--seed): the seed and the cases per tutorial, which draw them again
Generated = collections.namedtuple('Generated', 'seed count')


def _generated_line(generated):
    return ('generated cases: seed %d, %d per tutorial (nnspec check --mode json --seed %d --generated %d draws the same '
            'cases)' % (generated.seed, generated.count, generated.seed, generated.count))


def _row_text(r):
    s = '%s: expected %s, got %s' % (r.where, r.expected, r.got)
    if r.why:
        s += ', ' + r.why
    if r.digits is not None and r.distance is not None:
        s += ', %s' % ('exact' if r.digits >= 17 else '%d digits agree' % r.digits)
    if r.line:
        s += ' (stdout line %d)' % r.line
    return s


def _documented(o):
    """'; documented text: ...' for a transcript: how many byte-exact, and why the rest are not."""
    rows = [r for r in o.rows if r.documented is not None]
    if not rows:
        return ''
    kinds = [('byte-exact', lambda r: r.documented_verdict == 'exact'),
             ('in another format, agreeing at the documented precision',
              lambda r: r.documented_verdict.startswith(('within', "the listing's format"))),
             ('differ as the reference does (spec verdict: off)', lambda r: 'as the reference does' in r.documented_verdict),
             ('differ in chaotic numbers', lambda r: r.chaotic)]
    parts, left = [], rows
    for word, test in kinds:
        n = sum(1 for r in left if test(r))
        left = [r for r in left if not test(r)]
        if n:
            parts.append('%d %s' % (n, word))
    return '; documented text (%d numbers): %s' % (len(rows), ', '.join(parts))


def _verified(o):
    s = '%d numbers verified' % o.checked
    if o.worst_digits is not None:
        s += ' (worst agreement %d digits%s)' % (o.worst_digits, ', all exact' if o.worst_digits >= 17 else '')
    if o.segments:
        s += ', %d restart segments among them' % o.segments
    if o.chaotic:
        s += '; %d chaotic numbers not judged' % o.chaotic
    return s


def _unverifiable(o):
    """why numbers are unverifiable: the port printed them too coarsely, or its printed initial weights cannot pin them."""
    if all(r.why.startswith('the initial weights') for r in o.rows if r.unverifiable):
        return 'the replay from the port\'s initial weights cannot pin them'
    return 'printed with too few digits'


def headline(o):
    if o.problem:
        return '%s (%s): %s: %s' % (o.case, o.mode, o.status, o.problem)
    if o.code == 0:
        return '%s (%s): conformant: %s%s' % (o.case, o.mode, _verified(o), _documented(o))
    if o.wrong_label and not o.failed and not o.unverifiable:
        return '%s (%s): NOT CONFORMANT: all %d judged numbers match, but %s' % (o.case, o.mode, o.checked,
                                                                              o.wrong_label)
    if o.extra_numbers and not o.failed and not o.unverifiable:
        return '%s (%s): NOT CONFORMANT: all %d listing numbers match; %d extra numbers from line %d' % (
            o.case, o.mode, o.checked, o.extra_numbers, o.extra_line)
    if o.unverifiable and not o.checked:
        return '%s (%s): NOT CONFORMANT: %d of %d numbers unverifiable (%s)' % (
            o.case, o.mode, o.unverifiable, o.unverifiable + o.chaotic, _unverifiable(o))
    s = '%s (%s): NOT CONFORMANT: %d of %d numbers off' % (o.case, o.mode, o.failed, o.checked)
    if o.unverifiable:
        s += ', %d unverifiable (%s)' % (o.unverifiable, _unverifiable(o))
    if o.missing_numbers:
        s += ', %d missing' % o.missing_numbers
    return s


def text(outcomes, expectations=None, generated=None):
    lines = []
    for o in outcomes:
        lines += details(o)
    lines.append(summary(outcomes))
    lines += [_generated_line(generated)] if generated else []
    lines += expectations.lines(outcomes) if expectations else []
    return printable('\n'.join(lines))


def details(o):
    """one case in text: its headline, the diagnosis, then what went wrong and where."""
    lines = [headline(o)]
    if o.stderr:
        lines += ['  stderr: ' + s for s in o.stderr.splitlines()]
    lines += ['  ' + d for d in o.diagnosis]
    first = o.first
    if first:
        lines.append('  first diverged at ' + _row_text(first))
        more = [] if o.setup else [r for r in o.rows if not r.ok][1:SHOW + 1]
        lines += ['  then ' + _row_text(r) for r in more]
        if o.failed + o.unverifiable > SHOW + 1 and more:
            lines.append('  ... and %d more' % (o.failed + o.unverifiable - SHOW - 1))
    lines += ['  ' + n for n in o.notes]
    if o.port_seconds is not None:
        lines.append('  port %.2fs, nnspec %.2fs' % (o.port_seconds, (o.seconds or 0) - o.port_seconds))
    return lines


def summary(outcomes):
    counts = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    return '%d cases: %s' % (len(outcomes), ', '.join('%d %s' % (counts[s], s) for s in STATUS.values() if s in counts))


PROTOCOL = 'nnspec-check-report/4'  # spec/schema/check-report.schema.json: every case object has every field


def as_json(outcomes, expectations=None, generated=None):
    return json.dumps(data({'protocol': PROTOCOL, 'summary': summary(outcomes),
                            'expectations': expectations.to_dict(outcomes) if expectations else None,
                            'generated': generated._asdict() if generated else None,
                            'cases': [o.to_dict() for o in outcomes]}), indent=1, allow_nan=False)


def _first(o):
    """the one line that says what is wrong with a case, or ''."""
    first = o.problem or (_row_text(o.first) if o.first else '; '.join(o.notes[:1]) if o.code else '')
    return o.diagnosis[0].split(':')[0] + ': ' + first if o.diagnosis else first


def _cell(s):
    """text in one markdown table cell: no '|' or newline ends it, no html tag opens in it."""
    return printable(s).replace('<', '&lt;').replace('|', '\\|').replace('\n', '<br>')


def markdown(outcomes, expectations=None, generated=None):
    lines = ['| case | mode | verdict | numbers | first divergence |', '| --- | --- | --- | --- | --- |']
    for o in outcomes:
        lines.append('| `%s` | %s | %s | %d/%d ok | %s |' % (_cell(o.case), _cell(o.mode), _cell(o.status),
                                                          o.checked - o.failed, o.checked, _cell(_first(o))))
    lines += ['', printable(summary(outcomes))]
    lines += ['', _generated_line(generated)] if generated else []
    if expectations:
        said = expectations.lines(outcomes)
        lines += ['', _cell(said[0])] + ['- ' + _cell(s.strip()) for s in said[1:]]
    return '\n'.join(lines)


def _xml_text(s):
    """what xml 1.0 can carry: every control character but newline and tab escaped (shown.py)."""
    return printable(s)


def _junit_kind(o, kinds):
    """(junit element, its message) of a case, or (None, None) when it passed; against expectations, a case that did
    what they expect is skipped (as pytest reports an xfail), one that changed is a failure."""
    e = o.expectation
    if e and not e.fails and o.code in kinds and kinds[o.code] != 'skipped':
        return 'skipped', 'expected %s%s' % (e.outcome, ': ' + e.reason if e.reason else '')
    if e and e.fails and kinds.get(o.code, 'skipped') == 'skipped':  # conformant (or unsupported) against the file
        return 'failure', 'expected %s, now %s' % (e.outcome, o.status)
    return kinds.get(o.code), _first(o)


def junit(outcomes, expectations=None, generated=None):
    """one testcase per case: failure (not conformant), error (broken), skipped (unsupported); generated cases' seed
    and count as the suite's properties (nnspec.seed, nnspec.generated)."""
    kinds = {NOT_CONFORMANT: 'failure', PORT_BROKEN: 'error', SUITE_BROKEN: 'error', UNSUPPORTED: 'skipped'}
    judged = [(o,) + _junit_kind(o, kinds) for o in outcomes]
    counted = {k: sum(kind == k for _, kind, _ in judged) for k in ('failure', 'error', 'skipped')}
    suite = ET.Element('testsuite', name='nnspec check', tests=str(len(outcomes)), failures=str(counted['failure']),
                       errors=str(counted['error']), skipped=str(counted['skipped']),
                       time='%.3f' % sum(o.seconds or 0 for o in outcomes))
    if generated:
        properties = ET.SubElement(suite, 'properties')
        ET.SubElement(properties, 'property', name='nnspec.seed', value=str(generated.seed))
        ET.SubElement(properties, 'property', name='nnspec.generated', value=str(generated.count))
    for o, kind, message in judged:
        case = ET.SubElement(suite, 'testcase', classname=_xml_text('nnspec.%s' % o.mode), name=_xml_text(o.case),
                             time='%.3f' % (o.seconds or 0))
        if kind:
            problem = ET.SubElement(case, kind, message=_xml_text(message), type=_xml_text(o.status))
            problem.text = _xml_text('\n'.join(details(o)))
    xml = ET.tostring(suite, encoding='unicode', xml_declaration=True)
    return xml.encode('ascii', 'xmlcharrefreplace').decode('ascii')  # the same file whatever the locale's encoding


FORMATS = {'text': text, 'json': as_json, 'markdown': markdown, 'junit': junit}
