"""a port's expectations file: --write-expectations, --expectations (only a change fails), --strict, bad files."""
import json
import xml.etree.ElementTree as ET

import pytest
import yaml

from nnspec import cli, schema, spec
from nnspec.conformance.outcome import Outcome
from tests.checking import IDS, PART1, PART2, planned, port

REPORT = spec.load_schema(spec.SUITE / 'schema' / 'check-report.schema.json')

def run(capsys, command, *extra, fmt='json'):
    argv = ['check', '--mode', 'json', '--format', fmt, '--case', PART1, '--case', PART2, *extra, '--', *command]
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if fmt == 'json' and out.out else out.out), out.err


PART1_ONLY = {PART2: 'off'}  # a port of part 1 that runs part 2's cases wrong


@pytest.fixture
def expected(tmp_path, capsys):
    """the expectations of the part-1 port, written by nnspec check."""
    path = tmp_path / 'nnspec-expectations.yaml'
    code, report, _ = run(capsys, planned(PART1_ONLY), '--write-expectations', path)
    assert code == 0 and report['expectations']['summary'] == 'expectations (%s): 3 as expected' % path
    return path


def test_written_expectations_name_each_case_its_outcome_and_a_reason(expected):
    doc = yaml.safe_load(expected.read_text())
    assert doc['protocol'] == 'nnspec-expectations/1' and doc['mode'] == 'json' and list(doc['cases']) == IDS
    assert [doc['cases'][i]['expected'] for i in IDS] == ['conformant', 'conformant', 'not conformant']
    assert doc['cases'][IDS[0]]['reason'] == '' and doc['cases'][PART2]['reason'] == '10 of 30 numbers off; first diverged at error@0; error measure'
    assert expected.read_text().startswith('# nnspec check\'s expectations')


def test_an_expected_failure_passes_and_a_regression_fails(capsys, expected):
    code, report, _ = run(capsys, planned(PART1_ONLY), '--expectations', expected)
    assert code == 0 and report['summary'] == '3 cases: 2 conformant, 1 not conformant'
    assert [c['expectation']['result'] for c in report['cases']] == ['as expected'] * 3
    code, report, _ = run(capsys, planned({PART2: 'off', IDS[1]: 'off'}), '--expectations', expected)
    assert code == 1
    assert report['cases'][1]['expectation'] == {'outcome': 'conformant', 'reason': '', 'result': 'changed', 'fails': True}
    code, text, _ = run(capsys, planned({PART2: 'off', IDS[0]: 'crash'}), '--expectations', expected, fmt='text')
    assert code == 2  # a change to a broken port gives that case's own code
    assert 'changed: %s: expected conformant, now port broken' % IDS[0] in text
    code, report, _ = run(capsys, planned({PART2: 'off', IDS[0]: 'unsupported'}), '--expectations', expected)
    assert code == 1 and report['cases'][0]['expectation']['result'] == 'changed'  # unsupported now: a change too


def test_a_case_that_becomes_conformant_fails_only_under_strict(capsys, expected):
    code, text, _ = run(capsys, planned({}), '--expectations', expected, fmt='text')
    assert code == 0
    assert 'conformant now: %s: expected not conformant (10 of 30 numbers off; first diverged at error@0; error measure), now conformant' % PART2 in text
    assert 'the cases conformant now pass (--strict would fail them)' in text
    code, report, _ = run(capsys, planned({}), '--expectations', expected, '--strict')
    assert code == 1 and report['expectations']['strict'] is True
    assert report['cases'][2]['expectation']['result'] == 'conformant now' and report['cases'][2]['expectation']['fails']
    assert run(capsys, planned(PART1_ONLY), '--expectations', expected, '--strict')[0] == 0  # as expected: still green


