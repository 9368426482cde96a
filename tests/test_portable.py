"""nnspec.portable: the portable arithmetic gives one set of bits whatever the blas kernel or cpu dispatch, and
the bounds a native run is held to come from the measured spread."""
import hashlib
import math
import os
import subprocess
import sys
from decimal import Context, Decimal

import numpy as np
import pytest

from nnspec import agreement, numerics, portable, runs, spec
from nnspec.agreement import normwise_digits

SHORT = 300
DIGEST = '''
import hashlib, numpy as np
from nnspec import runs
from nnspec.evidence import training
h = hashlib.sha256()
for (name, _), q in sorted(training.runs([(n, 'author-2015') for n in runs.RUNS], %d).items()):
    for k, v in sorted(q.items()):
        h.update((name + k).encode() + np.ascontiguousarray(v, dtype=float).tobytes())
print(h.hexdigest())
''' % SHORT
# other blas kernels and numpy dispatch levels this machine can run (a feature it lacks is only warned about)
STACKS = [{'OPENBLAS_CORETYPE': 'Sandybridge', 'NPY_DISABLE_CPU_FEATURES': 'X86_V4 AVX512_ICL AVX512_SPR'},
          {'OPENBLAS_CORETYPE': 'Prescott', 'NPY_DISABLE_CPU_FEATURES': 'X86_V3 X86_V4 AVX512_ICL AVX512_SPR'}]


def _digest(env):
    clean = {k: v for k, v in os.environ.items() if k not in ('OPENBLAS_CORETYPE', 'NPY_DISABLE_CPU_FEATURES')}
    proc = subprocess.run([sys.executable, '-c', DIGEST], env=dict(clean, PYTHONPATH=str(spec.ROOT), **env),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300, cwd=str(spec.ROOT))
    assert proc.returncode == 0, proc.stderr.decode('utf-8', 'replace')
    return proc.stdout.decode('utf-8').strip()


def test_the_portable_runs_are_the_same_bits_under_other_kernels_and_cpu_dispatch():
    here = _digest({})
    assert len(here) == 64
    assert [_digest(env) for env in STACKS] == [here] * len(STACKS)


def test_a_changed_portable_arithmetic_changes_the_digest():
    # the digest sees one ulp of one run: the comparison above can fail
    from nnspec.evidence import training
    a = training.run('miniflow_quizzes', 'author-2015')
    b = dict(a, sigmoid=np.nextafter(a['sigmoid'], 2))
    h = [hashlib.sha256(np.ascontiguousarray(q['sigmoid']).tobytes()).hexdigest() for q in (a, b)]
    assert h[0] != h[1]


def _slow_normal(n):
    """the polar method in python floats, log to 60 digits: numpy's legacy randn as written."""
    out = []
    while len(out) < n:
        while True:
            x1, x2 = 2.0 * np.random.random_sample() - 1.0, 2.0 * np.random.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if 0.0 < r2 < 1.0:
                break
        f = math.sqrt(-2.0 * float(Decimal(r2).ln(Context(prec=60))) / r2)
        out += [f * x2, f * x1]
    return out[:n]


def test_the_portable_normal_draw_is_numpys_with_a_correctly_rounded_log():
    for seed in range(5):
        np.random.seed(seed)
        drawn = np.concatenate([a.ravel() for a in numerics.normal_correct([(2, 3), (3, 1), (50,)])])
        np.random.seed(seed)
        assert drawn.tolist() == _slow_normal(59)
        np.random.seed(seed)
        numpy = np.random.randn(59)
        # numpy's own draw differs only where this libm's log is not correctly rounded: a few ulp at most
        assert np.all(np.abs(drawn - numpy) <= 4 * np.spacing(np.abs(numpy)))


def test_normwise_digits_of_agreement():
    assert normwise_digits([1.0, 2.0], [1.0, 2.0]) == agreement.EQUAL
    assert 15.6 < normwise_digits(np.nextafter(2.0, 3), 2.0) < 15.7
    assert normwise_digits([1.0, 1e-9], [1.0, 0.0]) == pytest.approx(9)  # the largest magnitude sets the scale
    assert normwise_digits([1.0], [1.0, 2.0]) == -math.inf and normwise_digits(math.nan, 1.0) == -math.inf
    assert [portable.floor(d) for d in (0.8, 1.1, 9.4, 17)] == [0, 0, 8, 16]


def test_the_measured_spread_backs_every_bound():
    doc = spec.load_json(portable.SPREAD)
    assert len(doc['portable_sha256']) == 1, 'the portable runs differed between the measured stacks'
    assert len({s['blas_kernel'] + s['numpy_simd'] for s in doc['measured_on']}) == len(doc['measured_on']) >= 3
    assert set(doc['goldens']) == {sub for sub, _, _ in portable.goldens()}
    assert set(doc['sensitive']) == portable.SENSITIVE
    for sub, measured in doc['goldens'].items():
        if sub not in portable.SENSITIVE:  # every stable golden within the stable tolerance on every stack
            assert measured['ratio'] < 1, sub
    # every sensitive quantity has a floor, the floors are what the rule makes of the measurement
    native_names = {sub: sorted(q) for sub, q in doc['sensitive'].items()}
    assert all(native_names[sub] == sorted(portable.floors()[sub]) for sub in native_names)
    assert all(portable.floors()[sub][q] == portable.floor(m['digits']) for sub in doc['sensitive']
               for q, m in doc['sensitive'][sub].items())


def test_each_portable_run_has_the_native_runs_quantities():
    # the trained runs at 2 iterations (the sweeps and the three layers: every golden test compares
    # the names, tests/test_goldens.py); the others are quick in full
    from nnspec.evidence import training
    from reference import trask_part1_eleven_lines, trask_part2_thirteen_lines
    short = training.runs([(n, portable.ARITHMETIC) for n in ('trask_part1_eleven_lines', 'trask_part2_thirteen_lines')], 2)
    assert sorted(short['trask_part1_eleven_lines', portable.ARITHMETIC]) == sorted(trask_part1_eleven_lines.run(2))
    assert sorted(short['trask_part2_thirteen_lines', portable.ARITHMETIC]) == sorted(trask_part2_thirteen_lines.run(2))
    for name in ('miniflow_quizzes', 'miniflow_worked', 'shamdasani_worked', 'trask_part1_two_layer',
                 'trask_part2_two_layer', 'shamdasani'):
        assert sorted(portable.run(name)) == sorted(runs.run(name)), name
