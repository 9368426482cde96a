"""goldens of every reference run, at full precision (fixtures/, written by pytest-regressions).

`nnspec regen` (pytest --force-regen) rewrites those that differ and still
fails, so nobody regenerates by accident.
"""
import pytest

from nnspec import runs

ALPHAS = ['0.001', '0.01', '0.1', '1', '10', '100', '1000']
SINGLE = ['trask_part1_eleven_lines', 'trask_part1_two_layer', 'trask_part1_three_layer',
          'trask_part2_thirteen_lines', 'trask_part2_two_layer', 'miniflow_quizzes', 'miniflow_worked',
          'shamdasani', 'shamdasani_worked']
SWEEPS = ['trask_part2_alpha_sweep', 'trask_part2_closer_look', 'trask_part2_hidden_size']

@pytest.mark.parametrize('run', SINGLE)
def test_golden(golden, run):
    golden.check(runs.run(run), run=run)


@pytest.mark.parametrize('alpha', ALPHAS)
@pytest.mark.parametrize('run', SWEEPS)
def test_golden_sweep(golden, run, alpha):
    prefix = 'alpha-%s/' % alpha
    data = {k[len(prefix):]: v for k, v in runs.run(run).items() if k.startswith(prefix)}
    assert data, 'run %s has no alpha %s' % (run, alpha)
    golden.check(data, run=run)
