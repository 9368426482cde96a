"""the originals lane: the python 2 listings on cpython 2.7 + numpy 1.13.3.

the lane runs when NNSPEC_ORIGINALS=1 (skips, with the reason, where python 2.7,
3.6 or the numpy 1.13.3 wheels are missing) or NNSPEC_ORIGINALS=require (then
a missing piece fails). without it the lane tests skip and say how to run them;
the tests of the comparison itself always run.
"""
import functools
import json
import os
import platform
import re

import pytest

from nnspec.evidence import originals

MODE = os.environ.get('NNSPEC_ORIGINALS', '')
# lines of each printout that hold a value off on the main stack, unreadable
# in the seed or without a spec entry: not asserted, listed by compare()
SKIPPED = {'trask_part1_two_layer': 0, 'trask_part1_three_layer': 0, 'trask_part2_alpha_sweep': 5,
           'trask_part2_closer_look': 21, 'trask_part2_hidden_size': 5}


def _lane(lane):
    if MODE not in ('1', 'require'):
        pytest.skip('originals lane off: set NNSPEC_ORIGINALS=1 (python 2.7 + 3.6, numpy 1.13.3, a few minutes)')
    try:
        return originals.setup(lane)
    except originals.Unavailable as e:
        (pytest.fail if MODE == 'require' else pytest.skip)('originals lane %s: %s' % (lane, e))


@pytest.fixture(scope='session')
def py27():
    return _lane('py27')


@pytest.fixture(scope='session')
def py36():
    return _lane('py36')


@functools.lru_cache(maxsize=None)
def _stdout(python, name):
    return originals.run_original(python, name)


@functools.lru_cache(maxsize=None)
def _dump(python, lane, side, name):
    return originals.dump(python, lane, side, name)


@pytest.mark.parametrize('name', originals.PRINTOUTS)
def test_stdout_is_the_documented_printout(py27, name):
    r = originals.compare(name, _stdout(py27, name))
    skipped = '\n'.join('  line %(line)d (%(why)s): %(expected)r, printed %(actual)r' % s for s in r['skipped'])
    assert r['equal'], 'stdout differs from the documented printout:\n' + '\n'.join(
        '  line %(line)d: documented %(expected)r, printed %(actual)r' % m for m in r['mismatches'])
    assert r['checked'] > 0
    assert len(r['skipped']) == SKIPPED[name], 'skipped lines changed:\n' + skipped


@pytest.mark.parametrize('name', originals.LISTINGS)
def test_dumper_only_watches(py27, name):
    assert _dump(py27, 'py27', 'original', name)['stdout'] == _stdout(py27, name)


@pytest.mark.parametrize('name', originals.LISTINGS)
def test_port_is_bit_identical_to_original(py27, py36, name):
    original, port = _dump(py27, 'py27', 'original', name), _dump(py36, 'py36', 'port', name)
    assert original['stack']['python'].startswith('2.7.') and port['stack']['python'].startswith('3.6.')
    assert original['stack']['numpy'] == port['stack']['numpy'] == originals.NUMPY
    assert len(original['printed']) == len(port['printed'])
    for k, (a, b) in enumerate(zip(original['printed'], port['printed'])):
        assert a == b, 'printed value %d: original %s, port %s' % (k, a, b)
    assert original['final'] == port['final']
    assert original['final'], 'no final weights compared'


@pytest.mark.parametrize('name', ['trask_part2_alpha_sweep', 'trask_part2_closer_look'])
def test_sandybridge_kernel_prints_the_values_off_elsewhere(py27, name):
    """numpy 1.13.3's openblas with its sandybridge kernel prints every readable value as documented."""
    if platform.machine() != 'x86_64':
        pytest.skip('OPENBLAS_CORETYPE names x86-64 kernels')
    r = originals.compare(name, originals.run_original(py27, name, 'Sandybridge'))
    off = [d for d in r['documented'] if d['verdict'] == 'off']
    assert off and all(d['reproduces'] for d in off), [d for d in off if not d['reproduces']]
    assert all(d['reproduces'] for d in r['documented'] if d['verdict'] != 'unreadable')


def _clean(name):
    """the documented printout as text, skipped lines as they are."""
    return '\n'.join(t for t, _ in originals.layout(name, [])) + '\n'


@pytest.mark.parametrize('name', originals.PRINTOUTS)
def test_compare_passes_the_documented_text_and_catches_one_digit(name):
    text = _clean(name)
    assert originals.compare(name, text)['equal']
    r = originals.compare(name, text)
    skipped = {s['line'] for s in r['skipped']}
    line = next(k for k, (t, _) in enumerate(originals.layout(name, [])) if k + 1 not in skipped and re.search(r'\d', t))
    lines = text.split('\n')
    lines[line] = re.sub(r'\d(?=\D*$)', lambda m: str((int(m.group()) + 1) % 10), lines[line])
    assert not originals.compare(name, '\n'.join(lines))['equal']
    assert not originals.compare(name, text + 'extra\n')['equal']


def test_skipped_lines_hold_only_unstable_values():
    r = originals.compare('trask_part2_closer_look', _clean('trask_part2_closer_look'))
    assert {w for s in r['skipped'] for w in s['why']} == {'off', 'unreadable'}
    assert all(d['verdict'] != 'reproduced' or d['reproduces'] for d in r['documented'])


def test_a_missing_interpreter_is_unavailable(monkeypatch, tmp_path):
    monkeypatch.setenv('PYENV_ROOT', str(tmp_path))
    monkeypatch.setenv('PATH', str(tmp_path))
    with pytest.raises(originals.Unavailable, match='python2.7'):
        originals.find_python('2.7')


def test_repaired_lines_sit_where_the_repairs_say():
    """each `# nnspec:` citation of a recorded repair names its own file line."""
    repairs = json.loads((originals.ROOT / 'spec/values/trask-part2.json').read_text())['repairs']
    cited = 0
    for path in sorted(originals.ORIGINALS.glob('trask_part2_*.py')):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            m = re.search(r'# nnspec: ocr [^,]*, spec/values/trask-part2\.json repairs \((lines? (\d+)\S*)\)', line)
            if m:
                cited += 1
                assert int(m.group(2)) in (n, n - 1), '%s:%d cites line %s' % (path.name, n, m.group(2))
                assert any(m.group(1) in r['where'] for r in repairs), line
    assert cited == 8
