"""generated Shamdasani cases: the post's loop on drawn data, inputs (2-5), hidden size (2-6), examples (3-8),
iterations (100-1,000), checkpoint spacing and weights (np.random.randn after np.random.seed(s), s drawn).

X is hours (whole numbers 1-12), y scores (40-100), scaled the post's way. the expected answer is the
reference's Neural_Network (reference/shamdasani.py) trained as its run() trains it. a draw is kept when two
honest arithmetics agree within a hundredth of the stable tolerance (generated/honest.py): the reference's
network with a correctly rounded exp, its dots summed left to right, and last term first.
"""
import math

import numpy as np

from nnspec.conformance import cases
from nnspec.conformance.generated import MAX_SEED, honest
from nnspec.conformance.json_mode import kinds
from nnspec.numerics import SUMS, exp_correct, log_correct
from nnspec.reference import shamdasani

EVERY = (1, 2, 5, 10, 20, 25, 50)


def draw_params(draw):
    n_in, hidden, rows = draw.integer(2, 5), draw.integer(2, 6), draw.integer(3, 8)
    return {'inputSize': n_in, 'hiddenSize': hidden, 'X': [[draw.integer(1, 12) for _ in range(n_in)] for _ in range(rows)],
            'y': [[draw.integer(40, 100)] for _ in range(rows)], 'iterations': draw.integer(100, 1000),
            'every': draw.choice(EVERY), 'seed': draw.integer(0, MAX_SEED)}


def randn(seed, shapes):
    """np.random.randn(*shape) per shape after np.random.seed(seed), with log correctly rounded (numerics.normal_correct,
    on its own RandomState): the same draws on every machine."""
    rs, n, drawn = np.random.RandomState(seed), sum(a * b for a, b in shapes), []
    while len(drawn) < n:
        r2 = 0.0
        while r2 >= 1.0 or r2 == 0.0:
            x1, x2 = 2.0 * rs.random_sample() - 1.0, 2.0 * rs.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
        f = math.sqrt(-2.0 * log_correct(r2) / r2)
        drawn += [f * x2, f * x1]
    out, at = [], 0
    for a, b in shapes:
        out.append(np.array(drawn[at:at + a * b]).reshape(a, b))
        at += a * b
    return out


class _Honest(shamdasani.Neural_Network):
    """the reference's network in exact ieee steps: a correctly rounded exp, dots summed in a fixed order."""

    def __init__(self, dot):
        self.dot = dot

    def sigmoid(self, s):
        return 1 / (1 + exp_correct(-s))

    def forward(self, X):
        self.z = self.dot(X, self.W1)
        self.z2 = self.sigmoid(self.z)
        self.z3 = self.dot(self.z2, self.W2)
        return self.sigmoid(self.z3)

    def backward(self, X, y, o):
        self.o_delta = (y - o) * self.sigmoidPrime(o)
        self.z2_delta = self.dot(self.o_delta, self.W2.T) * self.sigmoidPrime(self.z2)
        self.W1 += self.dot(X.T, self.z2_delta)
        self.W2 += self.dot(self.z2.T, self.o_delta)


def train(network, params, weights):
    """reference/shamdasani.py's run() on the case's data and weights: (losses, last prediction, W1, W2)."""
    X, y = np.array(params['X'], dtype=float), np.array(params['y'], dtype=float)
    X, y = X / np.amax(X, axis=0), y / 100
    network.W1, network.W2 = (w.copy() for w in weights)
    losses = []
    for _ in range(params['iterations']):
        prediction = network.forward(X)
        losses.append(np.mean(np.square(y - network.forward(X))))
        network.train(X, y)
    return losses, prediction, network.W1, network.W2


def answer(params, weights, network):
    losses, prediction, W1, W2 = train(network, params, weights)
    return {'protocol': cases.ANSWER_FORMAT,
            'checkpoints': [{'iteration': i, 'loss': float(loss)} for i, loss in enumerate(losses) if i % params['every'] == 0],
            'final': {'W1': W1.tolist(), 'W2': W2.tolist(), 'output': prediction.tolist()}}


def case_document(id_, params, weights):
    shapes = [[params['inputSize'], params['hiddenSize']], [params['hiddenSize'], 1]]
    return {'protocol': cases.CASE_FORMAT, 'kind': 'shamdasani', 'id': id_, 'listing': 'shamdasani',
            'source': "drawn from seed %s (nnspec check --seed): Shamdasani's loop, %d inputs, hidden %d, %d examples" % (
                id_.split('/')[2], params['inputSize'], params['hiddenSize'], len(params['X'])),
            'network': {'inputSize': params['inputSize'], 'hiddenSize': params['hiddenSize'], 'outputSize': 1},
            'X': params['X'], 'y': params['y'], 'scale': {'X': 'X / np.amax(X, axis=0)', 'y': 'y / 100'},
            'iterations': params['iterations'], 'report': {'every': params['every'], 'checkpoint': ['loss'],
                                                           'final': ['W1', 'W2', 'output']},
            'initial_weights': {'W1': weights[0].tolist(), 'W2': weights[1].tolist()},
            'seed': {'numpy_seed': params['seed'], 'draws': [{'name': n, 'shape': s, 'value': 'randn(shape)'}
                                                             for n, s in zip(('W1', 'W2'), shapes)]}}


def _attempt(id_):
    def attempt(draw):
        params = draw_params(draw)
        weights = randn(params['seed'], [(params['inputSize'], params['hiddenSize']), (params['hiddenSize'], 1)])
        reference = shamdasani.Neural_Network.__new__(shamdasani.Neural_Network)  # no draw: the case's weights
        expected = {'protocol': cases.EXPECTED_FORMAT, 'case': id_, 'answer': answer(params, weights, reference),
                    'tolerance': kinds.STABLE_TOLERANCE}
        one, other = (answer(params, weights, _Honest(SUMS[order][0])) for order in ('naive', 'reversed'))
        return (case_document(id_, params, weights), expected), one, other
    return attempt


def documents(id_, draw):
    """(case, expected) of a generated Shamdasani id."""
    return honest.first_stable(id_, draw, _attempt(id_))
