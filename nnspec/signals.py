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
    """hold sigint and sigterm while cleaning up (delivered on leaving), so cleanup finishes.

    the mask holds them for this thread only: with other threads about (openblas starts some),
    the kernel hands the signal to one of those, and python runs its handler in the main thread
    all the same. so the main thread's handlers only note the signal meanwhile; raised on leaving.
    """
    noted = []
    try:
        handlers = {s: signal.signal(s, lambda signum, frame: noted.append(signum)) for s in CAUGHT}
    except ValueError:  # not the main thread: the handlers are not its to swap
        handlers = {}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, CAUGHT)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        for s, h in handlers.items():
            signal.signal(s, h)
        if noted:
            signal.raise_signal(noted[0])
