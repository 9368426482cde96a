"""the reference runs kept on disk and computed on every core: the same bits as computed here, no pickle, never a crash."""
import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time
import zipfile

import diskcache
import numpy as np
import pytest

from nnspec import cache, claims, cli, measure, parallel, quantities, report, runs, spec, stack
from nnspec import reference
from nnspec.spec import ROOT

SHORT = ['trask_part1_two_layer', 'miniflow_worked', 'shamdasani']  # a second or less each


def assert_bits(a, b):
    """the same quantities: names, python types, dtypes, shapes and bytes."""
    assert list(a) == list(b)
    for k in a:
        assert type(a[k]) is type(b[k]), k
        x, y = np.asarray(a[k]), np.asarray(b[k])
        assert (x.dtype, x.shape, x.tobytes()) == (y.dtype, y.shape, y.tobytes()), k


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """a cache folder of this test's own, and no run in this process's memory."""
    monkeypatch.setenv('NNSPEC_CACHE_DIR', str(tmp_path))
    monkeypatch.delenv('NNSPEC_CACHE', raising=False)
    monkeypatch.setattr(runs, '_memory', {})
    return tmp_path / 'runs'


@pytest.fixture
def counted(monkeypatch):
    """name -> calls: the run, still one the cache keeps, counting how often it is computed."""
    calls = {}

    def count(name):
        original = runs.RUNS[name]

        def counting():
            calls[name] = calls.get(name, 0) + 1
            return original()
        monkeypatch.setitem(runs.RUNS, name, counting)
        monkeypatch.setitem(runs._REFERENCE, name, counting)
    yield count, calls


def test_quantities_come_back_bit_for_bit_with_their_types():
    nan = np.frombuffer(np.array([0x7ff8dead00000001], dtype='<u8').tobytes(), dtype='<f8')  # a nan with a payload
    q = {'a/error@0': 0.1 + 0.2, 'n': 7, 'flag': True, 'np': np.float64(-0.0), 'f32': np.float32(1 / 3),
         'w': np.arange(6.0).reshape(2, 3).T, 'i': np.arange(4), 'nan': nan, 'zero-d': np.array(2.5), 'empty': np.zeros((0, 3))}
    back = quantities.from_bytes(quantities.to_bytes(q))
    assert_bits(q, back)
    assert type(back['np']) is np.float64 and type(back['n']) is int and type(back['a/error@0']) is float


def test_a_real_run_comes_back_bit_for_bit():
    q = runs.RUNS['trask_part1_three_layer']()
    assert_bits(q, quantities.from_bytes(quantities.to_bytes(q)))


@pytest.mark.parametrize('bad', [[1.0, 2.0], np.array([{}], dtype=object), 2 ** 70, None])
def test_what_would_need_pickle_is_refused_by_name(bad):
    with pytest.raises(TypeError, match="quantity 'x'"):
        quantities.to_bytes({'x': bad})


def test_pickled_or_broken_bytes_are_not_read():
    pickled = io.BytesIO()
    with zipfile.ZipFile(pickled, 'w') as z:  # an npz whose array is pickled objects
        with z.open('q0.npy', 'w') as f:
            np.save(f, np.array([{}], dtype=object), allow_pickle=True)
        with z.open('table.npy', 'w') as f:
            np.save(f, np.array(json.dumps([['x', 'array']])))
    for data in (pickled.getvalue(), b'garbage', quantities.to_bytes({'x': 1.0})[:-10]):
        with pytest.raises(ValueError, match='not a run of quantities'):
            quantities.from_bytes(data)


def test_runs_on_processes_give_the_bits_of_runs_here():
    got = dict(parallel.computed(runs.computed_bytes, SHORT, jobs=2))
    assert sorted(got) == sorted(SHORT)
    for name in SHORT:
        assert_bits(runs.RUNS[name](), quantities.from_bytes(got[name]))


def test_a_failing_run_on_a_process_fails_here():
    with pytest.raises(KeyError, match='no_such_run'):
        list(parallel.computed(runs.computed_bytes, ["no_such_run", "miniflow_quizzes"], jobs=2))


def test_a_run_is_computed_once_then_read_from_disk(fresh, counted):
    count, calls = counted
    count('miniflow_worked')
    first = runs.run('miniflow_worked')
    runs._memory.clear()  # as a new process would start
    again = runs.run('miniflow_worked')
    assert calls == {'miniflow_worked': 1} and again is not first
    assert_bits(first, again)
    assert len(list(fresh.glob('cache.db'))) == 1


