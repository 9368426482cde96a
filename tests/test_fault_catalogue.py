"""the fault catalogue, third pass: one test per kind of fault, named for it.

no hang (work on a port's output is linear and ends within the time limit),
no wrong answer blamed on nnspec, no port started after ctrl-c, no write
misreported, no lost file unnoticed, no traceback, no port text loose in the
terminal. commands that could hang run in a process with a limit of its own,
so a regression fails instead of stopping the suite.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nnspec import spec
from nnspec.conformance import cases
from nnspec.conformance.transcript_mode import labels
from tests.checking import check, fake, only

THREE = 'trask-part1/three-layer'
SWEEP = 'trask-part2/alpha-sweep'
ENV = {k: v for k, v in os.environ.items() if k != 'OPENBLAS_CORETYPE'}


def nnspec(*args, limit=60, env=None, **kw):
    """(exit code, stdout, stderr, seconds) of `python -m nnspec`, killed (and failed) past `limit` seconds."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, '-m', 'nnspec', *args], cwd=str(spec.ROOT), env=dict(ENV, **(env or {})),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **kw)
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        raise AssertionError('nnspec %s still running after %ss' % (' '.join(args)[:80], limit))
    return proc.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace'), time.perf_counter() - started


# 1. bounded work on the port's output: the alpha label is linear and ends within --timeout

def test_a_spaced_alpha_label_is_read_in_linear_time():
    values = cases.load(SWEEP, 'transcript')[0]['values']
    for text in ('Error:0.4\nTraining With Alpha' + ' ' * 30000 + 'x',  # quadratic: 25 s
                 'Training With Alpha:0.001\n' * 60000):  # a line count per label: 28 s
        started = time.perf_counter()
        labels.alpha_problem(text, values)
        assert time.perf_counter() - started < 2
    started = time.perf_counter()
    assert labels.alpha_problem('Training With Alpha' + ' ' * (4 << 20) + 'x', values) is None  # the output cap
    many = labels.alpha_problem('Training With Alpha:0.001\n' * 160000, values)
    assert many.startswith('line 2 prints "Training With Alpha:0.001" where the listing\'s run 2 is alpha 0.01')
    assert time.perf_counter() - started < 2


def test_a_spaced_alpha_label_after_a_number_ends_within_the_timeout():
    port = ['--', sys.executable, '-c', "print('Error:0.496410031903'); print('Training With Alpha'+' '*200000+'x')"]
    for case in (THREE, SWEEP):
        code, out, err, seconds = nnspec('check', '--case', case, '--timeout', '5', *port, limit=30)
        assert code == 1 and 'Traceback' not in err and seconds < 20, (case, code, seconds, err[-300:])


# 2. a port's wrong answer is never "a bug in nnspec"

def _expected_answer(id_):
    return json.loads(cases.expected_path(id_).read_text())['answer']


def test_a_restart_segment_at_other_iterations_is_the_ports_fault(capsys):
    answer = json.dumps(_expected_answer('quick/trask-part1/three-layer'))  # checkpoints at other iterations, other shapes
    code, r = check(capsys, 'quick/trask-part2/alpha-sweep/alpha-100', fake('print(%r)' % answer))
    assert code == 1 and only(r)['status'] == 'not conformant' and 'a bug in nnspec' not in json.dumps(r)
    assert any('checkpoint 1 is iteration 100, expected 2' in d for d in only(r)['diagnosis'])


def test_a_5000_digit_integer_in_a_transcript_is_the_ports_fault(capsys):
    code, r = check(capsys, THREE, fake("print('1'*5000, *range(12))"), 'transcript')
    assert code == 1 and 'a bug in nnspec' not in json.dumps(r)


def test_a_long_number_or_reason_is_shown_by_its_ends_with_the_count_cut(capsys, tmp_path):
    code, text = check(capsys, THREE, fake("print('1'*5000, *range(12))"), 'transcript', 'text')
    assert code == 1 and '1' * 100 not in text and len(text) < 4000, len(text)
    assert 'got %s...[4920 characters cut]...%s, not a finite number (stdout line 1)' % ('1' * 40, '1' * 40) in text
    code, r = check(capsys, THREE, fake("print('Error:' + '2' * 5000 + ',12345')"), 'transcript')
    assert code == 1 and len(json.dumps(r)) < 8000 and '[4920 characters cut]' in only(r)['diagnosis'][0]
    reason = tmp_path / 'reason.json'
    reason.write_text(json.dumps({'unsupported': 'a' * 600 + 'b' * 100000 + 'c' * 600}))
    code, text = check(capsys, 'quick/' + THREE, ['cat', str(reason)], 'json', 'text')
    assert code == 2 and 'a' * 500 + '...[100200 characters cut]...' + 'c' * 500 in text and len(text) < 3000


def test_a_ragged_expected_matrix_is_named_with_its_file(capsys, tmp_path, monkeypatch):
    import shutil
    root = tmp_path / 'cases'
    shutil.copytree(str(cases.CASES), str(root))
    monkeypatch.setattr(cases, 'CASES', root)
    id_ = 'quick/trask-part1/three-layer'
    path = root / 'json' / (id_ + '.expected.json')
    doc = json.loads(path.read_text())
    doc['answer']['final']['synapse_0'][1] = doc['answer']['final']['synapse_0'][1][:2]
    path.write_text(json.dumps(doc))
    code, r = check(capsys, id_, fake('print(%r)' % json.dumps(_expected_answer(id_))))
    assert code == 3 and only(r)['problem'] == '%s: field answer.final.synapse_0: a ragged matrix (rows of 2, 4 numbers)' % path


