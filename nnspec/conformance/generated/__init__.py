"""generated cases: json cases drawn from a seed, their expected answers computed by the reference at check time.

    nnspec check --mode json --seed 4711 [--generated 8] -- ./port

per tutorial (trask, miniflow, shamdasani) `count` cases, ids `<tutorial>/generated/<seed>/<k>`. a case
depends on its id alone, drawn by random.Random(id): python guarantees the stream of random() across
versions, so every choice is made from random() (Draw); numbers drawn the listings' way use numpy's legacy
RandomState, whose stream numpy freezes. the same id gives the same case bytes on every machine and python.
the cases follow the committed case schemas and are checked like committed ones (cases.validated).
no numpy here: `nnspec check --list` stays light; load() imports the tutorial's module.
"""
import importlib
import re
import threading

TUTORIALS = ('trask', 'miniflow', 'shamdasani')
DEFAULT_COUNT = 8  # cases per tutorial
MAX_SEED = 2 ** 32 - 1  # numpy's legacy seeds are 32-bit; a generated case's own numpy seed is drawn below it
_ID = re.compile(r'^(%s)/generated/(0|[1-9][0-9]{0,9})/(0|[1-9][0-9]{0,5})$' % '|'.join(TUTORIALS))


def ids(seed, count=DEFAULT_COUNT):
    """the generated ids of a seed, tutorial by tutorial."""
    return ['%s/generated/%d/%d' % (t, seed, k) for t in TUTORIALS for k in range(count)]


def parse(id_):
    """(tutorial, seed, k) of a generated id, or None."""
    m = _ID.match(id_)
    if not m or int(m.group(2)) > MAX_SEED:
        return None
    return m.group(1), int(m.group(2)), int(m.group(3))


class Draw(object):
    """the choices of one case, from random.Random(key).random() alone (the one stream python keeps)."""

    def __init__(self, key):
        import random
        self._random = random.Random('nnspec-generated/' + key).random

    def random(self):
        return self._random()

    def uniform(self, low, high):
        return low + (high - low) * self._random()

    def integer(self, low, high):
        """a whole number in [low, high]."""
        return low + min(int(self._random() * (high - low + 1)), high - low)

    def choice(self, options):
        return options[self.integer(0, len(options) - 1)]

    def chance(self, p):
        return self._random() < p

    def shuffled(self, items):
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.integer(0, i)
            out[i], out[j] = out[j], out[i]
        return out


_cache, _lock = {}, threading.Lock()


def load(id_):
    """(case, expected) of a generated id, checked against the case schemas; computed once per process."""
    from nnspec.conformance import cases
    tutorial, _, _ = parse(id_)
    with _lock:  # -j runs cases in threads: each case is drawn once
        if id_ not in _cache:
            module = importlib.import_module('nnspec.conformance.generated.' + tutorial)
            case, expected = module.documents(id_, Draw(id_))
            where = '<generated case %s>' % id_
            _cache[id_] = cases.validated(id_, 'json', case, expected, where, where + ' expected')
        return _cache[id_]

