"""the porting bugs of MiniFlow and Shamdasani, replayed: a port whose answer is the reference's run with one of them
is told which (porting_bugs.py does this for the trask listings).

a diagnosis by reproduction, not by pattern: the reference (reference/miniflow.py's nodes, reference/shamdasani.py's
Neural_Network) is rerun on the case's own graph or data and weights, with one bug of the catalogue patched in at a
time; a bug is named only when every number of the port's answer agrees with that run (to 7 digits or the digits
the port wrote) and every number the port got wrong is one the bug changes.
"""
import itertools
import math
from collections import namedtuple

import numpy as np

from nnspec.conformance import cases, porting_bugs
from nnspec.conformance.json_mode import kinds
from nnspec.conformance.porting_bugs import Bug
from nnspec.conformance.tolerance import close, finite
from nnspec.conformance.transcript_mode import numbers
from nnspec.reference import miniflow as mf, shamdasani as sh

SUMS = 'a node sums the gradients of all its outbound nodes: self.gradients[n] += ..., not ='


# MiniFlow: the reference's node classes, one changed

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


# Shamdasani: the reference's Neural_Network, one thing changed

class _PrimeOfPreactivation(sh.Neural_Network):
    """sigmoidPrime given z3 for o and z for z2: the reference's backward, each sigmoid's pre-activation passed."""
    def forward(self, X):
        self._o = super().forward(X)
        return self._o

    def sigmoidPrime(self, s):
        return super().sigmoidPrime(self.z3 if s is self._o else self.z if s is self.z2 else s)


X_SCALES = {'X / np.amax(X, axis=0)': lambda X: X / np.amax(X, axis=0), 'X / np.amax(X)': lambda X: X / np.amax(X),
            'X': lambda X: X}
Y_SCALES = {'y / 100': lambda y: y / 100, 'y': lambda y: y, 'y / np.amax(y)': lambda y: y / np.amax(y)}
POST = ('X / np.amax(X, axis=0)', 'y / 100')  # the post's scaling (the case's `scale`)


def run_shamdasani(case, network=sh.Neural_Network, scale=POST):
    """the post's loop as reference/shamdasani.py runs it, from the case's data and initial weights: the answer, and
    every iteration's output (what the post prints)."""
    X = X_SCALES[scale[0]](np.array(case['X'], dtype=float))
    y = Y_SCALES[scale[1]](np.array(case['y'], dtype=float))
    NN = network.__new__(network)  # the weights are the case's: no draw
    NN.W1, NN.W2 = (np.array(case['initial_weights'][k], dtype=float) for k in ('W1', 'W2'))
    every, checkpoints, outputs = case['report']['every'], [], []
    for i in range(case['iterations']):
        o = NN.forward(X)
        outputs.append(o)
        if i % every == 0:
            checkpoints.append({'iteration': i, 'loss': float(np.mean(np.square(y - o)))})
        NN.backward(X, y, o)
    return {'checkpoints': checkpoints, 'final': {'W1': NN.W1.tolist(), 'W2': NN.W2.tolist(), 'output': o.tolist()},
            'outputs': outputs}  # outputs: not in the answer, so never compared in json mode


def _scaled(scale):
    differs = [(got, post) for got, post in zip(scale, POST) if got != post]
    said = ['%s not scaled' % got if got in ('X', 'y') else '%s scaled as %s' % (got[0], got)
            for got, _ in differs]
    return Bug('data scaled otherwise', 'the data scaled otherwise: %s, where the post scales %s' % (
        ' and '.join(said), ' and '.join(post for _, post in differs)),
        'scale as the post does, X / np.amax(X, axis=0) and y / 100 (the case\'s `scale`)')


def shamdasani_bugs(case):
    """[(Bug, run_shamdasani's keywords)]: the catalogue."""
    return [(Bug('sigmoidPrime of the pre-activation', 'sigmoidPrime applied to the pre-activations z3 and z, not to '
                 'the sigmoid\'s outputs o and z2', 'self.sigmoidPrime(o) and self.sigmoidPrime(self.z2): s * (1 - s) '
                 'of the sigmoid\'s output s'), {'network': _PrimeOfPreactivation})] + [
        (_scaled(scale), {'scale': scale}) for scale in itertools.product(X_SCALES, Y_SCALES) if scale != POST]


# comparing the port's numbers with a bug's run

Target = namedtuple('Target', 'path want got unit wrong tol')  # one number of the port's, where the bug's run has it


def _leaves(tree, path=()):
    """(path, number) for every number of an answer, in order; the order list and iteration numbers are not numbers."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k not in ('protocol', 'order', 'iteration'):
                yield from _leaves(v, path + (k,))
    elif isinstance(tree, list):
        for k, v in enumerate(tree):
            yield from _leaves(v, path + (k,))
    else:
        yield path, tree


def _at(tree, path):
    for k in path:
        try:
            tree = tree[k]
        except (KeyError, IndexError, TypeError):
            return None
    return tree


def _number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _half_unit(got):
    """half a unit in the last digit the port wrote (json mode's Printed remembers how many); 0 when unknown."""
    digits = getattr(got, 'digits', None)
    if not digits or not got or not finite(got):
        return 0.0
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(got))) - digits + 1)


