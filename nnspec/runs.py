"""the reference runs, each computed once per process, flattened to named quantities.

a quantity is a float or an array, named `alpha=10/synapse_0`, `error@10000`, ...
spec entries and goldens address values as (run, quantity, index).
"""
import contextlib
import functools

import numpy as np

from nnspec.reference import (miniflow_quizzes, miniflow_worked, shamdasani,
                       trask_part1_eleven_lines, trask_part1_three_layer,
                       trask_part1_two_layer, trask_part2_alpha_sweep,
                       trask_part2_closer_look, trask_part2_hidden_size,
                       trask_part2_thirteen_lines, trask_part2_two_layer)


def _sweep(results, keys):
    out = {}
    for alpha, r in results.items():
        for j, error in r['errors']:
            out['alpha-%s/error@%d' % (alpha, j)] = error
        for key in keys:
            out['alpha-%s/%s' % (alpha, key)] = r[key]
    return out


def _closer_look():
    out = {}
    keys = ['synapse_0', 'synapse_0_direction_count', 'synapse_1', 'synapse_1_direction_count']
    for alpha, r in trask_part2_closer_look.run().items():
        for k, error in enumerate(r['errors']):
            out['alpha-%s/error@%d' % (alpha, 10000 * k)] = error
        for key in keys:
            out['alpha-%s/%s' % (alpha, key)] = r[key]
    return out


def _errors(errors):
    return {'error@%d' % (10000 * k): e for k, e in enumerate(errors)}


def _three_layer():
    r = trask_part1_three_layer.run()
    return dict(_errors(r['errors']), syn0=r['syn0'], syn1=r['syn1'])


def _shamdasani():
    r = shamdasani.run()
    out = {'loss@%d' % i: loss for i, loss in enumerate(r['losses'])}
    out.update(W1=r['W1'], W2=r['W2'], W1_initial=r['W1_initial'], W2_initial=r['W2_initial'],
               prediction_final=r['predictions'][-1])
    return out


def _two_layer_gd():
    r = trask_part2_two_layer.run()
    s = trask_part2_two_layer.error_surface()
    return dict(r, surface_weights=s['weights'], surface_errors=s['errors'])


# run name -> function giving {quantity: value}
RUNS = {
    'trask_part1_eleven_lines': lambda: dict(trask_part1_eleven_lines.run()),
    'trask_part1_two_layer': lambda: dict(trask_part1_two_layer.run()),
    'trask_part1_three_layer': _three_layer,
    'trask_part2_thirteen_lines': lambda: dict(trask_part2_thirteen_lines.run()),
    'trask_part2_two_layer': _two_layer_gd,
    'trask_part2_alpha_sweep': lambda: _sweep(trask_part2_alpha_sweep.run(), ['synapse_0', 'synapse_1']),
    'trask_part2_closer_look': _closer_look,
    'trask_part2_hidden_size': lambda: _sweep(trask_part2_hidden_size.run(), ['synapse_0', 'synapse_1']),
    'miniflow_quizzes': lambda: dict(miniflow_quizzes.run()),
    'miniflow_worked': lambda: dict(miniflow_worked.run()),
    'shamdasani': _shamdasani,
    'shamdasani_worked': lambda: dict(shamdasani.worked_example()),
}


_watchers = []  # called with (name, k, n) as run k of n is computed: progress lines


@contextlib.contextmanager
def watching(callback):
    """call callback(name, k, n) before each run computed inside the block."""
    _watchers.append(callback)
    try:
        yield
    finally:
        _watchers.remove(callback)


@functools.lru_cache(maxsize=None)
def run(name):
    """the quantities of one reference run, computed once per process."""
    if name not in RUNS:
        raise KeyError('unknown reference run %r (known: %s)' % (name, ', '.join(sorted(RUNS))))
    for callback in list(_watchers):
        callback(name, run.cache_info().currsize + 1, len(RUNS))
    return RUNS[name]()


def value(name, quantity, index=None):
    """one quantity of a run, or one element of it."""
    quantities = run(name)
    if quantity not in quantities:
        raise KeyError('run %r has no quantity %r' % (name, quantity))
    v = quantities[quantity]
    if index:
        v = np.asarray(v)[tuple(index)]
    return v
