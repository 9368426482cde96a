"""many ports, many cases: --list, repeated --case, unsupported, -j, junit xml, progress on a terminal only."""
import io
import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from nnspec import cli, measure, progress, report as spec_report, runs
from nnspec.check import check_all
from nnspec.conformance import cases, many, outcome
from tests.checking import check, fake, only, port
from nnspec.spec import ROOT

QUICK = 'quick/trask-part1/*'
def cli_check(capsys, cases_, command, *extra, fmt='json'):
    argv = ['check', '--mode', 'json', '--format', fmt, *extra]
    for c in cases_:
        argv += ['--case', c]
    code = cli.main(argv + ['--', *command])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if fmt == 'json' else out.out), out.err


def test_list_prints_the_ids_one_a_line_without_a_port(capsys):
    assert cli.main(['check', '--list', '--mode', 'json']) == 0
    assert capsys.readouterr().out.splitlines() == cases.ids('json')
    assert cli.main(['check', '--list']) == 0
    listed = capsys.readouterr().out.splitlines()
    assert set(listed) == set(cases.ids('json')) | set(cases.ids('transcript')) and len(listed) == len(set(listed))
    assert cli.main(['check', '--list', '--mode', 'json', '--case', 'quick/**', '--case', 'trask-part1/*']) == 0
    assert capsys.readouterr().out.splitlines() == cases.match('quick/**', 'json') + cases.match('trask-part1/*', 'json')
    # without --mode, a pattern naming no case of one mode does not hide the next pattern's cases there
    assert cli.main(['check', '--list', '--case', 'quick/**', '--case', 'trask-part2/closer-look']) == 0
    assert capsys.readouterr().out.splitlines() == cases.match('quick/**', 'json') + ['trask-part2/closer-look']
    assert cli.main(['check', '--list', '--case', 'no-such/*']) == 2 and capsys.readouterr().out.strip() == ''


def test_repeated_case_is_a_union_in_order_without_duplicates(capsys):
    named = ['quick/trask-part2/thirteen-lines', QUICK, 'quick/trask-part1/two-layer']
    code, r, _ = cli_check(capsys, named, port())
    assert code == 0
    assert [o['case'] for o in r['cases']] == ['quick/trask-part2/thirteen-lines', 'quick/trask-part1/three-layer',
                                               'quick/trask-part1/two-layer']


def test_a_case_pattern_naming_nothing_is_named(capsys):
    code, _, err = cli_check(capsys, [QUICK, 'quick/no-such/*'], port(), fmt='text')
    assert code == 2 and "no json case matches 'quick/no-such/*'" in err


def test_unsupported_json_answer_is_counted_apart(capsys):
    says_no = 'if case["id"].endswith("two-layer"): print(json.dumps({"unsupported": "no two-layer net here"})); sys.exit()'
    code, r, _ = cli_check(capsys, [QUICK], port(says_no))
    assert code == 0 and r['summary'] == '2 cases: 1 conformant, 1 unsupported'
    assert r['cases'][1]['status'] == 'unsupported' and r['cases'][1]['problem'] == 'no two-layer net here'


def test_exit_77_is_unsupported_in_either_mode(capsys):
    code, r = check(capsys, 'trask-part1/three-layer', fake('import sys; sys.stderr.write("no three layers yet\\n"); sys.exit(77)'),
                    'transcript')
    assert code == 2 and only(r)['status'] == 'unsupported'  # every case unsupported: nothing was checked
    assert only(r)['problem'] == 'the port exited with status 77 (not this case): no three layers yet'
    code, text, _ = cli_check(capsys, [QUICK], port('if case["id"].endswith("two-layer"): sys.exit(77)'), fmt='text')
    assert code == 0 and text.splitlines()[-1] == '2 cases: 1 conformant, 1 unsupported'
    assert 'quick/trask-part1/two-layer (json): unsupported: the port exited with status 77 (not this case)' in text


def test_an_unsupported_answer_must_give_a_reason_and_nothing_else(capsys):
    code, r = check(capsys, 'quick/trask-part1/two-layer', fake('print(\'{"unsupported": ""}\')'))
    assert code == 2 and only(r)['status'] == 'port broken' and 'should be non-empty' in only(r)['problem']
    code, r = check(capsys, 'quick/trask-part1/two-layer', fake('print(\'{"unsupported": "x", "final": {}}\')'))
    assert code == 2 and "('final' was unexpected)" in only(r)['problem']


