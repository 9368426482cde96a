"""the html report and the site (nnspec.web): every entry marked once on its post's page, the post's text only
from a local copy of the seeds, nothing loaded from elsewhere, the same bytes from the same inputs."""
import collections
import html
import json
import re
from html.parser import HTMLParser

import markupsafe
import pytest

from nnspec import cli, listings, printing, report, spec
from nnspec.conformance import cases
from nnspec.web import deviations as by_cause, marks, model, pages, site

SEEDS, _ = site.seeds_folder()


class Text(HTMLParser):
    """the text of a page's annotated document: its cards and gaps (what the page adds) left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.inside, self.skip = [], 0, 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get('class') or '').split()
        if tag == 'div' and 'doc' in classes:
            self.inside = 1
        elif self.inside:
            self.inside += tag == 'div'
            self.skip += bool(self.skip or 'card' in classes or 'gap' in classes)

    def handle_endtag(self, tag):
        if self.inside:
            self.skip -= bool(self.skip)
            self.inside -= tag == 'div'

    def handle_data(self, data):
        if self.inside and not self.skip:
            self.parts.append(data)


class Marks(HTMLParser):
    """the marks of a page: (spec id, kind, verdict) of every element of class `mark`; and every src/href."""

    def __init__(self):
        super().__init__()
        self.found, self.refs = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'mark' in (a.get('class') or '').split():
            self.found.append((a['data-id'], a['data-kind'], a['data-verdict']))
        self.refs += [(tag, k, v) for k, v in attrs if k in ('src', 'href')]


class Rows(HTMLParser):
    """the rows of the table with id `table`: (the row's data-id, [each cell's text]), and the scope of each th."""

    def __init__(self, table):
        super().__init__(convert_charrefs=True)
        self.table, self.inside, self.cell, self.rows, self.scopes = table, False, False, [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.inside = self.inside or (tag == 'table' and a.get('id') == self.table)
        if self.inside and tag == 'tr':
            self.rows.append((a.get('data-id'), []))
        elif self.inside and tag in ('th', 'td'):
            self.rows[-1][1].append('')
            self.cell = True
            if tag == 'th':
                self.scopes.append(a.get('scope'))

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != 'table'
        self.cell = self.cell and tag not in ('th', 'td')

    def handle_data(self, data):
        if self.cell:
            self.rows[-1][1][-1] += data


def _marks(page):
    parser = Marks()
    parser.feed(page.decode('utf-8') if isinstance(page, bytes) else page)
    return parser


@pytest.fixture(scope='module')
def entries():
    return model.entries()


@pytest.fixture(scope='module')
def published(entries):
    return site.files(entries, publish=True)[0]


@pytest.fixture(scope='module')
def full(entries):
    if SEEDS is None:
        pytest.skip('no seed documents here (NNSPEC_SEEDS, or shared/seeds beside the checkout): the full-text pages are not built')
    return site.files(entries, seeds=str(SEEDS))[0]


def _expected():
    """{post: [(id, verdict)]} from the spec data and the report's rows, not from the pages."""
    now = {r['id']: r['now']['status'] for r in report.rows()}
    out = collections.OrderedDict()
    for name, e in spec.entries():
        out.setdefault(name[:-len('.json')], []).append((e['id'], now[e['id']]))
    return out


@pytest.mark.parametrize('which', ['published', 'full'])
def test_every_entry_is_marked_once_on_its_posts_page_with_its_verdict(which, request):
    built = request.getfixturevalue(which)
    expected = _expected()
    assert sum(map(len, expected.values())) == sum(spec.manifest().values())  # all of them: the manifest's count
    for post, want in expected.items():
        found = _marks(built['posts/%s.html' % post]).found
        assert sorted((i, v) for i, _, v in found) == sorted(want), post  # each once; in the text's order
        assert {k for _, k, _ in found} <= set(model.KINDS)


def test_a_published_page_carries_only_quoted_lines_of_the_post(published):
    quoted = '\n'.join(['%s\n%s' % (e['source']['line'] or '', e['source'].get('section', '')) for _, e in spec.entries()] +
                       [d['title'] for d in spec.documents().values()])  # the spec data's words
    checked = 0
    for name, doc in spec.documents().items():
        page = html.unescape(re.sub(r'<[^>]+>', '', published['posts/%s' % name.replace('.json', '.html')].decode('utf-8')))
        if SEEDS is None:
            continue
        for line in (SEEDS / doc['document']).read_text(encoding='utf-8').splitlines():
            line = line.strip()
            if len(line) > 30 and line not in quoted:
                checked += 1
                assert line not in page, (name, line)
    if SEEDS is None:
        pytest.skip('no seed documents here: nothing to hold the published pages against')
    assert checked > 100


def test_the_full_text_page_is_the_seed_with_marks(full):
    for name, doc in spec.documents().items():
        parser = Text()
        parser.feed(full['posts/%s' % name.replace('.json', '.html')].decode('utf-8'))
        assert ''.join(parser.parts) == (SEEDS / doc['document']).read_text(encoding='utf-8'), name


def test_nothing_is_loaded_from_elsewhere(published):
    for path, page in published.items():
        parsed = _marks(page)
        assert not [r for r in parsed.refs if r[1] == 'src' and not r[2].startswith('data:')], path
        assert not re.search(rb'<link\b|@import|url\(', page), path
        external = [r for r in parsed.refs if r[1] == 'href' and re.match(r'https?:', r[2])]
        assert all(r[0] == 'a' for r in external), path  # links to the posts, followed only when clicked


