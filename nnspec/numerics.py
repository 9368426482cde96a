"""the arithmetics the loop (nnspec.loop) runs under: one vocabulary of exp, summation and expression order.

a Variant names one choice per field; Ops(variant) computes with it:
  exp    numpy       np.exp, as the listings call it
         libm        python's math.exp (the c library)
         correct     correctly rounded (long double, decimal near a midpoint)
         longdouble  long double exp rounded once to double
  sum    blas        a.dot(b) and np.mean, as the listings call them
         naive       dot and mean summed left to right
         exact       dot and mean exactly rounded (fsum of the exact products)
         reversed    dot summed last term first; mean as numpy's
  order  listing     err*(l*(1-l)) and alpha*(A.dot(B)), as written
         delta       (err*l)*(1-l)
         alpha       (alpha*A).dot(B)
every choice is numerically equivalent to the listing's, so what a variant changes is rounding alone.
the named sets: nnspec.evidence.variants.VARIANTS (the sensitivity study) and the conformance's
json_mode.segments.VARIANTS (sensitive tolerances, restart segments); nnspec.evidence.author's
arithmetic is an Ops with its own exp and sums.
"""
import math
from collections import namedtuple
from decimal import Context, Decimal

import numpy as np

Variant = namedtuple('Variant', 'exp sum order')
LISTING = Variant('numpy', 'blas', 'listing')  # the listings as written

DECIMAL = Context(prec=40, Emin=-999999, Emax=999999)
_LONG = np.finfo(np.longdouble).nmant >= 63  # x87 extended or quad: 10+ spare bits
_BAND = [np.array(1 + s * 2 * np.finfo(np.longdouble).eps) for s in (-1, 1)]  # exact in long double


def _libm(v):
    try:
        return math.exp(v)
    except OverflowError:  # numpy gives inf where math raises
        return math.inf


def exp_libm(x):
    x = np.asarray(x, dtype=float)
    return np.array([_libm(v) for v in x.ravel().tolist()]).reshape(x.shape)


def exp_longdouble(x):
    """exp in long double, rounded once."""
    return np.exp(np.asarray(x).astype(np.longdouble)).astype(float)


def exp_correct(x):
    """exp rounded correctly: long double exp, rounded; decimal where a midpoint may lie near.

    long double exp errs by under one long double eps relative (tests/test_variants.py
    measures it), so the true value lies in [e(1 - 2eps), e(1 + 2eps)] however the two
    products round: where both ends round to one double, so does the true value. about
    0.3% of results (and nan) take the slow decimal path.
    """
    with np.errstate(over='ignore', invalid='ignore'):
        return exp_correct_quiet(x)


def exp_correct_quiet(x):
    """exp_correct for callers that silence overflow once around a loop (np.errstate)."""
    x = np.asarray(x, dtype=float)
    if not _LONG:
        return _exp_decimal(x, np.ones(x.shape, dtype=bool), np.empty(x.shape))
    ext = np.exp(x, dtype=np.longdouble)
    out, high = np.asarray((ext * _BAND[0]).astype(float)), (ext * _BAND[1]).astype(float)  # 0-d stays an array
    if out.tobytes() == high.tobytes():  # every band rounds to one double: the band's low end is the result
        return out
    return _exp_decimal(x, out != high, out)


def _exp_decimal(x, hard, out):
    out[hard] = [float(Decimal(v).exp(DECIMAL)) for v in x[hard].tolist()]
    return out


def log_correct(x):
    """log of a positive python float, correctly rounded (decimal, 40 digits)."""
    return float(Decimal(x).ln(DECIMAL))


def normal_correct(shapes):
    """np.random.randn(*shape) for each shape in turn, from the current seed, with log correctly rounded.

    numpy's legacy normal draw (legacy_gauss: the polar method, drawn in pairs, the second of a
    pair kept for the next draw) in python floats: the c library's log is its only inexact step
    that ieee does not fix, so this one draws the same numbers on every machine.
    """
    n, drawn = sum(int(np.prod(s)) for s in shapes), []
    while len(drawn) < n:
        r2 = 0.0
        while r2 >= 1.0 or r2 == 0.0:
            x1 = 2.0 * np.random.random_sample() - 1.0
            x2 = 2.0 * np.random.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
        f = math.sqrt(-2.0 * log_correct(r2) / r2)
        drawn += [f * x2, f * x1]
    out, at = [], 0
    for s in shapes:
        size = int(np.prod(s))
        out.append(np.array(drawn[at:at + size]).reshape(s))
        at += size
    return out


