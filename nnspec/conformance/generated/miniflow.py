"""generated MiniFlow cases: random graphs of every node type, trained, and what reference/miniflow.py computes.

a graph starts from an Input X (3-5 examples, 1-4 features) and grows by Linear (its own weights and bias, or
weights shared with an earlier Linear), Sigmoid and Add nodes on values computed so far: for each node type
that sums its outbound nodes' gradients (X for the Input) a node of it and two nodes using it, in a drawn
order with other nodes between. the values no node uses yet are then added together (through a Linear where
widths differ), brought to one column, and fed with the target y to the MSE cost, so every node reaches the
cost: a port that overwrites gradients instead of summing them in any node type fails every generated
MiniFlow case. the feed is in a drawn order; the case trains 1-5 epochs.
a graph is kept when two honest arithmetics agree on it within a hundredth of the stable tolerance (a deep
graph's gradients can grow until sgd diverges): the reference's nodes with a correctly rounded exp and their
dots summed left to right, and last term first (generated/honest.py).

run, case_document, expected_document: the documents of any graph (the committed ones too, generate_cases).
"""
import numpy as np

from nnspec.conformance import cases
from nnspec.conformance.generated import honest
from nnspec.conformance.json_mode import kinds
from nnspec.numerics import SUMS, exp_correct
from nnspec.reference import miniflow as mf

OPS = {'Input': mf.Input, 'Add': mf.Add, 'Linear': mf.Linear, 'Sigmoid': mf.Sigmoid, 'MSE': mf.MSE}
FANNED = ('Input', 'Linear', 'Sigmoid', 'Add')  # the node types that sum their outbound nodes' gradients


class _Sigmoid(mf.Sigmoid):
    def _sigmoid(self, x):
        return 1. / (1. + exp_correct(-x))


def _linear(dot):
    """the reference's Linear with its dots summed by `dot`."""
    class Linear(mf.Linear):
        def forward(self):
            X, W, b = (n.value for n in self.inbound_nodes)
            self.value = dot(X, W) + b

        def backward(self):
            self.gradients = {n: np.zeros_like(n.value) for n in self.inbound_nodes}
            X, W, b = self.inbound_nodes
            for n in self.outbound_nodes:
                grad_cost = n.gradients[self]
                self.gradients[X] += dot(grad_cost, W.value.T)
                self.gradients[W] += dot(X.value.T, grad_cost)
                self.gradients[b] += np.sum(grad_cost, axis=0, keepdims=False)
    return Linear


HONEST = [dict(OPS, Sigmoid=_Sigmoid, Linear=_linear(SUMS[order][0])) for order in ('naive', 'reversed')]


def _plain(v):
    return float(v) if np.ndim(v) == 0 else np.asarray(v, dtype=float).tolist()


def run(graph, ops=OPS):
    """the answer the reference's nodes (or `ops`) give, and the order its topological_sort returned."""
    nodes, names = {}, {}
    for n in graph['nodes']:
        nodes[n['name']] = ops[n['op']](*[nodes[i] for i in n['inputs']])
        names[nodes[n['name']]] = n['name']
    feed = {nodes[k]: np.array(v, dtype=float) for k, v in graph['feed']}
    sorted_nodes = mf.topological_sort(feed)
    canonical = [n['name'] for n in graph['nodes']]
    answer = {'protocol': cases.ANSWER_FORMAT, 'order': canonical}
    inner = [k for k in canonical if graph['nodes'][canonical.index(k)]['op'] != 'Input']
    if 'train' not in graph:
        mf.forward_pass(sorted_nodes[-1], sorted_nodes)
        answer['forward'] = {k: _plain(nodes[k].value) for k in inner}
        return answer, [names[n] for n in sorted_nodes]
    mf.forward_and_backward(sorted_nodes)
    answer['forward'] = {k: _plain(nodes[k].value) for k in inner}
    answer['gradients'] = {k: {names[m]: _plain(g) for m, g in nodes[k].gradients.items()} for k in reversed(canonical)}
    train = graph['train']
    trainables = [nodes[k] for k in train['trainables']]
    mf.sgd_update(trainables, train['learning_rate'])
    for _ in range(train['epochs'] - 1):
        mf.forward_and_backward(sorted_nodes)
        mf.sgd_update(trainables, train['learning_rate'])
    answer['trained'] = {k: _plain(nodes[k].value) for k in train['trainables']}
    return answer, [names[n] for n in sorted_nodes]


def report(graph):
    return ['order', 'forward'] + (['gradients', 'trained'] if 'train' in graph else [])


def case_document(id_, graph):
    doc = {'protocol': cases.CASE_FORMAT, 'kind': 'miniflow', 'id': id_, 'listing': 'miniflow', 'source': graph['source'],
           'nodes': graph['nodes'], 'feed': [{'name': k, 'value': v} for k, v in graph['feed']]}
    if 'train' in graph:
        doc['train'] = graph['train']
    doc['report'] = report(graph)
    return doc


def expected_document(id_, graph):
    answer, reference_order = run(graph)
    problems = kinds.order_problems(graph['nodes'], reference_order)
    assert not problems, (id_, reference_order, problems)  # the reference's own order passes the check
    return {'protocol': cases.EXPECTED_FORMAT, 'case': id_, 'answer': answer, 'tolerance': kinds.STABLE_TOLERANCE}


