"""the listings' printers: python 2 str(float) and numpy 1.13 array print."""
import glob
import os
import shutil
import subprocess

import numpy as np
import pytest

from nnspec.printing import element_tokens, hand, render
from nnspec.reference.printers import np113_str, py2_str


@pytest.mark.parametrize('value, text', [
    (0.12523107366, '0.12523107366'),          # trailing zero of %.12g dropped
    (0.4964100319033, '0.496410031903'),
    (0.5, '0.5'),
    (1.0, '1.0'),                              # python 2 keeps '.0'
    (1e16, '1e+16'),
    (0.000942641990774, '0.000942641990774'),
    (23.416666666666668, '23.4166666667'),
    (1, '1'),                                  # ints print as ints (str(alpha))
])
def test_py2_str(value, text):
    assert py2_str(value) == text


def _python2():
    """python 2.7 from pyenv's versions (its shim needs PYENV_VERSION), else from PATH."""
    root = os.environ.get('PYENV_ROOT', os.path.expanduser('~/.pyenv'))
    found = sorted(glob.glob(os.path.join(root, 'versions', '2.7*', 'bin', 'python2.7')))
    return found[-1] if found else shutil.which('python2.7')


@pytest.mark.skipif(not _python2(), reason='no python 2 on this machine to compare with')
def test_py2_str_against_python2():
    # an independent path: python 2 itself prints the same floats
    values = np.random.RandomState(0).standard_normal(200) * 10.0 ** np.random.RandomState(1).randint(-8, 8, 200)
    code = 'import sys\nfor h in sys.stdin.read().split(): print str(float.fromhex(h))'
    try:
        out = subprocess.run([_python2(), '-c', code], input='\n'.join(float(v).hex() for v in values),
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        pytest.skip('python 2 did not run: %s' % e)
    if out.returncode:
        pytest.skip('python 2 did not run: %s' % out.stderr.strip()[-200:])
    assert out.stdout.split() == [py2_str(v) for v in values]


def test_np113_array_print():
    text = np113_str(np.array([[-8.58485788], [10.1786297], [-14.87601886], [7.57026121]]))
    assert text == '[[ -8.58485788]\n [ 10.1786297 ]\n [-14.87601886]\n [  7.57026121]]'


def test_np113_counts_print_as_floats_with_a_dot():
    assert np113_str(np.array([[7., 19., 2., 6.]])) == '[[  7.  19.   2.   6.]]'


def test_element_tokens_keep_row_major_order():
    tokens = element_tokens('[[ 1.  2.]\n [ 3. -4.]]', (2, 2))
    assert tokens[1, 1] == '-4.' and tokens[0, 1] == '2.'


def test_element_tokens_reject_a_wrong_count():
    with pytest.raises(ValueError, match='3 numbers, expected 4'):
        element_tokens('[[ 1.  2.  3.]]', (2, 2))


def test_render_picks_the_element_of_the_whole_array_print():
    # the array's print, not the element's own: 8 decimals for all, zeros trimmed
    a = np.array([[0.5], [0.123456789]])
    assert render('numpy-1.13-array', a, [0, 0]) == '0.5'
    assert render('numpy-1.13-array', a, [1, 0]) == '0.12345679'


@pytest.mark.parametrize('value, documented, text', [
    (0.8567467964249273, '.85', '.86'),
    (0.9994997988929205, '.9994', '.9995'),
    (7.6000000000000005, '7.6', '7.6'),
    (-4.0, '-4', '-4'),
])
def test_hand_rounds_to_the_shown_decimals(value, documented, text):
    assert hand(value, documented) == text
