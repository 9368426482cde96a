"""the matrix: `nnspec report --format json` on every stack, CPython 3.9-3.13 x numpy x blas kernel.

python -m nnspec.evidence.matrix [--only NAME,...] [--out DIR] [--jobs N] [--timeout S] [--recreate]
each stack is a tox env of tox.ini (stack-py311-npnew, stack-py39-npold-haswell, ...): nnspec
installed with its dependencies and the stack's numpy wheel; tox keeps and reuses it. the env
writes its report to a file, read back and checked (python, numpy, kernel, every entry). only a
complete run in which every stack ran writes docs/matrix.json and docs/matrix.md, both at once; a
stack that failed is named with the tail of its output, the command exits 1, no file changes.
--only runs some stacks and writes their page only to --out DIR, never to docs/, whose page holds
every stack measured by one version of the code.
"""
import argparse
import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from nnspec import atomic, signals, spec
from nnspec.evidence import sensitivity
from nnspec.agreement import digits_of_agreement
from nnspec.spec import reading

DOCS = spec.ROOT / 'docs'
TOX_INI = spec.ROOT / 'tox.ini'
TIMEOUT = 3600  # seconds for one stack: its env (once), then the report (about 4 minutes alone)
TAIL = 1500  # characters of a failed stack's output kept as its error

# oldest and newest numpy with a cpython wheel for linux x86_64, found with
# `pip download --no-deps --only-binary=:all: --python-version X numpy==V`
# (the release before each oldest one has no wheel for that python). tox.ini pins the same
WHEELS = {'3.9': ('1.19.3', '2.0.2'), '3.10': ('1.21.2', '2.2.6'), '3.11': ('1.23.2', '2.4.6'),
          '3.12': ('1.26.0', '2.5.5'), '3.13': ('2.1.0', '2.5.5')}
NO_WHEEL = {'py3.13-np1.26.4': ('3.13', '1.26.4', 'no wheel: numpy 1.x has no cp313 wheel (1.26.4 is the last 1.x);'
                                 ' not built from source')}
KERNELS = ['Haswell', 'Sandybridge', 'Prescott']  # plus the default (unset): SkylakeX on avx512 cpus
KERNEL_STACKS = [('3.11', '2.4.6'), ('3.9', '1.19.3')]


def stacks():
    """[(name, python, numpy, OPENBLAS_CORETYPE or None to inherit, 'unset' to remove)]."""
    out = [('py%s-np%s' % (py, np_), py, np_, None) for py, pair in WHEELS.items() for np_ in pair]
    for py, np_ in KERNEL_STACKS:
        out += [('py%s-np%s-%s' % (py, np_, k), py, np_, k) for k in ['unset'] + KERNELS]
    return out


def tox_env(py, np_, kernel):
    """the stack's env in tox.ini: stack-py<python>-np<old|new>[-<kernel>]."""
    age = 'old' if np_ == WHEELS[py][0] else 'new'
    return 'stack-py%s-np%s%s' % (py.replace('.', ''), age, '-' + kernel.lower() if kernel else '')


def tox():
    """the command that runs tox: this python's, else the one on PATH; None without either."""
    if importlib.util.find_spec('tox'):
        return [sys.executable, '-m', 'tox']
    found = shutil.which('tox')
    return [found] if found else None


def _pyenv_pythons():
    """every cpython 3.9-3.13 pyenv has, for PYENV_VERSION (its shims answer only for versions it names)."""
    try:
        bare = subprocess.run(['pyenv', 'versions', '--bare'], capture_output=True, text=True, timeout=60).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return []
    return [v for v in bare if v.count('.') == 2 and v.rsplit('.', 1)[0] in WHEELS and v.rsplit('.', 1)[1].isdigit()]


def environment(report_path):
    """the environment of a stack's tox: where its report goes, and the pythons pyenv may offer."""
    env = dict(os.environ, NNSPEC_STACK_REPORT=str(report_path))
    if 'PYENV_VERSION' not in env and shutil.which('pyenv'):
        env['PYENV_VERSION'] = ':'.join(_pyenv_pythons())
    if 'TOX_ENV_NAME' in env:  # run from `tox -e matrix`: what tox set there is not the stack's tox's
        for k in ('TOX_ENV_NAME', 'TOX_ENV_DIR', 'TOX_WORK_DIR', 'TOX_PACKAGE', 'VIRTUAL_ENV'):
            env.pop(k, None)
    return env


