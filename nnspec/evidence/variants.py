"""the reference runs re-implemented with swappable arithmetic: exp, summation, expression order.

the default variant is the listings' own arithmetic and reproduces nnspec.runs
bit for bit (tests/test_variants.py); every other variant is a numerically
equivalent rewrite, so the spread of its printed digits is pure rounding.
"""
import math
from collections import namedtuple
from decimal import Context, Decimal

import numpy as np

from nnspec import listings as L

Variant = namedtuple('Variant', 'exp sum order')
VARIANTS = {
    'default': Variant('numpy', 'blas', 'listing'),   # the listings as written
    'exp-libm': Variant('libm', 'blas', 'listing'),    # python's math.exp (the c library)
    'exp-correct': Variant('correct', 'blas', 'listing'),  # exp correctly rounded
    'sum-naive': Variant('numpy', 'naive', 'listing'),  # dot/mean summed left to right
    'sum-exact': Variant('numpy', 'exact', 'listing'),  # dot/mean exactly rounded (fsum)
    'order-delta': Variant('numpy', 'blas', 'delta'),  # err*(l*(1-l)) -> (err*l)*(1-l)
    'order-alpha': Variant('numpy', 'blas', 'alpha'),  # alpha*(A.dot(B)) -> (alpha*A).dot(B)
    'exact': Variant('correct', 'exact', 'listing'),  # ideal arithmetic: both correctly rounded
}
_DECIMAL = Context(prec=40, Emin=-999999, Emax=999999)
_LONG = np.finfo(np.longdouble).nmant >= 63  # x87 extended or quad: 10+ spare bits
_BAND = [np.array(1 + s * 2 * np.finfo(np.longdouble).eps) for s in (-1, 1)]  # exact in long double


def _libm(v):
    try:
        return math.exp(v)
    except OverflowError:  # numpy gives inf where math raises
        return math.inf


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
    out[hard] = [float(Decimal(v).exp(_DECIMAL)) for v in x[hard].tolist()]
    return out


def log_correct(x):
    """log of a positive python float, correctly rounded (decimal, 40 digits)."""
    return float(Decimal(x).ln(_DECIMAL))


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


class Ops(object):
    """the arithmetic of one variant: exp, dot, mean, and the two rewritable expressions."""

    def __init__(self, variant):
        self.v = VARIANTS[variant] if isinstance(variant, str) else variant

    def exp(self, x):
        if self.v.exp == 'numpy':
            return np.exp(x)
        if self.v.exp == 'libm':
            x = np.asarray(x, dtype=float)
            return np.array([_libm(v) for v in x.ravel().tolist()]).reshape(x.shape)
        return exp_correct(x)

    def sigmoid(self, x):
        return 1/(1+self.exp(-x))

    @staticmethod
    def normal(shapes):
        """np.random.randn(*shape) for each shape in turn (shamdasani's weights)."""
        return [np.random.randn(*s) for s in shapes]

    def dot(self, a, b):
        if self.v.sum == 'blas':
            return a.dot(b)
        a2, b2 = np.atleast_2d(a).astype(float), np.asarray(b, dtype=float)
        b2 = b2[:, None] if b2.ndim == 1 else b2
        if self.v.sum == 'naive':
            out = np.cumsum(a2[:, :, None] * b2[None, :, :], axis=1)[:, -1, :]
        else:
            p, e = two_prod(a2[:, :, None], b2[None, :, :])
            terms = np.concatenate([p, e], axis=1).transpose(0, 2, 1)
            rows = terms.reshape(-1, terms.shape[2]).tolist()
            out = np.array([math.fsum(r) for r in rows]).reshape(terms.shape[:2])
        return out.reshape(np.shape(a)[:-1] + np.shape(b)[1:])  # numpy's dot shape

    def mean(self, x):
        if self.v.sum == 'blas':
            return np.mean(x)
        flat = np.ravel(x).astype(float)
        total = np.cumsum(flat)[-1] if self.v.sum == 'naive' else math.fsum(flat.tolist())
        return np.float64(total) / flat.size

    def delta(self, error, output):
        """the listings' error*sigmoid_output_to_derivative(output)."""
        if self.v.order == 'delta':
            return (error*output)*(1-output)
        return error*(output*(1-output))

    def step(self, alpha, a, b):
        """the listings' alpha * (a.dot(b)); no alpha: a.dot(b)."""
        if alpha is None:
            return self.dot(a, b)
        if self.v.order == 'alpha':
            return self.dot(alpha*a, b)
        return alpha * (self.dot(a, b))


