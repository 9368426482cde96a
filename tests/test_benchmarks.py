"""the benchmarks still run: each on its smallest input, its figures printed (no time is asserted)."""
import subprocess
import sys

import pytest

from nnspec.spec import ROOT

BENCHMARKS = ROOT / 'benchmarks'


def run(name, *args):
    done = subprocess.run([sys.executable, str(BENCHMARKS / name), *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.heavy
def test_check_overhead_prints_a_row_per_case_and_totals():
    out = run('check_overhead.py', '--json', 'quick/trask-part1/two-layer', '--other', 'miniflow/quiz/add',
              '--transcript', 'trask-part1/two-layer')
    assert 'quick/trask-part1/two-layer (j)' in out and 'miniflow/quiz/add (j)' in out and 'conformant' in out
    assert 'nnspec per case: median, max' in out


@pytest.mark.heavy
def test_check_jobs_prints_the_speed_up_and_the_ceiling():
    out = run('check_jobs.py', 'quick/trask-part1/two-layer', '--repeat', '1')
    assert 'speed-up -j 2 over -j 1:' in out and 'ceiling now:' in out and '(conformant)' in out