def _same(a, b, unit, tol):
    return finite(a) and (porting_bugs.agrees(a, unit, b) or close(a, b, tol))


def agreeing(targets, predicted, off=0):
    """how many of the port's numbers agree with a bug's run, or 0 when the port is not that bug: every number must
    agree, every number the port got wrong must be one the bug changes, and at least one must be wrong (off: what
    else is wrong and is the bug's: an order). a number off the reference by no more than its printing is not wrong
    here (the digits-written diagnosis says so); a number the bug's run overflows (inf, nan) is not compared: past
    an overflow numpy's arithmetic and a port's part ways."""
    agreed = 0
    for t in targets:
        p = _at(predicted, t.path)
        if not _number(p):
            return 0
        if not finite(p):
            continue
        if not _number(t.got) or not _same(t.got, p, t.unit, t.tol):
            return 0
        wrong = t.wrong and not abs(t.got - t.want) <= t.unit  # off by its printing alone: not the bug's to explain
        if wrong and _same(t.want, p, t.unit, t.tol):
            return 0
        agreed, off = agreed + 1, off + wrong
    return agreed if agreed >= 2 and off else 0


def _answer_targets(want, got, tol):
    """every number of the reference's answer, the port's at the same place (None where it gave none)."""
    out = []
    for path, w in _leaves(want):
        g = _at(got, path)
        out.append(Target(path, w, g, _half_unit(g) if _number(g) else 0.0,
                          not (finite(g) and close(g, w, tol)), tol))
    return out


def _order(case, got, predicted):
    """(does the port's order agree with the bug's run, is it wrong): a bug that keeps a right order need not give
    the reference's own order (set.pop breaks its ties), so a right order agrees unless the bug makes it wrong."""
    if not kinds.order_problems(case['nodes'], got['order']):
        return not kinds.order_problems(case['nodes'], predicted['order']), False
    return got['order'] == predicted['order'], True


def _line(bug, agreed, order=None):
    return ('reproduced: the port\'s numbers are what the listing computes with %s: %d of them agree with that run '
            'to 7 digits or its printing%s. The fix: %s' % (bug.says, agreed, order or '', bug.fix))


def _order_said(case, order):
    _, name, why = kinds.order_problems(case['nodes'], order)[0]
    return ', and so does its order (%s: %s)' % (', '.join(order), why)


def _runs(case):
    """(Bug, its run on the case) for each bug of the catalogue that runs the case."""
    miniflow = case['kind'] == 'miniflow'
    for bug, how in (miniflow_bugs if miniflow else shamdasani_bugs)(case):
        try:
            with np.errstate(over='ignore', invalid='ignore', divide='ignore'):
                yield bug, (run_miniflow if miniflow else run_shamdasani)(case, **how)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue  # the bug cannot run this case (a node before its inputs): it is not this port's


def explain(case, want, got, tol):
    """the 'reproduced: ...' line when the port's answer (got) is one catalogued bug's run, else None; want: the
    reference's answer, tol: the case's tolerance."""
    targets = _answer_targets(want, got, tol)
    for bug, predicted in _runs(case):
        same, wrong = _order(case, got, predicted) if case['kind'] == 'miniflow' else (True, False)
        agreed = same and agreeing(targets, predicted, off=int(wrong))
        if agreed:
            return _line(bug, agreed, _order_said(case, got['order']) if wrong else None)
    return None


TRANSCRIPT_RUNS = {'shamdasani/train': 'shamdasani/train'}  # a transcript case -> the json case of the run it prints


def _transcript_path(quantity, index):
    name, _, at = quantity.partition('@')
    return {'predicted': ('outputs', int(at)) + tuple(index or ()), 'loss': ('checkpoints', int(at), 'loss')}.get(name)


def for_transcript(id_, values, rows):
    """explain() for a transcript of these tutorials: the printed numbers (rows, in the order of the case's values)
    against the bugs' runs; None for a transcript no bug of the catalogue can show in (miniflow/quizzes: forward
    passes only)."""
    if id_ not in TRANSCRIPT_RUNS:
        return None
    targets = []
    for v, r in zip(values, rows):
        path = _transcript_path(v['quantity'], v['index'])
        if r.chaotic or path is None:
            continue
        try:
            got = float(r.got)
        except (TypeError, ValueError):
            got = None  # missing: no bug explains it
        targets.append(Target(path, v['want'], got, numbers.half_unit(r.got) if got is not None else 0.0,
                              not r.ok and not r.unverifiable, v))
    case = cases.load(TRANSCRIPT_RUNS[id_], 'json')[0]
    for bug, predicted in _runs(case):
        agreed = agreeing(targets, predicted)
        if agreed:
            return _line(bug, agreed)
    return None
