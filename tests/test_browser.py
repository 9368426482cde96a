"""the site in a real browser: debian's chromium, headless, driven by playwright (tox env browser).

every entry present on its post's page with its verdict; the report's filters and sorting; no request leaves
the machine; axe-core finds no serious or critical violation; a screenshot of each page type. outside the
browser lane (NNSPEC_BROWSER unset) a machine without chromium or playwright skips, saying so; in it
(NNSPEC_BROWSER=require) that is a failure: a lane that skips its whole subject has checked nothing.
"""
import collections
import json
import os
from pathlib import Path

import sys

import pytest

from nnspec import report, spec
from nnspec.web import deviations as by_cause, model, site
from tests.checking import PORTS, report_file

pytestmark = pytest.mark.browser
CHROMIUM = '/usr/bin/chromium'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync']
REQUIRED = os.environ.get('NNSPEC_BROWSER') == 'require'


def _missing(why):
    (pytest.fail if REQUIRED else pytest.skip)(why + ('' if REQUIRED else ' (the browser lane, NNSPEC_BROWSER=require, fails here)'))


@pytest.fixture(scope='module')
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        _missing('%s is not installed (debian package chromium)' % CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing('playwright (python) is not installed')
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, timeout=60000)
        yield b
        b.close()


@pytest.fixture(scope='module')
def built(tmp_path_factory):
    """the site, full text where the seeds are here, else published; and the entries it was built from."""
    out = tmp_path_factory.mktemp('site')
    entries = model.entries()
    folder, _ = site.seeds_folder()
    reports = tmp_path_factory.mktemp('reports')
    ports = [report_file(reports / 'python.json', ['quick/trask-part1/three-layer'],
                         [sys.executable, str(PORTS / 'examples' / 'python' / 'port.py')])[1],
             report_file(reports / 'flip.json', ['quick/trask-part1/*'],
                         [sys.executable, str(PORTS / 'gallery' / 'update_sign_flipped.py')])[1]]
    files, _ = site.files(entries, publish=folder is None, port_reports=ports)
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    return out, entries


@pytest.fixture(scope='module')
def artifacts(tmp_path_factory):
    where = os.environ.get('NNSPEC_BROWSER_ARTIFACTS')
    path = Path(where) if where else tmp_path_factory.mktemp('artifacts')
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(browser):
    """a page that records every request and lets only file: and data: ones through."""
    context = browser.new_context(viewport={'width': 1200, 'height': 900}, service_workers='block')
    requests = []
    context.route('**/*', lambda route: route.continue_() if route.request.url.startswith(('file:', 'data:')) else route.abort())
    p = context.new_page()
    p.on('request', lambda r: requests.append(r.url))
    p.requests = requests
    yield p
    context.close()


def _picture(page, path, show=None):
    """a screenshot small enough for the readme (1000 x 640 css pixels), `show` scrolled into it."""
    page.set_viewport_size({'width': 1000, 'height': 640})
    if show is not None:
        show.scroll_into_view_if_needed()
    page.screenshot(path=str(path))
    page.set_viewport_size({'width': 1200, 'height': 900})


def _pages(out):
    return [out / 'index.html', out / 'report.html'] + sorted((out / 'posts').glob('*.html')) + \
        [out / 'ports.html', out / 'ports' / 'flip.html', out / 'cases.html', out / 'stacks.html',
         out / 'cases' / 'json-quick-trask-part1-three-layer.html']


def _local(urls):
    return [u for u in urls if not (u.startswith(('file:', 'data:')) or u.startswith(('http://localhost', 'http://127.0.0.1')))]


def test_every_entry_is_on_its_posts_page_with_its_verdict_and_nothing_leaves(built, page, artifacts):
    out, entries = built
    status = {r['id']: r['now']['status'] for r in report.rows()}
    counted = collections.Counter()
    for name, e in spec.entries():
        post = name[:-len('.json')]
        counted[post] += 1
    assert sum(counted.values()) == sum(spec.manifest().values())
    for post, n in counted.items():
        page.goto((out / 'posts' / ('%s.html' % post)).as_uri())
        found = page.eval_on_selector_all('.mark', 'els => els.map(e => [e.dataset.id, e.dataset.verdict, e.className])')
        assert len(found) == n, post
        assert sorted((i, v) for i, v, _ in found) == sorted((e['id'], status[e['id']]) for name, e in spec.entries()
                                                             if name == post + '.json')
        kind = {e['id']: e['kind'] for e in entries}
        assert all(('k-%s' % kind[i]) in c.split() for i, _, c in found), post
    assert not _local(page.requests), page.requests


