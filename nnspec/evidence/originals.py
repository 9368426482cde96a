"""the originals lane: the python 2 listings on cpython 2.7 + numpy 1.13.3.

  python -m nnspec.evidence.originals [--write] [--coretypes Haswell,Sandybridge,...]

installs numpy 1.13.3 (the last numpy before 1.14 changed float printing) into
.tox/py27-numpy113 and .tox/py36-numpy113 with each interpreter's own pip, runs
every listing of reference/original/ under 2.7 and every port of reference/
under 3.6 on the same numpy, and compares stdout with the documents' printouts
(rebuilt from spec entries) and the values of both sides bit for bit (float.hex).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from nnspec import listings, spec
from nnspec.spec import ROOT
from nnspec.reference.printers import np113_str

NUMPY = '1.13.3'
ORIGINALS = ROOT / 'reference' / 'original'
DUMP = ORIGINALS / '_dump.py'
RESULTS = spec.SUITE / 'originals.json'
LANES = {'py27': '2.7', 'py36': '3.6'}
LISTINGS = [l.run for l in listings.ALL if l.original]
TIMEOUT = 900


class Unavailable(Exception):
    """a lane cannot run here (no interpreter, no wheel): a visible skip, with the reason."""


def find_python(version):
    """pythonX.Y from $PYENV_ROOT (or `pyenv root`), else from PATH."""
    root = os.environ.get('PYENV_ROOT')
    if not root and shutil.which('pyenv'):
        try:
            root = subprocess.run(['pyenv', 'root'], capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            root = None
    exe = 'python' + version
    candidates = sorted(Path(root, 'versions').glob(version + '.*'), reverse=True) if root else []
    for path in [c / 'bin' / exe for c in candidates] + [shutil.which(exe)]:
        if path and Path(path).is_file() and _works(str(path)):
            return str(path)
    raise Unavailable('no working %s (looked in $PYENV_ROOT/versions, `pyenv root`, PATH)' % exe)


def _works(python):
    try:
        return subprocess.run([python, '-c', 'import sys'], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def target(lane):
    """where the lane's numpy lives: .tox/<lane>-numpy113, or under $NNSPEC_ORIGINALS_DIR."""
    return Path(os.environ.get('NNSPEC_ORIGINALS_DIR') or ROOT / '.tox') / ('%s-numpy113' % lane)


def ensure_numpy(python, lane):
    """numpy==1.13.3 in the lane's target directory, installed once."""
    version = target(lane) / 'numpy' / 'version.py'
    if version.is_file() and "short_version = '%s'" % NUMPY in version.read_text():
        return
    tmp = target(lane).with_name('%s.tmp-%d' % (target(lane).name, os.getpid()))
    cmd = [python, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-warn-script-location',
           '--only-binary=:all:', '--target', str(tmp), 'numpy==' + NUMPY]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
        if proc.returncode:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
            raise Unavailable('pip could not install numpy==%s for %s: %s' % (NUMPY, python, ' '.join(tail)))
        shutil.rmtree(target(lane), ignore_errors=True)
        try:
            os.replace(tmp, target(lane))  # whole or not at all
        except OSError:  # a concurrent run put its copy there first
            pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def setup(lane):
    """the lane's interpreter, with numpy 1.13.3 beside it."""
    python = find_python(LANES[lane])
    ensure_numpy(python, lane)
    return python


def _run(python, lane, args, coretype=None):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE='1', PYTHONIOENCODING='utf-8')
    if lane:  # none: this python with its own numpy
        ensure_numpy(python, lane)  # again: a shared .tox may have been wiped meanwhile
        env['PYTHONPATH'] = str(target(lane))
    if coretype:
        env['OPENBLAS_CORETYPE'] = coretype
    proc = subprocess.run([python] + args, capture_output=True, text=True, timeout=TIMEOUT, env=env, cwd=str(ROOT))
    if proc.returncode:
        raise RuntimeError('%s %s failed (%d):\n%s' % (python, ' '.join(args), proc.returncode, proc.stderr[-2000:]))
    return proc.stdout


def run_original(python, name, coretype=None):
    """the stdout of `python2.7 reference/original/<name>.py`."""
    return _run(python, 'py27', [str(ORIGINALS / (name + '.py'))], coretype)


def dump(python, lane, side, name, coretype=None):
    """full-precision values of an original ('original') or of its port ('port')."""
    return json.loads(_run(python, lane, [str(DUMP), side, name], coretype))


def _same(a, b):
    """how many printed values (and final weights) two dumps share bit for bit."""
    pairs = list(zip(a['printed'], b['printed'])) + [(a['final'][k], b['final'].get(k)) for k in a['final']]
    return {'stack': b['stack'], 'identical': sum(x == y for x, y in pairs), 'of': len(pairs)}


