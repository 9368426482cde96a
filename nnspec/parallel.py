"""the reference runs on every core: one process each, in the order given (longest first).

the processes are spawned (a fresh interpreter: no fork of a process holding blas threads),
each with its blas on one thread (threadpoolctl): the runs' matrices are tiny, so the
threads only compete with the other processes; the sums, and so the bits, are the same.
each run comes back as nnspec.quantities' bytes, as the disk cache keeps it.
ctrl-c and sigterm are the parent's alone: it ends the processes (and holds both while starting them).
"""
import multiprocessing
import os
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from nnspec import signals


def cores():
    """the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macos, windows
        return os.cpu_count() or 1


def _start_worker():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent's to handle: it ends the pool
    signal.pthread_sigmask(signal.SIG_UNBLOCK, signals.CAUGHT)  # held while the parent started it
    try:
        import threadpoolctl
        threadpoolctl.threadpool_limits(1, user_api='blas')
    except ImportError:
        pass


def _named(compute, name):
    return name, compute(name)


def computed(compute, names, jobs, tick=lambda: None, every=1.0):
    """yield (name, compute(name)) for each run as it finishes, on `jobs` processes; tick() about every
    second. compute is a module's function: a spawned process imports that module to call it."""
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(names))), initializer=_start_worker,
                               mp_context=multiprocessing.get_context('spawn'))
    whole = False
    try:
        with signals.deferred():  # a signal amid a process's start would leave it unknown to the pool, running
            pending = {pool.submit(_named, compute, name) for name in names}  # taken in the order submitted
        while pending:
            finished, pending = wait(pending, timeout=every, return_when=FIRST_COMPLETED)
            for f in finished:
                yield f.result()
            tick()
        whole = True
    finally:
        with signals.deferred():
            if not whole:  # interrupted or failed: end the runs still going, not wait for them
                _end(pool)
            pool.shutdown(wait=True, cancel_futures=True)


def _end(pool):
    if hasattr(pool, 'terminate_workers'):  # python 3.14
        pool.terminate_workers()
        return
    for process in list((getattr(pool, '_processes', None) or {}).values()):
        process.terminate()
