"""the ports on the site (nnspec site --ports): the matrix, a page per port and per case, bad report files refused."""
import json
import re
import sys

import pytest

from nnspec import cli
from nnspec.conformance import cases
from nnspec.web import curve, model, ports, site
from tests.checking import PORTS, report_file

QUICK = ['quick/trask-part1/*', 'quick/trask-part2/alpha-sweep/alpha-10']


@pytest.fixture(scope='module')
def reports(tmp_path_factory):
    """two ports' reports: the example python port (conformant on three quick cases) and the gallery's sign flip
    on the two Part 1 cases (the three-layer case off from error@100; the two-layer case breaks it)."""
    d = tmp_path_factory.mktemp('reports')
    good = report_file(d / 'python.json', QUICK, [sys.executable, str(PORTS / 'examples' / 'python' / 'port.py')])
    flip = report_file(d / 'flip.json', QUICK[:1], [sys.executable, str(PORTS / 'gallery' / 'update_sign_flipped.py')])
    assert (good[0], flip[0]) == (0, 2)  # conformant; a broken case is the worst
    return [good[1], flip[1]]


@pytest.fixture(scope='module')
def entries():
    return model.entries()


@pytest.fixture(scope='module')
def built(entries, reports):
    return site.files(entries, publish=True, port_reports=reports)[0]


def _cells(page):
    """{port: {case key: (css class, status)}} of the matrix, read from its html."""
    out = {}
    for port, row in re.findall(r'<tr data-port="([^"]+)">(.*?)</tr>', page, re.S):
        out[port] = {case: (css, status) for css, case, status in
                     re.findall(r'<td class="cell (v-[\w-]+)" data-case="([^"]*)" data-status="([^"]+)"', row)}
    return out


def test_the_matrix_has_a_row_per_report_and_each_cell_its_verdicts_class(built):
    page = built['ports.html'].decode('utf-8')
    cells = _cells(page)
    assert list(cells) == ['python', 'flip']
    three, two, alpha = ('json/quick/trask-part1/three-layer', 'json/quick/trask-part1/two-layer',
                         'json/quick/trask-part2/alpha-sweep/alpha-10')
    assert cells['python'] == {three: ('v-pass', 'conformant'), two: ('v-pass', 'conformant'),
                               alpha: ('v-pass', 'conformant')}
    assert cells['flip'] == {three: ('v-fail', 'not conformant'), two: ('v-broken', 'port broken'),
                             '': ('v-none', 'not run')}
    heads = re.findall(r'<th scope="col" class="case-head"><a href="([^"]+)"', page)
    assert heads == [ports.case_page('json', k.split('/', 1)[1]) for k in (three, two, alpha)]
    assert all(h in built for h in heads)


def test_a_ports_page_has_its_cases_digits_diagnosis_and_the_failing_curve(built, reports):
    page = built['ports/flip.html'].decode('utf-8')
    report = json.loads(reports[1].read_text())
    off = next(c for c in report['cases'] if c['status'] == 'not conformant')
    assert off['first']['where'] == 'error@100'
    svg = re.findall(r'<svg .*?</svg>', page, re.S)
    assert len(svg) == 1 and 'first divergence: error@100' in svg[0]  # one failing case with an error curve
    assert page.count('<polyline') == 2
    broken = next(c for c in report['cases'] if c['status'] == 'port broken')
    assert broken['problem'] in page and 'the port exited with status 1' in page
    assert '<td>%d</td>' % off['worst_digits'] in page
    assert built['reports/flip.json'] == reports[1].read_bytes()  # the report as given, linked from its page
    assert 'href="../reports/flip.json"' in page


def test_the_curve_marks_the_first_divergence_where_it_is():
    g = curve.plot('error', [(0, .5), (100, .4), (200, .1)], [(0, .5), (100, .45), (200, .3)], 100)
    assert g['log'] and g['left'] < g['diverged'][0] < g['right']
    assert g['diverged'] == (round((g['left'] + g['right']) / 2, 1), 100)
    assert curve.plot('error', [(0, .5), (100, .4)], [(0, .5), (100, .4)], None)['diverged'] is None


def test_a_case_page_says_what_it_sends_checks_and_which_ports_pass_it(built):
    every = [(m, i) for m in ('json', 'transcript') for i in cases.ids(m)]
    assert sorted(k for k in built if k.startswith('cases/')) == sorted(ports.case_page(m, i) for m, i in every)
    page = built[ports.case_page('json', 'quick/trask-part1/three-layer')].decode('utf-8')
    assert 'What nnspec sends the port' in page and '<td class="num-cell">1e-10</td>' in page
    conformant = re.search(r'<li class="v-pass">.*?</li>', page, re.S).group(0)
    failing = re.search(r'<li class="v-fail">.*?</li>', page, re.S).group(0)
    assert '>python</a>' in conformant and '>flip</a>' in failing


def test_the_stacks_page_is_the_matrix_files(built):
    page = built['stacks.html'].decode('utf-8')
    doc = json.loads((site.spec.CHECKOUT / 'docs' / 'matrix.json').read_text())
    off_somewhere = [e for e in doc['entries'] if e['documented'] is not None
                     and any(t != e['documented'] for t in e['measured'].values())]
    assert page.count('<tr><th scope="row"><code>') == len(off_somewhere) == 40  # docs/matrix.md: 27 + 13


def test_the_same_inputs_give_the_same_bytes(entries, reports, built):
    assert site.files(entries, publish=True, port_reports=reports)[0] == built


@pytest.mark.parametrize('content, says', [
    (b'{"cases": [', 'not a report of nnspec check --format json: '),
    (b'{"protocol": "nnspec-report/1", "rows": []}', "protocol 'nnspec-report/1'; this nnspec reads nnspec-check-report/4"),
    (None, 'does not match check-report.schema.json'),
])
def test_a_bad_report_file_is_named_and_nothing_is_written(tmp_path, reports, capsys, content, says):
    bad = tmp_path / 'bad.json'
    if content is None:  # a report of the right protocol with a field gone
        doc = json.loads(reports[0].read_text())
        del doc['cases'][0]['worst_digits']
        content = json.dumps(doc).encode()
    bad.write_bytes(content)
    out = tmp_path / 'site'
    code = cli.main(['site', str(out), '--publish', '--ports', str(reports[0]), str(bad)])
    err = capsys.readouterr().err
    assert code == cli.USAGE and str(bad) in err and says in err, err
    assert not out.exists()


def test_a_rebuild_removes_the_pages_it_no_longer_writes_and_nothing_else(tmp_path, reports):
    out = tmp_path / 'site'
    site.write(out, publish=True, port_reports=reports)
    ports_before = sorted(p.name for p in (out / 'ports').iterdir())
    (out / 'mine.txt').write_text('the user\'s own file')
    site.write(out, publish=True, port_reports=reports[:1])  # one port dropped
    ports_after = sorted(p.name for p in (out / 'ports').iterdir())
    assert len(ports_after) == len(ports_before) - 1 and (out / 'mine.txt').read_text() == 'the user\'s own file'
    site.write(out, publish=True)  # no ports at all: no matrix left behind
    assert not (out / 'ports.html').exists() and (out / 'index.html').exists()