# part 1's 3-layer data, which part 2's sweeps reuse (nnspec.listings)
X = np.array(L.PART1_X)
Y = np.array(L.XOR_Y)


def train(ops, alpha=None, hidden=4, sweep=True, iterations=60000, every=10000):
    """part 2's sweeps (sweep: error = l2 - y, `-=`) or the closer look / part 1 (y - l2, `+=`).

    the error is recorded every `every` iterations (the listings: 10000); layer_2 is the last forward pass.
    """
    np.random.seed(1)
    synapse_0 = 2*np.random.random((3,hidden)) - 1
    synapse_1 = 2*np.random.random((hidden,1)) - 1
    count_0, count_1 = np.zeros_like(synapse_0), np.zeros_like(synapse_1)
    errors = []
    for j in range(iterations):
        layer_1 = ops.sigmoid(ops.dot(X,synapse_0))
        layer_2 = ops.sigmoid(ops.dot(layer_1,synapse_1))
        layer_2_error = layer_2 - Y if sweep else Y - layer_2
        if (j% every) == 0:
            errors.append(ops.mean(np.abs(layer_2_error)))
        layer_2_delta = ops.delta(layer_2_error, layer_2)
        layer_1_delta = ops.delta(ops.dot(layer_2_delta, synapse_1.T), layer_1)
        if sweep:
            synapse_1 -= ops.step(alpha, layer_1.T, layer_2_delta)
            synapse_0 -= ops.step(alpha, X.T, layer_1_delta)
            continue
        # the closer look counts sign flips of the update before alpha scales it
        update_1 = ops.step(alpha if ops.v.order == 'alpha' else None, layer_1.T, layer_2_delta)
        update_0 = ops.step(alpha if ops.v.order == 'alpha' else None, X.T, layer_1_delta)
        if j > 0:
            count_0 += np.abs(((update_0 > 0)+0) - ((prev_0 > 0) + 0))
            count_1 += np.abs(((update_1 > 0)+0) - ((prev_1 > 0) + 0))
        scale = alpha is not None and ops.v.order != 'alpha'
        synapse_1 += alpha * update_1 if scale else update_1
        synapse_0 += alpha * update_0 if scale else update_0
        prev_0, prev_1 = update_0, update_1
    return {'errors': errors, 'synapse_0': synapse_0, 'synapse_1': synapse_1, 'layer_2': layer_2,
            'synapse_0_direction_count': count_0, 'synapse_1_direction_count': count_1}


def _sweep(ops, hidden, sweep, keys, iterations):
    out = {}
    for alpha in L.ALPHAS:
        r = train(ops, alpha, hidden, sweep, iterations)
        for k, error in enumerate(r['errors']):
            out['alpha-%s/error@%d' % (alpha, 10000 * k)] = error
        out.update(('alpha-%s/%s' % (alpha, key), r[key]) for key in keys)
    return out


def descend(ops, X_, y, sweep, iterations):
    """one layer of weights by gradient descent: part 1's 2-layer network (y - l1, `+=`) or part 2's
    (sweep: l1 - y, `-=`); returns the last forward pass, the weights and their start."""
    np.random.seed(1)
    w = 2*np.random.random((X_.shape[1],1)) - 1
    initial = w.copy()
    for _ in range(iterations):
        layer = ops.sigmoid(ops.dot(X_,w))
        if sweep:
            w -= ops.dot(X_.T,ops.delta(layer - y, layer))
        else:
            w += ops.dot(X_.T,ops.delta(y - layer, layer))
    return layer, w, initial