def test_a_not_conformant_case_still_fails_beside_unsupported_ones(capsys):
    code, r, _ = cli_check(capsys, [QUICK], port('if case["id"].endswith("two-layer"): sys.exit(77)', scale=2))
    assert code == 1 and r['summary'] == '2 cases: 1 not conformant, 1 unsupported'


def without_times(report):
    return [{k: v for k, v in o.items() if k not in ('seconds', 'port_seconds')} for o in report['cases']]


def test_jobs_keep_case_order_and_give_what_one_job_gives(capsys):
    # the first case is the slowest: with 3 jobs it finishes last, and is still reported first
    slow_first = port('time.sleep(1.0 if case["id"].endswith("three-layer") else 0)\n'
                      'if "alpha-1000" in case["id"]: sys.exit(77)')
    named = [QUICK, 'quick/trask-part2/alpha-sweep/*']
    code1, one, _ = cli_check(capsys, named, slow_first, '-j', '1')
    code3, three, _ = cli_check(capsys, named, slow_first, '--jobs', '3')
    assert [o['case'] for o in three['cases']] == cases.match(QUICK, 'json') + cases.match('quick/trask-part2/alpha-sweep/*', 'json')
    assert (code1, one['summary']) == (code3, three['summary']) == (0, '5 cases: 4 conformant, 1 unsupported')
    assert without_times(one) == without_times(three)


def test_jobs_must_be_at_least_one(capsys):
    try:
        cli.main(['check', '-j', '0', '--case', QUICK, '--', 'true'])
    except SystemExit as e:
        assert e.code == 2 and 'at least 1, got 0' in capsys.readouterr().err
    else:
        raise AssertionError('-j 0 was accepted')


def test_junit_has_one_testcase_per_case_with_what_went_wrong(capsys):
    body = ('if case["id"].endswith("two-layer"): sys.exit(77)\n'
            'if "alpha-1000" in case["id"]: sys.stderr.write("bad \\x1b[31m\\x00 bytes\\n"); sys.exit(3)\n'
            'if "alpha-100" in case["id"]: [c.update(error=c["error"] * 2) for c in answer["checkpoints"]]')
    code, xml, _ = cli_check(capsys, [QUICK, 'quick/trask-part2/alpha-sweep/*'], port(body), fmt='junit')
    assert code == 2
    suite = ET.fromstring(xml)  # control characters from the port's stderr must not break the xml
    assert suite.tag == 'testsuite' and (suite.get('tests'), suite.get('failures'), suite.get('errors'), suite.get('skipped')) == ('5', '1', '1', '1')
    got = {c.get('name'): [(e.tag, e.get('message')) for e in c] for c in suite.iter('testcase')}
    assert list(got) == cases.match(QUICK, 'json') + cases.match('quick/trask-part2/alpha-sweep/*', 'json')
    assert got['quick/trask-part1/three-layer'] == [] and got['quick/trask-part2/alpha-sweep/alpha-10'] == []
    assert got['quick/trask-part1/two-layer'][0] == ('skipped', 'the port exited with status 77 (not this case)')
    assert got['quick/trask-part2/alpha-sweep/alpha-100'][0][0] == 'failure'
    assert got['quick/trask-part2/alpha-sweep/alpha-100'][0][1].startswith(
        'error measure: error@0: expected 0.4964100319027255, got 0.99282006380545')  # the diagnosis's kind, then the row
    assert got['quick/trask-part2/alpha-sweep/alpha-1000'][0] == ('error', 'the port exited with status 3')
    assert 'bad \\x1b[31m\\x00 bytes' in suite.find("testcase[@name='quick/trask-part2/alpha-sweep/alpha-1000']/error").text


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_check_progress_only_on_a_terminal(capsys):
    import argparse
    args = argparse.Namespace(mode='json', timeout=60.0, max_output=10 ** 6)
    tty, pipe = Terminal(), io.StringIO()
    check_all(cases.match(QUICK, 'json'), args, port(), jobs=2, stream=tty)
    check_all(cases.match(QUICK, 'json'), args, port(), jobs=2, stream=pipe)
    assert 'checked 1 of 2 cases' in tty.getvalue() and '\rchecked 2 of 2 cases' in tty.getvalue()
    assert tty.getvalue().endswith('\r') and pipe.getvalue() == ''
    code, _, err = cli_check(capsys, [QUICK], port())  # captured stderr is no terminal
    assert code == 0 and err == ''


