"""the spec data and its lint: broken data gets a clear error naming file and place."""

import pytest

from nnspec import lint, schema, spec
from tests.spec_copy import edit


def test_the_suite_lints_clean():
    assert lint.problems() == []


def test_lint_reads_the_source_documents():
    if not lint.SEEDS.is_dir():
        pytest.skip('no seeds beside the repository (%s)' % lint.SEEDS)
    assert (lint.SEEDS / '002_907cad69780773c1.txt').is_file()


def test_every_entry_has_a_verdict_and_every_finding_a_cause():
    for name, e in spec.entries():
        assert e['verdict']['status'] in ('reproduced', 'off', 'unreadable', 'holds', 'fails')
        if e['verdict']['status'] in ('off', 'fails', 'unreadable'):
            assert e.get('cause'), e['id']


def test_lint_finds_a_duplicate_id(values):
    edit(values / 'trask-part1.json', lambda d: d['entries'].append(dict(d['entries'][0])))
    assert any('duplicate id' in p for p in lint.problems(values))


def test_lint_finds_a_quote_missing_from_its_document(values):
    def change(d):
        d['entries'][0]['source']['line'] = '[[ 0.00966449] made up'
    edit(values / 'trask-part1.json', change)
    found = lint.problems(values)
    if not lint.SEEDS.is_dir():
        pytest.skip('no seeds to read')
    assert any('quoted line not found' in p for p in found)


def test_lint_finds_a_documented_value_not_in_its_quote(values):
    def change(d):
        d['entries'][0]['documented'] = '0.00966448'
    edit(values / 'trask-part1.json', change)
    assert any('is not in its quoted line' in p for p in lint.problems(values))


def test_lint_finds_an_off_verdict_without_cause(values):
    def change(d):
        e = d['entries'][0]
        e['verdict'] = {'status': 'off', 'measured': '0.1', 'digits': 0, 'distance': 0.1}
    edit(values / 'trask-part1.json', change)
    assert any('without a cause' in p for p in lint.problems(values))


def test_lint_finds_an_unknown_run_and_claim(values):
    def change(d):
        d['entries'][0]['run'] = 'no_such_run'
        d['entries'][-1]['claim'] = 'no_such_claim'
    edit(values / 'trask-part1.json', change)
    found = '\n'.join(lint.problems(values))
    assert 'unknown reference run' in found and 'unknown claim check' in found


def test_lint_wants_plain_descriptions(values):
    def change(d):
        d['entries'][-1]['description'] = 'should learn the targets'
    edit(values / 'trask-part1.json', change)
    assert any('state the fact' in p for p in lint.problems(values))


def test_malformed_json_names_file_line_and_column(values):
    (values / 'miniflow.json').write_text('{"document": "x",\n  "entries": [,]}', encoding='utf-8')
    with pytest.raises(spec.SpecError, match=r'miniflow\.json:2:\d+: malformed json'):
        spec.documents(values)


def test_schema_errors_name_the_path():
    problems = schema.errors({'document': 'd', 'title': 't', 'state': '', 'repairs': [],
                              'entries': [{'id': 'Bad Id', 'source': {}, 'verdict': {'status': 'maybe'}}]},
                             spec.load_json(spec.SCHEMA))
    text = '\n'.join(problems)
    assert "$.entries[0].id: 'Bad Id' does not match" in text
    assert "$.entries[0].source: missing 'document'" in text
    assert "$.entries[0].verdict.status: 'maybe' is not one of" in text


def test_schema_accepts_the_spec():
    for path in sorted(spec.VALUES.glob('*.json')):
        assert schema.errors(spec.load_json(path), spec.load_json(spec.SCHEMA)) == []


def test_an_empty_values_directory_is_a_suite_error(tmp_path):
    with pytest.raises(spec.SpecError, match='no values files'):
        spec.documents(tmp_path)


def test_documented_texts_are_not_rewritten_by_measure(values, monkeypatch):
    from nnspec import measure
    before = {e['id']: e['documented'] for _, e in spec.entries(values) if 'documented' in e}
    edit(values / 'miniflow.json', lambda d: d['entries'][0].update(verdict={'status': 'off', 'measured': 'x', 'digits': 0, 'distance': 1.0}))
    changes, _ = measure.remeasure(values, write=True)
    assert [c[1] for c in changes] == ['miniflow/prose/y-at-w5']
    assert {e['id']: e['documented'] for _, e in spec.entries(values) if 'documented' in e} == before