_RUNNING = set()  # the process groups of the stacks' tox runs, ended if the driver stops
_LOCK = threading.Lock()


def run_tox(env_name, report_path, timeout, recreate=False):
    """`tox run -e env_name` (its own process group, ended at the time limit): (exit code, output)."""
    cmd = tox() + ['run', '--colored', 'no', '-c', str(TOX_INI), '-e', env_name] + (['--recreate'] if recreate else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            cwd=str(spec.ROOT), env=environment(report_path), start_new_session=True)
    with _LOCK:
        _RUNNING.add(proc)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        signals.end_group(proc)
        raise
    finally:
        with _LOCK:
            _RUNNING.discard(proc)
    return proc.returncode, out.decode('utf-8', 'replace')


@functools.lru_cache(maxsize=1)
def _entry_ids():
    return sorted(e['id'] for _, e in spec.entries())


def read_report(path, py, np_, kernel):
    """the report a stack wrote, checked: json, of the stack's python, numpy and kernel, with every spec entry."""
    try:
        data = json.loads(Path(path).read_text(encoding='utf-8'))
    except FileNotFoundError:
        raise ValueError('no report written')
    except ValueError as e:
        raise ValueError('the report is not json (%s)' % e)
    if not (isinstance(data, dict) and isinstance(data.get('stack'), dict) and isinstance(data.get('entries'), list)):
        raise ValueError('the report has no stack and entries')
    st = data['stack']
    coretype = kernel or os.environ.get('OPENBLAS_CORETYPE', 'unset')
    got = (str(st.get('python', '')).rsplit('.', 1)[0], st.get('numpy'), st.get('OPENBLAS_CORETYPE'))
    if got != (py, np_, coretype):
        raise ValueError('the report is of python %s, numpy %s, OPENBLAS_CORETYPE %s; the stack is %s, %s, %s'
                         % (got + (py, np_, coretype)))
    ids = sorted(str(r.get('id')) for r in data['entries'] if isinstance(r, dict))
    expected = _entry_ids()
    if ids != expected:
        raise ValueError('the report has %d entries, not the spec\'s %d (%s)' % (
            len(ids), len(expected), ', '.join(sorted(set(ids) ^ set(expected))[:3])))
    return data


def report(stack, workdir, timeout=TIMEOUT, recreate=False):
    """a stack's report json, or {'error': why, with the tail of its tox output}."""
    name, py, np_, kernel = stack
    path = Path(workdir) / (name + '.json')
    env_name = tox_env(py, np_, kernel)
    try:
        code, output = run_tox(env_name, path, timeout, recreate)
    except subprocess.TimeoutExpired:
        return {'error': 'tox -e %s: timed out after %gs' % (env_name, timeout)}
    except OSError as e:
        return {'error': 'tox -e %s could not start: %s' % (env_name, e)}
    tail = output.strip()[-TAIL:]
    if code:
        return {'error': 'tox -e %s: exit %d: %s' % (env_name, code, tail)}
    try:
        return read_report(path, py, np_, kernel)
    except ValueError as e:
        return {'error': 'tox -e %s: %s; its output ends: %s' % (env_name, e, tail)}


def collect(only=None, jobs=2, timeout=TIMEOUT, recreate=False, log=print):
    """{stack name: {'python', 'numpy', 'kernel', 'report' or 'error'}} in stack order."""
    chosen = [s for s in stacks() if not only or s[0] in only]

    def one(s):
        r = report(s, workdir, timeout, recreate)
        log('%-32s %s' % (s[0], 'failed: ' + r['error'][-200:] if 'error' in r else 'ok'))
        return s, r
    with tempfile.TemporaryDirectory(prefix='nnspec-matrix-') as workdir:
        try:
            with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
                results = list(pool.map(one, chosen))
        except BaseException:  # ctrl-c, sigterm: the tox runs in their own process groups end too
            with _LOCK:
                running = list(_RUNNING)
            for proc in running:
                signals.end_group(proc, grace=5)
            raise
    out = {name: {'python': py, 'numpy': np_, 'kernel': 'inherited', 'error': why}
           for name, (py, np_, why) in NO_WHEEL.items() if not only or name in only}
    for (name, py, np_, k), r in results:
        out[name] = {'python': py, 'numpy': np_, 'kernel': k or 'inherited', **r}
    return out