def test_the_key_names_the_reference_files_the_runner_and_the_stack(tmp_path, monkeypatch):
    names = dict(runs.sources())
    assert names['reference/trask_part2_closer_look.py'] == __import__('pathlib').Path(reference.trask_part2_closer_look.__file__)
    assert 'nnspec/runs.py' in names and 'reference/__init__.py' in names
    code = tmp_path / 'listing.py'
    code.write_text('x = 1\n')
    before = cache.fingerprint([('reference/listing.py', code)])
    code.write_text('x = 2\n')
    assert cache.fingerprint([('reference/listing.py', code)]) != before
    code.write_text('x = 1\n')
    assert cache.fingerprint([('reference/listing.py', code)]) == before
    monkeypatch.setattr(stack, 'describe', lambda real=stack.describe: dict(real(), OPENBLAS_CORETYPE='another-than-' + real()['OPENBLAS_CORETYPE']))
    assert cache.fingerprint([('reference/listing.py', code)]) != before
    monkeypatch.undo()
    monkeypatch.setattr(stack, 'numpy_cpu_features', lambda: ['SSE2'])
    assert cache.fingerprint([('reference/listing.py', code)]) != before


def test_a_corrupt_entry_is_computed_again_with_a_note(fresh, counted, capsys):
    count, calls = counted
    count('miniflow_worked')
    with diskcache.Cache(str(fresh), disk=cache.BytesDisk) as c:
        c.set('miniflow_worked@' + runs.fingerprint(), b'PK\x03\x04 not an npz')
    q = runs.run('miniflow_worked')
    assert 'the cached miniflow_worked is unreadable' in capsys.readouterr().err and calls == {'miniflow_worked': 1}
    runs._memory.clear()
    assert_bits(q, runs.run('miniflow_worked'))  # rewritten, and read back
    assert calls == {'miniflow_worked': 1} and capsys.readouterr().err == ''


