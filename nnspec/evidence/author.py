"""the arithmetic that printed the posts: one machine for every run of part 1 and part 2.

per call site of the listings, the summation the author's blas did (measured, docs/forensics.md):
  layer_0.dot(synapse_0)          dgemm             in order over k, no fma: (p0 + p1) + p2
  layer_1.dot(synapse_1)          dgemv, transposed 4 partial sums S_j (k = j mod 4, in order),
                                                    (S0 + S2) + (S1 + S3), no fma
  layer_2_delta.dot(synapse_1.T)  dgemm, k = 1      one product
  layer_1.T.dot(layer_2_delta)    dgemv             in order over the 4 terms, no fma
  layer_0.T.dot(layer_1_delta)    dgemm             in order, no fma
  np.exp                          correctly rounded (glibc 2.19-2.27, CORE-MATH)
everything else is numpy's elementwise ops in the listing's order; np.mean of 4 in order.
the runs: nnspec.evidence.training, batched over a leading axis. the other tutorials' runs take
the same routing (np.dot by shape and layout); shamdasani's np.random.randn is numpy's own
draw with its log correctly rounded (numerics.normal_correct). every step is an ieee operation
or correctly rounded, so the arithmetic gives the same bits on every machine (nnspec.portable).
"""
import numpy as np

from nnspec import numerics
from nnspec.numerics import exp_correct

# the hypothesis: the 2015 libm rounded this one exp up, 0.006 ulp from the midpoint
HYPOTHESIS = {float.fromhex('0x1.46116c193e9e0p-2'): float.fromhex('0x1.5ffd7c7f5db42p+0')}
EXPS = {'author-2015': {}, 'author-2015+exp-hypothesis': HYPOTHESIS}


def exp(x, misrounded=None):
    """exp correctly rounded, except the results `misrounded` names (argument -> returned value);
    a list of such dicts names them per run (the leading axis)."""
    return _exp(x, _fixes(misrounded))


def _exp(x, fixes, correct=exp_correct):
    """exp_correct (or `correct`), then the fixes (_fixes) applied."""
    out = correct(x)
    for rows, arg, value in fixes:
        out[rows][np.asarray(x)[rows] == arg] = value
    return out


def _fixes(misrounded):
    if isinstance(misrounded, dict) or not misrounded:
        return [(slice(None), a, v) for a, v in (misrounded or {}).items()]
    return [(r, a, v) for r, m in enumerate(misrounded) for a, v in m.items()]


def products(a, b):
    """every product a[..., i, k] * b[..., k, j], shaped (..., i, k, j)."""
    return a[..., :, :, None] * b[..., None, :, :]


def in_order(p):
    """the products summed left to right over k (axis -2): ((p0 + p1) + p2) + ..."""
    s = p[..., 0, :]
    for k in range(1, p.shape[-2]):
        s = s + p[..., k, :]
    return s


def four_sums(p):
    """4 partial sums S_j of the k = j (mod 4) products, in order; (S0 + S2) + (S1 + S3)."""
    k = p.shape[-2]
    pad = -k % 4  # a missing term is +0.0: adding it is exact
    if pad:
        p = np.concatenate([p, np.zeros(p.shape[:-2] + (pad, p.shape[-1]))], axis=-2)
    if p.shape[-2] > 4:  # S_j: the blocks of 4 summed in order, (..., 4, n)
        p = in_order(p.reshape(p.shape[:-2] + (p.shape[-2] // 4, 4, p.shape[-1])).swapaxes(-3, -2))
    return (p[..., 0, :] + p[..., 2, :]) + (p[..., 1, :] + p[..., 3, :])


def dot(a, b):
    """np.dot of the listings routed as numpy routes it to the blas: gemv on a row-major
    matrix takes the transposed kernel (4 sums), k = 1 is one product, the rest in order."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.ndim != 2 or b.ndim != 2:
        a2, b2 = np.atleast_2d(a), b[:, None] if b.ndim == 1 else b
        return dot(a2, b2).reshape(a.shape[:-1] + b.shape[1:])
    p = products(a, b)
    if b.shape[1] == 1 and a.shape[0] > 1 and a.shape[1] > 1 and a.flags.c_contiguous:
        return four_sums(p)
    return in_order(p)


def mean(x):
    """np.mean of a few numbers: summed in order, divided by the count."""
    flat = np.asarray(x).reshape(np.shape(x)[:-2] + (-1, 1))
    return in_order(flat)[..., 0] / flat.shape[-2]


class Ops(numerics.Ops):
    """an nnspec.numerics.Ops whose exp and sums are the author's (the unbatched runs)."""

    def __init__(self, variant='author-2015'):
        misrounded = EXPS[variant]
        super(Ops, self).__init__(numerics.Variant(variant, variant, 'listing'), lambda x: exp(x, misrounded),
                                  (dot, mean))

    normal = staticmethod(numerics.normal_correct)
