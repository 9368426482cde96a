"""the arithmetic that printed the posts (issue 10): one machine for every run of part 1 and part 2.

per call site of the listings, the summation the author's blas did (measured, docs/forensics.md):
  layer_0.dot(synapse_0)          dgemm             in order over k, no fma: (p0 + p1) + p2
  layer_1.dot(synapse_1)          dgemv, transposed 4 partial sums S_j (k = j mod 4, in order),
                                                    (S0 + S2) + (S1 + S3), no fma
  layer_2_delta.dot(synapse_1.T)  dgemm, k = 1      one product
  layer_1.T.dot(layer_2_delta)    dgemv             in order over the 4 terms, no fma
  layer_0.T.dot(layer_1_delta)    dgemm             in order, no fma
  np.exp                          correctly rounded (glibc 2.19-2.27, CORE-MATH)
everything else is numpy's elementwise ops in the listing's order; np.mean of 4 in order.
runs are batched over a leading axis (every alpha, run and variant of one hidden size): elementwise,
so bit for bit per run (tests/test_author.py).
"""
import numpy as np

from nnspec.evidence import variants
from nnspec.evidence.variants import exp_correct, exp_correct_quiet

# the hypothesis (issue 10): the 2015 libm rounded this one exp up, 0.006 ulp from the midpoint
HYPOTHESIS = {float.fromhex('0x1.46116c193e9e0p-2'): float.fromhex('0x1.5ffd7c7f5db42p+0')}
EXPS = {'author-2015': {}, 'author-2015+exp-hypothesis': HYPOTHESIS}


def exp(x, misrounded=None):
    """exp correctly rounded, except the results `misrounded` names (argument -> returned value);
    a list of such dicts names them per run (the leading axis)."""
    return _exp(x, _fixes(misrounded))


def _exp(x, fixes, correct=exp_correct):
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


def train(alphas, hidden=4, sweep=True, iterations=60000, misrounded=None, every=10000):
    """part 2's training (variants.train) under the author's arithmetic, one run per alpha at once.
    sweep (the sweep's w -= alpha*update, else the closer look's y - layer_2, w += alpha*update and
    direction counts) and misrounded (exp) are one for all runs or a list, one per run."""
    n = len(alphas)
    sweep = np.broadcast_to(sweep, (n,))
    fixes = _fixes(misrounded)
    sigmoid = lambda x: 1/(1+_exp(-x, fixes, exp_correct_quiet))
    np.random.seed(1)
    synapse_0 = np.repeat((2*np.random.random((3,hidden)) - 1)[None], n, 0)
    synapse_1 = np.repeat((2*np.random.random((hidden,1)) - 1)[None], n, 0)
    sign = np.where(sweep, 1.0, -1.0)[:, None, None]  # y - layer_2 = -(layer_2 - y) and w + a*u = w - (-a)*u, exactly
    step = sign * np.array(alphas, dtype=float)[:, None, None]
    X, Y = np.array([[0,0,1], [0,1,1], [1,0,1], [1,1,1]], dtype=float), np.array([[0], [1], [1], [0]])
    X_ik, X_ki = X[:, :, None], X.T[:, :, None]  # products() of X, fixed
    count_0, count_1 = np.zeros_like(synapse_0), np.zeros_like(synapse_1)
    counting, errors = not sweep.all(), []
    with np.errstate(over='ignore', invalid='ignore'):  # exp overflows to inf as numpy's does
        for j in range(iterations):
            layer_1 = sigmoid(in_order(X_ik * synapse_0[:, None]))
            layer_2 = sigmoid(four_sums(products(layer_1, synapse_1)))
            layer_2_error = (layer_2 - Y)*sign
            if (j% every) == 0:
                errors.append(mean(np.abs(layer_2_error)))
            layer_2_delta = layer_2_error*(layer_2*(1-layer_2))
            layer_1_delta = (layer_2_delta*synapse_1.swapaxes(1, 2))*(layer_1*(1-layer_1))  # k = 1: one product
            update_1 = in_order(products(layer_1.swapaxes(1, 2), layer_2_delta))
            update_0 = in_order(X_ki * layer_1_delta[:, None])
            if counting:
                up_0, up_1 = update_0 > 0, update_1 > 0
                if j > 0:  # abs(((update > 0)+0) - ((prev > 0)+0)): 1 where the sign test flips
                    count_0 += up_0 != prev_0
                    count_1 += up_1 != prev_1
                prev_0, prev_1 = up_0, up_1
            synapse_1 -= step * update_1
            synapse_0 -= step * update_0
    out = [{'errors': [e[r] for e in errors], 'synapse_0': synapse_0[r], 'synapse_1': synapse_1[r]} for r in range(n)]
    for r in np.flatnonzero(~sweep):
        out[r].update(synapse_0_direction_count=count_0[r], synapse_1_direction_count=count_1[r])
    return out


class Ops(object):
    """the author's arithmetic behind nnspec.evidence.variants.Ops' interface (the unbatched runs)."""

    def __init__(self, variant='author-2015'):
        self.misrounded = EXPS[variant]
        self.v = variants.Variant(variant, variant, 'listing')

    def exp(self, x):
        return exp(x, self.misrounded)

    def sigmoid(self, x):
        return 1/(1+self.exp(-x))

    dot = staticmethod(dot)
    mean = staticmethod(mean)
    delta = variants.Ops.delta
    step = variants.Ops.step


# the trained runs: name -> (hidden, sweep, alphas, keys); part 1's three layers are the closer look at alpha 1.0
TRAINED = {'trask_part1_three_layer': (4, False, [1.0], []),
           'trask_part2_alpha_sweep': (4, True, variants.ALPHAS, ['synapse_0', 'synapse_1']),
           'trask_part2_closer_look': (4, False, variants.ALPHAS, ['synapse_0', 'synapse_0_direction_count',
                                                                   'synapse_1', 'synapse_1_direction_count']),
           'trask_part2_hidden_size': (32, True, variants.ALPHAS, ['synapse_0', 'synapse_1'])}


def runs(pairs, iterations=None):
    """{(name, variant): reference run `name`'s quantities under `variant`} (variants.run's keys);
    the trained runs of one hidden size go in one batch: every alpha, run and variant at once."""
    out, batches = {}, {}
    for name, variant in dict.fromkeys(pairs):
        if name not in TRAINED:
            out[name, variant] = variants.RUNS[name](Ops(variant), iterations)
            continue
        hidden, sweep, alphas, _ = TRAINED[name]
        batches.setdefault(hidden, []).extend((name, variant, alpha, sweep) for alpha in alphas)
    for hidden, rows in batches.items():
        trained = train([a for _, _, a, _ in rows], hidden, [s for _, _, _, s in rows], iterations or 60000,
                        [EXPS[v] for _, v, _, _ in rows])
        for (name, variant, alpha, _), r in zip(rows, trained):
            out.setdefault((name, variant), {}).update(quantities(name, alpha, r))
    return out


def quantities(name, alpha, r):
    errors = {'error@%d' % (10000 * k): e for k, e in enumerate(r['errors'])}
    if name == 'trask_part1_three_layer':
        return dict(errors, syn0=r['synapse_0'], syn1=r['synapse_1'])
    prefix = 'alpha-%s/' % alpha
    return dict([(prefix + k, e) for k, e in errors.items()] + [(prefix + k, r[k]) for k in TRAINED[name][3]])


def run(name, variant='author-2015', iterations=None):
    """the quantities of reference run `name` under the author's arithmetic (variants.run's keys)."""
    return runs([(name, variant)], iterations)[name, variant]
