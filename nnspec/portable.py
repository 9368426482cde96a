"""the portable goldens: every reference run under one explicit arithmetic that any machine repeats bit for bit.

the arithmetic is author-2015 (nnspec.evidence.author), the one that prints 344 of the
posts' 350 readable values: each np.dot of a listing summed by a named tree built from
numpy's elementwise + and * (in order, or the transposed gemv's (S0 + S2) + (S1 + S3)),
no fma, no blas; exp correctly rounded; np.mean of a few numbers in order; shamdasani's
normal draws with log correctly rounded. every step is an ieee operation or correctly
rounded, so its bits depend on no cpu, blas kernel or libm (spec/portable.json: one digest
over openblas's SkylakeX, Haswell, Sandybridge and Prescott kernels and numpy's avx2 loops;
tests/test_portable.py recomputes it with numpy's baseline loops). its goldens live in
fixtures/portable/ and are compared bit for bit everywhere.

a native run (nnspec.runs: numpy and its blas as the listings call them) is held to the
portable golden of the same test on every stack:
  stable run      every quantity within the stable tolerance of honest arithmetics
                  (nnspec.conformance.tolerance.DEFAULT: |native - portable| <= 1e-12 +
                  1e-10 |portable|, elementwise)
  sensitive run   (nnspec.listings' sensitive alphas: hidden 4 at alpha 100 and 1000, hidden 32 at
                  alpha 10) each quantity to its floor of digits of agreement,
                  -log10(max |native - portable| / max |portable|): one digit under the
                  fewest any measured stack kept (spec/portable.json, written by
                  `python -m nnspec.evidence.spread --write`, never by hand)
and, where a native golden is recorded for this stack's arithmetic (stack.arithmetic(): the
probed summation trees and fma, the blas and its version, numpy's cpu dispatch), bit for
bit to it as well.
"""
import functools
import math

import numpy as np

from nnspec import listings, runs, spec
from nnspec.agreement import normwise_digits
from nnspec.conformance import tolerance
from nnspec.evidence import training

ARITHMETIC = 'author-2015'
# the goldens (tests/test_goldens.py): one per single run, one per alpha of a sweep
SINGLE = [l.run for l in listings.ALL if not l.sweep]
SWEEPS = [l.run for l in listings.SWEEPS]
ALPHAS = listings.ALPHA_LABELS
SPREAD = spec.ROOT / 'spec' / 'portable.json'


@functools.lru_cache(maxsize=None)
def _batch(hidden):
    """the trained runs of one hidden size, in one batch (every alpha and run at once)."""
    names = [n for n in runs.RUNS if n in training.TRAINED and training.TRAINED[n][0] == hidden]
    return training.runs([(n, ARITHMETIC) for n in names])


@functools.lru_cache(maxsize=None)
def run(name):
    """the quantities of reference run `name` under the portable arithmetic: nnspec.runs' names."""
    if name not in runs.RUNS:
        raise KeyError('unknown reference run %r (known: %s)' % (name, ', '.join(sorted(runs.RUNS))))
    if name in training.TRAINED:
        return _batch(training.TRAINED[name][0])[name, ARITHMETIC]
    return training.run(name, ARITHMETIC)


def part(quantities, alpha=None):
    """one golden's share of a run: a sweep's quantities of one alpha (the prefix dropped), else all."""
    if alpha is None:
        return dict(quantities)
    prefix = 'alpha-%s/' % alpha
    return {k[len(prefix):]: v for k, v in quantities.items() if k.startswith(prefix)}


def subrun(run_name, alpha=None):
    """'trask_part2_hidden_size/alpha-10', or the run's name: what a floor and a golden belong to."""
    return run_name if alpha is None else '%s/alpha-%s' % (run_name, alpha)


def goldens():
    """(sub-run, run, alpha) of every golden."""
    return [(r, r, None) for r in SINGLE] + [(subrun(r, a), r, a) for r in SWEEPS for a in ALPHAS]


SENSITIVE = {subrun(l.run, listings.label(a)) for l in listings.ALL for a in l.sensitive}


def sensitive(sub):
    return sub in SENSITIVE


def floor(measured):
    """the digits a sensitive quantity is held to: one under the fewest measured, never below 0."""
    return max(0, math.floor(measured) - 1)


@functools.lru_cache(maxsize=None)
def floors():
    """{sub-run: {quantity: digits}} of the sensitive runs, from spec/portable.json."""
    doc = spec.load_json(SPREAD)
    out = {}
    for sub, quantities in doc['sensitive'].items():
        out[sub] = {q: floor(m['digits']) for q, m in quantities.items()}
    return out


def _shape(x):
    """the shape of a golden's quantity, None when its rows differ in length."""
    try:
        return np.shape(x)
    except ValueError:
        return None


def held(sub, native, portable):
    """what keeps the native quantities from their portable golden (empty: held), one line each."""
    if sorted(native) != sorted(portable):
        return ['quantities differ: only native %s, only portable %s' % (
            sorted(set(native) - set(portable))[:3], sorted(set(portable) - set(native))[:3])]
    out = ['%s/%s: shape %s here, %s in the portable golden' % (sub, q, _shape(native[q]) or 'ragged', _shape(portable[q]) or 'ragged')
           for q in sorted(native) if _shape(native[q]) != _shape(portable[q])]  # a golden cut short: no distance to measure
    if out:
        return out
    if sensitive(sub):
        bounds = floors().get(sub)
        if bounds is None or sorted(bounds) != sorted(native):
            return ['%s: spec/portable.json has no floor for every quantity of this sensitive run; '
                    'measure it with `python -m nnspec.evidence.spread --write`' % sub]
        for q in sorted(native):
            d = normwise_digits(native[q], portable[q])
            if d < bounds[q]:
                out.append('%s/%s: %.1f digits of agreement with the portable golden, the floor is %d'
                           % (sub, q, d, bounds[q]))
        return out
    for q in sorted(native):
        r = tolerance.ratio(native[q], portable[q])
        if not r <= 1:
            out.append('%s/%s: %.3g times the stable tolerance (rtol %g, atol %g) from the portable golden (%.1f digits)'
                       % (sub, q, r, tolerance.DEFAULT['rtol'], tolerance.DEFAULT['atol'], normwise_digits(native[q], portable[q])))
    return out
