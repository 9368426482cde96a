"""MiniFlow seed (001): the figures its prose works by hand, computed with MiniFlow nodes.

y = w * x with w=5, x=10 against a target of 20; the chain rule through
f = (x + y) * z at x=-2, y=5, z=-4; a multiply gate at x=3, y=-4 with an
upstream gradient of 2 (the prose gives 2*x=6 and 2*y=-8). a product of two
scalars is a Linear node with a zero bias.
"""
import numpy as np

from .miniflow import (Add, Input, Linear, MSE, Node, forward_and_backward,
                                forward_pass, sgd_update, topological_sort)


class Seed(Node):
    """nnspec: starts the backward pass with a given df/df (1 or an upstream gradient)."""
    def __init__(self, node, gradient=1.0):
        Node.__init__(self, [node])
        self.gradient = gradient

    def forward(self):
        self.value = self.inbound_nodes[0].value

    def backward(self):
        self.gradients = {self.inbound_nodes[0]: np.full_like(self.value, self.gradient)}


def scalar(v):
    return np.array([[float(v)]])


def product(w_, x_):
    w, x, b = Input(), Input(), Input()
    y = Linear(x, w, b)
    return forward_pass(y, topological_sort({w: scalar(w_), x: scalar(x_), b: np.zeros(1)}))


def cost(w_, x_=10, target=20):
    w, x, b, t = Input(), Input(), Input(), Input()
    c = MSE(t, Linear(x, w, b))
    return forward_pass(c, topological_sort({w: scalar(w_), x: scalar(x_), b: np.zeros(1), t: scalar(target)}))


def train_w(w_=5, x_=10, target=20, epochs=1000, learning_rate=1e-3):
    w, x, b, t = Input(), Input(), Input(), Input()
    c = MSE(t, Linear(x, w, b))
    graph = topological_sort({w: scalar(w_), x: scalar(x_), b: np.zeros(1), t: scalar(target)})
    for _ in range(epochs):
        forward_and_backward(graph)
        sgd_update([w], learning_rate)
    return w.value


def chain_rule(x_=-2, y_=5, z_=-4):
    x, y, z, b = Input(), Input(), Input(), Input()
    q = Add(x, y)
    f = Linear(q, z, b)
    graph = topological_sort({x: scalar(x_), y: scalar(y_), z: scalar(z_), b: np.zeros(1)})
    graph.append(Seed(f))
    forward_and_backward(graph)
    return {'f': f.value, 'x': x.gradients[x], 'y': y.gradients[y], 'z': z.gradients[z]}


def multiply_gate(x_=3, y_=-4, upstream=2.0):
    x, y, b = Input(), Input(), Input()
    f = Linear(x, y, b)
    graph = topological_sort({x: scalar(x_), y: scalar(y_), b: np.zeros(1)})
    graph.append(Seed(f, upstream))
    forward_and_backward(graph)
    return {'x': x.gradients[x], 'y': y.gradients[y]}


def run():
    chain, gate = chain_rule(), multiply_gate()
    return {'y_at_w5': product(5, 10), 'cost_at_w5': cost(5), 'cost_at_w2': cost(2),
            'w_trained': train_w(), 'w_trained_x5': train_w(x_=5),
            'chain_dx': chain['x'], 'chain_dy': chain['y'], 'chain_dz': chain['z'],
            'gate_dx': gate['x'], 'gate_dy': gate['y']}


def main():
    for name, value in run().items():
        print(name, np.ravel(value)[0])


if __name__ == '__main__':
    main()
