"""atomic, locked writes: a reader sees the old file or the new one, never half of either.

each file is written to a temporary of its own (a unique name beside it),
flushed to disk, then moved over the old one with os.replace. several files
are written together: every temporary first, and only when all are written
are they moved in, under a lock (filelock, one per directory) so two writers
never interleave. the locks live in a directory only the user can write
(lock_directory): a lock at a predictable name in the shared temp directory
let any local user block every write. ctrl-c and sigterm, whichever thread
takes them, wait until the moves are done, and the Interrupted raised then
carries `written`: the files it moved in. on any failure every temporary is
removed and no file has changed.
"""
import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path

import filelock

from nnspec import signals


def _private(d):
    """is d a directory (not a link) of this user's that no one else can write?"""
    try:
        st = os.lstat(d)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def lock_directory():
    """where the locks live: a directory only this user can write, so no other user can hold or block them.

    XDG_RUNTIME_DIR's (the user's own), else nnspec-locks-<uid> in the temp directory, else ~/.cache's;
    one that is not private (another user made that predictable name first) is passed over, never used."""
    bases = [(os.environ.get('XDG_RUNTIME_DIR'), 'nnspec-locks'), (tempfile.gettempdir(), 'nnspec-locks-%d' % os.getuid()),
             (os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache'), 'nnspec-locks')]
    tried = []
    for base, name in bases:
        if not base or not os.path.isabs(base):
            continue
        d = os.path.join(base, name)
        with contextlib.suppress(OSError):
            os.makedirs(d, mode=0o700, exist_ok=True)
        if _private(d):
            return d
        tried.append(d)
    raise PermissionError('no private directory for the locks of nnspec\'s writes: %s (each missing, or not a directory '
                          'of this user\'s that only it can write); set XDG_RUNTIME_DIR to one' % ', '.join(tried))


def lock(directory, timeout=60):
    """the lock of a directory's files: in this user's lock directory, not beside them (nothing for git to see)."""
    key = hashlib.sha1(str(Path(directory).resolve()).encode()).hexdigest()[:16]
    return filelock.FileLock(os.path.join(lock_directory(), '%s.lock' % key), timeout=timeout)


def _umask():
    """the process's umask, read without setting it (os.umask sets it, under every thread's feet)."""
    try:
        with open('/proc/self/status') as f:
            return int(next(line.split()[1] for line in f if line.startswith('Umask:')), 8)
    except (OSError, StopIteration, ValueError, IndexError):
        return 0o022


def _temporary(path, data):
    fd, tmp = tempfile.mkstemp(prefix='.%s.' % path.name, suffix='.tmp', dir=str(path.parent))
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())  # mkstemp's 0600 otherwise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_all(files, then=None):
    """{path: bytes} written all or nothing; then() runs once they are, before a held signal is raised."""
    files = {Path(p): data for p, data in files.items()}
    for path in files:
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError('%s is read-only: not rewritten (nothing else written either)' % path)
    directories = sorted({p.parent.resolve() for p in files})
    with contextlib.ExitStack() as held:
        for d in directories:
            held.enter_context(lock(d))
        temporaries = {}
        try:
            for path, data in files.items():
                temporaries[path] = _temporary(path, data)
            try:
                with signals.deferred():
                    for path, tmp in temporaries.items():
                        os.replace(tmp, path)
                    temporaries = {}
                    if then:
                        then()
            except KeyboardInterrupt as e:  # signals.Interrupted, or python's own
                e.written = [] if temporaries else sorted(files)
                raise
        finally:
            for tmp in temporaries.values():
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def write(path, data):
    """one file, atomically; str is written as utf-8."""
    write_all({path: data.encode('utf-8') if isinstance(data, str) else data})
