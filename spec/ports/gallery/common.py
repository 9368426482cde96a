"""what every gallery port shares and gets right: reading the case, drawing, answering.

each gallery port is the example python port's loop with one classic bug,
marked `# bug:`. nnspec check must reject each, naming its first wrong number.
"""
import json
import math
import sys


def mt19937(seed):
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
    words = mt19937(seed)
    random = lambda: ((next(words) >> 5) * 67108864.0 + (next(words) >> 6)) / 9007199254740992.0
    return [[[2 * random() - 1 for _ in range(c)] for _ in range(r)] for r, c in shapes]


def sigmoid(x):
    """numpy's 1/(1+exp(-x)): exp overflows to inf, the sigmoid to 0, no exception."""
    return 1 / (1 + math.exp(-x)) if x > -709 else 0.0


def dot(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def T(a):
    return [list(r) for r in zip(*a)]


def mean_abs(m):
    return sum(abs(e) for r in m for e in r) / (len(m) * len(m[0]))


def read_case():
    case = json.load(sys.stdin)
    net = case['network']
    ws = [case['initial_weights']['synapse_%d' % i] for i in range(len(net['layers']) - 1)]
    return case, ws


def answer(case, ws, errors, out):
    every = case['report']['every']
    final = {'output': out}
    final.update({'synapse_%d' % i: w for i, w in enumerate(ws)})
    json.dump({'protocol': 'nnspec-answer/1', 'final': final,
               'checkpoints': [{'iteration': k * every, 'error': e} for k, e in enumerate(errors)]}, sys.stdout)
    print()
