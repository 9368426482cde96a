"""nnspec check's own overhead per case, beside the port's compute time.

    python3 benchmarks/check_overhead.py [--json GLOB] [--transcript GLOB]

runs the example ports on json cases of every tutorial (trask: c if gcc is
there, node if node is there, plain python; miniflow and shamdasani: the
python and node examples) and the c port on transcript cases twice: seeded,
and with its own generator printing its weights (the replay route, where
nnspec reruns the listing from them). prints, per case: the port's wall
time, nnspec's time (loading the case, starting the process, reading,
comparing, replaying) and the verdict, then totals and the median ratio.
a benchmark prints figures; nothing here asserts a time.
"""
import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from nnspec import check  # noqa: E402
from nnspec.conformance import cases, port_process  # noqa: E402

EXAMPLES = ROOT / 'spec' / 'ports' / 'examples'
REPLAY = {'NNSPEC_EXAMPLE_RNG': 'own', 'NNSPEC_EXAMPLE_ROUTE': 'preamble'}  # port.c's own rand(), weights printed


def ports(tmp):
    """{name: {tutorial: command}} of the example ports this machine can run."""
    out = {}
    if shutil.which('gcc'):
        exe = str(Path(tmp) / 'port')
        subprocess.run(['gcc', '-O2', '-std=c99', '-o', exe, str(EXAMPLES / 'c' / 'port.c'), '-lm'], check=True)
        out['c'] = {'trask': [exe]}
    if shutil.which('node'):
        out['node'] = {t: ['node', str(EXAMPLES / 'node' / f)] for t, f in
                       (('trask', 'port.js'), ('miniflow', 'miniflow.js'), ('shamdasani', 'shamdasani.js'))}
    out['python'] = {t: [sys.executable, str(EXAMPLES / 'python' / f)] for t, f in
                     (('trask', 'port.py'), ('miniflow', 'miniflow.py'), ('shamdasani', 'shamdasani.py'))}
    return out


@contextlib.contextmanager
def environment(extra):
    saved = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)


def measure(mode, id_, command, env=None):
    args = argparse.Namespace(mode=mode, timeout=600.0, max_output=port_process.MAX_OUTPUT, label=[], allow_trailing=False)
    with environment(env or {}):
        o = check.check_one(id_, args, command)
    port = o.port_seconds or 0.0
    return port, (o.seconds or 0.0) - port, o.status  # no seconds: an outcome returned before the check (exit 77)


def rows(a, found):
    for id_ in [i for g in [a.json] + a.other for i in cases.match(g, 'json')]:
        tutorial = cases.namespace(id_) or 'trask'
        for name, commands in found.items():
            if tutorial in commands:
                yield 'json', id_, name, commands[tutorial], None
    if 'c' in found:
        for id_ in cases.match(a.transcript, 'transcript'):
            yield 'transcript', id_, 'c', found['c']['trask'], None
            yield 'transcript', id_, 'c-replay', found['c']['trask'], REPLAY


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--json', default='quick/**', help='trask json cases')
    p.add_argument('--other', nargs='*', default=['miniflow/**', 'shamdasani/**'], help='the other tutorials\' json cases')
    p.add_argument('--transcript', default='trask-part1/*', help='transcript cases for the c port')
    a = p.parse_args()
    print('%d cpus, load average %s' % (os.cpu_count(), ' '.join('%.2f' % x for x in os.getloadavg())))
    with tempfile.TemporaryDirectory() as tmp:
        found = ports(tmp)
        print('%-44s %-8s %9s %9s  %s' % ('case', 'port', 'port s', 'nnspec s', 'verdict'))
        total = {}
        for mode, id_, name, command, env in rows(a, found):
            port, own, status = measure(mode, id_, command, env)
            total.setdefault(name, []).append((port, own))
            print('%-44s %-8s %9.3f %9.3f  %s' % (('%s (%s)' % (id_, mode[0]))[:44], name, port, own, status))
        print('%-44s %-8s %9s %9s  %s' % ('total', 'port', 'port s', 'nnspec s', 'nnspec per case: median, max'))
        for name, times in total.items():
            own = [t[1] for t in times]
            print('%-44s %-8s %9.3f %9.3f  %.3f s, %.3f s over %d cases' % (
                '', name, sum(t[0] for t in times), sum(own), statistics.median(own), max(own), len(times)))


if __name__ == '__main__':
    main()
