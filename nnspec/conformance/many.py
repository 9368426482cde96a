"""many cases at once: which ones (--case, repeated), how many at a time (-j), one exit code.

cases run in threads: each case's work is in the port's own process. outcomes
come back in case order, whatever order they finish in.
"""
from concurrent.futures import ThreadPoolExecutor, as_completed

from nnspec import progress
from nnspec.conformance import cases, outcome, runner


def selected(patterns, mode):
    """(the ids the patterns name, in order, each once; the patterns that name none)."""
    ids, unmatched = [], []
    for pattern in patterns:
        found = cases.match(pattern, mode)
        ids += [i for i in found if i not in ids]
        unmatched += [] if found else [pattern]
    return ids, unmatched


def run_all(check, ids, jobs=1, stream=None):
    """check(id) for every id, jobs at a time; outcomes in case order, progress when stream is a terminal."""
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        with progress.Line(stream) as line:
            futures = [pool.submit(check, i) for i in ids]
            for done, future in enumerate(as_completed(futures), 1):
                o = future.result()
                line.show('checked %d of %d cases (%s: %s)' % (done, len(ids), o['case'], o['status']))
    except BaseException:  # ctrl-c (or a bug): start no more cases, end the ports running, wait for their threads
        pool.shutdown(wait=False, cancel_futures=True)
        runner.end_all()
        pool.shutdown(wait=True)
        raise
    pool.shutdown()
    return [f.result() for f in futures]


def exit_code(outcomes):
    """the worst code; unsupported cases raise none, but a run where every case is unsupported checked nothing."""
    code = max(o['code'] for o in outcomes)
    return outcome.PORT_BROKEN if code == outcome.UNSUPPORTED else code
