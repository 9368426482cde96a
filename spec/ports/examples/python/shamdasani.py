"""nnspec example port of Shamdasani's network in plain python (no numpy): both protocol modes.

    python3 shamdasani.py < case.json > answer.json              json mode: the case's initial weights
    python3 shamdasani.py --seed-mode < case.json > answer.json  W1, W2 drawn as np.random.randn draws them
    python3 shamdasani.py shamdasani/train                       transcript mode (or NNSPEC_MODE/NNSPEC_CASE):
                                                                 the post's printout, numbers printed round trip
"""
import json
import math
import os
import sys

from port import T, dot, mt19937


def randn(seed):
    """numpy's legacy np.random.randn after np.random.seed(seed): polar method, second value cached."""
    words = mt19937(seed)
    random_sample = lambda: ((next(words) >> 5) * 67108864.0 + (next(words) >> 6)) / 9007199254740992.0
    while True:
        while True:
            x1 = 2.0 * random_sample() - 1.0
            x2 = 2.0 * random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        yield f * x2  # returned first
        yield f * x1  # the cached one, returned by the next call


def draw(seed, draws):
    gauss = randn(seed)
    return {d['name']: [[next(gauss) for _ in range(d['shape'][1])] for _ in range(d['shape'][0])] for d in draws}


def each(f, *ms):
    return [[f(*xs) for xs in zip(*rows)] for rows in zip(*ms)]


class Neural_Network:
    """the post's class: forward keeps z, z2, z3; backward adds X.T.dot(z2_delta) and z2.T.dot(o_delta)."""
    def __init__(self, W1, W2):
        self.W1, self.W2 = W1, W2

    def sigmoid(self, s):
        return 1 / (1 + math.exp(-s))

    def sigmoidPrime(self, s):
        return s * (1 - s)

    def forward(self, X):
        self.z = dot(X, self.W1)
        self.z2 = each(self.sigmoid, self.z)
        self.z3 = dot(self.z2, self.W2)
        return each(self.sigmoid, self.z3)

    def backward(self, X, y, o):
        o_delta = each(lambda e, p: e * self.sigmoidPrime(p), each(lambda t, p: t - p, y, o), o)
        z2_delta = each(lambda e, s: e * self.sigmoidPrime(s), dot(o_delta, T(self.W2)), self.z2)
        self.W1 = each(lambda a, b: a + b, self.W1, dot(T(X), z2_delta))
        self.W2 = each(lambda a, b: a + b, self.W2, dot(T(self.z2), o_delta))


def answer(case, seed_mode=False, network=Neural_Network):
    X, y = case['X'], case['y']
    top = [max(col) for col in zip(*X)]
    X = [[x / m for x, m in zip(row, top)] for row in X]  # X / np.amax(X, axis=0)
    y = [[v / 100 for v in row] for row in y]
    w = draw(case['seed']['numpy_seed'], case['seed']['draws']) if seed_mode else case['initial_weights']
    NN, checkpoints, every = network(w['W1'], w['W2']), [], case['report']['every']
    for i in range(case['iterations']):
        o = NN.forward(X)
        if i % every == 0:  # mean(square(y - o))
            checkpoints.append({'iteration': i, 'loss': sum((t - p) ** 2 for rt, rp in zip(y, o) for t, p in zip(rt, rp)) / len(y)})
        NN.backward(X, y, o)
    return {'protocol': 'nnspec-answer/1', 'checkpoints': checkpoints, 'final': {'W1': NN.W1, 'W2': NN.W2, 'output': o}}


POST_X, POST_Y = [[2, 9], [1, 5], [3, 6]], [[92], [86], [89]]  # the post's data: hours studying, sleeping; score


def matrix(m):
    return '[' + '\n '.join('[' + '  '.join(repr(v) for v in r) + ']' for r in m) + ']'


def transcript(network=Neural_Network):
    """the post's program: W1, W2 drawn after np.random.seed(1), 1,000 steps, each printing what the post prints."""
    top = [max(col) for col in zip(*POST_X)]
    X, y = [[x / m for x, m in zip(row, top)] for row in POST_X], [[v / 100 for v in row] for row in POST_Y]
    w = draw(1, [{'name': 'W1', 'shape': [2, 3]}, {'name': 'W2', 'shape': [3, 1]}])
    NN = network(w['W1'], w['W2'])
    for _ in range(1000):
        o = NN.forward(X)
        print('Input: \n' + matrix(X))
        print('Actual Output: \n' + matrix(y))
        print('Predicted Output: \n' + matrix(o))
        print('Loss: \n' + repr(sum((t - p) ** 2 for rt, rp in zip(y, o) for t, p in zip(rt, rp)) / len(y)))
        print('\n')
        NN.backward(X, y, o)


def main(network=Neural_Network):
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    listing = args[0] if args else os.environ.get('NNSPEC_CASE') if os.environ.get('NNSPEC_MODE') == 'transcript' else None
    if listing == 'shamdasani/train':
        transcript(network)
    elif listing:
        sys.exit('shamdasani.py: no transcript %s' % listing)
    else:
        json.dump(answer(json.load(sys.stdin), '--seed-mode' in sys.argv, network), sys.stdout)
        print()


if __name__ == '__main__':
    main()