def test_a_case_label_that_does_not_compile_is_named_in_words_not_bytes(tmp_path, monkeypatch):
    import shutil
    root = tmp_path / 'cases'
    shutil.copytree(str(cases.CASES), str(root))
    monkeypatch.setattr(cases, 'CASES', root)
    path = root / 'transcript' / (THREE + '.json')
    path.write_text(json.dumps(dict(json.loads(path.read_text()), labels=['Error('])))
    with pytest.raises(spec.SpecError) as e:
        cases.load(THREE, 'transcript')
    assert str(e.value) == "%s: field labels[0]: 'Error(' does not compile: missing ): Error(" % path


# 3. ctrl-c and sigterm after the port exited: prompt, truthful, and the port is not started again

SLOW_TO_CHECK = '''
import os, random, sys
mark = sys.argv[1]
n = len(os.listdir(mark))
open(os.path.join(mark, 'run%d' % (n + 1)), 'w').close()
r = random.Random(n)  # another start each run: not deterministic, so a failing check would run it again
print('nnspec-weights syn0', ' '.join('%.6g' % r.uniform(-1, 1) for _ in range(12)))  # a replay of seconds
print('nnspec-weights syn1', ' '.join('%.6g' % r.uniform(-1, 1) for _ in range(4)))
for k in range(6):
    print('Error:%.12f' % (0.5 - k * 0.01))
'''