class _Graph(object):
    """a graph being drawn: nodes in creation order, the feed, each value's width."""

    def __init__(self, draw, rows):
        self.draw, self.rows, self.nodes, self.feed, self.width, self.count = draw, rows, [], {}, {}, {}

    def name(self, prefix):
        self.count[prefix] = self.count.get(prefix, 0) + 1
        return '%s%d' % (prefix, self.count[prefix])

    def matrix(self, rows, cols):
        return [[round(self.draw.uniform(-1, 1), 2) for _ in range(cols)] for _ in range(rows)]

    def input(self, name, rows, cols):
        self.nodes.append({'name': name, 'op': 'Input', 'inputs': []})
        self.feed[name], self.width[name] = self.matrix(rows, cols), cols
        return name

    def node(self, op, prefix, inputs, width):
        name = self.name(prefix)
        self.nodes.append({'name': name, 'op': op, 'inputs': list(inputs)})
        self.width[name] = width
        return name

    def linear(self, source, width):
        shared = [n['inputs'][1:] for n in self.nodes if n['op'] == 'Linear'
                  and self.feed.get(n['inputs'][1]) is not None and len(self.feed[n['inputs'][1]]) == self.width[source]
                  and self.width[n['inputs'][1]] == width]
        if shared and self.draw.chance(0.5):
            w, b = self.draw.choice(shared)
        else:
            k = str(self.count.get('l', 0) + 1)
            w, b = self.input('W' + k, self.width[source], width), self.input('b' + k, 1, width)
        return self.node('Linear', 'l', [source, w, b], width)

    def uses(self, name):
        return sum(name in n['inputs'] for n in self.nodes)


def _make(g, op, source, values):
    """a node of type op on source (an Add pairs it with another value of its width, made by a Linear if none)."""
    if op == 'Input':
        return source
    if op == 'Sigmoid':
        return g.node('Sigmoid', 's', [source], g.width[source])
    if op == 'Linear':
        return g.linear(source, g.draw.integer(1, 3))
    partners = [v for v in values if v != source and g.width[v] == g.width[source]]
    partner = g.draw.choice(partners) if partners and g.draw.chance(0.7) else g.linear(g.draw.choice(values), g.width[source])
    return g.node('Add', 'a', g.draw.shuffled([source, partner]), g.width[source])


def draw_graph(draw):
    """one graph: {'nodes', 'feed', 'train'}; each node type of FANNED feeds two nodes, every node reaches the cost."""
    g = _Graph(draw, draw.integer(3, 5))  # not 2: there MSE's 2/m is 1, and a port that drops it passes
    values = [g.input('X', g.rows, draw.integer(1, 4))]
    for op in draw.shuffled(FANNED):  # a node of each type, then two nodes using it
        for _ in range(draw.integer(0, 1)):  # and something else between
            values.append(_make(g, draw.choice(FANNED[1:]), draw.choice(values), values))
        fan = _make(g, op, 'X' if op == 'Input' else draw.choice(values), values)
        values += [fan] if fan not in values else []
        for _ in range(2):
            values.append(_make(g, draw.choice(FANNED[1:]), fan, values))
    loose = [v for v in values if not g.uses(v)]
    while len(loose) > 1:  # the values no node uses, added up
        a, b = loose.pop(0), loose.pop(0)
        if g.width[b] != g.width[a]:
            b = g.linear(b, g.width[a])
        loose.insert(0, g.node('Add', 'a', [a, b], g.width[a]))
    out = loose[0] if g.width[loose[0]] == 1 else g.linear(loose[0], 1)
    y = g.input('y', g.rows, 1)
    g.nodes.append({'name': 'cost', 'op': 'MSE', 'inputs': [y, out]})
    trainable = [n['name'] for n in g.nodes if n['op'] == 'Input' and n['name'][0] in 'Wb']
    train = {'epochs': draw.integer(1, 5), 'learning_rate': draw.choice([0.001, 0.002, 0.005, 0.01, 0.02]),
             'trainables': trainable if draw.chance(0.7) else [t for t in trainable if draw.chance(0.5)] or trainable[:1]}
    return {'nodes': g.nodes, 'feed': [(k, g.feed[k]) for k in draw.shuffled(sorted(g.feed))], 'train': train}


def fanned(graph):
    """the node types with a node that feeds two or more nodes."""
    ops = {n['name']: n['op'] for n in graph['nodes']}
    return {ops[k] for k in ops if sum(k in n['inputs'] for n in graph['nodes']) >= 2}


def documents(id_, draw):
    """(case, expected) of a generated MiniFlow id."""
    def attempt(draw):
        graph = draw_graph(draw)
        assert fanned(graph) >= set(FANNED), graph  # draw_graph's promise
        graph['source'] = 'drawn from seed %s (nnspec check --seed): %d nodes, every summing node type fanning out' % (
            id_.split('/')[2], len(graph['nodes']))
        with np.errstate(all='ignore'):  # a diverging draw is refused below, not warned about
            one, other = (run(graph, ops)[0] for ops in HONEST)
            documents = case_document(id_, graph), expected_document(id_, graph)
        return documents, one, other
    return honest.first_stable(id_, draw, attempt)