def two_layer(ops, iterations=10000):
    """part 1's 2-layer network."""
    l1, syn0, syn0_initial = descend(ops, X, np.array([[0,0,1,1]]).T, False, iterations)
    return {'l1': l1, 'syn0': syn0, 'syn0_initial': syn0_initial}


# part 2's gradient descent: its own data (reference/trask_part2_two_layer.py)
X2 = np.array([[0,1], [0,1], [1,0], [1,0]])
Y2 = np.array([[0,0,1,1]]).T


def gradient_descent(ops, iterations=10000):
    """part 2's "2 layer neural network", and its error plane (the mean absolute error per weight pair)."""
    layer_1, synapse_0, _ = descend(ops, X2, Y2, True, iterations)
    weights = np.linspace(-10.0, 10.0, 41)
    errors = np.zeros((41, 41))
    for i, w0 in enumerate(weights):
        for k, w1 in enumerate(weights):
            errors[i, k] = ops.mean(np.abs(ops.sigmoid(ops.dot(X2,np.array([[w0], [w1]]))) - Y2))
    return {'layer_1': layer_1, 'synapse_0': synapse_0, 'surface_weights': weights, 'surface_errors': errors}


def _final(r, synapse_0, synapse_1, layer_2):
    """a trained run's final weights and last forward pass, under the listing's names."""
    return {synapse_0: r['synapse_0'], synapse_1: r['synapse_1'], layer_2: r['layer_2']}


def three_layer(ops, iterations=60000):
    r = train(ops, None, 4, False, iterations)
    out = {'error@%d' % (10000 * k): e for k, e in enumerate(r['errors'])}
    return dict(out, syn0=r['synapse_0'], syn1=r['synapse_1'])


def _mse(ops, y, a):
    diff = np.reshape(y, (-1, 1)) - np.reshape(a, (-1, 1))
    return diff, ops.mean(diff**2)


def miniflow_quizzes(ops):
    linear = ops.dot(np.array([[-1., -2.], [-1, -2]]), np.array([[2., -3], [2., -3]])) + np.array([-3., -5])
    return {'add': 10 + 5, 'linear': ops.dot(np.array([6, 14, 3]), np.array([0.5, 0.25, 1.4])) + np.array(2),
            'linear_matrix': linear, 'sigmoid': 1. / (1. + ops.exp(-linear)),
            'mse': _mse(ops, np.array([1, 2, 3]), np.array([4.5, 5, 10]))[1]}


def miniflow_worked(ops):
    """the seed's hand figures through miniflow's Linear/MSE/sgd arithmetic (1x1 matrices)."""
    s = lambda v: np.array([[float(v)]])
    lin = lambda x, w: ops.dot(s(x), s(w)) + np.zeros(1)

    def train_w(x, w=5, target=20, epochs=1000, learning_rate=1e-3):
        w = s(w)
        for _ in range(epochs):
            diff, _ = _mse(ops, s(target), ops.dot(s(x), w) + np.zeros(1))
            grad = np.zeros_like(w) + ops.dot(s(x).T, (-2 / 1) * diff)
            w -= learning_rate * (0 + grad * 1)
        return w

    one, two = np.full_like(s(0), 1.0), np.full_like(s(0), 2.0)
    q = s(-2) + s(5)
    return {'y_at_w5': lin(10, 5), 'cost_at_w5': _mse(ops, s(20), lin(10, 5))[1],
            'cost_at_w2': _mse(ops, s(20), lin(10, 2))[1], 'w_trained': train_w(10), 'w_trained_x5': train_w(5),
            'chain_dx': 0 + (np.zeros_like(q) + (np.zeros_like(q) + ops.dot(one, s(-4).T))) * 1,
            'chain_dy': 0 + (np.zeros_like(q) + (np.zeros_like(q) + ops.dot(one, s(-4).T))) * 1,
            'chain_dz': 0 + (np.zeros_like(q) + ops.dot(q.T, one)) * 1,
            'gate_dx': 0 + (np.zeros_like(q) + ops.dot(two, s(-4).T)) * 1,
            'gate_dy': 0 + (np.zeros_like(q) + ops.dot(s(3).T, two)) * 1}