def build(results):
    """docs/matrix.json: the stacks, and per documented value its text and digits on each."""
    ok = [n for n, r in results.items() if 'error' not in r]
    rows = {n: {row['id']: row for row in results[n]['entries']} for n in ok}
    try:
        classes = {r['id']: r for r in sensitivity.load()['entries']}
    except spec.SpecError:
        classes = {}
    entries, claims = [], []
    for _, e in spec.entries():
        if e.get('claim'):
            claims.append({'id': e['id'], 'status': {n: rows[n][e['id']]['now']['status'] for n in ok if e['id'] in rows[n]}})
            continue
        documented = reading(e) if e['documented'] is not None else None
        now = {n: rows[n][e['id']]['now'] for n in ok if e['id'] in rows[n]}
        texts = classes.get(e['id'], {}).get('texts', {})
        entries.append({'id': e['id'], 'run': e['run'], 'documented': documented,
                        'sensitivity': classes.get(e['id'], {}).get('class', 'unmeasured'),
                        'moved_by': [v for v, t in texts.items() if t != texts['default']],
                        'measured': {n: v.get('measured') for n, v in now.items()},
                        'digits': {n: digits_of_agreement(documented, v['measured']) if documented else None
                                   for n, v in now.items()}})
    stacks_ = [dict(name=n, **{k: v for k, v in r.items() if k not in ('entries', 'totals')}) for n, r in results.items()]
    return {'about': __doc__.strip().splitlines()[0], 'stacks': stacks_, 'entries': entries, 'claims': claims}


def verdicts(data):
    """entries split: reproduced on every stack, on some, on none, unreadable."""
    ok = [s['name'] for s in data['stacks'] if 'error' not in s]
    out = {'everywhere': [], 'somewhere': [], 'nowhere': [], 'unreadable': []}
    for e in data['entries']:
        if e['documented'] is None:
            out['unreadable'].append(e)
            continue
        hits = [n for n in ok if e['measured'].get(n) == e['documented']]
        out['everywhere' if len(hits) == len(ok) else 'somewhere' if hits else 'nowhere'].append(e)
    return out


def why(e, data):
    """which matrix axes move a value's text: the blas kernel, numpy, python."""
    texts = {s['name']: e['measured'].get(s['name']) for s in data['stacks'] if 'error' not in s}
    axes = []
    for axis, key in (('blas kernel', lambda s: (s['python'], s['numpy'])), ('numpy', lambda s: (s['python'], s['kernel'])),
                      ('python', lambda s: (s['numpy'], s['kernel']))):
        groups = {}
        for s in data['stacks']:
            if 'error' not in s:
                groups.setdefault(key(s), set()).add(texts[s['name']])
        if any(len(g) > 1 for g in groups.values()):
            axes.append(axis)
    return ', '.join(axes) or 'nothing'


def _cell(e, name):
    if name not in e['measured']:
        return 'n/a'
    d = e['digits'][name]
    return '-' if d is None else '%d ✓' % d if e['measured'][name] == e['documented'] else str(d)


