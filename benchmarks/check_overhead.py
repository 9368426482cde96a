"""nnspec check's own overhead per case, beside the port's compute time.

    python3 benchmarks/check_overhead.py [case glob, default quick/**] [--full]

runs the example ports (c if gcc is there, node if node is there, plain
python) on json cases and the c port on transcript cases, and prints, per
case: the port's wall time, nnspec's time (loading the case, starting the
process, reading and comparing), and the verdict. a benchmark prints
figures; nothing here asserts a time.
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from nnspec import check  # noqa: E402
from nnspec.conformance import cases, port_process  # noqa: E402

EXAMPLES = ROOT / 'spec' / 'ports' / 'examples'


def ports(tmp):
    out = {}
    if shutil.which('gcc'):
        exe = str(Path(tmp) / 'port')
        subprocess.run(['gcc', '-O2', '-std=c99', '-o', exe, str(EXAMPLES / 'c' / 'port.c'), '-lm'], check=True)
        out['c'] = [exe]
    if shutil.which('node'):
        out['node'] = ['node', str(EXAMPLES / 'node' / 'port.js')]
    out['python'] = [sys.executable, str(EXAMPLES / 'python' / 'port.py')]
    return out


def measure(mode, id_, command):
    args = argparse.Namespace(mode=mode, timeout=600.0, max_output=port_process.MAX_OUTPUT, label=[], allow_trailing=False)
    o = check.check_one(id_, args, command)
    port = o.port_seconds or 0.0
    return port, (o.seconds or 0.0) - port, o.status  # no seconds: an outcome returned before the check (exit 77)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('glob', nargs='?', default='quick/**')
    p.add_argument('--transcript', default='trask-part1/*', help='transcript cases for the c port')
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        found = ports(tmp)
        print('%-44s %-7s %10s %10s  %s' % ('case', 'port', 'port s', 'nnspec s', 'verdict'))
        rows = [('json', i, name) for i in cases.match(a.glob, 'json') for name in found]
        if 'c' in found:
            rows += [('transcript', i, 'c') for i in cases.match(a.transcript, 'transcript')]
        total = {}
        for mode, id_, name in rows:
            port, own, status = measure(mode, id_, found[name])
            total.setdefault(name, [0.0, 0.0])
            total[name][0] += port
            total[name][1] += own
            print('%-44s %-7s %10.3f %10.3f  %s' % (('%s (%s)' % (id_, mode[0]))[:44], name, port, own, status))
        for name, (port, own) in total.items():
            print('total %-38s %-7s %10.3f %10.3f' % ('', name, port, own))


if __name__ == '__main__':
    main()
