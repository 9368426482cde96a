"""nnspec.evidence.matrix: the stacks it covers (tox.ini), how it runs and reads them, and the committed docs/matrix.*.

no stack env is built here: a python script stands in for tox.
"""
import configparser
import itertools
import json
import os
import re
import shutil
import sys
import textwrap
import time

import pytest

from nnspec import spec
from nnspec.evidence import matrix


def fake_report(change=None):
    """a report as `nnspec report --format json` writes it, from the recorded verdicts."""
    rows = []
    for _, e in spec.entries():
        now = dict(e['verdict'])
        if change and e['id'] in change:
            now = {'status': 'off', 'measured': change[e['id']], 'digits': 3}
        rows.append({'id': e['id'], 'now': now})
    return {'stack': {'python': '3.x', 'numpy': 'n'}, 'entries': rows}


SENSITIVE = 'trask-part2/hidden-size/alpha-10/error@10000'
STABLE = 'trask-part2/hidden-size/alpha-1/error@10000'
NUMPY = 'trask-part2/alpha-sweep/alpha-100/error@10000'


@pytest.fixture(scope='module')
def data():
    documented = {e['id']: e.get('documented') for _, e in spec.entries()}
    results = {
        'a': dict(python='3.11', numpy='2', kernel='inherited', **fake_report({SENSITIVE: documented[SENSITIVE]})),
        'b': dict(python='3.11', numpy='2', kernel='Haswell', **fake_report({SENSITIVE: '0.00224'})),
        'd': dict(python='3.11', numpy='1', kernel='inherited', **fake_report({SENSITIVE: documented[SENSITIVE],
                                                                               NUMPY: '0.125476983854'})),
        'c': dict(python='3.13', numpy='1.26.4', kernel='inherited', error='no wheel'),
    }
    return matrix.build(results)


def test_stacks_cover_python_3_9_to_3_13_oldest_and_newest_numpy():
    names = [s[0] for s in matrix.stacks()]
    for py in ['3.9', '3.10', '3.11', '3.12', '3.13']:
        assert len([n for n in names if n.startswith('py%s-np' % py) and n.count('-') == 1]) == 2
    kernels = {s[3] for s in matrix.stacks() if s[1:3] == ('3.11', '2.4.6')}
    assert {'unset', 'Haswell', 'Sandybridge', 'Prescott'} <= kernels
    assert any(py == '3.13' and np_.startswith('1.') for py, np_, _ in matrix.NO_WHEEL.values())


def test_values_are_split_by_where_they_reproduce(data):
    v = matrix.verdicts(data)
    ids = {k: [e['id'] for e in es] for k, es in v.items()}
    assert SENSITIVE in ids['somewhere'] and STABLE in ids['everywhere']
    assert sum(map(len, ids.values())) == len([e for _, e in spec.entries() if not e.get('claim')])
    e = [e for e in data['entries'] if e['id'] == SENSITIVE][0]
    assert e['digits'] == {'a': 12, 'b': 3, 'd': 12} and matrix.why(e, data) == 'blas kernel'
    e = [e for e in data['entries'] if e['id'] == NUMPY][0]
    assert e['digits']['d'] == 11 and matrix.why(e, data) == 'numpy'


def test_markdown_lists_moving_values_and_groups_the_rest(data):
    md = matrix.markdown(data)
    assert '| `%s` |' % SENSITIVE in md and '| `%s` |' % STABLE not in md
    assert 'trask_part2_hidden_size: ' in md and 'no wheel' in md
    assert '1 reproduce only on S1 S3 (a, d); across stacks they move with blas kernel;' in md
    assert '`%s`' % SENSITIVE in md.split('only on S1 S3')[1].splitlines()[0]


def _expand(header):
    """tox's env names of a generative section header: 'a-{b,c},d' -> a-b, a-c, d."""
    names = []
    for part in re.split(r',(?![^{]*})', header):
        pieces = re.split(r'{([^}]*)}', part)
        names += [''.join(p) for p in itertools.product(*[[x] if i % 2 == 0 else x.split(',') for i, x in enumerate(pieces)])]
    return names


