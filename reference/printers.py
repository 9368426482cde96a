"""the printers the posts' code used, so a python 3 port prints the same text."""
import contextlib

import numpy as np


def py2_str(x):
    """python 2's str(float) (and numpy<1.14's str(float64)): '%.12g', '.0' kept."""
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return str(int(x))
    s = '%.12g' % float(x)
    if s.lstrip('-').isdigit():
        s += '.0'
    return s


# numpy < 1.14 prints this way already and knows no `legacy` option
LEGACY = {} if tuple(int(p) for p in np.__version__.split('.')[:2]) < (1, 14) else {'legacy': '1.13'}


def np113_str(a):
    """numpy<1.14 str(array): 8 decimals, trailing zeros trimmed per element."""
    return np.array2string(np.asarray(a), **LEGACY)


@contextlib.contextmanager
def legacy_print():
    """print arrays the way numpy 1.13 did for the duration of a block."""
    old = np.get_printoptions()
    np.set_printoptions(**LEGACY)
    try:
        yield
    finally:
        np.set_printoptions(**old)
