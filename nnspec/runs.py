"""the reference runs, flattened to named quantities: each computed once per process, and kept on
disk (nnspec.cache) so the next process reads it back; many at once run on every core (nnspec.parallel).

a quantity is a float or an array, named `alpha=10/synapse_0`, `error@10000`, ...
spec entries and goldens address values as (run, quantity, index).
"""
import contextlib
import functools
from importlib import resources
from pathlib import Path

import numpy as np

from nnspec import cache, parallel, progress, quantities
from nnspec import listings as L
from nnspec import reference


def _sweep(listing):
    """a sweep's errors and final quantities, per alpha."""
    out = {}
    for alpha, r in listing.reference().run().items():
        for j, error in r['errors']:
            out['alpha-%s/error@%d' % (alpha, j)] = error
        for key in listing.final:
            out['alpha-%s/%s' % (alpha, key)] = r[key]
    return out


def _closer_look():
    out = {}
    for alpha, r in L.CLOSER_LOOK.reference().run().items():
        for k, error in enumerate(r['errors']):
            out['alpha-%s/error@%d' % (alpha, 10000 * k)] = error
        for key in L.CLOSER_LOOK.final:
            out['alpha-%s/%s' % (alpha, key)] = r[key]
    return out


def _errors(errors):
    return {'error@%d' % (10000 * k): e for k, e in enumerate(errors)}


def _three_layer():
    r = L.THREE_LAYER.reference().run()
    return dict(_errors(r['errors']), syn0=r['syn0'], syn1=r['syn1'])


def _shamdasani():
    r = L.SHAMDASANI.reference().run()
    out = {'loss@%d' % i: loss for i, loss in enumerate(r['losses'])}
    out.update(W1=r['W1'], W2=r['W2'], W1_initial=r['W1_initial'], W2_initial=r['W2_initial'],
               prediction_final=r['predictions'][-1])
    return out


def _two_layer_gd():
    program = L.PART2_TWO_LAYER.reference()
    r, s = program.run(), program.error_surface()
    return dict(r, surface_weights=s['weights'], surface_errors=s['errors'])


def _quantities(listing):
    """the function giving a listing's {quantity: value}: its program's run(), flattened where it nests."""
    special = {L.THREE_LAYER: _three_layer, L.PART2_TWO_LAYER: _two_layer_gd, L.CLOSER_LOOK: _closer_look,
               L.SHAMDASANI: _shamdasani, L.SHAMDASANI_WORKED: lambda: dict(L.SHAMDASANI_WORKED.reference().worked_example())}
    if listing in special:
        return special[listing]
    if listing.sweep:
        return lambda: _sweep(listing)
    return lambda: dict(listing.reference().run())


# run name -> function giving {quantity: value}
RUNS = {listing.run: _quantities(listing) for listing in L.ALL}


# the longest runs, longest first: on several processes they start first, and the short ones fill in around them
LONGEST = [L.CLOSER_LOOK.run, L.ALPHA_SWEEP.run, L.HIDDEN_SIZE.run]
_REFERENCE = dict(RUNS)  # the runs the disk cache keeps: these functions, not ones a test puts in their place
_memory = {}


def sources():
    """(name, file) of the code that decides the runs' bits: the reference package's files, this runner and
    the table it reads."""
    package = resources.files(reference)  # a folder, or inside a zip: read through importlib.resources
    files = sorted((p for p in package.iterdir() if p.name.endswith('.py')), key=lambda p: p.name)
    return [('reference/' + p.name, p) for p in files] + [('nnspec/runs.py', Path(__file__)),
                                                          ('nnspec/listings.py', Path(L.__file__))]


@functools.lru_cache(maxsize=None)
def fingerprint():
    return cache.fingerprint(sources())


def _store(note):
    where = cache.directory()
    return cache.Store(where, fingerprint(), note) if where else None


def prepare(names, jobs=1, shown=False):
    """compute the runs named that are not in memory yet: from the disk cache, the rest on `jobs`
    processes, longest first. shown: each step on stderr (nnspec.progress.Steps); else only what went wrong."""
    for name in names:
        if name not in RUNS:
            raise KeyError('unknown reference run %r (known: %s)' % (name, ', '.join(sorted(RUNS))))
    todo = [n for n in dict.fromkeys(names) if n not in _memory]
    if todo:
        with progress.Steps(len(todo), quiet=not shown) as steps:
            _prepare(todo, jobs, steps)


def _prepare(todo, jobs, steps):
    store = _store(steps.note)
    try:
        read = [n for n in todo if store and _kept(n) and _read(store, n)]
        if read:
            steps.done('read %s from the run cache in %s' % ('all %d runs' % len(read) if read == todo else ', '.join(read),
                                                             store.where), count=len(read), lasting=True)
        order = {n: i for i, n in enumerate(LONGEST)}
        rest = sorted((n for n in todo if n not in _memory), key=lambda n: order.get(n, len(order)))
        elsewhere = [n for n in rest if _kept(n)]  # a process of its own knows only the reference's runs
        if len(elsewhere) > 1 and jobs > 1:
            _on_processes(elsewhere, jobs, store, steps)
        for name in rest:
            if name not in _memory:
                steps.tick('computing %s' % name)
                _memory[name] = RUNS[name]()
                if store and _kept(name):
                    store.put(name, quantities.to_bytes(_memory[name]))
                steps.done('computed %s' % name)
    finally:
        if store:
            store.close()


def _kept(name):
    return _REFERENCE.get(name) is RUNS[name]


def _read(store, name):
    found = store.get(name)
    if found is not None:
        _memory[name] = found
    return found is not None


def computed_bytes(name):
    """run `name` computed here, as the bytes the cache keeps (what a process of the pool returns)."""
    return quantities.to_bytes(RUNS[name]())


def _on_processes(names, jobs, store, steps):
    procs, left = min(jobs, len(names)), list(names)

    def tick():
        steps.tick('computing %d runs on %d processes' % (len(left), procs))
    tick()
    with contextlib.closing(parallel.computed(computed_bytes, names, jobs, tick)) as finished:
        for name, data in finished:
            _memory[name] = quantities.from_bytes(data)
            if store:
                store.put(name, data)
            left.remove(name)
            steps.done('computed %s' % name)


def run(name):
    """the quantities of one reference run: computed once per process, and kept on disk (nnspec.cache)."""
    if name not in _memory:
        prepare([name])
    return _memory[name]


def value(name, quantity, index=None):
    """one quantity of a run, or one element of it."""
    quantities = run(name)
    if quantity not in quantities:
        raise KeyError('run %r has no quantity %r' % (name, quantity))
    v = quantities[quantity]
    if index:
        v = np.asarray(v)[tuple(index)]
    return v
