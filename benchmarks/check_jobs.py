"""nnspec check -j: wall time of the same cases at one job and at more, and the speed-up.

    python3 benchmarks/check_jobs.py [case glob, default quick/**] [--jobs 2] [--repeat 3]

runs the plain-python example port (cpu-bound, no numpy) on json cases through
check_all, -j 1 then -j N, best of --repeat each, and prints both times and
their ratio. the machine's load average is printed too: other work on the
cores makes the ratio smaller. prints figures; asserts nothing.
"""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from nnspec.check import check_all  # noqa: E402
from nnspec.conformance import cases, runner  # noqa: E402

PORT = [sys.executable, str(ROOT / 'spec' / 'ports' / 'examples' / 'python' / 'port.py')]


def wall(ids, jobs):
    args = argparse.Namespace(mode='json', timeout=600.0, max_output=runner.MAX_OUTPUT)
    started = time.perf_counter()
    outcomes = check_all(ids, args, PORT, jobs)
    return time.perf_counter() - started, sorted({o['status'] for o in outcomes})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('glob', nargs='?', default='quick/**')
    p.add_argument('--jobs', type=int, default=2)
    p.add_argument('--repeat', type=int, default=3)
    a = p.parse_args()
    ids = cases.match(a.glob, 'json')
    print('%d json cases (%s), plain-python port, %d cpus, load average %s' % (
        len(ids), a.glob, os.cpu_count(), ' '.join('%.2f' % x for x in os.getloadavg())))
    best = {}
    for jobs in (1, a.jobs):
        times = []
        for _ in range(a.repeat):
            seconds, statuses = wall(ids, jobs)
            times.append(seconds)
        best[jobs] = min(times)
        print('-j %d: best %.2fs of %s  (%s)' % (jobs, best[jobs], ' '.join('%.2f' % t for t in times), ', '.join(statuses)))
    print('speed-up -j %d over -j 1: %.2fx' % (a.jobs, best[1] / best[a.jobs]))


if __name__ == '__main__':
    main()
