"""MiniFlow's porting bugs (kind_bugs.py names them): the reference's node classes, one changed, and the run of a
case's graph under them."""
import itertools

import numpy as np

from nnspec.conformance.porting_bugs import Bug
from nnspec.reference import miniflow as mf

SUMS = 'a node sums the gradients of all its outbound nodes: self.gradients[n] += ..., not ='


class _Kept(dict):
    """a node's gradients in which `+=` keeps only the last term: during the node's backward each read is a zero."""
    def __init__(self, node, values):
        super().__init__(values)
        self.node = node

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if not self.node.overwriting:
            return value
        return np.zeros_like(value) if isinstance(value, np.ndarray) else 0


class _Overwrites:
    """mixed into a reference node class: its backward overwrites each gradient with each outbound node's term."""
    overwriting = False

    @property
    def gradients(self):
        return self._gradients

    @gradients.setter
    def gradients(self, values):
        self._gradients = _Kept(self, values)

    def backward(self):
        self.overwriting = True
        try:
            super().backward()
        finally:
            self.overwriting = False


class _SigmoidOfInput(mf.Sigmoid):
    """the derivative taken of the input: the reference's backward, with the input where it reads self.value."""
    def backward(self):
        output, self.value = self.value, self.inbound_nodes[0].value
        try:
            super().backward()
        finally:
            self.value = output


class _MSEWithout2OverM(mf.MSE):
    def backward(self):
        self.gradients[self.inbound_nodes[0]] = self.diff
        self.gradients[self.inbound_nodes[1]] = -self.diff


def _discovery_order(feed_dict):
    """the first half of the reference's topological_sort, returned: G's keys, in breadth-first discovery order."""
    G, nodes = {}, list(feed_dict)
    while nodes:
        n = nodes.pop(0)
        G.setdefault(n, None)
        if isinstance(n, mf.Input):
            n.value = feed_dict[n]
        for m in n.outbound_nodes:
            G.setdefault(m, None)
            nodes.append(m)
    return list(G)


OPS = {'Input': mf.Input, 'Add': mf.Add, 'Linear': mf.Linear, 'Sigmoid': mf.Sigmoid, 'MSE': mf.MSE}


def _plain(v):
    return float(v) if np.ndim(v) == 0 else np.asarray(v, dtype=float).tolist()


def run_miniflow(case, ops=(), sort=mf.topological_sort, stale=False):
    """the answer reference/miniflow.py gives on the case's graph, with `ops` ({op: class}) in place of its classes;
    stale: the forward pass run once, before the epochs, not in each."""
    nodes, names, classes = {}, {}, dict(OPS, **dict(ops))
    for n in case['nodes']:
        nodes[n['name']] = classes[n['op']](*[nodes[i] for i in n['inputs']])
        names[nodes[n['name']]] = n['name']
    graph = sort({nodes[f['name']]: np.array(f['value'], dtype=float) for f in case['feed']})
    answer = {'order': [names[n] for n in graph]}
    inner = [n['name'] for n in case['nodes'] if n['op'] != 'Input']
    train = case.get('train')
    if not train:
        mf.forward_pass(graph[-1], graph)
        answer['forward'] = {k: _plain(nodes[k].value) for k in inner}
        return answer
    mf.forward_and_backward(graph)
    answer['forward'] = {k: _plain(nodes[k].value) for k in inner}
    answer['gradients'] = {names[n]: {names[m]: _plain(g) for m, g in n.gradients.items()} for n in graph}
    trainables = [nodes[k] for k in train['trainables']]
    mf.sgd_update(trainables, train['learning_rate'])
    for _ in range(train['epochs'] - 1):
        if stale:  # the bug: backward alone, on the first forward pass's values
            for n in graph[::-1]:
                n.backward()
        else:
            mf.forward_and_backward(graph)
        mf.sgd_update(trainables, train['learning_rate'])
    answer['trained'] = {k: _plain(nodes[k].value) for k in train['trainables']}
    return answer


def _outbound(case):
    return {n['name']: [m['name'] for m in case['nodes'] if n['name'] in m['inputs']] for n in case['nodes']}


def _overwritten(case, types):
    """the bug of overwriting, not summing, in the nodes of `types`, in words that name the nodes it shows at."""
    outbound = _outbound(case)
    shown = ['%s keeps only the gradient from %s, the last of its %d outbound nodes %s' % (
        n['name'], outbound[n['name']][-1], len(outbound[n['name']]), ', '.join(outbound[n['name']]))
        for n in case['nodes'] if n['op'] in types and len(outbound[n['name']]) > 1]
    return Bug('gradients overwritten', 'the gradients of %s nodes overwritten by each outbound node\'s, not summed '
               'over them (%s)' % (' and '.join(types), '; '.join(shown)), SUMS)


def _fanned_types(case):
    """the node types of the case that have a node with more than one outbound node: where overwriting shows."""
    outbound = _outbound(case)
    return sorted({n['op'] for n in case['nodes'] if len(outbound[n['name']]) > 1 and n['op'] != 'MSE'})


def miniflow_bugs(case):
    """[(Bug, run_miniflow's keywords)]: the catalogue, on this case's graph."""
    fanned = _fanned_types(case)
    out = [(_overwritten(case, types), {'ops': {t: type('Overwriting' + t, (_Overwrites, OPS[t]), {}) for t in types}})
           for k in range(1, len(fanned) + 1) for types in itertools.combinations(fanned, k)]
    return out + [
        (Bug('sigmoid derivative of the input', 'the sigmoid\'s derivative taken of its input x, x*(1-x), not of its '
             'output s = sigmoid(x)', 'self.value * (1 - self.value): the derivative at the sigmoid\'s own output'),
         {'ops': {'Sigmoid': _SigmoidOfInput}}),
        (Bug('MSE without 2/m', 'MSE\'s gradients without their 2/m (diff and -diff)',
             '(2 / m) * diff for y and (-2 / m) * diff for a, m the number of rows'), {'ops': {'MSE': _MSEWithout2OverM}}),
        (Bug('discovery order', 'topological_sort returning the order it discovered the nodes in (breadth-first from '
             'the inputs, G\'s keys), not Kahn\'s order L', 'return L: Kahn\'s algorithm puts every node after its '
             'inputs (any topological order passes)'), {'sort': _discovery_order}),
        (Bug('gradients from the wrong pass', 'the forward pass run once, before the epochs: every later backward pass '
             'reads the values of that first forward pass (MSE\'s diff, each Sigmoid\'s output), not of the current '
             'weights', 'run forward_and_backward(graph) in every epoch, then sgd_update'), {'stale': True}),
    ]