def markdown(data):
    ok = [s for s in data['stacks'] if 'error' not in s]
    label = {s['name']: 'S%d' % (k + 1) for k, s in enumerate(ok)}
    v = verdicts(data)
    lines = ['# nnspec across stacks', '', 'generated by `python -m nnspec.evidence.matrix` from `nnspec report --format json` on '
             'every stack; do not edit. machine-readable: [matrix.json](matrix.json); why values move under '
             'equivalent arithmetic: `spec/sensitivity.json` (`python -m nnspec.evidence.sensitivity`).', '', '## stacks', '',
             '| | stack | python | numpy | blas | OPENBLAS_CORETYPE | cpu features |', '|---|---|---|---|---|---|---|']
    for s in data['stacks']:
        st = s.get('stack', {})
        lines.append('| %s | %s | %s | %s | %s | %s | %s |' % (
            label.get(s['name'], '-'), s['name'], st.get('python', s['python']), st.get('numpy', s['numpy']),
            st.get('blas', '-'), st.get('OPENBLAS_CORETYPE', '-'), st.get('cpu_features', s.get('error', ''))))
    total = len(data['entries'])
    lines += ['', '## summary', '', '- %d documented values, %d stacks ran.' % (total, len(ok)),
              '- **%d reproduce on every stack**: %s.' % (len(v['everywhere']), _per_run(v['everywhere'])),
              '- **%d reproduce on some stacks only**, grouped by where:' % len(v['somewhere'])]
    where = {}
    for e in v['somewhere']:
        key = tuple(label[s['name']] for s in ok if e['measured'].get(s['name']) == e['documented'])
        where.setdefault(key, []).append(e)
    for key, es in where.items():
        names = [s['name'] for s in ok if label[s['name']] in key]
        lines.append('  - %d reproduce only on %s (%s); across stacks they move with %s; %s: %s' % (
            len(es), ' '.join(key), ', '.join(names), ', '.join(sorted({why(e, data) for e in es})),
            _moved(es), ', '.join('`%s`' % e['id'] for e in es)))
    lines.append('- **%d reproduce on no stack**: %s.' % (len(v['nowhere']), _per_class(v['nowhere'])))
    for run in sorted({e['run'] for e in v['nowhere']}):
        es = [e for e in v['nowhere'] if e['run'] == run]
        lines.append('  - %s: %d, %s; across stacks they move with %s' % (
            run, len(es), _moved(es), ', '.join(sorted({why(e, data) for e in es}))))
    lines.append('- %d are unreadable (the documented text is lost).' % len(v['unreadable']))
    rest = v['somewhere'] + v['nowhere']
    stable_moved = [e['id'] for e in rest if e['sensitivity'] == 'stable']
    lines.append('- why: of the %d values not printed as documented everywhere, %d are `sensitive` (their digits move '
                 'under numerically equivalent arithmetic, `spec/sensitivity.json`: exp, summation order, expression '
                 'order), %d are `off-everywhere` (no variant and no stack prints them: slips in the posts, see each '
                 "entry's cause). %s" % (len(rest), sum(e['sensitivity'] == 'sensitive' for e in rest),
                                         sum(e['sensitivity'] == 'off-everywhere' for e in rest),
                                         'every `stable` value reproduces on every stack.' if not stable_moved else
                                         '`stable` values that did not: ' + ', '.join(stable_moved)))
    moving = [c['id'] for c in data['claims'] if len(set(c['status'].values())) > 1]
    lines.append('- claims: %d, %s.' % (len(data['claims']), 'the same verdict on every stack' if not moving
                                        else 'verdict differs between stacks: ' + ', '.join(moving)))
    lines += ['', '## digits of agreement', '', 'a cell: leading digits the printed text shares with the documented '
              'one; ✓ the text is the documented text. values printed as documented on every stack, and lost '
              'ones, are one line per run.', '',
              '| value | documented | sensitivity | ' + ' | '.join(label[s['name']] for s in ok) + ' | author-2015 |',
              '|---|---|---|' + '---|' * len(ok) + '---|']
    author = _author_2015()
    grouped = {}
    for e in data['entries']:
        same = len({e['measured'].get(s['name']) for s in ok}) == 1
        if same and (e['documented'] is None or e in v['everywhere']):
            grouped.setdefault((e['run'], e['documented'] is None), []).append(e)
        else:
            lines.append('| `%s` | %s | %s | %s | %s |' % (e['id'], e['documented'], e['sensitivity'],
                                                            ' | '.join(_cell(e, s['name']) for s in ok), author.get(e['id'], '')))
    for (run, lost), es in sorted(grouped.items()):
        kinds = sorted({x['sensitivity'] for x in es})
        lines.append('| %s: %d values %s | | %s | %s |' % (run, len(es), 'unreadable' if lost else 'reproduced everywhere',
                                                          ', '.join(kinds), ' | '.join(['-' if lost else '✓'] * len(ok))))
    lines += ['', 'author-2015: the value under the author\'s arithmetic (docs/forensics.md), from the `author_2015` '
              'field of spec/values (`python -m nnspec.evidence.forensics --write`).']
    return '\n'.join(lines) + '\n'


