"""the protocol documents against what they describe: field tables against the schemas, links against headings,
figures against the case files and the example ports."""
import json
import re

import pytest

from nnspec import protocol_tables, spec
from nnspec.conformance import cases
from nnspec.conformance.json_mode import segments

SUITE = spec.SUITE
CORE = SUITE / 'PROTOCOL.md'
APPENDICES = SUITE / 'protocol'
EXAMPLES = SUITE / 'ports' / 'examples'
CORE_SCHEMAS = {'case.schema.json', 'answer.schema.json', 'case-miniflow.schema.json', 'answer-miniflow.schema.json',
                'case-shamdasani.schema.json', 'answer-shamdasani.schema.json'}


def _text(path):
    return path.read_text(encoding='utf-8')


def _tables(text):
    """{schema file: [(field names of a row, meaning)]} of the field tables in a document."""
    out = {}
    for m in re.finditer(r'<!-- fields: ([\w.-]+)[^>]*-->\n((?:\|.*\n)*)', text):
        rows = [line.split(' | ', 1) for line in m.group(2).splitlines()[2:]]
        out[m.group(1)] = [(re.findall(r'`([^`]+)`', name), meaning) for name, meaning in rows]
    return out


def _paths(node, prefix=''):
    """every property path of a schema: `a`, `a.b`, `a[].b` (properties of an array's items), `then` included."""
    props = dict(node.get('properties', {}))
    props.update({k: v for k, v in node.get('then', {}).get('properties', {}).items() if k not in props})
    for name, sub in props.items():
        yield prefix + name
        yield from _paths(sub, prefix + name + '.')
        if isinstance(sub.get('items'), dict):
            yield from _paths(sub['items'], prefix + name + '[].')


def _parent(path):
    return re.sub(r'(\[\])?\.[^.]+$', '', path) if '.' in path else None


def coverage(schema, rows):
    """(row names that are no field, fields in no row of their own, of a property, or naming them in an ancestor's)."""
    paths = list(_paths(schema))
    meaning = {name: text for names, text in rows for name in names}
    unknown = sorted(set(meaning) - set(paths))
    missing = []
    for path in paths:
        leaf, up = re.split(r'\.|\[\]\.', path)[-1], _parent(path)
        while up is not None and up not in meaning:
            up = _parent(up)
        named = up is not None and re.search(r'(?<!\w)%s(?!\w)' % re.escape(leaf), meaning[up])
        parts = any(m.startswith((path + '.', path + '[].')) for m in meaning)  # an object standing for its properties
        if path not in meaning and not named and not parts:
            missing.append(path)
    return unknown, missing


def test_the_core_is_short():
    assert len(_text(CORE).splitlines()) <= 350


def test_field_tables_are_generated_from_the_schemas():
    assert protocol_tables.stale() == [], 'run python3 -m nnspec.protocol_tables'


def test_each_table_names_every_field_of_its_schema_and_no_other():
    tables = {}
    for doc in protocol_tables.documents():
        tables.update(_tables(_text(doc)))
    assert CORE_SCHEMAS <= set(_tables(_text(CORE))), 'the core holds the case and answer tables of every kind'
    for name, rows in tables.items():
        assert coverage(spec.load_json(SUITE / 'schema' / name), rows) == ([], []), name


def test_the_coverage_check_fails_on_a_field_left_out_or_made_up():
    schema = spec.load_json(SUITE / 'schema' / 'case.schema.json')
    rows = _tables(_text(CORE))['case.schema.json']
    schema['properties']['network']['properties']['momentum'] = {'type': 'number'}
    assert coverage(schema, rows) == ([], ['network.momentum'])
    assert coverage(schema, rows + [(['network.dropout'], '')])[0] == ['network.dropout']


def test_an_undocumented_field_stops_the_generator():
    schema = spec.load_json(SUITE / 'schema' / 'answer.schema.json')
    del schema['properties']['final']['description']
    with pytest.raises(ValueError, match='final.synapse_0 has no description'):
        protocol_tables.fields(schema)


def test_protocol_strings_are_the_schemas():
    current = set()
    for path in (SUITE / 'schema').glob('*.schema.json'):
        current |= set(re.findall(r'nnspec-[a-z]+/\d+', _text(path)))
    for doc in protocol_tables.documents():
        if doc.name != 'CHANGELOG.md':  # the history names the old versions
            assert set(re.findall(r'nnspec-(?:case|answer|expected|transcript)/\d+', _text(doc))) <= current, doc.name


