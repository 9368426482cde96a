"""nnspec.evidence.grid, .fma and .flips: the grid's models are the trees they name, the fma rounds once,
the flip scan finds the hypothesis."""
from fractions import Fraction

import numpy as np

from nnspec.evidence import author, blas, flips, grid, training
from nnspec.evidence.fma import fma
from nnspec.evidence.sensitivity import same_bits


def test_fma_rounds_once():
    rs = np.random.RandomState(3)
    a = rs.uniform(-2, 2, 5000) * 2.0 ** rs.randint(-20, 20, 5000)
    b = rs.uniform(-2, 2, 5000)
    near = -(a * b) * (1 + rs.randint(-4, 4, 5000) * 2.0 ** -52)  # cancellation
    c = np.where(rs.rand(5000) < 0.5, near, rs.uniform(-2, 2, 5000))
    # 1 + a*b a hair above, at and below the midpoint 1 + 2**-53: a product rounded first lands on it
    a = np.concatenate([a, [1 + 2.0 ** -30] * 3])
    b = np.concatenate([b, [2.0 ** -53 * (1 - 2.0 ** -30), 2.0 ** -53 / (1 + 2.0 ** -30), 2.0 ** -53 * (1 - 2.0 ** -29)]])
    c = np.concatenate([c, [1.0] * 3])
    exact = np.array([float(Fraction(x) * Fraction(y) + Fraction(z)) for x, y, z in zip(a.tolist(), b.tolist(), c.tolist())])
    assert same_bits(fma(a, b, c), exact)
    assert not same_bits(a * b + c, exact)


def test_fifteen_distinct_trees_over_four_terms():
    t = np.array([1.0, 2.0 ** -53, 2.0 ** -53, -1.0]).reshape(1, 1, 4, 1)
    shapes = {grid.tree_name(tr) for tr in grid.TREES}
    assert len(grid.TREES) == len(shapes) == 15
    values = {float(grid.by_tree(t[:, :, list(p)], [tr])[0, 0, 0]) for p in [(0, 1, 2, 3), (1, 2, 3, 0)] for tr in grid.TREES}
    assert len(values) > 1  # the trees sum in different orders


def test_the_grid_holds_the_authors_model():
    (family, fused, rows), = [(f, fu, r) for f, fu, r in grid.models() if f == (4, None) and not fu]
    author = rows.index((('pairs', (0, 2, 1, 3)), ('chain', (0, 1, 2, 3))))
    errors = grid.run(family, fused, rows[author:author + 2], iterations=200)
    assert errors[0] == training.train([10.0], 32, True, 200, every=199)[0]['errors'][1]
    assert errors[1] != errors[0]  # another order of the 4 examples


def canonical(t):
    """a summation tree with the subtree of the lowest term first (blas.tree's form)."""
    if not isinstance(t, tuple):
        return t
    kids = sorted((canonical(k) for k in t), key=lambda k: min(flat(k)))
    return tuple(kids)


def flat(t):
    return [x for k in t for x in flat(k)] if isinstance(t, tuple) else [t]


def expected(family, combo):
    lanes, combine = family
    if lanes == 1 or lanes == 2 or combine == 'in order':
        return blas.lanes(32, tuple(range(lanes)) if combine != 'in order' else
                          ((((((((0, 1), 2), 3), 4), 5), 6), 7)))
    leaves = list(range(4)) if lanes == 4 else grid.PAIRINGS[combine]
    shape, (a, b, c, d) = combo
    a, b, c, d = (leaves[i] for i in (a, b, c, d))
    return blas.lanes(32, (((a, b), c), d) if shape == 'chain' else ((a, b), (c, d)))


def test_the_probe_reads_each_models_tree_and_fma():
    k, call = blas.sites(32)['layer_1.dot(synapse_1)']
    for family, fused, rows in grid.models():
        for combo in {rows[0][0], rows[-1][0]}:
            one = grid.hidden_dot(family[0], family[1], fused, [combo or grid.TREES[0]])
            dot = lambda a, b: one(a[None], b[None])[0]
            assert canonical(blas.tree(blas.lca_sizes(call, k, dot), k)) == canonical(expected(family, combo))
            assert blas.fma(call, k, dot) == fused


def test_the_flip_scan_finds_the_hypothesis_at_iteration_104():
    found, absorbed, tried = flips.scan(104, 104, log=lambda m: None)
    assert tried == 264 and sum(absorbed.values()) > 250  # most flips leave no trace
    (arg, value), = author.HYPOTHESIS.items()
    assert found == [(104, 'layer_1', 1, 19, 'up', arg, value)]