class Planted:
    """unpickling it would create a file: the proof that something was unpickled."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return open, (self.marker, 'w')


def test_a_pickled_entry_is_never_unpickled(fresh, tmp_path, capsys):
    marker = str(tmp_path / 'unpickled')
    with diskcache.Cache(str(fresh)) as c:  # diskcache's default disk pickles what is not bytes
        c.set('miniflow_worked@' + runs.fingerprint(), Planted(marker))
        pickle.loads(pickle.dumps(Planted(marker + '.check'))).close()  # what unpickling it would do
        assert os.path.exists(marker + '.check')
    q = runs.run('miniflow_worked')
    assert not os.path.exists(marker)
    assert 'the cached miniflow_worked is unreadable' in capsys.readouterr().err
    assert_bits(q, runs.RUNS['miniflow_worked']())


def test_a_cache_that_cannot_be_opened_is_done_without_then_cleared(fresh, capsys):
    fresh.mkdir(parents=True)
    (fresh / 'cache.db').write_bytes(b'this is not a database' * 100)
    assert_bits(runs.run('miniflow_quizzes'), runs.RUNS['miniflow_quizzes']())
    err = capsys.readouterr().err
    assert 'cannot be opened' in err and 'nnspec cache clear' in err
    assert cli.main(['cache', 'clear']) == cli.OK and not fresh.exists()
    runs._memory.clear()
    runs.run('miniflow_quizzes')
    assert capsys.readouterr().err == '' and (fresh / 'cache.db').exists()


def test_off_neither_reads_nor_writes_and_a_bad_setting_is_named(fresh, monkeypatch, capsys):
    monkeypatch.setenv('NNSPEC_CACHE', 'off')
    runs.run('miniflow_quizzes')
    assert not fresh.exists()
    monkeypatch.setenv('NNSPEC_CACHE', 'sometimes')
    runs._memory.clear()
    assert cli.main(['report']) == 2
    assert "NNSPEC_CACHE='sometimes': must be 'on' or 'off'" in capsys.readouterr().err


def test_cache_info_and_clear(fresh, capsys):
    runs.prepare(['miniflow_quizzes', 'miniflow_worked'])
    assert cli.main(['cache', 'info']) == cli.OK
    out = capsys.readouterr().out
    assert str(fresh) in out and 'entries: 2,' in out and ': 2 of %d runs: miniflow_quizzes, miniflow_worked' % len(runs.RUNS) in out
    assert cli.main(['cache', 'clear']) == cli.OK and '2 entries removed' in capsys.readouterr().out
    cli.main(['cache', 'info'])
    assert 'entries: 0,' in capsys.readouterr().out


WRITER = '''
import sys
import numpy
from nnspec import cache, quantities
store = cache.Store(cache.directory(), 'k', lambda text: sys.exit('noted: ' + text))
# even: 80 kB, kept in a file of its own; odd: 2 kB, kept in sqlite
data = [quantities.to_bytes({'x': float(i), 'w': numpy.full((100, 100) if i % 2 == 0 else (16, 16), float(i))})
        for i in range(20)]
for rep in range(15):
    for i in range(20):
        store.put('run%d' % i, data[i])
        got = store.get('run%d' % ((i * 7) % 20))
        assert got is None or got['w'][0, 0] == got['x'], got
'''


def test_two_processes_at_once_share_the_cache_without_harm(fresh):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, '-c', WRITER], env=env, stderr=subprocess.PIPE, universal_newlines=True)
             for _ in range(2)]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()
        p.stderr.close()
    store = cache.Store(fresh, 'k', pytest.fail)
    assert [store.get('run%d' % i)['x'] for i in range(20)] == [float(i) for i in range(20)]
    store.close()


def test_the_runs_prepared_are_the_runs_the_report_reads(monkeypatch):
    needed = measure.runs_read(spec.documents())
    read = []
    real = runs.run
    monkeypatch.setattr(runs, 'run', lambda name: read.append(name) or real(name))
    report.rows()
    assert sorted(needed) == sorted(set(read)) and len(needed) == len(set(needed))


@pytest.mark.parametrize('name', sorted(claims.CLAIMS))
def test_a_claim_reads_the_runs_it_declares(name, monkeypatch):
    read = set()
    real = runs.run
    monkeypatch.setattr(runs, 'run', lambda run: read.add(run) or real(run))
    claims.CLAIMS[name]()
    assert read == set(claims.READS[name])


def test_progress_off_a_terminal_is_a_line_a_step_with_the_total_and_time(fresh, monkeypatch, capsys):
    monkeypatch.setattr(measure, 'runs_read', lambda documents: ['miniflow_quizzes', 'trask_part1_two_layer', 'shamdasani'])
    monkeypatch.setattr(report, 'rows', lambda: [])
    assert cli.main(['report', '--format', 'markdown', '--jobs', '2']) == cli.OK
    out, err = capsys.readouterr()
    assert 'nnspec:' not in out and 'computed' not in out
    lines = err.splitlines()
    assert len(lines) == 3, err
    for k, line in enumerate(lines, 1):
        assert re.fullmatch(r'nnspec: computed (miniflow_quizzes|trask_part1_two_layer|shamdasani) \(%d of 3, \d+ s\)' % k, line), line
    runs._memory.clear()
    assert cli.main(['report', '--format', 'markdown']) == cli.OK
    assert capsys.readouterr().err == 'nnspec: read all 3 runs from the run cache in %s (3 of 3, 0 s)\n' % fresh
    runs._memory.pop('shamdasani')
    runs._memory.pop('trask_part1_two_layer')
    with diskcache.Cache(str(fresh), disk=cache.BytesDisk) as c:
        c.delete('shamdasani@' + runs.fingerprint())
    runs._memory.pop('miniflow_quizzes')
    cli.main(['report', '--format', 'markdown'])
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith('nnspec: read miniflow_quizzes, trask_part1_two_layer from the run cache in ') and '(2 of 3, ' in err[0]
    assert err[1].startswith('nnspec: computed shamdasani (3 of 3, ') and len(err) == 2


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_rewrites_one_line_and_wipes_it(fresh, monkeypatch):
    monkeypatch.setattr(measure, 'runs_read', lambda documents: ['miniflow_quizzes', 'trask_part1_two_layer'])
    monkeypatch.setattr(report, 'rows', lambda: [])
    tty = Terminal()
    monkeypatch.setattr(sys, 'stderr', tty)
    assert cli.main(['report', '--jobs', '1']) == cli.OK
    shown = tty.getvalue()
    assert '\rcomputed miniflow_quizzes (1 of 2, ' in shown and '\rcomputed trask_part1_two_layer (2 of 2, ' in shown
    assert shown.endswith('\r') and '\n' not in shown
    runs._memory.clear()
    tty.seek(0)
    tty.truncate()
    cli.main(['report'])
    assert tty.getvalue() == 'nnspec: read all 2 runs from the run cache in %s (2 of 2, 0 s)\n' % fresh


@pytest.mark.skipif(not os.path.exists('/proc/self/task'), reason='reads the worker processes from /proc (linux only)')
def test_a_stopped_report_ends_its_processes_at_once(tmp_path):
    env = dict(os.environ, NNSPEC_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, '-m', 'nnspec', 'report'], cwd=str(ROOT), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    children = []
    for _ in range(300):  # the workers are up once it has 3 children (2 workers and multiprocessing's tracker)
        children = [int(c) for task in os.listdir('/proc/%d/task' % proc.pid)
                    for c in open('/proc/%d/task/%s/children' % (proc.pid, task)).read().split()]
        if len(children) >= 2:
            break
        time.sleep(0.1)
    assert len(children) >= 2, 'no worker processes started'
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 143 and out == '' and 'stopped by SIGTERM' in err and 'Traceback' not in err, err
    for pid in children:
        for _ in range(50):
            try:
                status = open('/proc/%d/stat' % pid).read().split()[2]
            except OSError:
                break
            if status == 'Z':
                break
            time.sleep(0.1)
        else:
            pytest.fail('process %d still running' % pid)


DEFERRED = '''
import os, signal, threading, time
from nnspec import signals
threading.Thread(target=time.sleep, args=(5,), daemon=True).start()  # a thread that does not hold the signal
with signals.handled():
    try:
        with signals.deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.5)
            print('the held block finished')
    except signals.Interrupted as e:
        print('then', e.name)
'''


def test_a_held_signal_waits_for_the_block_even_with_other_threads_about():
    # the pool's start is such a block: a signal amid it would leave a process running that the pool does not know
    done = subprocess.run([sys.executable, '-c', DEFERRED], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=60)
    assert done.stdout == 'the held block finished\nthen SIGTERM\n', done.stdout + done.stderr