def two_prod(a, b):
    """a*b = p + e exactly (dekker); exact unless a product underflows."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, al * bl - (((p - ah * bh) - al * bh) - ah * bl)


def _split(a):
    c = 134217729.0 * a
    h = c - (c - a)
    return h, a - h


def _dot_shaped(a, b, summed):
    """a.dot(b) with the products a[i, k]*b[k, j] summed over k by `summed` ((i, k, j) -> (i, j))."""
    a2, b2 = np.atleast_2d(a).astype(float), np.asarray(b, dtype=float)
    b2 = b2[:, None] if b2.ndim == 1 else b2
    return summed(a2, b2).reshape(np.shape(a)[:-1] + np.shape(b)[1:])  # numpy's dot shape


def _naive(a, b):
    return np.cumsum(a[:, :, None] * b[None, :, :], axis=1)[:, -1, :]


def _exact(a, b):
    p, e = two_prod(a[:, :, None], b[None, :, :])
    terms = np.concatenate([p, e], axis=1).transpose(0, 2, 1)
    rows = terms.reshape(-1, terms.shape[2]).tolist()
    return np.array([math.fsum(r) for r in rows]).reshape(terms.shape[:2])


def dot_reversed(a, b):
    """a.dot(b) summed last term first (2-d operands)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    acc = np.zeros((a.shape[0], b.shape[1]))
    for k in reversed(range(a.shape[1])):
        acc = acc + np.outer(a[:, k], b[k, :])
    return acc


def _mean_summed(total):
    def mean(x):
        flat = np.ravel(x).astype(float)
        return np.float64(total(flat)) / flat.size
    return mean


EXPS = {'numpy': np.exp, 'libm': exp_libm, 'correct': exp_correct, 'longdouble': exp_longdouble}
SUMS = {  # name -> (dot, mean)
    'blas': (np.ndarray.dot, np.mean),  # a.dot(b), as the listings write it (np.dot's dispatch costs a third more)
    'naive': (lambda a, b: _dot_shaped(a, b, _naive), _mean_summed(lambda f: np.cumsum(f)[-1])),
    'exact': (lambda a, b: _dot_shaped(a, b, _exact), _mean_summed(lambda f: math.fsum(f.tolist()))),
    'reversed': (dot_reversed, np.mean),
}


def _delta_listing(error, output):
    return error*(output*(1-output))


def _delta_factored(error, output):
    return (error*output)*(1-output)


class Ops(object):
    """the arithmetic of one Variant: exp, dot and mean (chosen once: the loop calls them directly),
    the sigmoid through exp, and the two rewritable expressions."""

    def __init__(self, variant=LISTING, exp=None, sums=None):
        """exp, sums ((dot, mean)): an arithmetic the names do not cover (nnspec.evidence.author's)."""
        self.v = variant
        self.exp = exp or EXPS[variant.exp]
        self.dot, self.mean = sums or SUMS[variant.sum]
        self.delta = _delta_factored if variant.order == 'delta' else _delta_listing  # error*(l*(1-l))
        self._alpha_first = variant.order == 'alpha'

    def sigmoid(self, x):
        return 1/(1+self.exp(-x))

    def measure(self, error):
        """a checkpoint's error: the listings' np.mean(np.abs(error))."""
        return self.mean(np.abs(error))

    @staticmethod
    def normal(shapes):
        """np.random.randn(*shape) for each shape in turn (shamdasani's weights)."""
        return [np.random.randn(*s) for s in shapes]

    def update(self, alpha, a, b):
        """a weight update, a.dot(b); order 'alpha' takes alpha in first: (alpha*a).dot(b)."""
        if self._alpha_first and alpha is not None:
            return self.dot(alpha*a, b)
        return self.dot(a, b)

    def scaled(self, alpha, update):
        """the listings' alpha * (a.dot(b)) from update(alpha, a, b); no alpha: the update itself."""
        if alpha is None or self._alpha_first:
            return update
        return alpha * update
