"""what every gallery port shares and gets right: reading the case, drawing, answering.

each gallery port is the example python port's loop with one classic bug,
marked `# bug:`. nnspec check must reject each, naming its first wrong number.
"""
import json
import math
import os
import struct
import sys

# the example port's seed mode (mt19937, draw) and matrix product: what the gallery gets right
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples', 'python'))
from port import XOR, dot, draw, mt19937, train  # noqa: E402,F401


def sigmoid(x):
    """numpy's 1/(1+exp(-x)): exp overflows to inf, the sigmoid to 0, no exception."""
    return 1 / (1 + math.exp(-x)) if x > -709 else 0.0


def f32(x):
    """x rounded to float32, as a port on float32 arrays computes (the float32 bugs)."""
    return struct.unpack('f', struct.pack('f', x))[0]


def m32(m):
    return [[f32(v) for v in r] for r in m]


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
