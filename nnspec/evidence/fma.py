"""fma(a, b, c): a*b + c rounded once, elementwise (numpy has no fma ufunc before python's math.fma).

boldo & melquiond's emulation ("Emulation of FMA and correctly rounded sums: proved algorithms
using rounding to odd", IEEE Trans. Computers 57(4), 2008): the product split exactly (dekker),
c + its high part summed exactly, the two low parts added rounded to odd, then one rounding to
nearest. exact unless a product underflows (tests/test_grid.py checks it against fractions).
"""
import numpy as np

from nnspec.numerics import two_prod


def two_sum(a, b):
    """a + b = s + e exactly (knuth)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def add_round_to_odd(a, b):
    """a + b rounded to odd: exact, or else the neighbour whose last significand bit is 1."""
    s, e = two_sum(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    even = (np.asarray(s).view(np.int64) & 1) == 0
    return np.where((e != 0) & even, np.nextafter(s, np.where(e > 0, np.inf, -np.inf)), s)


def fma(a, b, c):
    high, low = two_prod(a, b)
    top, rest = two_sum(c, high)
    return top + add_round_to_odd(rest, low)