def test_a_case_the_file_does_not_name_is_expected_conformant(capsys, tmp_path):
    path = tmp_path / 'e.json'
    path.write_text(json.dumps({'protocol': 'nnspec-expectations/1', 'mode': 'json',
                                'cases': {PART2: {'expected': 'unsupported'}}}))
    code, report, _ = run(capsys, planned({PART2: 'unsupported'}), '--expectations', path)
    assert code == 0 and report['cases'][0]['expectation'] == {'outcome': 'conformant', 'reason': None,
                                                                 'result': 'as expected', 'fails': False}
    assert report['cases'][2]['expectation']['reason'] == ''  # named without a reason
    assert run(capsys, planned({PART2: 'unsupported', IDS[0]: 'off'}), '--expectations', path)[0] == 1


def test_the_report_with_expectations_matches_its_schema_and_reads_back(capsys, expected):
    code, report, _ = run(capsys, planned({IDS[0]: 'off'}), '--expectations', expected)
    assert code == 1 and schema.errors(report, REPORT) == []
    assert [Outcome.from_dict(c).to_dict() for c in report['cases']] == report['cases']
    code, report, _ = run(capsys, planned({}))
    assert report['expectations'] is None and {c['expectation'] for c in report['cases']} == {None}
    assert schema.errors(report, REPORT) == []


def test_markdown_lists_the_changes_under_its_table(capsys, expected):
    code, md, _ = run(capsys, planned({IDS[0]: 'off'}), '--expectations', expected, fmt='markdown')
    assert code == 1
    tail = md.split('3 cases: 2 conformant, 1 not conformant\n', 1)[1].splitlines()
    assert tail[:3] == ['', 'expectations (%s): 1 as expected, 1 changed, 1 conformant now' % expected,
                        '- changed: %s: expected conformant, now not conformant' % IDS[0]]
    assert tail[3].startswith('- conformant now: %s: expected not conformant (10 of 30' % PART2)


def test_junit_skips_an_expected_failure_and_fails_a_change(capsys, expected):
    code, xml, _ = run(capsys, planned({PART2: 'off', IDS[0]: 'off'}), '--expectations', expected, fmt='junit')
    suite = ET.fromstring(xml)
    assert code == 1 and (suite.get('failures'), suite.get('skipped')) == ('1', '1')
    kinds = {c.get('name'): [e.tag for e in c] for c in suite}
    assert kinds == {IDS[0]: ['failure'], IDS[1]: [], PART2: ['skipped']}
    code, xml, _ = run(capsys, planned({}), '--expectations', expected, '--strict', fmt='junit')
    assert code == 1 and [e.get('message') for e in ET.fromstring(xml).iter('failure')] == [
        'expected not conformant, now conformant']


def test_rewriting_keeps_an_edited_reason_where_the_outcome_stays(capsys, expected):
    doc = yaml.safe_load(expected.read_text())
    doc['cases'][PART2]['reason'] = 'part 2 is not ported yet'
    doc['cases'][IDS[0]]['reason'] = 'checked by hand'
    expected.write_text(yaml.safe_dump(doc))
    assert run(capsys, planned({PART2: 'off', IDS[0]: 'off'}), '--write-expectations', expected)[0] == 0
    cases_ = yaml.safe_load(expected.read_text())['cases']
    assert cases_[PART2] == {'expected': 'not conformant', 'reason': 'part 2 is not ported yet'}
    assert cases_[IDS[0]]['expected'] == 'not conformant' and cases_[IDS[0]]['reason'] != 'checked by hand'


def test_json_expectations_are_written_as_json(capsys, tmp_path):
    path = tmp_path / 'e.json'
    assert run(capsys, planned({PART2: 'unsupported'}), '--write-expectations', path)[0] == 0
    doc = json.loads(path.read_text())
    assert doc['cases'][PART2] == {'expected': 'unsupported',
                                   'reason': 'the port exited with status 77 (not this case): Part 1 only'}


def _file(tmp_path, text, name='e.yaml'):
    path = tmp_path / name
    path.write_text(text)
    return path