def test_a_marks_card_shows_on_focus_and_on_hover(built, page, artifacts):
    out, entries = built
    e = next(e for e in entries if e['kind'] == 'sensitive') if any(e['kind'] == 'sensitive' for e in entries) else \
        next(e for e in entries if e['status'] == 'off')
    page.goto((out / 'posts' / ('%s.html' % e['post'])).as_uri())
    card = page.locator('#c-%s' % e['anchor'])
    assert not card.is_visible()
    page.focus('#%s > .num' % e['anchor'])
    assert card.is_visible() and e['documented'] in card.inner_text() and e['measured'] in card.inner_text()
    _picture(page, artifacts / 'post.png', card)
    page.mouse.move(0, 0)
    page.evaluate('document.activeElement.blur()')
    assert not card.is_visible()
    page.hover('#%s > .num' % e['anchor'])
    assert card.is_visible()


def test_the_reports_filters_count_what_the_data_holds(built, page, artifacts):
    out, entries = built
    page.goto((out / 'report.html').as_uri())
    rows = page.locator('#entries tbody tr')
    visible = lambda: page.eval_on_selector_all('#entries tbody tr', 'rs => rs.filter(r => !r.hidden).length')
    assert rows.count() == len(entries) == visible()
    _picture(page, artifacts / 'report.png')
    kinds = collections.Counter(e['kind'] for e in entries)
    for kind, n in kinds.items():
        page.select_option('#f-kind', kind)
        assert visible() == n, kind
        assert page.inner_text('#shown') == '%d of %d entries shown' % (n, len(entries))
    page.select_option('#f-kind', 'reproduced')
    posts = collections.Counter(e['post'] for e in entries if e['kind'] == 'reproduced')
    for post, n in posts.items():
        page.select_option('#f-post', post)
        assert visible() == n, post
    page.select_option('#f-kind', '')
    page.select_option('#f-post', '')
    causes = by_cause.groups(entries)
    for i, g in enumerate(causes, 1):
        page.select_option('#f-cause', str(i))
        assert visible() == len(g['entries']), g['cause']
    page.select_option('#f-cause', '')
    assert visible() == len(entries)
    page.click('th:nth-child(7) button')  # digits: the fewest first
    digits = page.eval_on_selector_all('#entries tbody tr td:nth-child(7)', 'cs => cs.map(c => parseFloat(c.dataset.sort))')
    assert digits == sorted(digits) and digits[0] < digits[-1]
    page.click('th:nth-child(7) button')
    again = page.eval_on_selector_all('#entries tbody tr td:nth-child(7)', 'cs => cs.map(c => parseFloat(c.dataset.sort))')
    assert again == sorted(digits, reverse=True)
    assert page.get_attribute('th:nth-child(7)', 'aria-sort') == 'descending'
    assert not _local(page.requests), page.requests


def _axe():
    where = os.environ.get('NNSPEC_AXE_DIR')
    path = Path(where) / 'node_modules' / 'axe-core' / 'axe.min.js' if where else None
    if path is None or not path.is_file():
        _missing('axe-core not installed: NNSPEC_AXE_DIR=%s (tox env browser installs it: tests/browser/install_axe.py)' % where)
    return path


def test_axe_finds_no_serious_violation_and_each_page_type_is_pictured(built, page, artifacts):
    out, _ = built
    axe, findings = _axe(), {}
    for path in _pages(out):
        page.goto(path.as_uri())
        page.add_script_tag(path=str(axe))
        result = page.evaluate('axe.run(document, {resultTypes: ["violations"]})')
        findings[str(path.relative_to(out))] = [{'id': v['id'], 'impact': v['impact'], 'nodes': len(v['nodes'])}
                                                for v in result['violations']]
    (artifacts / 'axe.json').write_text(json.dumps(findings, indent=1, sort_keys=True), encoding='utf-8')
    page.goto((out / 'index.html').as_uri())
    _picture(page, artifacts / 'index.png')
    serious = {p: [v for v in vs if v['impact'] in ('serious', 'critical')] for p, vs in findings.items()}
    assert not any(serious.values()), serious
    assert (artifacts / 'index.png').stat().st_size > 10000


def test_the_ports_matrix_links_a_failing_cell_to_its_curve(built, page, artifacts):
    out, _ = built
    page.goto((out / 'ports.html').as_uri())
    cells = page.eval_on_selector_all('#matrix td.cell', 'cs => cs.map(c => [c.className, '
                                      'c.querySelector("[aria-hidden]").innerText, c.querySelector(".sr").textContent])')
    assert sorted(cells) == [['cell v-broken', '!', 'port broken'], ['cell v-fail', '\u2717', 'not conformant'],
                             ['cell v-none', '\u00b7', 'not run'], ['cell v-pass', '\u2713', 'conformant']]
    _picture(page, artifacts / 'ports.png')
    page.click('#matrix td.v-fail a')
    assert page.url.endswith('ports/flip.html#json-quick-trask-part1-three-layer')
    curve = page.locator('#json-quick-trask-part1-three-layer svg[role="img"]')
    assert curve.is_visible() and 'first divergence at iteration 100' in curve.get_attribute('aria-label')
    _picture(page, artifacts / 'port.png', curve)
    assert not _local(page.requests)