def _lines(value):
    """{factor condition: content} of a tox value's lines."""
    return dict(line.strip().split(':', 1) for line in value.strip().splitlines() if ':' in line)


def test_every_stack_is_a_tox_env_with_its_numpy_and_kernel():
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(str(spec.ROOT / 'tox.ini'), encoding='utf-8')
    section = [s for s in ini.sections() if s.startswith('testenv:stack-')]
    assert len(section) == 1
    names, env = _expand(section[0][len('testenv:'):]), ini[section[0]]
    assert sorted(matrix.tox_env(*s[1:]) for s in matrix.stacks()) == sorted(names)
    pins = {k.strip(): v.strip() for k, v in _lines(env['deps']).items()}
    assert pins == {'py%s-np%s' % (py.replace('.', ''), age): 'numpy==' + np_
                    for py, pair in matrix.WHEELS.items() for age, np_ in zip(['old', 'new'], pair)}
    kernels = {k.strip(): v.replace(' ', '') for k, v in _lines(env['set_env']).items()}
    assert kernels == {k.lower(): 'OPENBLAS_CORETYPE=' + k for k in matrix.KERNELS}
    passed = {v.strip(): k for k, v in _lines(env['pass_env']).items()}  # unset and set kernels do not inherit it
    assert passed['OPENBLAS_CORETYPE'].split('-') == ['!' + k.lower() for k in ['unset'] + matrix.KERNELS]
    assert '--only-binary=numpy' in env['install_command'] and 'nnspec report --format json' in env['commands']


def _fakes(tmp_path, skip=(), numpy=None, sleep=False):
    """a stand-in for tox: it copies the stack's prepared report to $NNSPEC_STACK_REPORT; for an env in skip
    it fails as a numpy-only venv did (exit code skip[env], no report); sleep: it hangs first."""
    fakes = tmp_path / 'fakes'
    fakes.mkdir()
    r = fake_report()
    for _, py, np_, kernel in matrix.stacks():
        env = matrix.tox_env(py, np_, kernel)
        r['stack'] = {'python': py + '.0', 'numpy': numpy or np_,
                      'OPENBLAS_CORETYPE': kernel or os.environ.get('OPENBLAS_CORETYPE', 'unset')}
        if env not in skip:
            (fakes / (env + '.json')).write_text(json.dumps(r), encoding='utf-8')
    script = tmp_path / 'tox.py'
    script.write_text(textwrap.dedent('''
        import os, shutil, sys, time
        env = sys.argv[sys.argv.index('-e') + 1]
        codes = %r
        if env in codes:
            sys.stderr.write('ModuleNotFoundError: No module named filelock\\n')
            sys.exit(codes[env])
        if %r:
            time.sleep(60)
        shutil.copy(os.path.join(%r, env + '.json'), os.environ['NNSPEC_STACK_REPORT'])
    ''' % (dict(skip), sleep, str(fakes))), encoding='utf-8')
    return [sys.executable, str(script)]


@pytest.fixture
def docs(monkeypatch, tmp_path):
    """a copy of the committed docs/matrix.*, where matrix writes in these tests."""
    where = tmp_path / 'docs'
    where.mkdir()
    for name in ('matrix.json', 'matrix.md'):
        shutil.copy(str(spec.ROOT / 'docs' / name), str(where / name))
    monkeypatch.setattr(matrix, 'DOCS', where)
    return where


def _bytes(where):
    return {p.name: p.read_bytes() for p in sorted(where.iterdir())}


@pytest.mark.parametrize('code', [1, 0])  # 0: the report's exit code ignored, as tox.ini's `-` does, and no file
def test_a_failing_stack_exits_1_and_leaves_the_docs_byte_identical(monkeypatch, tmp_path, docs, capsys, code):
    fake = _fakes(tmp_path, skip={'stack-py311-npnew': code})
    monkeypatch.setattr(matrix, 'tox', lambda: fake)
    before = _bytes(docs)
    assert matrix.main(['--jobs', '2']) == 1
    assert _bytes(docs) == before
    err = capsys.readouterr().err
    assert 'py3.11-np2.4.6 failed: tox -e stack-py311-npnew' in err and 'No module named filelock' in err
    assert ('exit 1' if code else 'no report written') in err and '1 of 19 stacks failed' in err


