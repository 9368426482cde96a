"""generated cases (nnspec check --seed): do honest ports pass them, and do wrong ones fail?

    python3 benchmarks/generated_cases.py [--seeds 100] [--slow-seeds 10] [--count 4] [--gallery-seeds 5] [-j 2]

the plain-python example ports (trask, MiniFlow, Shamdasani) on --seeds seeds, the node ports and the c port
(built with gcc) on --slow-seeds, --count cases per tutorial each: how many cases conform, and the worst
|got - expected| over the allowed distance of any number (how much of the stable tolerance honest ports use).
then every json gallery port on its tutorial's cases, seed after seed until one case is not conformant or
breaks the port (at most --gallery-seeds), and tests/replaying_port.py (the committed answers replayed) on every tutorial's.
prints figures; asserts nothing.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from nnspec.check import check_all  # noqa: E402
from nnspec.conformance import generated, port_process, tolerance  # noqa: E402
from nnspec.spec import load_json  # noqa: E402

PORTS = ROOT / 'spec' / 'ports'
EXAMPLES = PORTS / 'examples'


def ids(seeds, count, tutorial):
    return [i for s in seeds for i in generated.ids(s, count) if i.startswith(tutorial + '/')]


def run(ids_, command, jobs):
    args = argparse.Namespace(mode='json', timeout=600.0, max_output=port_process.MAX_OUTPUT, label=[], allow_trailing=False)
    return check_all(ids_, args, command, jobs)


def worst_ratio(outcomes):
    return max([abs(r.distance) / r.tolerance for o in outcomes for r in o.rows
                if tolerance.finite(r.distance) and r.tolerance] + [0.0])


def examples(c_port):
    python, node = [sys.executable], ['node'] if shutil.which('node') else None
    out = [('python port.py', 'trask', python + [str(EXAMPLES / 'python' / 'port.py')], False),
           ('python miniflow.py', 'miniflow', python + [str(EXAMPLES / 'python' / 'miniflow.py')], False),
           ('python shamdasani.py', 'shamdasani', python + [str(EXAMPLES / 'python' / 'shamdasani.py')], False)]
    if node:
        out += [('node %s' % f, t, node + [str(EXAMPLES / 'node' / f)], True)
                for f, t in (('port.js', 'trask'), ('miniflow.js', 'miniflow'), ('shamdasani.js', 'shamdasani'))]
    if c_port:
        out.append(('c port.c', 'trask', [c_port], True))
    return out


def build_c(where):
    if not shutil.which('gcc'):
        return None
    exe = os.path.join(where, 'port')
    subprocess.run(['gcc', '-O2', '-std=c99', '-o', exe, str(EXAMPLES / 'c' / 'port.c'), '-lm'], check=True, timeout=300)
    return exe


def tutorial_of(case_id):
    first = case_id.split('/')[0]
    return first if first in ('miniflow', 'shamdasani') else 'trask'


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--seeds', type=int, default=100, help='seeds for the plain-python example ports')
    p.add_argument('--slow-seeds', type=int, default=10, help='seeds for the node and c ports')
    p.add_argument('--count', type=int, default=4, help='cases per tutorial and seed')
    p.add_argument('--gallery-seeds', type=int, default=5, help='seeds tried at most per gallery port')
    p.add_argument('-j', '--jobs', type=int, default=2)
    a = p.parse_args()
    started = time.perf_counter()
    print('generated cases, %d per tutorial and seed; %d cpus, load average %s' % (
        a.count, os.cpu_count(), ' '.join('%.2f' % x for x in os.getloadavg())))
    with tempfile.TemporaryDirectory() as tmp:
        ports = examples(build_c(tmp))
        passed = 0
        for name, tutorial, command, slow in ports:
            seeds = range(1, 1 + (a.slow_seeds if slow else a.seeds))
            t = time.perf_counter()
            outcomes = run(ids(seeds, a.count, tutorial), command, a.jobs)
            ok = sum(o.status == 'conformant' for o in outcomes)
            passed += ok == len(outcomes)
            print('example %-22s seeds 1-%d: %d of %d %s cases conformant; worst number at %.2g of its tolerance (%.0fs)' % (
                name, seeds[-1], ok, len(outcomes), tutorial, worst_ratio(outcomes), time.perf_counter() - t))
            for o in outcomes:
                if o.status != 'conformant':
                    print('  %s: %s' % (o.case, o.problem or o.first))
        print('example ports conformant on every generated case: %d of %d' % (passed, len(ports)))
    gallery = [g for g in load_json(PORTS / 'gallery' / 'gallery.json')['ports'] if g.get('mode', 'json') == 'json']
    caught, seen = 0, set()
    for g in gallery:
        if g['port'] in seen:
            continue
        seen.add(g['port'])
        tutorial, command = tutorial_of(g['case']), [sys.executable, str(PORTS / 'gallery' / g['port'])]
        for seed in range(1, a.gallery_seeds + 1):
            outcomes = run(ids([seed], a.count, tutorial), command, a.jobs)
            wrong, broken = (sum(o.status == s for o in outcomes) for s in ('not conformant', 'port broken'))
            if wrong or broken:
                break
        caught += bool(wrong or broken)
        print('gallery %-40s %s at seed %d: of %d %s cases %d not conformant, %d port broken' % (
            g['port'], 'caught' if wrong or broken else 'NOT caught', seed, len(outcomes), tutorial, wrong, broken))
    print('gallery ports caught: %d of %d (json mode)' % (caught, len(seen)))
    replaying = [sys.executable, str(ROOT / 'tests' / 'replaying_port.py')]
    seeds = range(1, 1 + a.slow_seeds)
    outcomes = run([i for s in seeds for i in generated.ids(s, a.count)], replaying, a.jobs)
    wrong = sum(o.status == 'not conformant' for o in outcomes)
    print('replaying port (the committed answers), seeds 1-%d: %d of %d generated cases not conformant' % (
        seeds[-1], wrong, len(outcomes)))
    print('%.0fs in all' % (time.perf_counter() - started))


if __name__ == '__main__':
    main()
