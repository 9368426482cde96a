"""goldens of every reference run, at full precision (fixtures/, written by pytest-regressions).

each run has a portable golden (fixtures/portable/: the portable arithmetic, bit for bit on
every machine) and its native run is held to it, and bit for bit to a native golden where
this stack's arithmetic has one (fixtures/native/<arithmetic>/): tests/golden.py, nnspec.portable.
`nnspec regen` (pytest --force-regen) rewrites those that differ and still fails, so nobody
regenerates by accident.
"""
import pytest

from nnspec import portable, runs

pytestmark = pytest.mark.golden


@pytest.mark.parametrize('run', portable.SINGLE)
def test_portable(golden, run):
    golden.check_portable(portable.run(run))


@pytest.mark.parametrize('alpha', portable.ALPHAS)
@pytest.mark.parametrize('run', portable.SWEEPS)
def test_portable_sweep(golden, run, alpha):
    data = portable.part(portable.run(run), alpha)
    assert data, 'run %s has no alpha %s' % (run, alpha)
    golden.check_portable(data)


@pytest.mark.parametrize('run', portable.SINGLE)
def test_golden(golden, run):
    golden.check_native(runs.run(run), run)


@pytest.mark.parametrize('alpha', portable.ALPHAS)
@pytest.mark.parametrize('run', portable.SWEEPS)
def test_golden_sweep(golden, run, alpha):
    data = portable.part(runs.run(run), alpha)
    assert data, 'run %s has no alpha %s' % (run, alpha)
    golden.check_native(data, run, alpha)