def test_check_progress_on_a_real_pty():
    master, slave = pty.openpty()
    try:
        done = subprocess.run([sys.executable, '-m', 'nnspec', 'check', '--mode', 'json', '--case', QUICK, '--', *port()],
                              cwd=str(ROOT), stdout=subprocess.PIPE, stderr=slave, timeout=120)
        os.close(slave)
        seen = b''
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # linux: eio once the other end is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert done.returncode == 0 and b'checked 2 of 2 cases' in seen and b'checked' not in done.stdout


def test_report_progress_names_each_run_on_a_terminal_only(monkeypatch, capsys):
    probe = 'progress_probe_%d' % id(object())  # a run never computed before in this process, nor kept on disk
    monkeypatch.setitem(runs.RUNS, probe, lambda: {})
    monkeypatch.setattr(measure, 'runs_read', lambda documents: [probe])  # the runs this view reads: one
    monkeypatch.setattr(spec_report, 'rows', lambda: [] if runs.run(probe) == {} else None)
    tty = Terminal()
    monkeypatch.setattr(sys, 'stderr', tty)
    assert cli.main(['report', '--format', 'json']) == 0
    assert '\rcomputed %s (1 of 1, 0 s)' % probe in tty.getvalue()
    assert tty.getvalue().endswith('\r')
    monkeypatch.setattr(sys, 'stderr', io.StringIO())
    line = progress.Line()
    line.show('not shown')
    assert not line.on and sys.stderr.getvalue() == ''



def test_an_interrupt_starts_no_more_cases():
    started = []

    def check(id_):
        started.append(id_)
        if len(started) == 1:
            raise KeyboardInterrupt
        return outcome.Outcome(id_, 'json')
    with pytest.raises(KeyboardInterrupt):
        many.run_all(check, ['case-%d' % k for k in range(50)], jobs=1)
    # the case that raised, and at most the one its worker had taken meanwhile: not the 48 after it
    assert started[0] == 'case-0' and len(started) <= 2, started


def test_a_list_that_matches_nothing_says_so(capsys):
    assert cli.main(['check', '--list', '--mode', 'json', '--case', 'zz*']) == 2
    out, err = capsys.readouterr()
    assert out == '' and 'no json case matches zz*' in err


def test_jobs_that_are_not_a_number_are_named(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(['check', '-j', 'abc', '--case', 'x', '--', 'true'])
    assert stop.value.code == 2 and "'abc' is not a whole number" in capsys.readouterr().err


def test_a_glob_written_for_the_trask_listings_keeps_its_meaning(capsys):
    # `**/two-layer` named the trask listings' two-layer cases before MiniFlow came; a trask-only port still passes it
    trask_only = port('if case.get("kind"): sys.exit("a trask port: no %s here" % case["kind"])')
    code, r, _ = cli_check(capsys, ['**/two-layer'], trask_only)
    assert code == 0, [o['problem'] for o in r['cases']]
    assert [o['case'] for o in r['cases']] == ['quick/trask-part1/two-layer', 'trask-part1/two-layer', 'trask-part2/two-layer']
    # a later tutorial is reached by naming it
    assert cases.match('miniflow/**/two-layer', 'json') == ['miniflow/network/two-layer']
    assert cases.match('shamdasani/*', 'json') == ['shamdasani/other-data', 'shamdasani/train']
    assert cases.match('*/train', 'json') == [] and cases.match('*/other-data', 'json') == []


def test_a_glob_that_matches_only_another_namespace_says_how_to_name_it(capsys):
    assert cli.main(['check', '--mode', 'transcript', '--case', '**/quizzes', '--', sys.executable, '-c', 'pass']) == 2
    err = capsys.readouterr().err
    assert "no transcript case matches '**/quizzes'" in err and 'reaches miniflow/ only when its first part names it' in err