def _author_2015():
    """{entry id: cell} of the author_2015 verdicts recorded in spec/values."""
    out = {}
    for _, e in spec.entries():
        a = e.get('author_2015')
        if a:
            out[e['id']] = '✓' if a['status'] == 'reproduced' else str(a['digits'])
    return out


def _moved(es):
    kinds = sorted({e['sensitivity'] for e in es})
    moved = sorted({v for e in es for v in e['moved_by']})
    return 'sensitivity: %s%s' % ('/'.join(kinds), ' (moved by %s)' % ', '.join(moved) if moved else '')


def _per_run(es):
    runs = {}
    for e in es:
        runs[e['run']] = runs.get(e['run'], 0) + 1
    return ', '.join('%s %d' % kv for kv in sorted(runs.items())) or 'none'


def _per_class(es):
    kinds = {}
    for e in es:
        kinds.setdefault(e['sensitivity'], []).append(e['id'])
    return '; '.join('%d %s' % (len(ids), k) for k, ids in sorted(kinds.items())) or 'none'


def summary_line(data):
    v = verdicts(data)
    return '%d stacks ran; %s' % (sum('error' not in s for s in data['stacks']),
                                  ', '.join('%d %s' % (len(es), k) for k, es in v.items()))


def write(out, data):
    """matrix.json and matrix.md into out, both or neither (nnspec.atomic)."""
    out.mkdir(parents=True, exist_ok=True)
    atomic.write_all({out / 'matrix.json': spec.dumps(data).encode('utf-8'),
                      out / 'matrix.md': markdown(data).encode('utf-8')})


def main(argv=None):
    p = argparse.ArgumentParser(prog='nnspec matrix', description=__doc__.splitlines()[0],
                                epilog='exit 0: every stack ran (and the page was written); 1: a stack failed, '
                                       'nothing written; 2: bad arguments or no tox')
    p.add_argument('--only', help='comma-separated stack names (default: all of them; --list names them)')
    p.add_argument('--out', type=Path, help='directory for matrix.json and matrix.md (default: docs/ for a '
                                            'complete run; nothing for --only, which never writes docs/)')
    p.add_argument('--jobs', type=int, default=2, help='stacks run at once (default 2; each report is one process)')
    p.add_argument('--timeout', type=float, default=TIMEOUT, help='seconds per stack (default %d)' % TIMEOUT)
    p.add_argument('--recreate', action='store_true', help="rebuild the stacks' tox envs first (tox --recreate)")
    p.add_argument('--list', action='store_true', help='list the stacks (name, python, numpy, kernel, tox env) and exit')
    args = p.parse_args(argv)
    if args.list:
        for s in stacks():
            print(*s, tox_env(*s[1:]))
        return 0
    only = args.only.split(',') if args.only else None
    unknown = sorted(set(only or []) - {s[0] for s in stacks()} - set(NO_WHEEL))
    if unknown:
        p.error('no stack named %s (--list names them)' % ', '.join(unknown))
    out = args.out or (None if only else DOCS)
    if only and out is not None and out.resolve() == DOCS.resolve():
        p.error('--only: docs/ holds every stack; a page of some goes to another --out directory')
    if tox() is None:
        print('nnspec matrix: needs tox, which builds the stacks (pip install tox, or run `tox -e matrix`)', file=sys.stderr)
        return 2
    results = collect(only, args.jobs, args.timeout, args.recreate, log=lambda m: print(m, file=sys.stderr))
    failed = [n for n, r in results.items() if 'error' in r and n not in NO_WHEEL]
    for n in failed:
        print('nnspec matrix: %s failed: %s' % (n, results[n]['error']), file=sys.stderr)
    if failed:
        print('nnspec matrix: %d of %d stacks failed; %s' % (
            len(failed), len(results), 'nothing written' if out is None else '%s left as it was' % out), file=sys.stderr)
        return 1
    data = build(results)
    print(summary_line(data))
    if out is not None:
        write(out, data)
        print('written: %s, %s' % (out / 'matrix.json', out / 'matrix.md'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
