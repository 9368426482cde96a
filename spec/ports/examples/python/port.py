"""nnspec example port in plain python (no numpy): the trask listings, both protocol modes.

    python3 port.py < case.json > answer.json        json mode
    python3 port.py trask-part1/three-layer          transcript mode (or NNSPEC_MODE/NNSPEC_CASE)
initial weights in transcript mode come from seed mode: mt19937 as numpy draws them.
NNSPEC_EXAMPLE_RNG=own draws them with python's random.Random(1) instead, as a port written without numpy;
NNSPEC_EXAMPLE_ROUTE=preamble|weights-file then turns on the lines that make such a port checkable
(spec/protocol/transcript.md, Replay from the port's own start).
"""
import json
import math
import os
import random
import sys


def mt19937(seed):
    """numpy's np.random.seed(seed): init_genrand, then 32-bit words on demand."""
    mt = [seed & 0xffffffff]
    for i in range(1, 624):
        mt.append((1812433253 * (mt[-1] ^ (mt[-1] >> 30)) + i) & 0xffffffff)
    while True:
        for k in range(624):
            y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff)
            mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (0x9908b0df if y & 1 else 0)
        for y in mt:
            y ^= y >> 11
            y ^= (y << 7) & 0x9d2c5680
            y ^= (y << 15) & 0xefc60000
            yield y ^ (y >> 18)


def draw(shapes, seed=1):
    """2*np.random.random(shape)-1 for each shape in order, row-major."""
    words = mt19937(seed)
    random = lambda: ((next(words) >> 5) * 67108864.0 + (next(words) >> 6)) / 9007199254740992.0
    return [[[2 * random() - 1 for _ in range(c)] for _ in range(r)] for r, c in shapes]


RNG, ROUTE = os.environ.get('NNSPEC_EXAMPLE_RNG'), os.environ.get('NNSPEC_EXAMPLE_ROUTE')  # the examples' switches
own = random.Random(1)  # python's own generator, seeded once


def start(shapes, names, alpha=None):
    """one run's initial weights: numpy's draws (seed mode) or python's own, then the routes to check the latter."""
    ws = draw(shapes) if RNG != 'own' else [[[2 * own.random() - 1 for _ in range(c)] for _ in range(r)] for r, c in shapes]
    # nnspec route: weights-file
    if ROUTE == 'weights-file':
        with open(os.environ['NNSPEC_WEIGHTS']) as f:
            w = json.load(f)
        ws = [w.get('alpha-%s' % alpha, w)[n] for n in names]
    # nnspec route end
    # nnspec route: preamble
    if ROUTE == 'preamble':
        for n, w in zip(names, ws): print('nnspec-weights', n, w)
    # nnspec route end
    return ws


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def dot(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def T(a):
    return [list(r) for r in zip(*a)]


def train(X, y, ws, alpha, iterations, every, counts=False):
    """the listings' loop; error = output - y, w -= alpha * layer.T.dot(delta)."""
    errors, prev = [], [None] * len(ws)
    count = [[[0.0] * len(w[0]) for _ in w] for w in ws]
    for j in range(iterations):
        layers = [X]
        for w in ws:
            layers.append([[sigmoid(v) for v in row] for row in dot(layers[-1], w)])
        out = layers[-1]
        error = [[o - t for o, t in zip(ro, rt)] for ro, rt in zip(out, y)]
        if j % every == 0:
            errors.append(sum(abs(e) for r in error for e in r) / (len(error) * len(error[0])))
        delta = [[e * (o * (1 - o)) for e, o in zip(re, ro)] for re, ro in zip(error, out)]
        updates = [None] * len(ws)
        for i in reversed(range(len(ws))):
            updates[i] = dot(T(layers[i]), delta)
            if i:
                back = dot(delta, T(ws[i]))
                delta = [[b * (l * (1 - l)) for b, l in zip(rb, rl)] for rb, rl in zip(back, layers[i])]
        for i, w in enumerate(ws):
            for r, row in enumerate(w):
                for c in range(len(row)):
                    if counts and j > 0:
                        count[i][r][c] += (updates[i][r][c] > 0) != (prev[i][r][c] > 0)
                    row[c] -= alpha * updates[i][r][c]
        prev = updates
    return errors, out, count


def answer(case):
    net, report = case['network'], case['report']
    ws = [case['initial_weights']['synapse_%d' % i] for i in range(len(net['layers']) - 1)]
    counts = any(n.endswith('direction_count') for n in report['final'])
    errors, out, count = train(case['X'], case['y'], ws, net['alpha'], case['iterations'], report['every'], counts)
    final = {'output': out}
    for i, w in enumerate(ws):
        final['synapse_%d' % i] = w
        if counts:
            final['synapse_%d_direction_count' % i] = count[i]
    return {'protocol': 'nnspec-answer/1', 'final': final,
            'checkpoints': [{'iteration': k * report['every'], 'error': e} for k, e in enumerate(errors)]}


XOR = ([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], [[0], [1], [1], [0]])
ALPHAS = [0.001, 0.01, 0.1, 1, 10, 100, 1000]
PART1, PART2 = ['syn0', 'syn1'], ['synapse_0', 'synapse_1']  # the listings' names of the weights


def transcript(listing):
    X, y = XOR
    if listing == 'trask-part1/three-layer':
        errors, _, _ = train(X, y, start([(3, 4), (4, 1)], PART1), 1, 60000, 10000)
        for e in errors:
            print('Error:' + repr(e))
    elif listing in ('trask-part2/alpha-sweep', 'trask-part2/hidden-size'):
        hidden = 32 if listing.endswith('hidden-size') else 4
        for alpha in ALPHAS:
            errors, _, _ = train(X, y, start([(3, hidden), (hidden, 1)], PART2, alpha), alpha, 60000, 10000)
            print('\nTraining With Alpha:' + str(alpha))
            for k, e in enumerate(errors):
                print('Error after %d iterations:%r' % (k * 10000, e))
    elif listing == 'trask-part2/closer-look':
        for alpha in ALPHAS:
            ws = start([(3, 4), (4, 1)], PART2, alpha)
            errors, _, count = train(X, y, ws, alpha, 60000, 10000, counts=True)
            print('\nTraining With Alpha:' + str(alpha))
            for e in errors:
                print('Error:' + repr(e))
            for i in range(2):
                print('Synapse %d\n%s\nSynapse %d Update Direction Changes\n%s' % (i, ws[i], i, count[i]))
    elif listing == 'trask-part2/two-layer':
        _, out, _ = train([[0, 1], [0, 1], [1, 0], [1, 0]], [[0], [0], [1], [1]], start([(2, 1)], PART2[:1]), 1, 10000, 10000)
        print('Output After Training:')
        print(out)
    elif listing == 'trask-part1/two-layer':
        _, out, _ = train(X, [[0], [0], [1], [1]], start([(3, 1)], PART1[:1]), 1, 10000, 10000)
        print('Output After Training:')
        print(json.dumps(out))
    else:
        sys.exit('port.py: no listing %s' % listing)


if __name__ == '__main__':
    listing = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('NNSPEC_CASE') if os.environ.get('NNSPEC_MODE') == 'transcript' else None
    if listing:
        transcript(listing)
    else:
        json.dump(answer(json.load(sys.stdin)), sys.stdout)
        print()
