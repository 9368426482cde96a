"""ctrl-c and sigterm: end what nnspec started, say what was already done, never a traceback.

inside `handled()` both signals raise Interrupted (a KeyboardInterrupt, so
every `finally` runs: the runner ends the port's process group there). the
command says what it had done and exits 128 + the signal's number, as a shell
would (ctrl-c 130, sigterm 143).
"""
import contextlib
import os
import signal
import subprocess
import threading

CAUGHT = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.code = 128 + signum


def _raise(signum, frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def handled():
    """sigint and sigterm raise Interrupted while inside (main thread only; elsewhere a no-op)."""
    try:
        old = {s: signal.signal(s, _raise) for s in CAUGHT}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def _deliver(signum, handler):
    """what the signal would have done had it not been held: the handler's exception, the default action, or nothing."""
    if callable(handler):
        handler(signum, None)
    elif handler in (signal.SIG_DFL, None):
        signal.raise_signal(signum)


@contextlib.contextmanager
def deferred():
    """hold sigint and sigterm while cleaning up (the first delivered on leaving), so cleanup finishes.

    the kernel hands a signal to any thread that does not block it (openblas's threads too), and
    python runs the handler in the main thread whichever took it: so the main thread's handlers are
    swapped for one that only records the signal. other threads are never interrupted by a handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    old = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in CAUGHT}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        if caught:
            _deliver(caught[0], old[caught[0]])


def end_group(proc, first=signal.SIGTERM, grace=10):
    """end a child started in a session of its own, and all it started: `first`, then sigkill after `grace`
    seconds; sigint and sigterm held meanwhile, so the cleanup finishes."""
    with deferred():
        for sig, wait in ((first, grace), (signal.SIGKILL, None)):
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=wait)
                return
            except ProcessLookupError:
                return
            except subprocess.TimeoutExpired:
                continue