def test_a_complete_run_rewrites_both_docs(monkeypatch, tmp_path, docs, capsys):
    fake = _fakes(tmp_path)
    monkeypatch.setattr(matrix, 'tox', lambda: fake)
    before = _bytes(docs)
    assert matrix.main(['--jobs', '2']) == 0
    after = _bytes(docs)
    assert after['matrix.json'] != before['matrix.json'] and after['matrix.md'] != before['matrix.md']
    assert after['matrix.md'].decode('utf-8') == matrix.markdown(json.loads(after['matrix.json']))
    assert capsys.readouterr().out.startswith('18 stacks ran; ')


def test_only_never_writes_the_docs(monkeypatch, tmp_path, docs, capsys):
    fake = _fakes(tmp_path)
    monkeypatch.setattr(matrix, 'tox', lambda: fake)
    before = _bytes(docs)
    assert matrix.main(['--only', 'py3.11-np2.4.6']) == 0
    assert _bytes(docs) == before and capsys.readouterr().out.startswith('1 stacks ran; ')
    with pytest.raises(SystemExit) as refused:
        matrix.main(['--only', 'py3.11-np2.4.6', '--out', str(docs)])
    assert refused.value.code == 2 and _bytes(docs) == before
    assert matrix.main(['--only', 'py3.11-np2.4.6', '--out', str(tmp_path / 'one')]) == 0
    assert [s['name'] for s in json.loads((tmp_path / 'one' / 'matrix.json').read_text())['stacks']] == ['py3.11-np2.4.6']


def test_a_report_of_another_numpy_is_refused(monkeypatch, tmp_path, docs, capsys):
    fake = _fakes(tmp_path, numpy='9.9.9')
    monkeypatch.setattr(matrix, 'tox', lambda: fake)
    assert matrix.main(['--only', 'py3.9-np1.19.3', '--out', str(tmp_path / 'one')]) == 1
    assert 'numpy 9.9.9, OPENBLAS_CORETYPE' in capsys.readouterr().err and not (tmp_path / 'one').exists()


def test_a_stack_over_its_time_limit_is_ended(monkeypatch, tmp_path, capsys):
    fake = _fakes(tmp_path, sleep=True)
    monkeypatch.setattr(matrix, 'tox', lambda: fake)
    started = time.monotonic()
    assert matrix.main(['--only', 'py3.9-np2.0.2', '--timeout', '1']) == 1
    assert time.monotonic() - started < 30 and 'timed out after 1s' in capsys.readouterr().err


def test_reports_are_checked(tmp_path):
    path = tmp_path / 'r.json'
    for text, why in [(None, 'no report written'), ('', 'not json'), ('[]', 'no stack and entries'),
                      (json.dumps({'stack': {'python': '3.11.7', 'numpy': '2.4.6', 'OPENBLAS_CORETYPE': 'Haswell'},
                                   'entries': [{'id': 'x'}]}), "1 entries, not the spec's")]:
        if text is not None:
            path.write_text(text)
        with pytest.raises(ValueError, match=why):
            matrix.read_report(path, '3.11', '2.4.6', 'Haswell')


def test_without_tox_it_says_so(monkeypatch, docs, capsys):
    monkeypatch.setattr(matrix, 'tox', lambda: None)
    before = _bytes(docs)
    assert matrix.main([]) == 2 and 'needs tox' in capsys.readouterr().err and _bytes(docs) == before


COMMITTED = spec.ROOT / 'docs' / 'matrix.json'


def test_committed_matrix_covers_every_value_and_stack():
    data = json.loads(COMMITTED.read_text(encoding='utf-8'))
    values = sorted(e['id'] for _, e in spec.entries() if not e.get('claim'))
    assert sorted(e['id'] for e in data['entries']) == values
    assert {s['name'] for s in data['stacks']} == {s[0] for s in matrix.stacks()} | set(matrix.NO_WHEEL)


def test_committed_page_is_rendered_from_the_committed_json():
    data = json.loads(COMMITTED.read_text(encoding='utf-8'))
    assert (spec.ROOT / 'docs' / 'matrix.md').read_text(encoding='utf-8') == matrix.markdown(data)
