"""nnspec example port of MiniFlow in plain python (no numpy): both protocol modes.

    python3 miniflow.py < case.json > answer.json     json mode: a miniflow/... case
    python3 miniflow.py miniflow/quizzes              transcript mode (or NNSPEC_MODE/NNSPEC_CASE)
values are matrices (lists of rows); a bias is a 1 x k row, added to every row; MSE's value is a float.
"""
import json
import math
import os
import sys


def zeros(a):
    return [[0.0] * len(a[0]) for _ in a]


def plus(a, b):  # b may be a 1 x k row, broadcast over a's rows
    return [[x + b[i % len(b)][j] for j, x in enumerate(r)] for i, r in enumerate(a)]


def each(f, *ms):
    return [[f(*xs) for xs in zip(*rows)] for rows in zip(*ms)]


def dot(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def T(a):
    return [list(r) for r in zip(*a)]


class Node:
    def __init__(self, inbound_nodes=()):
        self.inbound_nodes, self.outbound_nodes = list(inbound_nodes), []
        self.value, self.gradients = None, {}
        for n in self.inbound_nodes:
            n.outbound_nodes.append(self)

    def accumulate(self, node, grad):  # gradients are summed over the outbound nodes
        self.gradients[node] = plus(self.gradients[node], grad)


class Input(Node):
    def forward(self):
        pass

    def backward(self):
        self.gradients = {self: zeros(self.value)}
        for n in self.outbound_nodes:
            self.accumulate(self, n.gradients[self])


class Add(Node):
    def forward(self):
        self.value = plus(self.inbound_nodes[0].value, self.inbound_nodes[1].value)

    def backward(self):
        self.gradients = {n: zeros(n.value) for n in self.inbound_nodes}
        for n in self.outbound_nodes:
            for m in self.inbound_nodes:
                self.accumulate(m, n.gradients[self])


class Linear(Node):
    def forward(self):
        X, W, b = (n.value for n in self.inbound_nodes)
        self.value = plus(dot(X, W), b)

    def backward(self):
        X, W, b = self.inbound_nodes
        self.gradients = {n: zeros(n.value) for n in self.inbound_nodes}
        for n in self.outbound_nodes:
            grad = n.gradients[self]
            self.accumulate(X, dot(grad, T(W.value)))
            self.accumulate(W, dot(T(X.value), grad))
            self.accumulate(b, [[sum(col) for col in zip(*grad)]])


class Sigmoid(Node):
    def forward(self):
        self.value = each(lambda x: 1. / (1. + math.exp(-x)), self.inbound_nodes[0].value)

    def backward(self):
        self.gradients = {n: zeros(n.value) for n in self.inbound_nodes}
        for n in self.outbound_nodes:
            self.accumulate(self.inbound_nodes[0], each(lambda s, g: s * (1 - s) * g, self.value, n.gradients[self]))


class MSE(Node):
    def forward(self):
        y, a = (sum(n.value, []) for n in self.inbound_nodes)  # reshape(-1, 1)
        self.m = len(self.inbound_nodes[0].value)
        self.diff = [[u - v] for u, v in zip(y, a)]
        self.value = sum(d[0] ** 2 for d in self.diff) / len(self.diff)

    def backward(self):
        self.gradients[self.inbound_nodes[0]] = [[(2 / self.m) * d[0]] for d in self.diff]
        self.gradients[self.inbound_nodes[1]] = [[(-2 / self.m) * d[0]] for d in self.diff]


def topological_sort(feed_dict):
    """Kahn's algorithm, as the lesson writes it; ties: the last node made ready first."""
    G, nodes = {}, list(feed_dict)
    while nodes:
        n = nodes.pop(0)
        G.setdefault(n, {'in': set(), 'out': set()})
        for m in n.outbound_nodes:
            G.setdefault(m, {'in': set(), 'out': set()})
            G[n]['out'].add(m)
            G[m]['in'].add(n)
            nodes.append(m)
    L, S = [], list(feed_dict)
    while S:
        n = S.pop()
        if isinstance(n, Input):
            n.value = feed_dict[n]
        L.append(n)
        for m in n.outbound_nodes:
            G[n]['out'].discard(m)
            G[m]['in'].discard(n)
            if not G[m]['in'] and m not in S and m not in L:
                S.append(m)
    return L


def forward_and_backward(graph):
    for n in graph:
        n.forward()
    for n in graph[::-1]:
        n.backward()


def sgd_update(trainables, learning_rate=1e-2):
    for t in trainables:
        t.value = each(lambda v, g: v - learning_rate * g, t.value, t.gradients[t])


OPS = {'Input': Input, 'Add': Add, 'Linear': Linear, 'Sigmoid': Sigmoid, 'MSE': MSE}


def answer(case):
    nodes, names = {}, {}
    for spec in case['nodes']:
        nodes[spec['name']] = OPS[spec['op']]([nodes[i] for i in spec['inputs']])
        names[nodes[spec['name']]] = spec['name']
    graph = topological_sort({nodes[f['name']]: [[float(x) for x in r] for r in f['value']] for f in case['feed']})
    out = {'protocol': 'nnspec-answer/1', 'order': [names[n] for n in graph]}
    train = case.get('train')
    if train:
        forward_and_backward(graph)
    else:
        for n in graph:
            n.forward()
    out['forward'] = {names[n]: n.value for n in graph if not isinstance(n, Input)}
    if train:
        out['gradients'] = {names[n]: {names[k]: g for k, g in n.gradients.items()} for n in graph}
        trainables = [nodes[k] for k in train['trainables']]
        sgd_update(trainables, train['learning_rate'])
        for _ in range(train['epochs'] - 1):
            forward_and_backward(graph)
            sgd_update(trainables, train['learning_rate'])
        out['trained'] = {k: nodes[k].value for k in train['trainables']}
    return out


def quizzes():
    """the lesson's quizzes, printed as the lesson prints them (shortest round-trip floats)."""
    x, y = Input(), Input()
    f = Add([x, y])
    for n in topological_sort({x: [[10.0]], y: [[5.0]]}):
        n.forward()
    print('%g + %g = %g (according to miniflow)' % (x.value[0][0], y.value[0][0], f.value[0][0]))
    X, W, b = Input(), Input(), Input()
    f = Linear([X, W, b])
    for n in topological_sort({X: [[6.0, 14.0, 3.0]], W: [[0.5], [0.25], [1.4]], b: [[2.0]]}):
        n.forward()
    print(f.value[0][0])
    X, W, b = Input(), Input(), Input()
    g = Sigmoid([Linear([X, W, b])])
    for n in topological_sort({X: [[-1., -2.], [-1., -2.]], W: [[2., -3.], [2., -3.]], b: [[-3., -5.]]}):
        n.forward()
    print(g.inbound_nodes[0].value)
    print(g.value)
    y, a = Input(), Input()
    cost = MSE([y, a])
    for n in topological_sort({y: [[1.0], [2.0], [3.0]], a: [[4.5], [5.0], [10.0]]}):
        n.forward()
    print(cost.value)


if __name__ == '__main__':
    listing = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('NNSPEC_CASE') if os.environ.get('NNSPEC_MODE') == 'transcript' else None
    if listing == 'miniflow/quizzes':
        quizzes()
    elif listing:
        sys.exit('miniflow.py: no transcript %s' % listing)
    else:
        json.dump(answer(json.load(sys.stdin)), sys.stdout)
        print()
