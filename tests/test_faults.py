"""every fault ends in a clear verdict with its exit code; no traceback, no hang, nothing lost.

one test (or a few) per numbered finding; commands that need a real process
(signals, pipes) run `python -m nnspec` with a time limit of their own.
"""
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
import yaml

from nnspec import atomic, cli, lint, measure, schema, spec
from nnspec.conformance import cases, port_process
from nnspec.conformance.transcript_mode import numbers
from tests.checking import check, fake, only
from tests.golden import _NoAliases
from tests.spec_copy import edit

THREE = 'trask-part1/three-layer'
QUICK = 'quick/trask-part1/three-layer'
ENV = {k: v for k, v in os.environ.items() if k != 'OPENBLAS_CORETYPE'}


def nnspec(*args, **kw):
    return subprocess.Popen([sys.executable, '-m', 'nnspec', *args], cwd=str(spec.ROOT), env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open('/proc/%d/stat' % pid) as f:  # a zombie of init's is gone too
        return f.read().split(')')[-1].split()[0] == 'Z'


# 1. the readers are linear, and bounded by --timeout while the port runs

def test_a_million_digits_and_a_spaced_label_read_in_linear_time():
    assert numbers.tokens('1' * 1000000 + 'x') == []
    label = r'Training\s+With\s+Alpha\s*:?\s*[-+]?[\d.]+(?:e[-+]?\d+)?'
    assert numbers.tokens('Training With Alpha' + ' ' * 200000 + 'x', [label]) == []
    assert [t.value for t in numbers.tokens('Training With Alpha: 10\n0.5', [label])] == [0.5]


def test_a_flood_on_one_line_is_a_verdict_not_a_hang(capsys):
    code, r = check(capsys, THREE, fake("print('1'*1000000+'x')"), 'transcript', 'json', '--timeout', '5')
    assert code == 2 and only(r)['problem'].startswith('the port printed no numbers')


# 2. ctrl-c and sigterm end the port, exit 128+n, no traceback

@pytest.mark.parametrize('sig', [signal.SIGINT, signal.SIGTERM])
def test_a_signal_ends_the_port_and_says_so(tmp_path, sig):
    pidfile = tmp_path / 'pid'
    port = 'import os, time; open(%r, "w").write(str(os.getpid())); time.sleep(60)' % str(pidfile)
    proc = nnspec('check', '--case', THREE, '--', sys.executable, '-c', port)
    for _ in range(200):
        if pidfile.exists() and pidfile.read_text():
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + sig and b'Traceback' not in err
    assert b'%s during case %s' % (signal.Signals(sig).name.encode(), THREE.encode()) in err
    assert gone(int(pidfile.read_text()))


# 3. a write is atomic: old or new, never a 0-byte file, no temporary left

def test_a_failed_write_leaves_every_file_as_it_was(tmp_path):
    a, b = tmp_path / 'a.json', tmp_path / 'missing' / 'b.json'
    a.write_text('old')
    with pytest.raises(OSError):
        atomic.write_all({a: b'new', b: b'new'})
    assert a.read_text() == 'old' and sorted(p.name for p in tmp_path.iterdir()) == ['a.json']


def test_a_read_only_file_is_not_replaced(tmp_path):
    a = tmp_path / 'a.yml'
    a.write_text('old')
    a.chmod(0o444)
    if os.access(a, os.W_OK):
        pytest.skip('running as a user who may write anything')
    with pytest.raises(PermissionError, match='read-only'):
        atomic.write(a, 'new')
    assert a.read_text() == 'old'


# 4. regen's exit codes; it claims only what its own run wrote

def test_a_new_file_gets_the_umasks_mode_not_the_temporary_files(tmp_path):
    # mkstemp makes 0600: a report or site written for others to read must not stay private by accident
    old = os.umask(0o027)
    try:
        atomic.write(tmp_path / 'new.html', 'x')
        (tmp_path / 'kept.html').write_text('old')
        os.chmod(tmp_path / 'kept.html', 0o640)
        atomic.write(tmp_path / 'kept.html', 'new')
    finally:
        os.umask(old)
    assert (tmp_path / 'new.html').stat().st_mode & 0o777 == 0o640
    assert (tmp_path / 'kept.html').stat().st_mode & 0o777 == 0o640 and (tmp_path / 'kept.html').read_text() == 'new'


def test_regen_matching_nothing_is_a_usage_error():
    proc = nnspec('regen', '-k', 'no_such_golden_anywhere')
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and b'matches no golden test' in err and b'Traceback' not in err


def test_regen_with_a_malformed_k_is_a_usage_error():
    proc = nnspec('regen', '-k', 'syn0 and (')
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and b'is not an expression pytest reads' in err and b'Traceback' not in err


def test_regen_tells_a_rewrite_from_a_failure(tmp_path):
    junit = tmp_path / 'junit.xml'
    junit.write_text('<testsuites><testsuite><testcase name="a"><failure message="Failed: golden fixtures/a.yml rewritten: '
                     'review"/></testcase><testcase name="b"><failure message="Failed: this run changes 2 documented '
                     'verdicts"/></testcase><testcase name="c"/></testsuite></testsuites>')
    assert cli._failures(str(junit)) == [('a', 'Failed: golden fixtures/a.yml rewritten: review'),
                                         ('b', 'Failed: this run changes 2 documented verdicts')]
    assert cli._failures(str(tmp_path / 'none.xml')) == [('pytest', 'no test report written')]


# 5. children left behind: the grace is short, and not the port's time; escapees are ended

def test_a_grandchild_holding_stdout_does_not_hide_the_output(tmp_path):
    started = time.perf_counter()
    ran = port_process.run(['sh', '-c', 'echo 0.5; sleep 30 &'], timeout=20)
    assert ran.problem is None and ran.stdout == b'0.5\n' and time.perf_counter() - started < 10
    assert ran.seconds < 5


def test_a_child_that_left_with_setsid_is_ended(tmp_path):
    pidfile = tmp_path / 'pid'
    ran = port_process.run(['sh', '-c', 'setsid sh -c "echo \\$\\$ > %s; exec sleep 30" & sleep 0.3; echo 1' % pidfile], timeout=20)
    assert ran.stdout == b'1\n'
    pid = int(pidfile.read_text())
    for _ in range(40):
        if gone(pid):
            break
        time.sleep(0.05)
    assert gone(pid)


# 6. two writers, many readers: every read is whole json

def test_concurrent_writers_never_show_a_reader_half_a_file(tmp_path):
    path = tmp_path / 'doc.json'
    spec.write_document(path, {'n': 0})
    errors, bad = [], []

    def writer(k):
        try:
            for i in range(60):
                spec.write_document(path, {'n': i, 'by': k, 'pad': 'x' * 20000})
        except Exception as e:  # noqa: BLE001 -- counted below
            errors.append(e)
    threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        try:
            json.loads(path.read_text())
        except ValueError:
            bad.append(1)
    assert errors == [] and bad == [] and [p.name for p in tmp_path.iterdir()] == ['doc.json']


# 7. a port's number no double carries is the port's fault, not nnspec's

def test_0e400_and_huge_integers_are_not_finite_numbers(capsys):
    assert numbers.value('0e400') == math.inf and numbers.value('-0e400') == -math.inf
    assert numbers.json_int('9' * 5000) == math.inf and numbers.json_int('12') == 12
    code, r = check(capsys, THREE, fake(r"print('Error:0e400\n'*6)"), 'transcript')
    assert code == 1 and only(r)['first']['why'] == 'not a finite number'
    answer = json.loads(cases.expected_path(QUICK).read_text())['answer']
    text = json.dumps(answer).replace(repr(answer['checkpoints'][0]['error']), '1' + '0' * 5000, 1)
    code, r = check(capsys, QUICK, fake('print(%r)' % text))
    assert code == 1 and only(r)['first']['why'] == 'not a finite number'


# 8. broken spec data: named, exit 3, and lint sees it first

@pytest.mark.parametrize('field, change', [
    ('quantity', lambda e: e.update(quantity='l9')), ('index', lambda e: e.update(index=[9, 9])),
    ('run', lambda e: e.update(run='no_such_run')), ('documented', lambda e: e.pop('documented'))])
def test_an_entry_the_reference_cannot_measure_is_named(values, field, change):
    edit(values / 'trask-part1.json', lambda d: change(d['entries'][0]))
    with pytest.raises(spec.SpecError, match="trask-part1.json: entry .*: field '%s'" % field):
        measure.remeasure(values)
    assert any("field '%s'" % field in p for p in lint.problems(values))


def test_a_duplicate_json_key_is_refused(values):
    path = values / 'miniflow.json'
    path.write_text(path.read_text().replace('"title":', '"title": "x", "title":', 1))
    with pytest.raises(spec.SpecError, match="duplicate key 'title'"):
        spec.load_json(path)


# 9. lost data and a wrong root are named

def test_a_lost_values_file_is_noticed(values, monkeypatch):
    (values / 'trask-part1.json').unlink()
    monkeypatch.setattr(spec, 'VALUES', values)
    with pytest.raises(spec.SpecError, match=r'trask-part1.json: missing: manifest.json lists it with 13 entries'):
        spec.documents()


def test_a_values_file_edited_after_it_was_read_is_checked_again(values):
    # the schema check is memoized by the file's bytes: an edit of the same size, read at once, is still seen
    path = values / 'trask-part1.json'
    first = spec.load_document(path)
    first['entries'][0]['id'] = 'changed by the caller'  # a copy: the memo keeps what was read
    assert spec.load_document(path)['entries'][0]['id'] != 'changed by the caller'
    text = path.read_text(encoding='utf-8')
    path.write_text(text.replace('"status": "reproduced"', '"status": "reproduceX"', 1), encoding='utf-8')
    with pytest.raises(spec.SpecError, match='reproduceX'):
        spec.load_document(path)


def test_a_wrong_nnspec_root_is_named(tmp_path):
    proc = subprocess.run([sys.executable, '-m', 'nnspec', 'measure', '--write'], cwd=str(spec.ROOT), capture_output=True,
                          env=dict(ENV, NNSPEC_ROOT=str(tmp_path)), timeout=120)
    assert proc.returncode == 3 and b'NNSPEC_ROOT=%s' % str(tmp_path).encode() in proc.stderr
    assert b'Traceback' not in proc.stderr and list(tmp_path.iterdir()) == []


# 10. goldens: aliases refused before they expand

def test_a_yaml_alias_bomb_is_refused():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    with pytest.raises(yaml.YAMLError, match='aliases are refused'):
        yaml.load(bomb, Loader=_NoAliases)


# 11. a broken case file is the suite's fault, with file and field

@pytest.fixture
def suite(tmp_path, monkeypatch):
    root = tmp_path / 'cases'
    shutil.copytree(str(cases.CASES), str(root))
    monkeypatch.setattr(cases, 'CASES', root)
    return root


@pytest.mark.parametrize('mode, change, field', [
    ('transcript', lambda c, x: c['values'][0].update(atol=-1e-12), 'values[0].atol'),
    ('transcript', lambda c, x: c['labels'].append('(unclosed'), 'labels[0]'),
    ('transcript', lambda c, x: c['values'][0].update(entry='no/such/entry'), 'values[0].entry'),
    ('json', lambda c, x: x['tolerance'].update(error=[x['tolerance']['error']]), 'tolerance.error'),  # one for many checkpoints
    ('json', lambda c, x: x['tolerance']['final'].pop(sorted(x['tolerance']['final'])[0]), 'tolerance.final'),
])
def test_a_broken_case_is_named_and_exits_3(capsys, suite, mode, change, field):
    id_ = THREE if mode == 'transcript' else 'quick/trask-part2/alpha-sweep/alpha-100'
    path, xpath = suite / mode / (id_ + '.json'), suite / 'json' / (id_ + '.expected.json')
    c, x = json.loads(path.read_text()), json.loads(xpath.read_text()) if mode == 'json' else None
    change(c, x)
    path.write_text(json.dumps(c))
    if x:
        xpath.write_text(json.dumps(x))
    code, r = check(capsys, id_, fake('print(1)'), mode)
    assert code == 3 and ('field %s' % field) in only(r)['problem'] and path.parent.name in only(r)['problem']


def test_a_nan_in_case_data_is_refused(suite):
    path = suite / 'transcript' / (THREE + '.json')
    path.write_text(path.read_text().replace('"want": 0.4964100319027255', '"want": NaN', 1))
    with pytest.raises(spec.SpecError, match='NaN is not a number the suite may hold'):
        cases.load(THREE, 'transcript')


def test_a_schema_ref_cycle_is_refused_before_use():
    assert schema.problems({'$defs': {'a': {'$ref': '#/$defs/b'}, 'b': {'$ref': '#/$defs/a'}}, '$ref': '#/$defs/a'}) == [
        '$ref cycle: #/$defs/a -> #/$defs/b -> #/$defs/a']
    assert schema.problems({'type': 'object', 'properties': {'x': {'$ref': '#'}}}) == []  # recursion that reads input


# 12. limits, pipes, hex floats, a directory

@pytest.mark.parametrize('option, value', [('--timeout', '-1'), ('--timeout', '0'), ('--timeout', 'nan'), ('--max-output', '-1')])
def test_a_bad_limit_is_a_usage_error(capsys, option, value):
    with pytest.raises(SystemExit) as e:
        cli.main(['check', '--case', THREE, option, value, '--', 'true'])
    assert e.value.code == 2 and 'argument %s' % option in capsys.readouterr().err


def test_a_closed_pipe_is_no_traceback():
    proc = nnspec('check', '--case', THREE, '--', sys.executable, '-c', 'print("Error:0.5")')
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == 128 + signal.SIGPIPE and b'Traceback' not in err


def test_hex_floats_read_as_one_number():
    assert [(t.text, t.value) for t in numbers.tokens('w: 0x1.8p-2, -0X1P+1 0x1f')] == [('0x1.8p-2', 0.375), ('-0X1P+1', -2.0)]


def test_a_directory_as_port(tmp_path):
    assert port_process.run([str(tmp_path)]).problem == "could not start %r: it is a directory, not a program" % str(tmp_path)
