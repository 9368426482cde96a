"""the nnspec command: report, lint, measure; exit codes that mean one thing each."""
import json
import shutil
import subprocess
import sys

import pytest

from nnspec import cli, report, schema, spec
from nnspec.conformance import cases


def test_report_prints_totals_and_each_value(capsys):
    # on every kernel: the reference's and each recorded one's verdicts in full, an unrecorded one's where portable
    assert cli.main(['report']) == cli.OK
    out = capsys.readouterr().out
    assert 'verdicts changed since recorded: 0' in out and 'verdicts of kernel ' in out
    n = len(spec.entries())
    assert ('all                     %d entries' % n) in out
    assert 'trask-part2/closer-look/alpha-10/synapse_0[1][2]' in out


def test_report_findings_lists_only_what_is_off(capsys):
    cli.main(['report', '--show', 'findings'])
    out = capsys.readouterr().out
    assert 'trask-part2/hidden-size/alpha-10/error@10000' in out
    assert 'trask-part1/three-layer/error@0 ' not in out


def test_report_json_is_machine_readable(capsys):
    cli.main(['report', '--format', 'json'])
    doc = json.loads(capsys.readouterr().out)
    assert doc['stack']['numpy'] and len(doc['entries']) == len(spec.entries())
    assert schema.errors(doc, spec.load_schema(spec.SUITE / 'schema' / 'report.schema.json')) == []
    doc['entries'][0]['now']['status'] = 'nearly'  # the schema can fail
    assert schema.errors(doc, spec.load_schema(spec.SUITE / 'schema' / 'report.schema.json')) != []


def test_report_markdown_has_the_stack_a_total_and_the_findings(capsys):
    cli.main(['report', '--format', 'markdown', '--show', 'findings'])
    out = capsys.readouterr().out
    assert out.startswith('**stack**: python ') and '| **all** | %d |' % len(spec.entries()) in out
    rows = [l for l in out.splitlines() if l.startswith('| trask-') or l.startswith('| shamdasani/') or l.startswith('| miniflow/')]
    assert any('trask-part2/hidden-size/alpha-10/error@10000' in l for l in rows)
    assert not any(l.startswith('| trask-part1/three-layer/error@0 ') for l in rows)  # reproduced: not a finding
    cli.main(['report', '--format', 'markdown'])
    assert len([l for l in capsys.readouterr().out.splitlines() if l.count('|') == 6]) == len(spec.entries()) + 2


def test_report_text_has_headed_columns_and_wrapped_causes(capsys, monkeypatch):
    monkeypatch.setattr(report.shutil, 'get_terminal_size', lambda fallback=None: __import__('os').terminal_size((90, 24)))
    cli.main(['report', '--show', 'findings'])
    out = capsys.readouterr().out.splitlines()
    assert any(l.split() == ['id', 'documented', 'prints', 'now', 'verdict'] for l in out)
    assert all(len(l) <= 90 for l in out if l.lstrip().startswith(('cause:', 'measured:')))


def test_report_output_goes_to_the_file_only(tmp_path, capsys):
    path = tmp_path / 'report.json'
    assert cli.main(['report', '--format', 'json', '--output', str(path)]) == cli.OK
    assert capsys.readouterr().out == ''
    assert len(json.loads(path.read_text(encoding='utf-8'))['entries']) == len(spec.entries())


def test_report_exits_1_when_a_recorded_verdict_no_longer_holds(tmp_path, monkeypatch, capsys):
    values = tmp_path / 'values'
    shutil.copytree(str(spec.VALUES), str(values))
    doc = json.loads((values / 'miniflow.json').read_text(encoding='utf-8'))
    doc['entries'][0]['verdict'] = {'status': 'off', 'measured': '51', 'digits': 1, 'distance': 1.0}
    doc['entries'][0]['cause'] = 'test'
    (values / 'miniflow.json').write_text(json.dumps(doc), encoding='utf-8')
    monkeypatch.setattr(spec, 'VALUES', values)
    assert cli.main(['report', '--show', 'findings']) == cli.CHANGED
    assert 'CHANGED (recorded: off)' in capsys.readouterr().out


def test_broken_spec_data_is_exit_3_with_the_file_named(tmp_path, monkeypatch, capsys):
    values = tmp_path / 'values'
    values.mkdir()
    (values / 'bad.json').write_text('{"entries": [}', encoding='utf-8')
    monkeypatch.setattr(spec, 'VALUES', values)
    assert cli.main(['report']) == cli.SUITE_BROKEN
    err = capsys.readouterr().err
    assert 'bad.json:1:' in err and 'Traceback' not in err


def test_lint_exit_code(capsys):
    assert cli.main(['lint']) == cli.OK
    assert '0 problems' in capsys.readouterr().out


def test_the_installed_command_runs_without_a_shell():
    out = subprocess.run([sys.executable, '-m', 'nnspec', 'check', '--list', '--mode', 'transcript'], capture_output=True,
                         text=True, timeout=300, cwd=str(spec.ROOT))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == cases.ids('transcript')


@pytest.mark.parametrize('module', ['trask_part1_two_layer', 'trask_part1_three_layer', 'miniflow_quizzes'])
def test_reference_modules_print_the_listing_format(module):
    # as programs, the ports print what the listings print
    out = subprocess.run([sys.executable, '-m', 'reference.' + module], capture_output=True, text=True,
                         timeout=300, cwd=str(spec.ROOT))
    assert out.returncode == 0, out.stderr
    first = {'trask_part1_two_layer': 'Output After Training:\n[[ 0.00966449]',
             'trask_part1_three_layer': 'Error:0.496410031903\nError:0.00858452565325',
             'miniflow_quizzes': '10 + 5 = 15 (according to miniflow)\n12.7\n'}[module]
    assert out.stdout.startswith(first)


def test_a_run_is_computed_once_per_process(monkeypatch):
    from nnspec import runs
    calls = []
    monkeypatch.setitem(runs.RUNS, 'counting_run', lambda: calls.append(1) or {'x': 1.0})
    for _ in range(3):
        assert runs.value('counting_run', 'x') == 1.0
    assert calls == [1]


def test_an_unknown_run_or_quantity_is_named():
    from nnspec import runs
    with pytest.raises(KeyError, match="unknown reference run 'nope'"):
        runs.run('nope')
    with pytest.raises(KeyError, match="has no quantity 'nope'"):
        runs.value('miniflow_quizzes', 'nope')


def test_version_is_the_packages(capsys):
    from nnspec import __version__
    with pytest.raises(SystemExit) as stop:
        cli.main(['--version'])
    assert stop.value.code == 0 and capsys.readouterr().out.strip() == 'nnspec %s' % __version__


@pytest.mark.parametrize('argv', [['regen'], ['measure', '--write'], ['lint', '--write-manifest'], ['mutate'],
                                  ['sensitivity', '--write'], ['originals']])
def test_a_maintainers_command_without_a_checkout_says_so(monkeypatch, capsys, argv):
    monkeypatch.setattr(spec, 'CHECKOUT', None)  # as in an installed nnspec
    assert cli.main(argv) == cli.USAGE
    err = capsys.readouterr().err
    assert 'nnspec %s needs a checkout' % ' '.join(argv) in err and 'NNSPEC_ROOT' in err


def test_regen_without_pytest_says_so(monkeypatch, capsys):
    real = cli.importlib.util.find_spec
    monkeypatch.setattr(cli.importlib.util, 'find_spec', lambda name, *a: None if name == 'pytest' else real(name, *a))
    assert cli.main(['regen']) == cli.USAGE
    assert "needs pytest, which is not installed: pip install 'nnspec[test]'" in capsys.readouterr().err
