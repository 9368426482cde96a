"""benchmark: the spec suite's wall time beside the bare compute of the reference runs it needs.

python benchmarks/suite_time.py [pytest args]. prints figures; asserts nothing.
a suite that recomputed a run per test would take many times the bare compute.
"""
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not
from nnspec import runs  # noqa: E402
from nnspec.spec import ROOT  # noqa: E402


def bare_compute():
    """each reference run once, in this process, timed one by one."""
    times = {}
    for name in runs.RUNS:
        start = time.perf_counter()
        runs.RUNS[name]()
        times[name] = time.perf_counter() - start
    return times


def suite(args):
    start = time.perf_counter()
    done = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:randomly'] + args, cwd=str(ROOT),
                          capture_output=True, text=True, timeout=3600)
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-200:]
    return time.perf_counter() - start, tail


def main():
    args = sys.argv[1:] or ['tests/test_values.py', 'tests/test_goldens.py', 'tests/test_printouts.py']
    times = bare_compute()
    for name, t in sorted(times.items(), key=lambda kv: -kv[1]):
        print('%-28s %7.2fs' % (name, t))
    total = sum(times.values())
    print('%-28s %7.2fs' % ('bare compute, all runs', total))
    wall, tail = suite(args)
    print('%-28s %7.2fs   (pytest %s: %s)' % ('suite wall time', wall, ' '.join(args), tail))
    print('suite / bare compute: %.2f' % (wall / total))


if __name__ == '__main__':
    main()
