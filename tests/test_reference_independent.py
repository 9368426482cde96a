"""checks of the reference that do not compare it with itself: other paths to the same numbers."""
import math

import numpy as np
import pytest

from nnspec import runs
from nnspec.reference import miniflow as mf
from nnspec.reference import shamdasani, trask_part1_three_layer, trask_part2_closer_look


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def test_three_layer_first_update_matches_a_step_by_hand():
    # one iteration of the 3-layer listing, worked with scalar loops from the initial weights
    r = trask_part1_three_layer.run(iterations=1)
    X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
    y = [0, 1, 1, 0]
    w0, w1 = r['syn0_initial'].tolist(), r['syn1_initial'][:, 0].tolist()
    l1 = [[sigmoid(sum(X[n][i] * w0[i][h] for i in range(3))) for h in range(4)] for n in range(4)]
    l2 = [sigmoid(sum(l1[n][h] * w1[h] for h in range(4))) for n in range(4)]
    d2 = [(y[n] - l2[n]) * l2[n] * (1 - l2[n]) for n in range(4)]
    d1 = [[d2[n] * w1[h] * l1[n][h] * (1 - l1[n][h]) for h in range(4)] for n in range(4)]
    new_w1 = [w1[h] + sum(l1[n][h] * d2[n] for n in range(4)) for h in range(4)]
    new_w0 = [[w0[i][h] + sum(X[n][i] * d1[n][h] for n in range(4)) for h in range(4)] for i in range(3)]
    # same maths, other summation order: agree to rounding, not bit for bit
    np.testing.assert_allclose(r['syn1'][:, 0], new_w1, rtol=1e-13)
    np.testing.assert_allclose(r['syn0'], new_w0, rtol=1e-13)
    assert r['errors'][0] == pytest.approx(sum(abs(y[n] - l2[n]) for n in range(4)) / 4, rel=1e-13)
    # the step did move the weights: a check of nothing would pass on an unchanged copy
    assert not np.allclose(r['syn0'], r['syn0_initial'])


def test_eleven_lines_equal_three_layer_seeded_alike():
    a, b = runs.run('trask_part1_eleven_lines'), runs.run('trask_part1_three_layer')
    assert np.array_equal(a['syn0'], b['syn0']) and np.array_equal(a['syn1'], b['syn1'])


def test_alpha_1_equals_the_listing_without_alpha():
    sweep, part1 = runs.run('trask_part2_alpha_sweep'), runs.run('trask_part1_three_layer')
    for j in range(0, 60000, 10000):
        assert sweep['alpha-1/error@%d' % j] == part1['error@%d' % j]
    assert np.array_equal(sweep['alpha-1/synapse_0'], part1['syn0'])


def test_closer_look_counts_direction_changes_of_the_updates():
    # count sign flips with a separate loop over a short run and compare
    r = trask_part2_closer_look.train(10, iterations=300)
    np.random.seed(1)
    X, y = trask_part2_closer_look.X, trask_part2_closer_look.y
    s0 = 2 * np.random.random((3, 4)) - 1
    s1 = 2 * np.random.random((4, 1)) - 1
    flips, prev = np.zeros((3, 4)), None
    for j in range(300):
        l1 = 1 / (1 + np.exp(-X.dot(s0)))
        l2 = 1 / (1 + np.exp(-l1.dot(s1)))
        d2 = (y - l2) * (l2 * (1 - l2))
        d1 = d2.dot(s1.T) * (l1 * (1 - l1))
        u1, u0 = l1.T.dot(d2), X.T.dot(d1)
        if prev is not None:
            flips += (u0 > 0) != (prev > 0)
        s1 += 10 * u1
        s0 += 10 * u0
        prev = u0
    assert flips.sum() > 0
    assert np.array_equal(r['synapse_0_direction_count'], flips)


def _numeric_gradient(f, node, eps=1e-6):
    grad = np.zeros_like(node.value, dtype=float)
    for i in np.ndindex(node.value.shape):
        keep = node.value[i]
        node.value[i] = keep + eps
        up = f()
        node.value[i] = keep - eps
        down = f()
        node.value[i] = keep
        grad[i] = (up - down) / (2 * eps)
    return grad


def test_miniflow_gradients_match_finite_differences():
    X, W, b, y = mf.Input(), mf.Input(), mf.Input(), mf.Input()
    cost = mf.MSE(y, mf.Sigmoid(mf.Linear(X, W, b)))
    rng = np.random.RandomState(3)
    feed = {X: rng.randn(5, 3), W: rng.randn(3, 1), b: rng.randn(1), y: rng.randn(5)}  # the lesson's shapes
    graph = mf.topological_sort(feed)

    def forward():
        return mf.forward_pass(cost, graph)

    mf.forward_and_backward(graph)
    analytic = {n: n.gradients[n].copy() for n in (X, W, b)}
    for node in (X, W, b):
        np.testing.assert_allclose(analytic[node], _numeric_gradient(forward, node), rtol=1e-6, atol=1e-9)


def test_miniflow_forward_is_linear_then_sigmoid():
    X, W, b = mf.Input(), mf.Input(), mf.Input()
    g = mf.Sigmoid(mf.Linear(X, W, b))
    x_, w_, b_ = np.array([[1., 2.]]), np.array([[3.], [4.]]), np.array([0.5])
    out = mf.forward_pass(g, mf.topological_sort({X: x_, W: w_, b: b_}))
    assert out[0, 0] == pytest.approx(sigmoid(1 * 3 + 2 * 4 + 0.5), rel=1e-15)


def test_topological_sort_puts_every_node_after_its_inputs():
    x, y, z = mf.Input(), mf.Input(), mf.Input()
    f = mf.Add(mf.Add(x, y), z)
    order = mf.topological_sort({x: 1, y: 2, z: 3})
    for n in order:
        assert all(order.index(m) < order.index(n) for m in n.inbound_nodes)
    assert mf.forward_pass(f, order) == 6


def test_shamdasani_worked_example_by_hand():
    w = shamdasani.worked_example()
    z = [2 * .2 + 9 * .8, 2 * .6 + 9 * .3, 2 * .1 + 9 * .7]
    np.testing.assert_allclose(w['z'], z, rtol=1e-15)
    h = [sigmoid(v) for v in z]
    assert w['o'] == pytest.approx(sigmoid(h[0] * .4 + h[1] * .5 + h[2] * .9), rel=1e-14)


def test_shamdasani_backward_is_the_gradient_of_half_the_squared_error():
    # W += X.T.dot(delta) is gradient descent on 0.5 * sum((y - o)^2), step 1
    np.random.seed(7)
    nn = shamdasani.Neural_Network()
    X, y = shamdasani.X, shamdasani.y

    def loss():
        return 0.5 * np.sum((y - nn.forward(X)) ** 2)

    class Holder:
        pass
    grads = {}
    for name in ('W1', 'W2'):
        holder = Holder()
        holder.value = getattr(nn, name)
        grads[name] = _numeric_gradient(loss, holder)
    before = {n: getattr(nn, n).copy() for n in ('W1', 'W2')}
    nn.train(X, y)
    for name in ('W1', 'W2'):
        np.testing.assert_allclose(getattr(nn, name) - before[name], -grads[name], rtol=1e-5, atol=1e-10)