@pytest.mark.parametrize('sig', [signal.SIGINT, signal.SIGTERM])
def test_a_signal_after_the_port_exited_is_prompt_and_starts_no_port(tmp_path, sig):
    port, mark = tmp_path / 'port.py', tmp_path / 'runs'
    port.write_text(SLOW_TO_CHECK)
    mark.mkdir()
    proc = subprocess.Popen([sys.executable, '-m', 'nnspec', 'check', '--case', THREE, '--', sys.executable, str(port),
                             str(mark)], cwd=str(spec.ROOT), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for _ in range(400):
        if (mark / 'run1').exists():
            break
        time.sleep(0.02)
    time.sleep(1.0)  # the port has exited; nnspec replays its weights
    proc.send_signal(sig)
    sent = time.perf_counter()
    out, err = proc.communicate(timeout=60)
    waited = time.perf_counter() - sent
    time.sleep(6)  # as long as the whole check takes: a second run would have begun
    assert proc.returncode == 128 + sig and waited < 2, (proc.returncode, waited)
    assert sorted(p.name for p in mark.iterdir()) == ['run1']
    assert b'no port was running (nnspec was checking its output); no port is started again' in err
    assert b'Traceback' not in err


def test_a_port_ended_by_a_stop_gives_no_outcome_so_its_case_stays_one_that_was_running():
    import threading
    from nnspec.conformance import port_process
    stop, got = threading.Event(), []

    def case():
        port_process.stop_with(stop)
        try:
            got.append(port_process.run(fake('import time; time.sleep(100)'), timeout=60))
        except port_process.Stopped:
            got.append('stopped')
    thread = threading.Thread(target=case)
    thread.start()
    for _ in range(500):
        if port_process.LIVE:
            break
        time.sleep(0.01)
    stop.set()
    assert port_process.end_all() == 1
    thread.join(30)
    assert got == ['stopped']  # not a Run "killed by signal 9" its case would count as finished


def test_a_signal_with_ports_running_at_once_names_every_case_whose_port_it_ended(tmp_path, sig=signal.SIGTERM):
    mark = tmp_path / 'runs'
    mark.mkdir()
    port = fake('import os, sys, time; open(os.path.join(%r, os.environ["NNSPEC_CASE"].replace("/", "--")), "w").close(); '
                'time.sleep(100)' % str(mark))
    proc = subprocess.Popen([sys.executable, '-m', 'nnspec', 'check', '--mode', 'json', '--case', 'quick/**', '-j', '2',
                             '--', *port], cwd=str(spec.ROOT), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for _ in range(500):
        if len(os.listdir(str(mark))) == 2:
            break
        time.sleep(0.02)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    running = sorted(p.replace('--', '/') for p in os.listdir(str(mark)))
    assert len(running) == 2 and proc.returncode == 128 + sig, err
    assert err.decode() == ('nnspec check: %s during case %s: 2 running ports were ended; no port is started again; 2 of %d '
                            'cases had started, no verdict\n' % (signal.Signals(sig).name, ', '.join(running),
                                                                  len(cases.match('quick/**', 'json'))))


# 4. all-or-nothing writes under a signal taken by any thread, and a summary that tells the truth

def _signal_from_another_thread(monkeypatch, sig=signal.SIGINT):
    """os.replace that, at its first call, has a signal delivered to another thread (as openblas's threads take it)."""
    import threading
    from nnspec import atomic
    idle, real, sent = threading.Event(), os.replace, []
    other = threading.Thread(target=idle.wait, daemon=True)
    other.start()

    def replace(a, b):
        real(a, b)
        if not sent:  # between the first move and the next
            sent.append(1)
            signal.pthread_kill(other.ident, sig)
            time.sleep(0.2)  # the main thread runs the handler now, unless it is held
    monkeypatch.setattr(atomic.os, 'replace', replace)
    return idle


def test_a_signal_in_another_thread_during_the_moves_leaves_all_or_nothing(tmp_path, monkeypatch):
    from nnspec import atomic, signals
    files = {tmp_path / ('v%d.json' % k): b'new' for k in range(5)}
    for p in files:
        p.write_bytes(b'old')
    idle = _signal_from_another_thread(monkeypatch)
    with signals.handled(), pytest.raises(signals.Interrupted) as e:
        atomic.write_all(files)
    idle.set()
    assert [p.read_bytes() for p in files] == [b'new'] * 5 and e.value.written == sorted(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files)  # no temporary left


def test_measure_write_stopped_after_the_moves_says_what_it_wrote(tmp_path, monkeypatch, capsys):
    from nnspec import cli, measure
    files = {spec.ROOT / 'spec' / 'values' / 'a.json': {}, spec.ROOT / 'spec' / 'values' / 'b.json': {}}
    monkeypatch.setattr(spec.atomic, 'write_all', _record_only(spec.atomic.write_all, tmp_path))
    idle = _signal_from_another_thread(monkeypatch)

    def remeasure(write=False):
        spec.write_documents(files)
        return [], files
    monkeypatch.setattr(measure, 'remeasure', remeasure)
    monkeypatch.setattr('nnspec.report.kernel_line', lambda: 'kernel k')
    code = cli.main(['measure', '--write'])
    idle.set()
    err = capsys.readouterr().err
    assert code == 130 and 'no values file changed' not in err
    assert 'nnspec measure: stopped by SIGINT: after every file was written: spec/values/a.json, spec/values/b.json' in err


def _record_only(write_all, where):
    """write_all into `where` instead of the checkout (the paths the caller named are what it reports)."""
    def write(files, then=None):
        try:
            write_all({where / p.name: data for p, data in files.items()}, *[then] if then else [])
        except KeyboardInterrupt as e:
            e.written = sorted(files) if e.written else []
            raise
    return write


# 5. a --case glob of many stars is matched in linear time

def test_a_case_glob_of_many_stars_ends_at_once():
    code, out, err, seconds = nnspec('check', '--list', '--mode', 'json', '--case', '*' * 20 + 'z', limit=30)
    assert code == 2 and seconds < 20 and 'Traceback' not in err
    code, out, err, seconds = nnspec('check', '--list', '--mode', 'json', '--case', '*' * 100000, limit=30)
    assert code == 0 and out.split() == cases.match('**', 'json')  # every id a glob reaches (not another post's: it names them)


# 6. lost data fails: a recorded kernel's verdicts, its goldens; seeds lint could not read are named

def test_a_lost_kernel_verdict_file_is_noticed(tmp_path, monkeypatch):
    import shutil
    from nnspec import inventory, kernels
    copy = tmp_path / 'kernels'
    shutil.copytree(str(inventory.KERNELS), str(copy))
    monkeypatch.setattr(inventory, 'KERNELS', copy)
    assert kernels.recorded(copy)  # the suite records at least one kernel
    lost = sorted(copy.glob('*.json'))[0]
    lost.unlink()
    with pytest.raises(spec.SpecError, match='%s: missing: manifest.json lists this recorded kernel' % lost):
        kernels.recorded(copy)
    assert any(p.startswith('%s: missing' % lost) for p in inventory.problems(kernels=copy))


def test_lint_names_a_lost_kernel_verdict_file_once(tmp_path, monkeypatch):
    import functools
    import shutil
    from nnspec import inventory, kernels, lint
    copy = tmp_path / 'kernels'
    shutil.copytree(str(inventory.KERNELS), str(copy))
    lost = sorted(copy.glob('*.json'))[0]
    lost.unlink()
    monkeypatch.setattr(inventory, 'KERNELS', copy)
    monkeypatch.setattr(lint.inventory, 'problems', functools.partial(inventory.problems, kernels=copy))
    monkeypatch.setattr(kernels, 'directory', lambda values=None: copy if values is None else Path(values).parent / 'kernels')
    monkeypatch.setattr(lint.measure, 'checked', lambda name, entry: None)  # the rest of lint, not the reference runs
    said = [p for p in lint.problems() if p.startswith(str(lost))]
    assert said == ['%s: missing: manifest.json lists this recorded kernel (restore it from git, or record it again with '
                    '`nnspec measure --write` on that kernel)' % lost]


def test_lost_goldens_are_noticed(tmp_path):
    import shutil
    from nnspec import inventory
    copy = tmp_path / 'fixtures'
    shutil.copytree(str(inventory.FIXTURES), str(copy))
    assert inventory.problems(fixtures=copy) == []
    native = sorted(d for d in (copy / 'native').iterdir())[0]
    shutil.rmtree(str(native))
    next((copy / 'portable').glob('*.yml')).unlink()
    found = inventory.problems(fixtures=copy)
    assert any(p.startswith('fixtures/native/%s: 0 golden files' % native.name) and 'goldens lost' in p for p in found)
    assert any(p.startswith('fixtures/portable: %d golden files' % len(list((copy / 'portable').glob('*.yml'))))
               for p in found)


def test_lint_names_the_checks_it_could_not_make(monkeypatch, capsys, tmp_path):
    from nnspec import cli, lint
    monkeypatch.setattr(lint.measure, 'checked', lambda name, entry: None)  # the rest of lint, not the reference runs
    monkeypatch.setattr(lint, 'SEEDS', tmp_path / 'nonexistent')
    monkeypatch.setattr(lint, 'SEEDS_SET', True)
    code = cli.main(['lint'])
    out = capsys.readouterr().out
    assert code == 3 and '0 problems' not in out
    assert 'not checked: the quoted lines of' in out and 'NNSPEC_SEEDS=%s: not a directory' % (tmp_path / 'nonexistent') in out
    monkeypatch.setattr(lint, 'SEEDS_SET', False)  # the default place, missing (a fresh clone): said, not failed
    code = cli.main(['lint'])
    out = capsys.readouterr().out
    assert code == 0 and out.endswith('0 problems; 1 check not made (above)\n')


def test_a_value_entry_without_a_needed_field_says_the_field_is_missing():
    from nnspec import measure
    name, entry = next((n, e) for n, e in spec.entries() if e.get('documented'))
    for field in ('documented', 'printer', 'quantity'):
        broken = {k: v for k, v in entry.items() if k != field}
        with pytest.raises(spec.SpecError) as e:
            measure.checked(name, broken)
        assert str(e.value) == "%s: entry %s: field '%s': missing" % (name, entry['id'], field)


def test_a_portable_golden_cut_short_or_ragged_is_a_difference_not_a_numpy_error():
    from nnspec import portable
    native = {'error@0': 0.5, 'syn0': [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}
    ragged = dict(native, syn0=[[1.0, 2.0], [4.0, 5.0, 6.0]])
    short = dict(native, syn0=[[1.0, 2.0, 3.0]])
    for sub in ('trask_part1_three_layer', sorted(portable.SENSITIVE)[0]):  # a stable run and a sensitive one
        assert portable.held(sub, native, ragged) == ['%s/syn0: shape (2, 3) here, ragged in the portable golden' % sub]
        assert portable.held(sub, native, short) == ['%s/syn0: shape (2, 3) here, (1, 3) in the portable golden' % sub]


# 7. the documented way to add an entry: without a verdict, then `nnspec measure --write`

def _again(entry):
    """a copy of an entry under a new id, without its verdict."""
    i = entry['id'].find('[')
    new = entry['id'][:i] + '-again' + entry['id'][i:] if i > 0 else entry['id'] + '-again'
    return dict({k: v for k, v in entry.items() if k != 'verdict'}, id=new)


def test_a_new_entry_without_verdict_is_measured_by_measure_write(tmp_path):
    import shutil
    from nnspec import measure, stack
    values = tmp_path / 'values'
    shutil.copytree(str(spec.VALUES), str(values))
    (tmp_path / 'kernels').mkdir()
    for path in values.glob('*.json'):  # this stack is the copy's reference kernel
        doc = json.loads(path.read_text())
        doc['measured_on'] = stack.describe()
        if path.name == 'trask-part1.json':
            doc['entries'].append(_again(doc['entries'][0]))
        path.write_text(json.dumps(doc, indent=1))
    changes, _ = measure.remeasure(values, write=True)
    added = [c for c in changes if '-again' in c[1]]
    assert added and added[0][2] is None and added[0][3]['status'] in ('reproduced', 'off', 'unreadable')
    assert spec.load_document(values / 'trask-part1.json')['entries'][-1]['verdict'] == added[0][3]


def test_a_new_entry_on_another_kernel_is_refused_with_the_reason(values):
    from tests.spec_copy import edit
    edit(values / 'trask-part1.json', lambda d: d['entries'].append(_again(d['entries'][0])))
    for path in values.glob('*.json'):  # a reference kernel this stack is not
        edit(path, lambda d: d.update(measured_on=dict(d['measured_on'], arithmetic=dict(d['measured_on']['arithmetic'], blas='elsewhere 0.1'))))
    from nnspec import measure
    with pytest.raises(spec.SpecError, match='has no verdict yet: a new entry is measured on the reference kernel'):
        measure.remeasure(values, write=True)


# 8. an OSError is a message with exit 3, never a traceback

def test_an_output_that_cannot_be_written_is_a_message(tmp_path):
    for redirect in ('>/dev/full', '>&-'):
        proc = subprocess.run(['sh', '-c', 'exec "$@" ' + redirect, 'sh', sys.executable, '-m', 'nnspec', 'check', '--list'],
                              cwd=str(spec.ROOT), env=ENV, capture_output=True, timeout=60)
        err = proc.stderr.decode()
        assert 'Traceback' not in err and 'Exception ignored' not in err, (redirect, err)
        assert proc.returncode == 3, (redirect, proc.returncode, err)  # a report that cannot be written is never a success
        assert ('standard output is closed' if redirect == '>&-' else 'No space left') in err, (redirect, err)


def test_a_write_that_fails_is_a_message_with_exit_3(monkeypatch, capsys):
    from nnspec import atomic, cli

    def full(files, then=None):
        raise OSError(28, 'No space left on device', str(spec.MANIFEST))
    monkeypatch.setattr(atomic, 'write_all', full)
    assert cli.main(['lint', '--write-manifest']) == 3
    assert capsys.readouterr().err == 'nnspec lint: [Errno 28] No space left on device: %r\n' % str(spec.MANIFEST)


# 8. the weights directory belongs to the run: a port that removes it, a temporary directory too full for it

def test_a_port_that_removes_the_weights_directory_breaks_no_later_case(capsys):
    port = fake('import os, shutil; shutil.rmtree(os.path.dirname(os.environ["NNSPEC_WEIGHTS"])); print("Error:0.4")')
    code, r = check(capsys, 'trask-part1/*', port, 'transcript')
    assert code == 1 and len(r['cases']) > 1
    assert [o['status'] for o in r['cases']] == ['not conformant'] * len(r['cases'])


def test_a_weights_directory_removed_while_a_case_writes_its_file_is_made_again():
    import shutil
    from nnspec.conformance.transcript_mode import weights_file
    first = os.path.dirname(weights_file.path('first/case', lambda: {}))
    written = []

    def document():  # a port of another case (-j) removes the directory meanwhile
        if not written:
            shutil.rmtree(first)
        written.append(1)
        return {'w': [1.0]}
    again = weights_file.path('second/case', document)
    assert os.path.dirname(again) != first and json.load(open(again)) == {'w': [1.0]} and len(written) == 2
    weights_file.remove_all()


def _small_files(limit=4096):
    import resource
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # python ignores SIGXFSZ: EFBIG


def test_a_temporary_directory_too_full_for_the_weights_is_a_message(tmp_path):
    code, out, err, seconds = nnspec('check', '--case', 'trask-part2/hidden-size', '--case', THREE, '--', 'false',
                                     env={'TMPDIR': str(tmp_path)}, preexec_fn=_small_files())
    assert code == 3 and 'Traceback' not in err and seconds < 20, (code, err)
    assert out.startswith("trask-part2/hidden-size (transcript): suite broken: nnspec could not write the case's initial "
                          "weights for the port (NNSPEC_WEIGHTS) under %s: [Errno 27] File too large" % tmp_path)
    assert '\n%s (transcript): port broken: the port exited with status 1' % THREE in out  # a smaller file still fits
    assert list(tmp_path.iterdir()) == []


def test_warnings_as_errors_leave_no_weights_directory_to_a_finalizer(tmp_path):
    proc = subprocess.run([sys.executable, '-W', 'error', '-m', 'nnspec', 'check', '--case', THREE, '--', sys.executable,
                           '-m', 'reference.trask_part1_three_layer'], cwd=str(spec.ROOT), env=dict(ENV, TMPDIR=str(tmp_path)),
                          capture_output=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == b'', proc.stderr.decode()[-600:]
    assert list(tmp_path.iterdir()) == []  # removed when the run ended


def _pin(path):
    """make path undeletable by this user: immutable (root), or in a directory it cannot write; False when neither holds."""
    if os.geteuid() == 0:
        return subprocess.run(['chattr', '+i', str(path)], capture_output=True).returncode == 0
    path.parent.chmod(0o500)
    return True


def _unpin(path):
    if os.geteuid() == 0:
        subprocess.run(['chattr', '-i', str(path)], capture_output=True)
    else:
        path.parent.chmod(0o700)


def test_a_weights_directory_a_port_made_undeletable_is_named_not_left_unsaid(tmp_path):
    probe = tmp_path / 'probe' / 'file'
    probe.parent.mkdir()
    probe.write_text('x')
    if not _pin(probe):
        pytest.skip('this machine cannot make a file undeletable (root without chattr +i): the leftover is not made')
    _unpin(probe)
    pinned = tmp_path / 'pinned'
    port = fake('import os, subprocess, sys; d = os.path.dirname(os.environ["NNSPEC_WEIGHTS"]); '
                'p = os.path.join(d, "keep", "pinned"); os.mkdir(os.path.dirname(p)); open(p, "w").close(); '
                'open(%r, "w").write(p); '
                'subprocess.run(["chattr", "+i", p]) if os.geteuid() == 0 else os.chmod(os.path.dirname(p), 0o500); '
                'sys.stdout.write(subprocess.run([sys.executable, "-m", "reference.trask_part1_three_layer"], '
                'capture_output=True, text=True).stdout)' % str(pinned))
    try:
        code, out, err, _ = nnspec('check', '--case', THREE, '--', *port, env={'TMPDIR': str(tmp_path)})
    finally:
        left = Path(pinned.read_text())
        _unpin(left)
    weights = left.parent.parent
    assert code == 0 and err.startswith('nnspec check: the weights directory %s stays: ' % weights), err
    assert err.endswith('(a port made a file there undeletable); remove it yourself\n') and err.count('\n') == 1, err


def test_regen_under_a_root_that_is_not_there_names_it():
    code, out, err, seconds = nnspec('regen', env={'NNSPEC_ROOT': '/nonexistent'})
    assert (code, out) == (3, '') and err == ("nnspec: the suite's own data is broken: /nonexistent/tests/test_goldens.py: "
                                              "missing (under NNSPEC_ROOT=/nonexistent): nnspec regen runs it\n"), err


# 8 and 9. port text is shown, never obeyed: any text in any format and locale, escape sequences escaped

FORMATS = ('text', 'markdown', 'junit', 'json')
QUICK = 'quick/trask-part1/three-layer'


def _unsupported(reason):
    return fake("import json; print(json.dumps({'unsupported': %s}))" % ascii(reason))  # ascii: any locale reads it


def _reason_in(fmt, out):
    """the first case's reason (or problem) as the report in `fmt` shows it."""
    import xml.etree.ElementTree as ET
    if fmt == 'json':
        return json.loads(out)['cases'][0]['problem']
    if fmt == 'junit':
        return ET.fromstring(out).find('testcase')[0].get('message')
    if fmt == 'markdown':
        row = out.splitlines()[2]
        assert row.endswith(' |') and len(out.splitlines()) == 5, out  # header, rule, one row, blank, summary
        return row.split(' ok | ', 1)[1][:-len(' |')]
    return out.splitlines()[0].split(': unsupported: ', 1)[1]


def test_a_lone_surrogate_in_an_unsupported_reason_is_shown_in_every_format(tmp_path):
    for fmt in FORMATS:
        code, out, err, _ = nnspec('check', '--mode', 'json', '--case', QUICK, '--format', fmt, '--',
                                   *_unsupported('\ud800 not this case'))
        assert code == 2 and 'Traceback' not in err and _reason_in(fmt, out) == '\\ud800 not this case', (fmt, code, err)


def test_port_text_under_a_locale_that_is_not_utf8_is_escaped_not_a_traceback():
    env = dict({k: v for k, v in ENV.items() if k not in ('PYTHONIOENCODING', 'LANG', 'LC_CTYPE')}, LC_ALL='C', PYTHONUTF8='0')
    shown = {'text': '\\xe9chec \\u2014 \\u6570', 'markdown': '\\xe9chec \\u2014 \\u6570', 'junit': 'échec — 数',
             'json': 'échec — 数'}
    for fmt in FORMATS:
        proc = subprocess.run([sys.executable, '-m', 'nnspec', 'check', '--mode', 'json', '--case', QUICK, '--format', fmt,
                               '--', *_unsupported('échec — 数')], cwd=str(spec.ROOT), env=env, capture_output=True, timeout=60)
        err, out = proc.stderr.decode('ascii', 'replace'), proc.stdout.decode('ascii')  # ascii: what the locale can show
        assert proc.returncode == 2 and 'Traceback' not in err and _reason_in(fmt, out) == shown[fmt], (fmt, err, out)


HOSTILE = '\x1b]0;owned\x07\x1b[2J\x9b31mred | pipe\nsecond line\r\x00\u202eevil'
SHOWN = '\\x1b]0;owned\\x07\\x1b[2J\\x9b31mred | pipe\nsecond line\\x0d\\x00\\u202eevil'


def _raw_controls(text):
    return [c for c in text if (ord(c) < 32 and c not in '\n\t') or 0x7f <= ord(c) <= 0x9f or c == '\u202e']


def test_escape_sequences_in_a_ports_stderr_are_shown_escaped_in_every_format(capsys):
    port = fake('import sys; sys.stderr.write(%r); sys.exit(1)' % HOSTILE)
    for fmt in FORMATS:
        code, out = check(capsys, THREE, port, 'transcript', fmt)
        text = json.dumps(out) if fmt == 'json' else out
        assert code == 2 and not _raw_controls(text), (fmt, _raw_controls(text))
        if fmt == 'markdown':
            continue  # its table shows the problem, not the stderr
        stderr = only(out)['stderr'] if fmt == 'json' else text
        assert '\\x1b]0;owned\\x07\\x1b[2J\\x9b31mred' in stderr and '\\u202eevil' in stderr, (fmt, stderr)


def test_escape_sequences_and_newlines_in_an_unsupported_reason_stay_in_their_place(capsys):
    for fmt in FORMATS:
        code, out = check(capsys, QUICK, _unsupported(HOSTILE), 'json', fmt)
        text = json.dumps(out) if fmt == 'json' else out
        assert code == 2 and not _raw_controls(text), (fmt, _raw_controls(text))
        if fmt == 'markdown':  # one row: the newline and the '|' are the cell's own
            assert _reason_in(fmt, out) == SHOWN.replace('|', '\\|').replace('\n', '<br>'), out
        elif fmt == 'text':
            assert out.startswith('%s (json): unsupported: %s' % (QUICK, SHOWN)), out
        else:
            assert _reason_in(fmt, out if fmt == 'junit' else json.dumps(out)) == SHOWN, fmt


def test_the_stderr_shown_is_the_end_of_a_long_stderr(capsys):
    port = fake('import sys\nfor k in range(20000): sys.stderr.write("progress line %d ........................\\n" % k)\n'
                'sys.stderr.write("ZeroDivisionError: the real cause, at the end\\n"); sys.exit(1)')
    code, r = check(capsys, THREE, port, 'transcript')
    assert code == 2 and only(r)['stderr'].splitlines()[-2:] == ['progress line 19999 ........................',
                                                                 'ZeroDivisionError: the real cause, at the end']


def test_a_restart_segment_that_breaks_shows_its_own_stderr(capsys):
    sweep = 'quick/trask-part2/alpha-sweep/alpha-100'
    port = fake('import json, sys\nif "segment" in json.load(sys.stdin):\n'
                '    sys.stderr.write("the segment crashed: its own words\\n"); sys.exit(1)\n'
                'sys.stderr.write("the full run went well\\n"); print(%r)' % json.dumps(_expected_answer(sweep)))
    code, r = check(capsys, sweep, port)
    assert code == 2 and only(r)['problem'].startswith('segment@0+') and only(r)['stderr'] == 'the segment crashed: its own words'


# 10. misreadings: weights whose replay overflows, decimal commas, a bad --label, the lock's place

HUGE_WEIGHTS = ('print("nnspec-weights syn0", " ".join(["1.7e308"] * 12))\n'
                'print("nnspec-weights syn1 1.7e308 -1.7e308 1.7e308 -1.7e308")\n'
                'for e in ["0.496410031903", "0.00858452565325", "0.00578945986251", "0.00462917677677", '
                '"0.00395876528027", "0.00351012256786"]: print("Error:" + e)')


def _strict_json(text):
    def refuse(constant):
        raise ValueError('not json: %s' % constant)
    return json.loads(text, parse_constant=refuse)


def test_weights_whose_replay_overflows_are_refused_not_blamed_on_the_forward_pass():
    proc = subprocess.run([sys.executable, '-W', 'error', '-m', 'nnspec', 'check', '--case', THREE, '--format', 'json', '--',
                           *fake(HUGE_WEIGHTS)], cwd=str(spec.ROOT), env=ENV, capture_output=True, timeout=120)
    assert proc.returncode == 2 and proc.stderr == b'', proc.stderr.decode()[-500:]
    o = only(_strict_json(proc.stdout.decode()))
    # what the run computes from them is the kernel's to decide (nan here, 0.5 under Sandybridge): refused on every one
    assert o['problem'].startswith('the initial weights the port printed (nnspec-weights, 2 lines from line 1) cannot be '
                                   'replayed: the listing run from them computes ')
    assert o['problem'].endswith('(its largest weight is 1.7e+308), so no number can be checked against it; print the '
                                 'weights the port starts from')


def test_weights_whose_sums_can_overflow_are_told_on_every_kernel():
    import numpy as np
    from nnspec.conformance.transcript_mode import replay
    assert replay._sums_overflow({0: [np.array([[1.7e308], [-1.7e308], [1.0]])]})  # inf or nan or 1.0, by summation order
    assert not replay._sums_overflow({0: [np.array([[1e307], [-1e307], [1.0]])]})


def test_the_json_report_is_strict_json_whatever_number_it_holds():
    from nnspec.conformance import formats, outcome
    o = outcome.Outcome(THREE, 'transcript')
    o.rows = [outcome.row('error@0', 'nan', '0.5', False, distance=float('nan'), tolerance=float('inf'))]
    o.worst_digits = float('-inf')
    r = _strict_json(formats.as_json([o]))['cases'][0]
    assert (r['rows'][0]['distance'], r['rows'][0]['tolerance'], r['worst_digits']) == ('NaN', 'Infinity', '-Infinity')


def test_decimal_commas_are_named_as_decimal_commas(capsys):
    import re
    printed = ['0,496410031903', '0,00858452565325', '0,00578945986251', '0,00462917677677', '0,00395876528027',
               '0,00351012256786']
    code, r = check(capsys, THREE, fake('print(%r)' % '\n'.join('Error:' + p for p in printed)), 'transcript')
    assert code == 1 and only(r)['diagnosis'][0] == (
        'decimal commas: stdout line 1 prints \'0,496410031903\', a number with a decimal comma (a locale\'s format?); '
        'nnspec reads "." as the decimal point, so it read two numbers there (0 and 496410031903): print numbers with '
        '"." (the C locale)')
    for row in only(r)['rows']:  # never "N significant digits where the listing prints M", N >= M: not enough
        said = re.search(r'printed with (\d+) significant digits where the listing prints \S+ \((\d+)\)', row['why'] or '')
        assert not said or int(said.group(1)) < int(said.group(2)), row['why']
    second = only(r)['rows'][1]
    assert second['got'] == '496410031903' and second['why'].startswith(  # coarse, and off whatever its last digit
        'off even at the 12 significant digits it is printed with: 496410031903 stands for 496410031903 +- 0.5')


def test_banner_numbers_before_the_values_are_named_as_a_shift_with_the_label_that_fixes_it(capsys):
    listing = subprocess.run([sys.executable, '-m', 'reference.trask_part1_three_layer'], cwd=str(spec.ROOT),
                             capture_output=True, text=True, check=True).stdout
    banner = 'nnport v1.2, started at 12:30'
    code, r = check(capsys, THREE, fake('print(%r)' % (banner + '\n' + listing)), 'transcript')
    said = only(r)['diagnosis']
    assert code == 1 and said[0] == (
        "2 extra numbers before the first value, from stdout line 1 ('12'), and every value after them agrees: the listing "
        "prints nothing before its first value; use --label to mark text whose numbers are not values (e.g. --label "
        "'nnport v1\\.2, started at 12:30'), or print that text on stderr")
    assert not any(d.startswith(('precision:', 'setup:')) for d in said), said
    code, r = check(capsys, THREE, fake('print(%r)' % (banner + '\n' + listing)), 'transcript', 'json',
                    '--label', r'nnport v1\.2, started at 12:30')
    assert code == 0, only(r)


def test_a_bad_label_is_a_usage_error_before_any_port_runs(tmp_path):
    ran = tmp_path / 'ran'
    port = fake('open(%r, "w").close(); print("Error:0.496410031903")' % str(ran))
    for bad, why in (('(', 'missing ): ('), ('(a)\\1', 'invalid escape sequence: \\1')):
        code, out, err, seconds = nnspec('check', '--case', THREE, '--label', 'Error at \\d+', '--label', bad, '--', *port)
        assert (code, out) == (2, '') and not ran.exists(), (code, out, err)
        assert err == ('nnspec check: --label %r is not a regular expression re2 accepts (no backreferences or '
                       'lookarounds): %s\n' % (bad, why))


def test_a_label_that_covers_every_number_says_so(capsys):
    code, r = check(capsys, THREE, fake('print("Error:0.496410031903")'), 'transcript', 'json', '--label', '.*')
    assert code == 2 and only(r)['problem'].startswith("the port printed no numbers but what --label '.*' covers (1 without it)")


def test_the_locks_are_in_a_directory_no_other_user_can_write(tmp_path, monkeypatch):
    import tempfile
    from nnspec import atomic
    shared, cache = tmp_path / 'tmp', tmp_path / 'cache'
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.delenv('XDG_RUNTIME_DIR', raising=False)
    monkeypatch.setenv('XDG_CACHE_HOME', str(cache))
    monkeypatch.setattr(tempfile, 'tempdir', str(shared))
    mine = shared / ('nnspec-locks-%d' % os.getuid())
    assert os.path.dirname(atomic.lock(tmp_path).lock_file) == str(mine)  # not a name in the shared directory itself
    assert oct(mine.stat().st_mode & 0o777) == '0o700'
    mine.chmod(0o777)  # as a squatter leaves it, had another user made the name first: passed over
    assert os.path.dirname(atomic.lock(tmp_path).lock_file) == str(cache / 'nnspec-locks')
    if os.getuid() == 0:  # root can give it away: a private directory of another user's is passed over too
        mine.chmod(0o700)
        os.chown(str(mine), 65534, 65534)
        assert os.path.dirname(atomic.lock(tmp_path).lock_file) == str(cache / 'nnspec-locks')
    atomic.write(tmp_path / 'f', 'whole')
    assert (tmp_path / 'f').read_text() == 'whole'


def test_lint_write_manifest_on_a_full_disk_or_a_blocked_lock_is_a_message_with_exit_3(tmp_path):
    from nnspec import atomic
    before = spec.MANIFEST.read_bytes()
    code, out, err, _ = nnspec('lint', '--write-manifest', preexec_fn=_small_files(64))  # the disk is full at 64 bytes
    assert code == 3 and err == 'nnspec lint: [Errno 27] File too large\n', err
    run = tmp_path / 'run'
    run.mkdir(mode=0o700)
    env = {'XDG_RUNTIME_DIR': str(run)}
    os.environ['XDG_RUNTIME_DIR'], saved = str(run), os.environ.get('XDG_RUNTIME_DIR')
    try:
        blocked = atomic.lock(spec.MANIFEST.parent).lock_file
    finally:
        os.environ.pop('XDG_RUNTIME_DIR') if saved is None else os.environ.update(XDG_RUNTIME_DIR=saved)
    os.makedirs(blocked)  # the lock's path is taken by a directory
    code, out, err, _ = nnspec('lint', '--write-manifest', env=env)
    assert code == 3 and err == "nnspec lint: [Errno 21] Is a directory: %r\n" % blocked, err
    assert spec.MANIFEST.read_bytes() == before and not list(spec.MANIFEST.parent.glob('.manifest.json.*'))


@pytest.mark.parametrize('fault', ['read-only file', 'read-only checkout', 'full disk', 'lock path taken'])
def test_measure_write_that_cannot_write_is_a_message_with_exit_3(fault, tmp_path, monkeypatch, capsys):
    import errno
    from nnspec import atomic, cli, measure
    files = {tmp_path / ('%s.json' % k): {'k': k} for k in 'ab'}
    for p in files:
        p.write_text('old')
    monkeypatch.setenv('XDG_RUNTIME_DIR', str(tmp_path))
    if fault == 'read-only file':
        monkeypatch.setattr(atomic.os, 'access', lambda p, mode: Path(p).name != 'b.json')
    elif fault == 'read-only checkout':
        def refuse(*a, **k):
            raise OSError(errno.EROFS, 'Read-only file system', str(tmp_path))
        monkeypatch.setattr(atomic.tempfile, 'mkstemp', refuse)
    elif fault == 'full disk':
        def full(fd):
            raise OSError(errno.ENOSPC, 'No space left on device')
        monkeypatch.setattr(atomic.os, 'fsync', full)
    else:
        os.makedirs(atomic.lock(tmp_path).lock_file)

    def remeasure(write=False):
        spec.write_documents(files)
        return [], files
    monkeypatch.setattr(measure, 'remeasure', remeasure)
    monkeypatch.setattr('nnspec.report.kernel_line', lambda: 'kernel k')
    assert cli.main(['measure', '--write']) == 3
    err = ''.join(line for line in capsys.readouterr().err.splitlines(True)
                  if not line.startswith('nnspec: '))  # the runs' progress (computed, or read from the run cache)
    assert err.startswith('nnspec measure: ') and err.count('\n') == 1 and 'Traceback' not in err, err
    assert sorted(p.name for p in tmp_path.glob('*.json*')) == ['a.json', 'b.json']  # no temporary left
    assert [p.read_text() for p in files] == ['old', 'old']


def test_a_new_entry_without_verdict_is_measured_by_the_measure_command(tmp_path):
    # the docs' own steps, through the command: report's kernel line and the run preparation read it too
    import shutil
    from nnspec import stack
    shutil.copytree(str(spec.SUITE), str(tmp_path / 'spec'), ignore=shutil.ignore_patterns('ports', 'cases', 'kernels'))
    (tmp_path / 'spec' / 'kernels').mkdir()
    manifest = tmp_path / 'spec' / 'manifest.json'
    manifest.write_text(json.dumps(dict(json.loads(manifest.read_text(encoding='utf-8')), kernels=[])), encoding='utf-8')
    for path in (tmp_path / 'spec' / 'values').glob('*.json'):  # this stack is the copy's reference, on any cpu
        doc = json.loads(path.read_text(encoding='utf-8'))
        doc['measured_on'] = stack.describe()
        if path.name == 'trask-part1.json':
            doc['entries'].append(_again(doc['entries'][0]))
        path.write_text(json.dumps(doc, indent=1), encoding='utf-8')
    path = tmp_path / 'spec' / 'values' / 'trask-part1.json'
    env = dict(os.environ, NNSPEC_ROOT=str(tmp_path))
    done = subprocess.run([sys.executable, '-m', 'nnspec', 'measure', '--write'], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert '-again' in done.stdout and ': None -> ' in done.stdout
    assert all('verdict' in e for e in json.loads(path.read_text(encoding='utf-8'))['entries'])


def test_measure_write_on_another_coretype_of_the_same_arithmetic_rewrites_nothing(tmp_path):
    # sandybridge and prescott share one arithmetic: measure --write on one must not flip measured_on to it
    import shutil
    from nnspec import measure, stack
    values = tmp_path / 'values'
    shutil.copytree(str(spec.VALUES), str(values))
    (tmp_path / 'kernels').mkdir()
    for path in values.glob('*.json'):  # this stack is the copy's reference kernel: its verdicts recorded
        doc = json.loads(path.read_text())
        doc['measured_on'] = stack.describe()
        path.write_text(json.dumps(doc, indent=1))
    measure.remeasure(values, write=True)
    for path in values.glob('*.json'):  # as if recorded by another coretype of this arithmetic
        doc = json.loads(path.read_text())
        doc['measured_on'] = dict(doc['measured_on'], blas_kernel='AnotherCoretype')
        path.write_text(json.dumps(doc, indent=1))
    before = {p.name: p.read_bytes() for p in values.glob('*.json')}
    changes, written = measure.remeasure(values, write=True)
    assert changes == [] and written == {}
    assert {p.name: p.read_bytes() for p in values.glob('*.json')} == before