def _slug(heading):
    """github's anchor of a heading."""
    return re.sub(r'[^\w\- ]', '', heading.strip().lower()).replace(' ', '-')


def _anchors(path):
    return {_slug(h) for h in re.findall(r'^#+ (.*)$', _text(path), re.M)}


def test_links_into_the_protocol_reach_a_heading():
    root = SUITE.parent
    sources = [CORE] + sorted(APPENDICES.glob('*.md')) + sorted((root / 'docs').glob('*.md')) + [root / 'README.md']
    checked = 0
    for source in [s for s in sources if s.exists()]:
        for target in re.findall(r'\]\(([^)\s]+)\)', _text(source)):
            if re.match(r'[a-z]+:', target):
                continue
            path, _, anchor = target.partition('#')
            dest = (source.parent / path).resolve() if path else source.resolve()
            if dest != CORE.resolve() and APPENDICES.resolve() not in dest.parents:
                continue
            assert dest.exists(), '%s links to %s' % (source.name, target)
            assert not anchor or anchor in _anchors(dest), '%s links to %s: no such heading' % (source.name, target)
            checked += 1
    assert checked > 30


def test_what_each_listing_prints_counts_the_case_files_numbers():
    rows = re.findall(r'^\| `([\w/-]+)` \| .* \| ([^|]+) \|$', _text(APPENDICES / 'transcript.md'), re.M)
    counts = {id_: int(n.split('=')[-1]) for id_, n in rows if n.split('=')[-1].strip().isdigit()}
    assert sorted(counts) == cases.ids('transcript')
    for id_, n in counts.items():
        assert len(cases.load(id_, 'transcript')[0]['values']) == n, id_


def test_the_documented_counts_are_the_case_files():
    rule = _text(APPENDICES / 'transcript.md').split('## The precision rule')[1].split('## Replay')[0]
    quoted = re.findall(r'`([\w/-]+)`\s+(\d+)\s+of\s+(\d+)', rule)
    assert sorted(id_ for id_, _, _ in quoted) == cases.ids('transcript')
    documented = {e['id'] for p in spec.VALUES.glob('*.json') for e in json.loads(_text(p))['entries']
                  if e.get('documented') is not None}
    for id_, n, total in quoted:
        values = cases.load(id_, 'transcript')[0]['values']
        assert (sum(v['entry'] in documented for v in values), len(values)) == (int(n), int(total)), id_


def test_the_hand_typed_miniflow_integers():
    """the listing's format is not the documented text where the lesson typed a figure by hand (-9 for -9.)."""
    entries = {e['id']: e for e in json.loads(_text(spec.VALUES / 'miniflow.json'))['entries']}
    linear = [e for k, e in entries.items() if k.startswith('miniflow/quiz/linear-matrix')]
    assert {(e['printer'], e['documented']) for e in linear} == {('hand', '-9'), ('hand', '4')}
    assert "`-9` and `4` (printer `hand`" in _text(APPENDICES / 'transcript.md')


def test_the_segments_table_is_the_case_files():
    text = _text(APPENDICES / 'sensitive-runs.md')
    table = re.search(r'<!-- segments table -->\n((?:\|.*\n)*)', text).group(1)
    assert table.rstrip('\n') == segments.summary()


def _route_lines(path):
    """{route: lines between `nnspec route: <route>` and `nnspec route end`} of an example port."""
    out, route = {}, None
    for line in _text(path).splitlines():
        m = re.search(r'nnspec route: ([\w-]+)', line)
        if m:
            route, out[m.group(1)] = m.group(1), []
        elif 'nnspec route end' in line:
            route = None
        elif route:
            out[route].append(line.strip())
    return out


def test_the_routes_worked_examples_are_the_example_ports():
    text = _text(APPENDICES / 'transcript.md').split('### Worked examples')[1]
    table = re.findall(r'^\| `(\w+/port\.\w+)` \| (\d+) lines? .*?\| (\d+) lines? .*\|$', text, re.M)
    snippets = dict(re.findall(r'```(python|js|c)\n(.*?)```', text, re.S))
    assert len(table) == 3 and sorted(snippets) == ['c', 'js', 'python']
    for port, preamble, weights in table:
        lines = _route_lines(EXAMPLES / port)
        assert (len(lines['preamble']), len(lines['weights-file'])) == (int(preamble), int(weights)), port
        shown = [line.strip() for line in snippets[{'py': 'python', 'js': 'js', 'c': 'c'}[port.split('.')[-1]]].splitlines()]
        assert sorted(filter(None, shown)) == sorted(lines['preamble'] + lines['weights-file']), port