def measure(coretypes=()):
    """the lane's figures: stdout against the documents, 2.7 against 3.6, per listing."""
    py27, py36 = setup('py27'), setup('py36')
    out = {'numpy': NUMPY, 'OPENBLAS_CORETYPE': os.environ.get('OPENBLAS_CORETYPE', 'unset'), 'listings': {}}
    for name in LISTINGS:
        stdout = run_original(py27, name)
        original, ported = dump(py27, 'py27', 'original', name), dump(py36, 'py36', 'port', name)
        out['listings'][name] = {
            'python': [original['stack']['python'], ported['stack']['python']],
            'dumper_stdout_equal': original['stdout'] == stdout,
            'printed_values': len(original['printed']),
            'bit_identical': original['printed'] == ported['printed'] and original['final'] == ported['final'],
            'printout': compare(name, stdout) if name in PRINTOUTS else None,
            'main_stack': _same(original, dump(sys.executable, None, 'port', name)),
        }
    for coretype in coretypes:  # the sensitive runs under each openblas kernel
        runs = out.setdefault('coretypes', {})[coretype] = {}
        for name in SENSITIVE:
            try:
                runs[name] = compare(name, run_original(py27, name, coretype))['documented']
            except RuntimeError as e:  # e.g. -4: the kernel's instructions are not on this cpu
                runs[name] = str(e).splitlines()[0]
    return out


# the documents' printouts, rebuilt from the spec entries' documented texts
PRINTOUTS = [l.run for l in listings.ALL if l.printout]
SENSITIVE = [l.run for l in listings.SWEEPS]
ASSERTED = ('reproduced',)  # lines holding an off or unreadable value are not asserted


def entries(run):
    """{(quantity, index): entry} of a run, from the document that prints it."""
    document = listings.BY_RUN[run].case.split('/')[0]  # the case ids' first part: the post
    doc = spec.load_document(spec.VALUES / (document + '.json'))
    return {(e['quantity'], tuple(e.get('index') or ())): e for e in doc['entries'] if e.get('run') == run}


def _text(e):  # the documented text with its ocr repair
    return e['repair']['reads'] if e.get('repair') else e['documented']


def _tokens(line):
    return line.replace('[', ' ').replace(']', ' ').split()


def layout(run, actual):
    """[(line, entries)] of the printout; an unreadable cell takes the actual number (layout only)."""
    es, lines = entries(run), []

    def scalar(prefix, quantity):
        e = es.get((quantity, ()))  # none: the spec has no entry for a printed value
        lines.append((prefix + _text(e), [e]) if e else (prefix + '?', None))

    def array(quantity):
        cells = {k[1]: e for k, e in es.items() if k[0] == quantity}
        rows, cols = max(i for i, _ in cells) + 1, max(j for _, j in cells) + 1
        at, a = len(lines), np.zeros((rows, cols))
        for (i, j), e in cells.items():
            if e['verdict']['status'] != 'unreadable':
                a[i, j] = float(_text(e))
            elif at + i < len(actual) and len(_tokens(actual[at + i])) == cols:
                a[i, j] = float(_tokens(actual[at + i])[j])
        for i, row in enumerate(np113_str(a).split('\n')):
            lines.append((row, [cells[(i, j)] for j in range(cols) if (i, j) in cells]))

    listing = listings.BY_RUN[run]
    if not listing.sweep and 'output' in listing.printed:
        lines.append(('Output After Training:', []))
        array(listing.output)
    elif not listing.sweep:
        for j in listing.checkpoints:
            scalar('Error:', 'error@%d' % j)
    else:
        for alpha in listings.ALPHA_LABELS:
            lines += [('', []), ('Training With Alpha:' + alpha, [])]
            for j in listing.checkpoints:
                if listing.direction_counts:
                    scalar('Error:', 'alpha-%s/error@%d' % (alpha, j))
                else:
                    scalar('Error after %d iterations:' % j, 'alpha-%s/error@%d' % (alpha, j))
            if listing.direction_counts:
                for label, q in [('Synapse 0', 'synapse_0'), ('Synapse 0 Update Direction Changes', 'synapse_0_direction_count'),
                                 ('Synapse 1', 'synapse_1'), ('Synapse 1 Update Direction Changes', 'synapse_1_direction_count')]:
                    lines.append((label, []))
                    array('alpha-%s/%s' % (alpha, q))
    return lines


