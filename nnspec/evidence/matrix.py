"""the matrix: `nnspec report --format json` on every stack, CPython 3.9-3.13 x numpy x blas kernel.

python -m nnspec.evidence.matrix [--only NAME,...] [--fresh] [--jobs N]
each stack gets a venv under .tox/matrix/ (numpy from a wheel, never built);
its report is cached in .tox/matrix/reports/ until --fresh. then writes
docs/matrix.json and docs/matrix.md: digits of agreement of every documented
value on every stack, and which values reproduce everywhere, somewhere, nowhere.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from nnspec import spec
from nnspec.evidence import sensitivity
from nnspec.agreement import digits_of_agreement
from nnspec.verdict import reading

HOME = spec.ROOT / '.tox' / 'matrix'
DOCS = spec.ROOT / 'docs'

# oldest and newest numpy with a cpython wheel for linux x86_64, found with
# `pip download --no-deps --only-binary=:all: --python-version X numpy==V`
# (the release before each oldest one has no wheel for that python)
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


def _run(cmd, timeout, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                          timeout=timeout, **kw)


def interpreter(minor):
    """the pyenv (else PATH) interpreter of a python minor version, e.g. '3.9'."""
    if shutil.which('pyenv'):
        bare = _run(['pyenv', 'versions', '--bare'], 60).stdout.split()
        found = sorted((v for v in bare if v.startswith(minor + '.') and v[len(minor) + 1:].isdigit()),
                       key=lambda v: int(v.rsplit('.', 1)[1]))
        if found:
            return str(Path(_run(['pyenv', 'prefix', found[-1]], 60).stdout.strip()) / 'bin' / 'python3')
    return shutil.which('python' + minor)


def venv(py, np_):
    """.tox/matrix/pyX-npY with numpy==Y from a wheel; its python."""
    where = HOME / ('py%s-np%s' % (py, np_))
    python = where / 'bin' / 'python'
    if not (where / 'ready').exists():
        base = interpreter(py)
        if not base:
            raise RuntimeError('no python %s interpreter' % py)
        _run([base, '-m', 'venv', '--clear', str(where)], 600).check_returncode()
        done = _run([str(python), '-m', 'pip', 'install', '-q', '--disable-pip-version-check',
                     '--only-binary=:all:', 'numpy==%s' % np_], 1200)
        if done.returncode:
            raise RuntimeError('pip install numpy==%s: %s' % (np_, done.stderr.strip()[-300:]))
        (where / 'ready').write_text(np_ + '\n')
    return python


def report(name, py, np_, kernel, fresh=False):
    """the stack's report json (cached), or {'error': why}."""
    cached = HOME / 'reports' / (name + '.json')
    if cached.exists() and not fresh:
        return json.loads(cached.read_text(encoding='utf-8'))
    env = dict(os.environ, PYTHONPATH=str(spec.ROOT))
    env.pop('NNSPEC_ROOT', None)
    if kernel == 'unset':
        env.pop('OPENBLAS_CORETYPE', None)
    elif kernel:
        env['OPENBLAS_CORETYPE'] = kernel
    try:
        python = venv(py, np_)
        done = _run([str(python), '-m', 'nnspec', 'report', '--format', 'json'], 1800, cwd=str(spec.ROOT), env=env)
        if done.returncode not in (0, 1):  # 1: verdicts changed, the interesting case
            raise RuntimeError('exit %d: %s' % (done.returncode, done.stderr.strip()[-500:]))
        result = json.loads(done.stdout)
    except (RuntimeError, OSError, subprocess.SubprocessError, ValueError) as e:
        return {'error': str(e)}
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(result), encoding='utf-8')
    return result


def collect(only=None, fresh=False, jobs=2, log=print):
    """{stack name: {'python', 'numpy', 'kernel', 'report' or 'error'}} in stack order."""
    chosen = [s for s in stacks() if not only or s[0] in only]

    def one(s):
        r = report(*s, fresh=fresh)
        log('%-32s %s' % (s[0], r['error'][:200] if 'error' in r else 'ok'))
        return s, r
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(one, chosen))
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


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m nnspec.evidence.matrix', description=__doc__.splitlines()[0])
    p.add_argument('--only', help='comma-separated stack names (default: all of them)')
    p.add_argument('--fresh', action='store_true', help='re-run reports even when cached')
    p.add_argument('--jobs', type=int, default=2, help='stacks run at once (default 2; each report is one process)')
    p.add_argument('--list', action='store_true', help='list the stacks and exit')
    args = p.parse_args(argv)
    if args.list:
        for s in stacks():
            print(*s)
        return 0
    results = collect(args.only.split(',') if args.only else None, args.fresh, args.jobs,
                      log=lambda m: print(m, file=sys.stderr))
    data = build(results)
    DOCS.mkdir(exist_ok=True)
    spec.write_document(DOCS / 'matrix.json', data)
    (DOCS / 'matrix.md').write_text(markdown(data), encoding='utf-8')
    print(summary_line(data))
    return 0


if __name__ == '__main__':
    sys.exit(main())
