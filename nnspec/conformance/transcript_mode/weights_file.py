"""NNSPEC_WEIGHTS: the case's initial weights as a json file, in a directory nnspec makes for the run.

the directory is removed explicitly, when the run ends (`for_run`) or at exit,
never left to a finalizer (`python -W error` would show its warning); one a
port made undeletable is named, not left behind unsaid. the port
may do what it likes there: a file or the whole directory it removed is written
again, in a new directory (a removed name is never reused), for the next case.
"""
import atexit
import contextlib
import json
import os
import shutil
import tempfile
import threading

_LOCK = threading.Lock()  # -j: cases start from several threads
_MADE = []  # the directories of this run, the one in use last


def _directory():
    if not _MADE or not os.path.isdir(_MADE[-1]):  # none yet, or the port removed it
        _MADE.append(tempfile.mkdtemp(prefix='nnspec-weights-'))
    return _MADE[-1]


def _write(where, document):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(where))
    try:
        with os.fdopen(fd, 'w') as f:
            json.dump(document(), f)
        os.replace(tmp, where)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def path(id_, document):
    """the file of case id_, written from document() unless it is there; an OSError when it cannot be written."""
    with _LOCK:
        for attempt in range(3):
            where = os.path.join(_directory(), id_.replace('/', '--') + '.json')
            try:
                if not os.path.exists(where):
                    _write(where, document)
                return where
            except FileNotFoundError:  # a port running beside this case (-j) removed the directory meanwhile
                if attempt == 2:
                    raise


def remove_all():
    """remove this run's directories; [(directory, why)] for each that stays (a file the port made undeletable)."""
    left = []
    with _LOCK:
        while _MADE:
            where = _MADE.pop()
            try:
                shutil.rmtree(where)
            except OSError as e:
                shutil.rmtree(where, ignore_errors=True)  # all the rest of it
                if os.path.lexists(where):
                    left.append((where, e))
    return left


@contextlib.contextmanager
def for_run(warn=None):
    """the weights files of the cases checked inside, removed when it ends; warn(text) for a directory that stays."""
    try:
        yield
    finally:
        for where, why in remove_all():
            if warn:
                warn('the weights directory %s stays: %s (a port made a file there undeletable); remove it yourself'
                     % (where, why))


atexit.register(remove_all)  # weights written outside for_run (a test calling weights_env)
