"""the suite's own ports as the site shows them (`nnspec site OUT --examples`): the example ports on the quick
json cases and each gallery port on its case, checked by `nnspec check --format json` into a scratch folder.

each check is its own process (the command line a port author runs), with nnspec's per-case time limit and
one for the whole check; a port whose runtime is missing (node, gcc) is left out with a note, never faked.
"""
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from nnspec import spec

PORTS = spec.SUITE / 'ports'
QUICK = 'quick/**'
CASE_SECONDS = 120  # nnspec check --timeout: the quick cases take about a second in the plain-python port
CHECK_SECONDS = 600  # the whole check of one port


def _package_path():
    """PYTHONPATH for the child: the folder holding this nnspec, so it checks with the same code."""
    here = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join([here] + [p for p in os.environ.get('PYTHONPATH', '').split(os.pathsep) if p])


def runs(scratch):
    """[(name, mode, case patterns, command)] and notes on the ports left out. a C port is built in `scratch`."""
    ex, notes = PORTS / 'examples', []
    out = [('python', 'json', [QUICK], [sys.executable, str(ex / 'python' / 'port.py')])]
    if shutil.which('node'):
        out.append(('node', 'json', [QUICK], ['node', str(ex / 'node' / 'port.js')]))
    else:
        notes.append('the node example port is not shown: no node on this machine')
    gcc = shutil.which('gcc')
    exe = Path(scratch) / 'port-c'
    if gcc:
        built = subprocess.run([gcc, '-O2', '-std=c99', '-o', str(exe), str(ex / 'c' / 'port.c'), '-lm'],
                               capture_output=True, timeout=120)
        if built.returncode == 0:
            out.append(('c', 'json', [QUICK], [str(exe)]))
        else:
            notes.append('the c example port is not shown: gcc failed: %s' % built.stderr.decode('utf-8', 'replace')[-200:])
    else:
        notes.append('the c example port is not shown: no gcc on this machine')
    gallery = spec.load_json(PORTS / 'gallery' / 'gallery.json')['ports']
    for g in gallery:
        out.append(('gallery/' + Path(g['port']).stem, g.get('mode', 'json'), [g['case']],
                    [sys.executable, str(PORTS / 'gallery' / g['port'])]))
    return out, notes


def _check(name, mode, patterns, command, path):
    """run nnspec check on one port into `path`; None, or a note saying why there is no report."""
    args = [sys.executable, '-m', 'nnspec', 'check', '--mode', mode, '--format', 'json', '--timeout', str(CASE_SECONDS)]
    for p in patterns:
        args += ['--case', p]
    try:
        ran = subprocess.run(args + ['--'] + command, capture_output=True, timeout=CHECK_SECONDS,
                             env=dict(os.environ, PYTHONPATH=_package_path()))
    except subprocess.TimeoutExpired:
        return '%s: its check took over %d s: not shown' % (name, CHECK_SECONDS)
    try:
        json.loads(ran.stdout)
    except ValueError:
        return '%s: nnspec check exited %d without a report: %s' % (
            name, ran.returncode, ran.stderr.decode('utf-8', 'replace').strip()[-300:])
    Path(path).write_bytes(ran.stdout)
    return None


def reports(scratch, jobs=1):
    """([report paths], [names], notes): every example and gallery port checked, reports in `scratch`."""
    scratch = Path(scratch)
    todo, notes = runs(scratch)
    paths = [scratch / ('%s.json' % name.replace('/', '-')) for name, *_ in todo]
    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:  # the work is in the child processes
        said = list(pool.map(lambda t: _check(*t[0], t[1]), zip(todo, paths)))
    kept = [(p, t[0]) for p, t, s in zip(paths, todo, said) if s is None]
    return [p for p, _ in kept], [n for _, n in kept], notes + [s for s in said if s]
