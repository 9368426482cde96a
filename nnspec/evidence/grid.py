"""the uniqueness grid: summation models of the 32-term site x orders of the 4-term sites.

python -m nnspec.evidence.grid [--iterations 10001]

hidden 32, alpha 10 under the author's arithmetic (nnspec.evidence.training) with
layer_1.dot(synapse_1) summed by each model: in order, 2, 4 or 8 lanes (S_j: the terms
k = j mod lanes, in order), the lanes combined by every tree over 4 sums (15), 8 lanes
first paired (stride 4, 2 or 1) or summed in order; each with and without fma. the two
sites over the 4 examples (layer_1.T.dot(layer_2_delta), layer_0.T.dot(layer_1_delta))
take one of the 15 trees over 4 terms, both alike. prints the digits error@10000 shares
with the post's; one batch per model family, minutes.
"""
import argparse
import itertools
import sys
from collections import Counter

import numpy as np

from nnspec.agreement import digits_of_agreement
from nnspec.evidence import training
from nnspec.evidence.author import in_order, products
from nnspec.evidence.fma import fma
from nnspec.printing import render

DOCUMENTED = '0.00224922117381'  # trask-part2/hidden-size/alpha-10/error@10000
# every tree over 4 terms up to commutation: ((a + b) + c) + d (12) and (a + b) + (c + d) (3)
TREES = [('chain', (a, b) + cd) for a, b in itertools.combinations(range(4), 2)
         for cd in itertools.permutations(sorted(set(range(4)) - {a, b}))] + \
        [('pairs', (0, 1, 2, 3)), ('pairs', (0, 2, 1, 3)), ('pairs', (0, 3, 1, 2))]
PAIRINGS = {4: [(0, 4), (1, 5), (2, 6), (3, 7)], 2: [(0, 2), (1, 3), (4, 6), (5, 7)], 1: [(0, 1), (2, 3), (4, 5), (6, 7)]}
FAMILIES = [(1, None), (2, None), (4, None), (8, 4), (8, 2), (8, 1), (8, 'in order')]  # (lanes, how 8 combine)


def tree_name(tree, s='S'):
    shape, (a, b, c, d) = tree
    return ('((%s%d + %s%d) + %s%d) + %s%d' if shape == 'chain' else '(%s%d + %s%d) + (%s%d + %s%d)') % (
        s, a, s, b, s, c, s, d)


def by_tree(t, trees):
    """t's 4 terms (axis -2) summed along trees[row] for each row (axis 0)."""
    idx = np.array([p for _, p in trees]).reshape((len(trees),) + (1,) * (t.ndim - 3) + (4, 1))
    g = np.take_along_axis(t, np.broadcast_to(idx, t.shape[:-2] + (4, t.shape[-1])), axis=-2)
    g0, g1, g2, g3 = (g[..., k, :] for k in range(4))
    pairs = np.array([s == 'pairs' for s, _ in trees]).reshape((len(trees),) + (1,) * (t.ndim - 2))
    return np.where(pairs, (g0 + g1) + (g2 + g3), ((g0 + g1) + g2) + g3)


def lane_sums(a, b, lanes, fused):
    """S_j of a.dot(b) (a: (rows, i, k), b: (rows, k, 1)), shaped (rows, i, lanes, 1)."""
    blocks = a.shape[-1] // lanes
    a4, b4 = a.reshape(a.shape[:-1] + (blocks, lanes))[..., None], b.reshape((b.shape[0], 1, blocks, lanes, 1))
    if not fused:  # (rows, i, blocks, lanes): each lane's blocks in order
        return in_order((a4 * b4)[..., 0])[..., None]
    s = a4[..., 0, :, :] * b4[..., 0, :, :]
    for m in range(1, blocks):
        s = fma(a4[..., m, :, :], b4[..., m, :, :], s)
    return s


def hidden_dot(lanes, combine, fused, trees):
    """layer_1.dot(synapse_1) under one model family; trees: the per-row tree over 4 (lane or pair) sums."""
    def dot(a, b):
        s = lane_sums(a, b, lanes, fused)
        if lanes == 1:
            return s[..., 0, :]
        if lanes == 2:
            return s[..., 0, :] + s[..., 1, :]
        if combine == 'in order':
            return in_order(s)
        if lanes == 8:
            s = np.stack([s[..., i, :] + s[..., j, :] for i, j in PAIRINGS[combine]], axis=-2)
        return by_tree(s, trees)
    return dot


def models():
    """(family, fused, [(lane tree or None, example tree)]): the rows of each batch."""
    for (lanes, combine), fused in itertools.product(FAMILIES, (False, True)):
        combos = TREES if lanes == 4 or isinstance(combine, int) else [None]
        yield (lanes, combine), fused, list(itertools.product(combos, TREES))


def run(family, fused, rows, iterations=10001):
    """error@(iterations - 1) of hidden 32, alpha 10 for each row of one family."""
    (lanes, combine), n = family, len(rows)
    dots = (hidden_dot(lanes, combine, fused, [c or TREES[0] for c, _ in rows]),
            lambda a, b: by_tree(products(a, b), [e for _, e in rows]))
    t = training.Training([10.0] * n, 32, True, None, dots)
    with np.errstate(over='ignore', invalid='ignore'):
        for _ in range(iterations):
            error = t.step()
    return [training.mean(np.abs(error))[r] for r in range(n)]


def describe(family, fused, row):
    (lanes, combine), (combo, example) = family, row
    lane = {1: 'in order', 2: '2 lanes, S0 + S1'}.get(lanes) or (
        '8 lanes, in order' if combine == 'in order' else '%d lanes, %s%s' % (
            lanes, '' if lanes == 4 else 'pairs P of stride %d, ' % combine,
            tree_name(combo, 'S' if lanes == 4 else 'P')))
    return '%s%s | 4 examples: %s' % (lane, ', fma' if fused else '', tree_name(example, 'p'))


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m nnspec.evidence.grid', description=__doc__.splitlines()[0])
    p.add_argument('--iterations', type=int, default=10001, help='10001: error@10000, the first the post prints')
    args = p.parse_args(argv)
    found = []
    for family, fused, rows in models():
        print('%d lanes, %s%s: %d models' % (family[0], family[1], ', fma' if fused else '', len(rows)), file=sys.stderr)
        for row, e in zip(rows, run(family, fused, rows, args.iterations)):
            text = render('py2-str', e)
            found.append((digits_of_agreement(DOCUMENTED, text), text, describe(family, fused, row)))
    found.sort(key=lambda f: -f[0])
    print('hidden 32, alpha 10, error@10000 (documented %s) under %d summation models:' % (DOCUMENTED, len(found)))
    for digits, n in sorted(Counter(f[0] for f in found).items(), reverse=True):
        print('  %2d digits: %d models' % (digits, n))
    for digits, text, name in found:
        if digits >= 6 or 'S0 + S2) + (S1 + S3)' in name and 'p0 + p1) + p2) + p3' in name:
            print('  %2d  %-18s %s' % (digits, text, name))
    return 0


if __name__ == '__main__':
    sys.exit(main())