def test_the_same_inputs_give_the_same_bytes_and_the_report_is_the_sites(entries, published, capsys):
    again = site.files(model.entries(), publish=True)[0]
    assert again == published
    assert cli.main(['report', '--format', 'html']) in (cli.OK, cli.CHANGED)  # changed: on a kernel not recorded
    assert capsys.readouterr().out.encode('utf-8') == published['report.html']


def test_the_report_groups_every_deviation_by_its_cause(entries, published):
    page = published['report.html'].decode('utf-8')
    off = [e for e in entries if e['status'] not in ('reproduced', 'holds')]
    groups = by_cause.groups(entries)
    assert sorted(e['id'] for g in groups for e in g['entries']) == sorted(e['id'] for e in off) and off
    for g in groups:
        assert str(markupsafe.escape(g['cause'])) in page
    rows = re.findall(r'<tr data-id="([^"]+)" data-post="([^"]+)" data-kind="([^"]+)" data-verdict="([^"]+)"', page)
    assert [(i, v) for i, _, _, v in rows] == [(i, v) for vs in _expected().values() for i, v in vs]
    assert '<th scope="col"' in page and '<thead>' in page


def test_an_off_entrys_card_says_what_is_documented_and_printed(published, entries):
    e = next(e for e in entries if e['status'] == 'off' and e['author_2015'])
    page = published['posts/%s.html' % e['post']].decode('utf-8')
    card = page.split('id="c-%s"' % e['anchor'], 1)[1].split('<span class="id">', 1)[0]
    assert e['documented'] in card and e['measured'] in card and 'Digits of agreement: %d' % e['digits'] in card
    assert e['author_2015']['measured'] in card


def test_a_number_is_not_marked_inside_a_longer_one():
    text = 'Error: 10.15\nError: 0.1\n'
    segs = marks.place(text, [{'line': 'Error: 0.1', 'documented': '0.1', 'section': ''}])
    assert [s[0] for s in segs] == ['text', 'mark', 'text'] and segs[0][1] == 'Error: 10.15\nError: '
    lost = marks.place(text, [{'line': None, 'documented': None, 'section': ''}])
    assert [s[0] for s in lost] == ['gap', 'text']


def test_a_named_seed_folder_that_is_missing_is_a_usage_error(tmp_path, capsys):
    assert cli.main(['site', str(tmp_path / 'out'), '--seeds', str(tmp_path / 'nowhere')]) == cli.USAGE
    assert 'nowhere' in capsys.readouterr().err and not (tmp_path / 'out' / 'index.html').exists()


def test_site_writes_every_page(tmp_path, capsys):
    assert cli.main(['site', str(tmp_path), '--publish']) == cli.OK
    names = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob('*.html'))
    case_pages = ['cases/%s.html' % model.slug('%s/%s' % (m, i)) for m in ('json', 'transcript') for i in cases.ids(m)]
    assert names == sorted(['index.html', 'report.html', 'cases.html', 'stacks.html'] + case_pages +
                           ['posts/%s.html' % n[:-5] for n in spec.documents()])
    assert 'quoted lines only' in capsys.readouterr().out
    measured = [s for s in json.loads((spec.SUITE / 'matrix.json').read_text())['stacks'] if 'error' not in s]
    assert 'the documented values on %d stacks of' % len(measured) in (tmp_path / 'index.html').read_text()


def test_the_post_links_name_every_values_file():
    assert sorted(model.posts()) == sorted(spec.documents())
    assert all(p['post'] or p.get('note') for p in model.posts().values())


def test_pages_escape_what_they_show():
    e = dict(id='x/<b>', anchor='x-b', file='x.json', post='x', section='<s>', line='v = <1>', document='d',
             documented='<1>', claim=None, printer='hand', status='off', measured='<2>', digits=0, distance=1.0,
             kind='off', sensitivity=None, spread=None, changed=False, comparable=True, recorded='off',
             cause='a <cause>', cause_short='a <cause>', cause_detail='', author_2015=None, stacks=None, stacks_measured=0)
    summary = {'file': 'x.json', 'post': 'x', 'title': '<t>', 'kinds': collections.Counter(off=1), 'total': 1}
    page = pages.post(summary, [e], {'post': None, 'copy': None, 'note': 'n'}, {'document': 'd', 'state': 's'}, 'v = <1>\n')
    assert '<1>' not in page and '&lt;1&gt;' in page and '<cause>' not in page and '<t>' not in page


@pytest.mark.parametrize('which', ['published', 'full'])
def test_the_worked_example_shows_each_step_of_the_post_beside_what_its_inputs_give(which, request, entries):
    built = request.getfixturevalue(which)
    worked = listings.SHAMDASANI_WORKED
    computed = worked.reference().worked_example()  # the reference itself, not the pages' entries
    want = [(e['id'], e['documented'], printing.render(e['printer'], computed[e['quantity']], e.get('index'), e['documented']))
            for _, e in spec.entries() if e.get('run') == worked.run]
    table = Rows('worked-chain')
    table.feed(built['posts/%s.html' % worked.document].decode('utf-8'))
    header, rows = table.rows[0], table.rows[1:]
    assert [(i, cells[1], cells[2]) for i, cells in rows] == want and len(want) > 10
    assert any(documented != given for _, documented, given in want)  # the post's errors stand beside the right numbers
    kind = {e['id']: e['kind'] for e in entries}
    assert all(cells[3].startswith(model.KINDS[kind[i]][0]) for i, cells in rows)
    assert header == (None, ['Step', 'The post', "The post's inputs give", 'Verdict'])
    assert table.scopes == ['col'] * 4 + ['row'] * len(want)
    others = [p for p in built if p.startswith('posts/') and p != 'posts/%s.html' % worked.document]
    assert others and not any(b'worked-chain' in built[p] for p in others)