def compare(run, stdout):
    """the stdout against the documented printout, line by line; each documented value too."""
    actual = stdout.split('\n')
    lines = layout(run, actual)
    mismatches, skipped, documented = [], [], []
    for k, (text, es) in enumerate(lines):
        got = actual[k] if k < len(actual) else None
        unstable = ['no entry'] if es is None else sorted({e['verdict']['status'] for e in es} - set(ASSERTED))
        es = es or []
        if unstable:
            skipped.append({'line': k + 1, 'expected': text, 'actual': got, 'why': unstable})
        elif got != text:
            mismatches.append({'line': k + 1, 'expected': text, 'actual': got})
        for e in es:
            tokens = _tokens(got) if got and es[0]['printer'].startswith('numpy') else [(got or '').split(':')[-1]]
            col = e['index'][-1] if len(tokens) > 1 else 0
            printed = tokens[col] if col < len(tokens) else None
            documented.append({'id': e['id'], 'verdict': e['verdict']['status'], 'documented': _text(e),
                               'printed': printed, 'reproduces': printed == _text(e)})
    if len(actual) != len(lines) + 1 or actual[-1]:
        mismatches.append({'line': len(lines) + 1, 'expected': '', 'actual': '\n'.join(actual[len(lines):])})
    return {'lines': len(lines), 'checked': len(lines) - len(skipped), 'equal': not mismatches,
            'mismatches': mismatches, 'skipped': skipped, 'documented': documented}


def _tally(documented):
    n = lambda pred: sum(1 for d in documented if pred(d))
    return '%d/%d documented values print as documented (%d of %d off on the main stack)' % (
        n(lambda d: d['reproduces']), n(lambda d: d['verdict'] != 'unreadable'),
        n(lambda d: d['reproduces'] and d['verdict'] == 'off'), n(lambda d: d['verdict'] == 'off'))


def _notable(documented, unreadable=True):
    """the tally, and only the values that are off somewhere (and the unreadable ones)."""
    keep = ('off', 'unreadable') if unreadable else ('off',)
    return {'tally': _tally(documented),
            'values': [d for d in documented if d['verdict'] in keep or not d['reproduces']]}


def compact(result):
    """the figures as spec/originals.json keeps them."""
    out = json.loads(json.dumps(result))
    for r in out['listings'].values():
        if r['printout']:
            r['printout']['documented'] = _notable(r['printout']['documented'])
    for runs in out.get('coretypes', {}).values():
        for name, documented in runs.items():
            runs[name] = documented if isinstance(documented, str) else _notable(documented, False)
    return out


def summary(result):
    out = ['originals lane: numpy %s, OPENBLAS_CORETYPE=%s' % (result['numpy'], result['OPENBLAS_CORETYPE'])]
    for name, r in result['listings'].items():
        out.append('%-28s 2.7 vs 3.6 port: %s (%d printed values + final weights); port on %s + numpy %s: %d/%d' % (
            name, 'bit-identical' if r['bit_identical'] else 'DIFFERENT', r['printed_values'],
            r['main_stack']['stack']['python'], r['main_stack']['stack']['numpy'],
            r['main_stack']['identical'], r['main_stack']['of']))
        p = r['printout']
        if p:
            why = sorted({w for s in p['skipped'] for w in s['why']})
            out.append('%28s printout: %s, %d lines, %d skipped (%s); %s' % (
                '', 'byte-identical' if p['equal'] else 'DIFFERS', p['lines'], len(p['skipped']),
                '/'.join(why) or '-', _tally(p['documented'])))
    for coretype, runs in sorted(result.get('coretypes', {}).items()):
        out.append('OPENBLAS_CORETYPE=%s' % coretype)
        out += ['%28s %s' % (name, d if isinstance(d, str) else _tally(d)) for name, d in runs.items()]
    return '\n'.join(out)


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m nnspec.evidence.originals', description=__doc__.splitlines()[0])
    p.add_argument('--write', action='store_true', help='record the figures in %s' % RESULTS.relative_to(ROOT))
    p.add_argument('--coretypes', default='', help='comma-separated OPENBLAS_CORETYPE values to sweep')
    args = p.parse_args(argv)
    spec.checkout('nnspec originals')
    try:
        result = measure([c for c in args.coretypes.split(',') if c])
    except Unavailable as e:
        print('originals lane unavailable: %s' % e, file=sys.stderr)
        return 2
    print(summary(result))
    if args.write:
        RESULTS.write_text(json.dumps(compact(result), indent=1, sort_keys=True) + '\n', encoding='utf-8')
    return 0 if all(r['bit_identical'] and r['dumper_stdout_equal'] and (not r['printout'] or r['printout']['equal'])
                    for r in result['listings'].values()) else 1


if __name__ == '__main__':
    sys.exit(main())
