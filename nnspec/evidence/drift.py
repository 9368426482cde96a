"""how the honest arithmetics drift apart over the iterations of the chaotic runs.

each run is trained under every variant of nnspec.evidence.variants; its mean |error| at
about 130 iterations spaced evenly on a log scale (the drift starts in the first hundreds;
recording every iteration costs little beside the sums) is compared with the ideal
arithmetic's ('exact': exp and sums correctly rounded) as digits of agreement
(nnspec.agreement.relative_digits, 0 to 17). the runs are those whose documented errors
are sensitive (spec/sensitivity.json).
a variant's errors are kept in the run cache (nnspec.cache) under a fingerprint of the code
that decides them (the reference, variants.py) and a key naming the run, the variant and the
iterations recorded, so the pictures are drawn again in seconds.
"""
import hashlib
from collections import namedtuple
from itertools import combinations
from pathlib import Path

import numpy as np

from nnspec import cache, quantities, runs
from nnspec.agreement import relative_digits
from nnspec.evidence import variants

Chaotic = namedtuple('Chaotic', 'title hidden alpha sweep')
RUNS = [  # the runs whose documented errors are sensitive (the closer look's alpha 100 is the sweep's, sign
    # aside; at alpha 1000 only its weights are)
    Chaotic('part 2 alpha sweep (and the closer look), hidden 4, alpha 100', 4, 100, True),
    Chaotic('part 2 hidden size, hidden 32, alpha 10', 32, 10, True),
]
IDEAL = 'exact'
ITERATIONS = 60000
CHECKPOINTS = range(0, ITERATIONS, 10000)  # where the listings print the error


def recorded(iterations=ITERATIONS, points=150):
    """the iterations kept: 0, about `points` spaced evenly on a log scale, and the listings' checkpoints."""
    spaced = np.unique(np.round(np.geomspace(1, iterations - 1, points)).astype(int))
    return np.array(sorted(set(spaced.tolist()) | {0} | {c for c in CHECKPOINTS if c < iterations}))


def _store(note):
    where = cache.directory()
    if where is None:
        return None
    code = runs.sources() + [('nnspec/evidence/variants.py', Path(variants.__file__))]
    return cache.Store(where, cache.fingerprint(code), note)


def errors(run, variant, iterations=ITERATIONS, store=None):
    """the mean |error| of `run` under `variant` at recorded(iterations) (from the cache when kept)."""
    at = recorded(iterations)
    name = 'drift/%s/h%d/a%s/%s/%s' % ('sweep' if run.sweep else 'closer', run.hidden, run.alpha, variant,
                                       hashlib.sha256(at.tobytes()).hexdigest()[:16])
    kept = store.get(name) if store else None
    if kept is not None:
        return kept['errors']
    every = variants.train(variants.Ops(variant), run.alpha, run.hidden, run.sweep, iterations, 1)['errors']
    out = np.array(every, dtype=float)[at]
    if store:
        store.put(name, quantities.to_bytes({'errors': out}))
    return out


def digits(a, b):
    return np.array([relative_digits(x, y) for x, y in zip(a, b)])


def table(run, names=tuple(variants.VARIANTS), iterations=ITERATIONS, note=lambda text: None):
    """(iterations, {row label: digits of agreement per recorded iteration}): each variant against the
    ideal, and first the worst pair of all of them (what a reader can trust the printout to)."""
    store = _store(note)
    try:
        series = {v: errors(run, v, iterations, store) for v in names}
    finally:
        if store:
            store.close()
    rows = {'worst pair': np.min([digits(series[a], series[b]) for a, b in combinations(names, 2)], axis=0)}
    rows.update((v, digits(series[IDEAL], series[v])) for v in names if v != IDEAL)
    return recorded(iterations), rows
