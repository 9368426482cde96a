"""MiniFlow: the lesson's quizzes (add, linear, sigmoid, mse), as the lesson runs them."""
import numpy as np

from .miniflow import (Add, Input, Linear, MSE, Sigmoid, forward_pass,
                                topological_sort)
from .printers import np113_str, py2_str


def add_quiz():
    x, y = Input(), Input()

    f = Add(x, y)

    feed_dict = {x: 10, y: 5}

    sorted_nodes = topological_sort(feed_dict)
    output = forward_pass(f, sorted_nodes)
    return feed_dict[x], feed_dict[y], output


def linear_quiz():
    # nnspec: the quiz's inputs, weights and bias, as numpy arrays
    inputs, weights, bias = Input(), Input(), Input()

    f = Linear(inputs, weights, bias)

    feed_dict = {
        inputs: np.array([6, 14, 3]),
        weights: np.array([0.5, 0.25, 1.4]),
        bias: np.array(2)
    }

    graph = topological_sort(feed_dict)
    output = forward_pass(f, graph)
    return output


def linear_sigmoid_quiz():
    X, W, b = Input(), Input(), Input()

    f = Linear(X, W, b)
    g = Sigmoid(f)

    X_ = np.array([[-1., -2.], [-1, -2]])
    W_ = np.array([[2., -3], [2., -3]])
    b_ = np.array([-3., -5])

    feed_dict = {X: X_, W: W_, b: b_}

    graph = topological_sort(feed_dict)
    linear = forward_pass(f, graph)
    output = forward_pass(g, graph)
    return linear, output


def mse_quiz():
    y, a = Input(), Input()
    cost = MSE(y, a)

    y_ = np.array([1, 2, 3])
    a_ = np.array([4.5, 5, 10])

    feed_dict = {y: y_, a: a_}
    graph = topological_sort(feed_dict)
    # forward pass
    forward_pass(cost, graph)
    return cost.value


def run():
    x, y, total = add_quiz()
    linear, sigmoid = linear_sigmoid_quiz()
    return {'add': total, 'linear': linear_quiz(), 'linear_matrix': linear,
            'sigmoid': sigmoid, 'mse': mse_quiz()}


def main():
    print("{} + {} = {} (according to miniflow)".format(*add_quiz()))
    print(linear_quiz())
    linear, sigmoid = linear_sigmoid_quiz()
    print(np113_str(linear))
    print(np113_str(sigmoid))
    print(py2_str(mse_quiz()))  # the lesson's numpy (<1.14) printed 12 digits


if __name__ == '__main__':
    main()
