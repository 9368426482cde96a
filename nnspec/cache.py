"""the reference runs kept on disk: each computed once per stack and code, then read back.

where: $NNSPEC_CACHE_DIR/runs, else runs/ in the user's cache folder (platformdirs:
~/.cache/nnspec on linux, ~/Library/Caches/nnspec on macos, %LOCALAPPDATA%\\nnspec\\Cache
on windows). NNSPEC_CACHE=off neither reads nor writes it. `nnspec cache info|clear`.

an entry's key is the run's name and a hash of what decides its bits: the files of the
reference package and nnspec's runner (nnspec.runs.sources(), found from the imported
modules, so an installed wheel's), and the stack (nnspec.stack.describe() and every cpu
feature numpy may use). its value is nnspec.quantities' bytes (an npz, read with
allow_pickle=False). diskcache keeps them in sqlite, made for several processes at once,
through a Disk that stores and reads bytes only: nothing is pickled or unpickled. an entry
that cannot be read is computed again, with a note; a cache that cannot be opened is done
without, with a note.
"""
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import diskcache
from diskcache.core import MODE_BINARY, MODE_RAW, UNKNOWN

from nnspec import quantities, stack
from nnspec.spec import SettingError  # noqa: F401 (cache.SettingError: raised here)

FORMAT = 1  # the entries' layout: a new one makes new keys
SIZE_LIMIT = 2 ** 28  # bytes; a stack's runs take about 2 MB, the oldest stored go first past this
ERRORS = (sqlite3.Error, OSError, diskcache.Timeout)


class BytesDisk(diskcache.Disk):
    """str keys and bytes values, stored as they are: no value is pickled, none unpickled."""

    def put(self, key):
        if type(key) is not str:
            raise TypeError('cache keys are str, not %s' % type(key).__name__)
        return super().put(key)

    def get(self, key, raw):
        if not raw:
            raise ValueError('a pickled key in the cache: not read')
        return super().get(key, raw)

    def store(self, value, read, key=UNKNOWN):
        if type(value) is not bytes:
            raise TypeError('cache values are bytes, not %s' % type(value).__name__)
        return super().store(value, read, key)

    def fetch(self, mode, filename, value, read):
        if mode not in (MODE_RAW, MODE_BINARY) or read:
            raise ValueError('an entry stored as mode %d (pickled or text): not read' % mode)
        data = super().fetch(mode, filename, value, read)
        if type(data) is not bytes:
            raise ValueError('an entry holding a %s, not bytes: not read' % type(data).__name__)
        return data


def directory():
    """the cache's folder, or None when NNSPEC_CACHE=off."""
    switch = os.environ.get('NNSPEC_CACHE', 'on').strip().lower()
    if switch not in ('on', 'off', ''):
        raise SettingError("NNSPEC_CACHE=%r: must be 'on' or 'off'" % os.environ['NNSPEC_CACHE'])
    if switch == 'off':
        return None
    base = os.environ.get('NNSPEC_CACHE_DIR')
    if not base:
        import platformdirs
        base = platformdirs.user_cache_dir('nnspec', appauthor=False)
    return Path(base) / 'runs'


def fingerprint(sources):
    """a hash of the code's files and the stack: equal only where the runs give the same bits."""
    h = hashlib.sha256(b'nnspec runs cache %d\0' % FORMAT)
    for name, path in sources:  # (name inside the package, file)
        data = path.read_bytes()
        h.update(name.encode() + b'\0%d\0' % len(data) + data)
    features = dict(stack.describe(), numpy_cpu_features=stack.numpy_cpu_features())
    h.update(json.dumps(features, sort_keys=True).encode())
    return h.hexdigest()


class Store:
    """the cache of one fingerprint; every failure is a note (note(text)) and a miss, never an error."""

    def __init__(self, where, fingerprint_, note):
        self.where, self.fingerprint, self.note = where, fingerprint_, note
        try:
            self.cache = diskcache.Cache(str(where), disk=BytesDisk, size_limit=SIZE_LIMIT)
        except ERRORS as e:
            note('the run cache in %s cannot be opened (%s): computing without it; `nnspec cache clear` resets it'
                 % (where, e))
            self.cache = None

    def key(self, name):
        return '%s@%s' % (name, self.fingerprint)

    def get(self, name):
        """the run's quantities, or None: not kept, or unreadable (then noted and dropped)."""
        if self.cache is None:
            return None
        try:
            data = self.cache.get(self.key(name))
            return None if data is None else quantities.from_bytes(data)
        except (ValueError, TypeError) + ERRORS as e:
            self.note('the cached %s is unreadable (%s): computing it again' % (name, e))
            self._drop(name)
            return None

    def put(self, name, data):
        if self.cache is None:
            return
        try:
            self.cache.set(self.key(name), data)
        except ERRORS as e:
            self.note('%s could not be kept in the run cache (%s)' % (name, e))

    def _drop(self, name):
        try:
            self.cache.delete(self.key(name))
        except ERRORS:
            pass

    def close(self):
        if self.cache is not None:
            self.cache.close()


def info(fingerprint_=None):
    """(folder or None, entries, bytes, run names kept for this fingerprint)."""
    where = directory()
    if where is None or not (where / 'cache.db').exists():
        return where, 0, 0, []
    with diskcache.Cache(str(where), disk=BytesDisk) as c:
        keys = list(c.iterkeys())
        mine = sorted(k.rpartition('@')[0] for k in keys if fingerprint_ and k.endswith('@' + fingerprint_))
        return where, len(keys), c.volume(), mine


def clear():
    """(folder or None, entries removed); a cache too damaged to open is removed whole."""
    where = directory()
    if where is None or not where.exists():
        return where, 0
    try:
        with diskcache.Cache(str(where), disk=BytesDisk) as c:
            return where, c.clear()
    except ERRORS:
        if (where / 'cache.db').exists():  # nnspec's own folder, never a folder it did not make
            shutil.rmtree(str(where))
        return where, 0
