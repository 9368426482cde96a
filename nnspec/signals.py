"""ctrl-c and sigterm: end what nnspec started, say what was already done, never a traceback.

inside `handled()` both signals raise Interrupted (a KeyboardInterrupt, so
every `finally` runs: the runner ends the port's process group there). the
command says what it had done and exits 128 + the signal's number, as a shell
would (ctrl-c 130, sigterm 143).
"""
import contextlib
import signal

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


@contextlib.contextmanager
def deferred():
    """hold sigint and sigterm while cleaning up (delivered on leaving), so cleanup finishes."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, CAUGHT)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