GOOD = 'protocol: nnspec-expectations/1\nmode: json\ncases:\n'
BAD_FILES = {
    'a case not selected': (GOOD + '  quick/trask-part2/alpha-sweep/alpha-10: {expected: conformant}\n',
                            'case quick/trask-part2/alpha-sweep/alpha-10 is not among the cases this check runs'),
    'a case that does not exist': (GOOD + '  quick/trask-part3/x: {expected: conformant}\n',
                                   'case quick/trask-part3/x: no json case has this id'),
    'malformed yaml': (GOOD + '  [unclosed\n', "e.yaml:5:1: malformed yaml: expected ',' or ']'"),
    'an outcome that is none': (GOOD + '  %s: {expected: passes}\n' % PART2,
                                "'passes' is not one of ['conformant', 'not conformant', 'port broken', 'unsupported']"),
    'a field made up': (GOOD + '  %s: {expected: conformant, why: x}\n' % PART2, "('why' was unexpected)"),
    'another mode': (GOOD.replace('json', 'transcript') + '  {}\n', 'expectations of transcript cases; this check is --mode json'),
    'a case twice': (GOOD + '  %s: {expected: conformant}\n  %s: {expected: unsupported}\n' % (PART2, PART2),
                     "duplicate key '%s'" % PART2),
    'not a mapping': ('- 1\n', "not an nnspec expectations file (nnspec-expectations/1): $: [1] is not of type 'object'"),
    'a python object': (GOOD + '  %s: !!python/object/apply:os.system ["true"]\n' % PART2, 'malformed yaml'),
    'an id that is not text': (GOOD + '  7: {expected: conformant}\n', 'case ids are text; 7 is not'),
}


@pytest.mark.parametrize('kind', BAD_FILES)
def test_a_bad_expectations_file_is_a_usage_error_naming_it_before_any_port_runs(capsys, tmp_path, kind):
    text, said = BAD_FILES[kind]
    path = _file(tmp_path, text)
    ran = tmp_path / 'ran'
    code, out, err = run(capsys, port('open(%r, "w").close()' % str(ran)), '--expectations', path)
    assert (code, out) == (2, '') and not ran.exists()
    assert err.startswith('nnspec check: %s' % path) and said in err, err


@pytest.mark.parametrize('argv, said', [
    (['--expectations', 'missing.yaml'], 'missing.yaml: no such expectations file (nnspec check --write-expectations'),
    (['--expectations', 'e.txt'], 'e.txt: an expectations file is yaml (.yaml, .yml) or json (.json), named so'),
    (['--write-expectations', 'e.txt'], 'e.txt: an expectations file is yaml (.yaml, .yml) or json (.json), named so'),
    (['--strict'], '--strict needs --expectations FILE'),
    (['--write-expectations', 'no-such-dir/e.yaml'], 'no-such-dir/e.yaml: its directory'),
])
def test_expectations_asked_wrongly_are_usage_errors(capsys, tmp_path, monkeypatch, argv, said):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, planned({}), *argv)
    assert (code, out) == (2, '') and said in err, err


def test_both_expectation_options_at_once_are_refused(capsys, tmp_path):
    with pytest.raises(SystemExit) as e:
        run(capsys, planned({}), '--expectations', tmp_path / 'a.yaml', '--write-expectations', tmp_path / 'b.yaml')
    assert e.value.code == 2 and 'not allowed with argument' in capsys.readouterr().err


def test_a_file_that_is_not_expectations_is_not_overwritten(capsys, tmp_path):
    path = _file(tmp_path, 'my notes, not expectations\n')
    code, out, err = run(capsys, planned({}), '--write-expectations', path)
    assert code == 2 and 'not overwritten (move it away' in err
    assert path.read_text() == 'my notes, not expectations\n'


def test_a_broken_suite_writes_no_expectations(capsys, tmp_path, broken_case):
    broken_case(PART2)
    path = tmp_path / 'e.yaml'
    code, _, err = run(capsys, planned({}), '--write-expectations', path)
    assert code == 3 and not path.exists() and '%s not written' % path in err
