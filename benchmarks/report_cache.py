"""`nnspec report` cold (a fresh run cache) and warm (every view again, reading it).

    python3 benchmarks/report_cache.py [--jobs N] [--serial]

each is a process of its own, as a user runs it; prints its wall time, its cpu time (user +
sys, its worker processes included) and their ratio: about the number of cores busy. --serial
adds a cold run on one process. the load average shows what else the machine was doing. a
benchmark prints figures; nothing here asserts a time.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = [[], ['--show', 'findings'], ['--format', 'json'], ['--format', 'markdown']]


def timed(args, cache_dir):
    env = dict(os.environ, NNSPEC_CACHE_DIR=cache_dir, PYTHONPATH=str(ROOT))
    env.pop('NNSPEC_CACHE', None)
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    done = subprocess.run([sys.executable, '-m', 'nnspec', 'report'] + args, cwd=str(ROOT), env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, universal_newlines=True, timeout=1800)
    wall, after = time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit('nnspec report %s: exit %d\n%s' % (' '.join(args), done.returncode, done.stderr))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--jobs', type=int, help='processes for the cold run (default: nnspec\'s, every core)')
    p.add_argument('--serial', action='store_true', help='also a cold run with --jobs 1')
    a = p.parse_args()
    print('cores %d, load average %s' % (os.cpu_count(), ' '.join('%.1f' % x for x in os.getloadavg())))
    print('%-34s %8s %8s %6s' % ('nnspec report', 'wall s', 'cpu s', 'cores'))
    colds = [(['--jobs', '1'], 'cold, one process')] if a.serial else []
    colds.append(((['--jobs', str(a.jobs)] if a.jobs else []), 'cold'))
    for args, label in colds:
        with tempfile.TemporaryDirectory() as cache_dir:
            wall, cpu = timed(args, cache_dir)
            print('%-34s %8.1f %8.1f %6.2f' % (label, wall, cpu, cpu / wall))
            if args[-1:] == ['1']:
                continue
            for view in VIEWS:
                wall, cpu = timed(view, cache_dir)
                print('%-34s %8.1f %8.1f %6.2f' % ('warm ' + (' '.join(view) or '(text)'), wall, cpu, cpu / wall))
    print('load average after %s' % ' '.join('%.1f' % x for x in os.getloadavg()))


if __name__ == '__main__':
    main()
