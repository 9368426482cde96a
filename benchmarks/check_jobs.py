"""nnspec check -j: wall time of the same cases at one job and at more, and the speed-up.

    python3 benchmarks/check_jobs.py [case glob, default quick/**] [--jobs 2] [--repeat 5]

runs the plain-python example port (cpu-bound, no numpy) on json cases through
check_all, -j 1 then -j N, best of --repeat each, interleaved, and prints both times and
their ratio. beside it, the ceiling: the same ratio for N plain cpu-bound
processes (a python loop), which is what the machine gives right now (other
work on the cores lowers both). a quick case is ~0.1 s, part of it process
start and exit latency, which overlaps even on one core; full cases
('trask-part2/alpha-sweep/*', ~3 s each) are cpu alone, but 7 of them on 2 jobs
cap the ratio at 7/4. prints figures; asserts nothing.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from nnspec.check import check_all  # noqa: E402
from nnspec.conformance import cases, port_process  # noqa: E402

PORT = [sys.executable, str(ROOT / 'spec' / 'ports' / 'examples' / 'python' / 'port.py')]


def wall(ids, jobs):
    args = argparse.Namespace(mode='json', timeout=600.0, max_output=port_process.MAX_OUTPUT)
    started = time.perf_counter()
    outcomes = check_all(ids, args, PORT, jobs)
    return time.perf_counter() - started, sorted({o.status for o in outcomes})


def ceiling(jobs, repeat):
    """the speed-up of `jobs` plain cpu-bound processes over one at a time: what the cores give now."""
    loop = [sys.executable, '-c', 'sum(i * i for i in range(10 ** 7))']
    def timed(n):
        started = time.perf_counter()
        for p in [subprocess.Popen(loop) for _ in range(n)]:
            p.wait()
        return time.perf_counter() - started
    pairs = [(timed(1), timed(jobs)) for _ in range(repeat)]
    return jobs * min(p[0] for p in pairs) / min(p[1] for p in pairs)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('glob', nargs='?', default='quick/**')
    p.add_argument('--jobs', type=int, default=2)
    p.add_argument('--repeat', type=int, default=5)
    a = p.parse_args()
    ids = cases.match(a.glob, 'json')
    print('%d json cases (%s), plain-python port, %d cpus, load average %s' % (
        len(ids), a.glob, os.cpu_count(), ' '.join('%.2f' % x for x in os.getloadavg())))
    times = {1: [], a.jobs: []}
    for _ in range(a.repeat):  # interleaved, so a burst of other work on the cores hits both alike
        for jobs in times:
            seconds, statuses = wall(ids, jobs)
            times[jobs].append(seconds)
    best = {jobs: min(t) for jobs, t in times.items()}
    for jobs, t in times.items():
        print('-j %d: best %.2fs of %s  (%s)' % (jobs, best[jobs], ' '.join('%.2f' % x for x in t), ', '.join(statuses)))
    print('speed-up -j %d over -j 1: %.2fx' % (a.jobs, best[1] / best[a.jobs]))
    print('ceiling now: %d plain cpu-bound processes at once run %.2fx faster than one after another' % (
        a.jobs, ceiling(a.jobs, a.repeat)))


if __name__ == '__main__':
    main()
