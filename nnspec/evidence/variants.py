"""the reference runs re-implemented with swappable arithmetic: exp, summation, expression order.

the default variant is the listings' own arithmetic and reproduces nnspec.runs
bit for bit (tests/test_variants.py); every other variant is a numerically
equivalent rewrite, so the spread of its printed digits is pure rounding.
"""
import numpy as np

from nnspec import listings as L
from nnspec import loop
from nnspec.numerics import Ops as _Ops, Variant

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


class Ops(_Ops):
    """nnspec.numerics.Ops, also by a name of VARIANTS."""

    def __init__(self, variant):
        super(Ops, self).__init__(VARIANTS[variant] if isinstance(variant, str) else variant)


# part 1's 3-layer data, which part 2's sweeps reuse (nnspec.listings)
X = np.array(L.PART1_X)
Y = np.array(L.XOR_Y)


def train(ops, alpha=None, hidden=4, sweep=True, iterations=60000, every=10000):
    """part 2's sweeps (sweep: error = l2 - y, `-=`) or the closer look / part 1 (y - l2, `+=`, direction counts):
    nnspec.loop's two-synapse network on part 1's data. the error is recorded every `every` iterations
    (the listings: 10000); layer_2 is the last forward pass."""
    np.random.seed(1)
    synapse_0 = 2*np.random.random((3,hidden)) - 1
    synapse_1 = 2*np.random.random((hidden,1)) - 1
    r = loop.train(ops, X, Y, [synapse_0, synapse_1], alpha, not sweep, iterations, every, count=not sweep)
    counts = r['counts'] or [np.zeros_like(synapse_0), np.zeros_like(synapse_1)]
    return {'errors': r['errors'], 'synapse_0': r['synapses'][0], 'synapse_1': r['synapses'][1], 'layer_2': r['output'],
            'synapse_0_direction_count': counts[0], 'synapse_1_direction_count': counts[1]}


def _sweep(ops, hidden, sweep, keys, iterations):
    out = {}
    for alpha in L.ALPHAS:
        r = train(ops, alpha, hidden, sweep, iterations)
        for k, error in enumerate(r['errors']):
            out['alpha-%s/error@%d' % (alpha, 10000 * k)] = error
        out.update(('alpha-%s/%s' % (alpha, key), r[key]) for key in keys)
    return out


def descend(ops, X_, y, sweep, iterations):
    """one layer of weights by gradient descent (nnspec.loop, one synapse, no alpha): part 1's 2-layer
    network (y - l1, `+=`) or part 2's (sweep: l1 - y, `-=`); returns the last forward pass, the weights
    and their start."""
    np.random.seed(1)
    initial = 2*np.random.random((X_.shape[1],1)) - 1
    r = loop.train(ops, X_, y, [initial], None, not sweep, iterations)
    return r['output'], r['synapses'][0], initial


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
