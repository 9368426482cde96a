"""NNSPEC_WEIGHTS: the case's initial weights as a json file, in a directory nnspec makes for the run.

the directory is removed explicitly, when the run ends (`for_run`) or at exit,
never left to a finalizer (`python -W error` would show its warning). the port
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
    with _LOCK:
        while _MADE:
            shutil.rmtree(_MADE.pop(), ignore_errors=True)  # a file the port made undeletable stays, said by nothing


@contextlib.contextmanager
def for_run():
    """the weights files of the cases checked inside, removed when it ends."""
    try:
        yield
    finally:
        remove_all()


atexit.register(remove_all)  # weights written outside for_run (a test calling weights_env)