def shamdasani(ops, iterations=1000):
    """shamdasani's network trained from np.random.seed(1) (reference/shamdasani.py)."""
    raw = np.array(([2, 9], [1, 5], [3, 6]), dtype=float)
    X_, y = raw/np.amax(raw, axis=0), np.array(([92], [86], [89]), dtype=float)/100
    np.random.seed(1)
    W1, W2 = ops.normal([(2, 3), (3, 1)])
    out = {'W1_initial': W1.copy(), 'W2_initial': W2.copy()}
    for i in range(iterations):
        z2 = ops.sigmoid(ops.dot(X_, W1))
        o = ops.sigmoid(ops.dot(z2, W2))
        out['loss@%d' % i] = ops.mean(np.square(y - o))
        o_delta = ops.delta(y - o, o)
        z2_delta = ops.delta(ops.dot(o_delta, W2.T), z2)
        W1 += ops.dot(X_.T, z2_delta)
        W2 += ops.dot(z2.T, o_delta)
    return dict(out, W1=W1, W2=W2, prediction_final=o)


def shamdasani_worked(ops):
    z = ops.dot(np.array([[2, 9]], dtype=float), np.array([[.2, .6, .1], [.8, .3, .7]]))
    z2 = ops.sigmoid(z)
    z3 = ops.dot(z2, np.array([[.4], [.5], [.9]]))
    return {'z': z[0], 'z2': z2[0], 'z3': z3[0, 0], 'o': ops.sigmoid(z3)[0, 0], 'target': (np.array([[92.]]) / 100)[0, 0]}


def _sweep_of(listing):
    """a sweep of nnspec.listings, every alpha: its errors and final quantities."""
    sweep = listing.error_sign == 'output - y'
    return lambda ops, n=None: _sweep(ops, listing.hidden, sweep, list(listing.final), n or listing.iterations)


# run name (as in nnspec.runs) -> quantities under an Ops; iterations shorten the long runs (tests)
RUNS = {
    L.ELEVEN_LINES.run: lambda ops, n=None: _final(train(ops, None, 4, False, n or 60000), 'syn0', 'syn1', 'l2'),
    L.PART1_TWO_LAYER.run: lambda ops, n=None: two_layer(ops, n or 10000),
    L.THREE_LAYER.run: lambda ops, n=None: three_layer(ops, n or 60000),
    L.THIRTEEN_LINES.run: lambda ops, n=None: _final(train(ops, 0.5, 4, True, n or 60000),
                                                     'synapse_0', 'synapse_1', 'layer_2'),
    L.PART2_TWO_LAYER.run: lambda ops, n=None: gradient_descent(ops, n or 10000),
    **{listing.run: _sweep_of(listing) for listing in L.SWEEPS},
    L.MINIFLOW_QUIZZES.run: lambda ops, n=None: miniflow_quizzes(ops),
    L.MINIFLOW_WORKED.run: lambda ops, n=None: miniflow_worked(ops),
    L.SHAMDASANI.run: lambda ops, n=None: shamdasani(ops, n or 1000),
    L.SHAMDASANI_WORKED.run: lambda ops, n=None: shamdasani_worked(ops),
}


def run(name, variant='default', iterations=None):
    """the quantities of reference run `name` computed with `variant`'s arithmetic (one of VARIANTS;
    the author's arithmetics are nnspec.evidence.training.run's)."""
    return RUNS[name](Ops(variant), iterations)
