"""the ports as the site shows them: `nnspec check --format json` reports read, checked, and laid out as a matrix.

a report file that is not json, not a check report (another protocol, another tool's file) or breaks the
report's schema is BadReport, naming the file: the site is then not written at all. a port is named by its
report's file name (its parent folder's too where two share one).
"""
import re
from collections import Counter, OrderedDict
from pathlib import Path

from nnspec import spec
from nnspec.web import curve, model

PROTOCOL = 'nnspec-check-report/4'
SCHEMA = spec.SUITE / 'schema' / 'check-report.schema.json'
# verdict: (css class, symbol, what it means); the symbol and the word carry it, the colour only helps
VERDICTS = OrderedDict([
    ('conformant', ('v-pass', '\u2713', 'every judged number within the tolerance')),
    ('not conformant', ('v-fail', '\u2717', 'a number off, missing or unverifiable')),
    ('port broken', ('v-broken', '!', 'the port could not be run, or broke the protocol')),
    ('unsupported', ('v-unsupported', '\u2013', 'the port says it does not implement the case')),
    ('suite broken', ('v-suite', '?', "nnspec's own case data was broken: no verdict on the port")),
])
NOT_RUN = ('v-none', '\u00b7', 'not in this port\'s report')
_AT = re.compile(r'^(\w+)@(\d+)$')


class BadReport(Exception):
    """a --ports file that is not a readable nnspec check report."""


def _load(path):
    path = Path(path)
    try:
        doc = spec.load_json(path)
    except spec.SpecError as e:
        raise BadReport('%s: not a report of nnspec check --format json: %s' % (path, str(e).split(': ', 1)[-1]))
    said = doc.get('protocol') if isinstance(doc, dict) else None
    if said != PROTOCOL:
        raise BadReport('%s: not a report of nnspec check --format json (protocol %s; this nnspec reads %s)'
                        % (path, repr(said) if said is not None else 'missing', PROTOCOL))
    try:
        return spec.validate(path, doc, SCHEMA)
    except spec.SpecError as e:
        raise BadReport(str(e))


def report_names(paths):
    """a name per report: its file's stem, or parent/stem where two stems are the same; one file twice is an error."""
    resolved = [Path(p).resolve() for p in paths]
    for p in set(resolved):
        if resolved.count(p) > 1:
            raise BadReport('%s: named twice' % p)
    stems = Counter(Path(p).stem for p in paths)
    names = [Path(p).stem if stems[Path(p).stem] == 1 else '%s/%s' % (Path(p).parent.name, Path(p).stem) for p in paths]
    slugs = Counter(model.slug(n) for n in names)
    clash = [n for n in names if slugs[model.slug(n)] > 1]
    if clash:
        raise BadReport('reports %s: their names make the same page name; rename one' % ', '.join(map(repr, clash)))
    return names


def case_key(mode, case):
    return '%s/%s' % (mode, case)


def case_page(mode, case):
    return 'cases/%s.html' % model.slug(case_key(mode, case))


def load(paths, names=None):
    """[port]: its name, page, summary, expectations and cases (each with its verdict class and curves), in order given."""
    names = names or report_names(paths)
    out = []
    for path, name in zip(paths, names):
        doc = _load(path)
        cases = []
        for c in doc['cases']:
            css, symbol, _ = VERDICTS[c['status']]
            cases.append(dict(c, key=case_key(c['mode'], c['case']), css=css, symbol=symbol,
                              anchor=model.slug(case_key(c['mode'], c['case'])), page=case_page(c['mode'], c['case']),
                              wrong=[r for r in c['rows'] if not r['ok']][:6],
                              curves=curves(c) if c['status'] == 'not conformant' else []))
        out.append({'name': name, 'slug': model.slug(name), 'page': 'ports/%s.html' % model.slug(name),
                    'source': Path(path).name, 'summary': doc['summary'], 'expectations': doc['expectations'],
                    'cases': cases, 'by_key': {c['key']: c for c in cases},
                    'counts': Counter(c['status'] for c in cases)})
    return out


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def curves(c):
    """[(quantity, plot)]: each quantity the case checks at iterations (error@100, loss@5), the port's against the
    reference's, the first row not ok marked; a quantity with fewer than two numbers on both sides has none."""
    series = OrderedDict()
    for r in c['rows']:
        m = _AT.match(r['where'])
        if m:
            series.setdefault(m.group(1), []).append((int(m.group(2)), _number(r['expected']), _number(r['got']), r))
    out = []
    first = c['first']
    for name, points in series.items():
        points = [p for p in points if p[1] is not None]
        if sum(p[2] is not None for p in points) < 2:
            continue
        mark = next((p[0] for p in points if first is not None and p[3]['where'] == first['where']), None)
        out.append((name, curve.plot(name, [(i, e) for i, e, _, _ in points],
                                    [(i, g) for i, _, g, _ in points if g is not None], mark)))
    return out


def matrix(ports):
    """(columns, rows): the cases any report ran, in the suite's order (json mode first), and per port a cell per column."""
    order = {}
    for mode in ('json', 'transcript'):
        for k, i in enumerate(_suite_ids(mode)):
            order[case_key(mode, i)] = (mode != 'json', k)
    seen = OrderedDict()
    for p in ports:
        for c in p['cases']:
            seen.setdefault(c['key'], {'key': c['key'], 'case': c['case'], 'mode': c['mode'], 'page': c['page'],
                                       'anchor': c['anchor']})
    columns = sorted(seen.values(), key=lambda col: order.get(col['key'], (2, col['key'])))
    rows = [{'port': p, 'cells': [p['by_key'].get(col['key']) for col in columns]} for p in ports]
    return columns, rows


def _suite_ids(mode):
    from nnspec.conformance import cases
    return cases.ids(mode)


def passing(ports, key):
    """{status: [port names]} for one case."""
    out = OrderedDict((s, []) for s in VERDICTS)
    for p in ports:
        c = p['by_key'].get(key)
        if c is not None:
            out[c['status']].append(p)
    return out
