"""many cases at once: which ones (--case, repeated), how many at a time (-j), one exit code.

cases run in threads: each case's work is in the port's own process. outcomes
come back in case order, whatever order they finish in. on ctrl-c the threads
are told to stop, every running port is ended, and nnspec does not wait for a
thread still reading a port's output (daemon threads: a replay of a minute ends
with the process); a stopped thread starts no port again (port_process.Stopped).
"""
import queue
import threading

from nnspec import progress
from nnspec.conformance import cases, outcome, port_process
from nnspec.exit_codes import PORT_BROKEN


def selected(patterns, mode, extra=()):
    """(the ids the patterns name, in order, each once; the patterns that name none); extra: generated ids."""
    ids, unmatched = [], []
    for pattern in patterns:
        found = cases.match(pattern, mode, extra)
        ids += [i for i in found if i not in ids]
        unmatched += [] if found else [pattern]
    return ids, unmatched


def _worker(check, todo, done, stop):
    port_process.stop_with(stop)
    while not stop.is_set():
        try:
            k, id_ = todo.get_nowait()
        except queue.Empty:
            return
        try:
            done.put((k, check(id_), None))
        except port_process.Stopped:
            return
        except BaseException as e:  # noqa: BLE001 -- handed to the main thread, which raises it
            done.put((k, None, e))
            return


def run_all(check, ids, jobs=1, stream=None):
    """check(id) for every id, jobs at a time; outcomes in case order, progress when stream is a terminal.

    on ctrl-c (or a bug) the exception carries `ports_ended`: how many running ports were ended."""
    todo, done, stop = queue.Queue(), queue.Queue(), threading.Event()
    for k, id_ in enumerate(ids):
        todo.put((k, id_))
    out = [None] * len(ids)
    try:
        with progress.Line(stream) as line:
            for n in range(min(jobs, len(ids))):
                threading.Thread(target=_worker, args=(check, todo, done, stop), daemon=True, name='nnspec-case-%d' % n).start()
            for finished in range(1, len(ids) + 1):
                k, o, error = done.get()
                if error is not None:
                    raise error
                out[k] = o
                line.show('checked %d of %d cases (%s: %s)' % (finished, len(ids), o.case, o.status))
    except BaseException as e:  # start no more cases or ports, end the ports running; wait for no thread
        stop.set()
        e.ports_ended = port_process.end_all()
        raise
    return out


def exit_code(outcomes):
    """the worst code; unsupported cases raise none, but a run where every case is unsupported checked nothing."""
    code = max(o.code for o in outcomes)
    return PORT_BROKEN if code == outcome.UNSUPPORTED else code
