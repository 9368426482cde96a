"""the porting bugs people make, replayed: a port whose numbers are what the listing computes with one of them is told which.

a diagnosis by reproduction, not by pattern: nnspec reruns the listing's loop (nnspec.loop) from the port's
own start with each bug of the catalogue in turn, and names the one whose run the port's numbers agree with,
number for number. the run stops at the first checkpoint the port got wrong, so a bug costs a fraction of a
run; only rows up to there are compared.
"""
import re
from collections import namedtuple

import numpy as np

from nnspec import loop
from nnspec.numerics import Ops

Bug = namedtuple('Bug', 'name says fix')
FULL = 5000  # a run this short is replayed whole, final numbers too; a longer one up to its first wrong checkpoint
AGREE = 1e-7  # relative: a bug's run and the port agree this well (half a unit of a coarser printed digit too)


class _DerivativeOfOutput(Ops):
    """c ports: the derivative written exp(x)/(1+exp(x))^2, then applied to the sigmoid's output."""
    def __init__(self):
        super().__init__()
        self.delta = lambda error, output: error*(self.sigmoid(output)*(1-self.sigmoid(output)))


class _DerivativeOfPreactivation(Ops):
    """s*(1-s) with s = X.w, the layer before its sigmoid: the sigmoid keeps what it was given."""
    def __init__(self):
        super().__init__()
        self._given = []  # (output, the pre-activation it came from): the layers of the last iteration or two
        self.delta = lambda error, output: error*self._derivative(output)

    def sigmoid(self, x):
        s = super().sigmoid(x)
        self._given = self._given[-7:] + [(s, x)]
        return s

    def _derivative(self, output):
        z = next(z for s, z in reversed(self._given) if s is output)
        return z*(1-z)


class _SignFlipped(Ops):
    """the update's sign flipped: w += alpha*update with error = output - y (or the reverse)."""
    def scaled(self, alpha, update):
        return -super().scaled(alpha, update)


BUGS = [
    (Bug('derivative of the output', 'the sigmoid\'s derivative applied to the output as if it were the input '
         '(exp(x)/(1+exp(x))^2 of the layer\'s output, i.e. s(l)*(1-s(l)))',
         'the derivative of the sigmoid at a layer is l*(1-l) of the layer\'s own output l'), _DerivativeOfOutput, {}),
    (Bug('derivative of the pre-activation', 'the sigmoid\'s derivative taken of the pre-activation: z*(1-z) with z = '
         'layer.dot(synapse), not of sigmoid(z)', 'take l*(1-l) of the layer\'s output l = sigmoid(z)'),
     _DerivativeOfPreactivation, {}),
    (Bug('update sign flipped', 'the update\'s sign flipped (w += alpha*update with error = output - y, or -= with '
         'y - output)', 'with error = output - y the listing subtracts: w -= alpha * layer.T.dot(delta)'), _SignFlipped, {}),
    (Bug('alpha dropped', 'alpha left out of the update', 'scale each update: w -= alpha * layer.T.dot(delta)'),
     Ops, {'alpha': None}),
    (Bug('error one step late', 'the error measured after the iteration\'s update (iteration j+1\'s error printed '
         'as j\'s)', 'take mean(abs(error)) of the forward pass, before the update'), Ops, {'late': True}),
]


def run(net, weights, ops, alpha='listing', late=False, until=None):
    """{'errors': [(j, error)], 'synapse_i', 'output'} of the listing's loop under `ops`, up to iteration `until`."""
    every, n = net['every'], net['iterations'] if until is None else min(net['iterations'], until + 1 + late)
    r = loop.train(ops, np.array(net['X'], dtype=float), np.array(net['y'], dtype=float), weights,
                   net['alpha'] if alpha == 'listing' else alpha, net['error_sign'] == 'y - output', n,
                   1 if late else every)
    errors = r['errors'][1:] if late else r['errors']
    out = {'errors': [(j, errors[j]) for j in range(0, n - late, every)] if late else
           list(zip(range(0, n, every), errors)), 'output': r['output'], 'complete': n == net['iterations']}
    out.update(('synapse_%d' % i, w) for i, w in enumerate(r['synapses']))
    return out


def agrees(got, text_unit, predicted):
    """is the port's number the bug's, within what its printing and honest rounding allow?"""
    return abs(got - predicted) <= max(text_unit, AGREE * abs(predicted), 1e-15)


def first_match(compare, applicable=lambda bug, edits: True):
    """the first bug of the catalogue for which compare(ops, edits) says the port's numbers are its run's:
    (bug, how many numbers agree), or None."""
    for bug, ops, edits in BUGS:
        if not applicable(bug, edits):
            continue
        agreed = compare(ops(), edits)
        if agreed:
            return bug, agreed
    return None


def line(bug, agreed):
    return ('reproduced: the port\'s numbers are what the listing computes with %s: %d of them agree with that run '
            'to 7 digits or its printing. The fix: %s' % (bug.says, agreed, bug.fix))


def _value(result, name, checkpoint, index):
    if name == 'error':
        return float(result['errors'][checkpoint][1])
    return float(np.asarray(result[name], dtype=float)[tuple(index or ())])


def _reproduces(targets, runs_of):
    """how many numbers agree with the bug's runs, or 0: targets are (got, its text's half unit, json id, name,
    checkpoint or None, index, off against the reference?, the reference's value); runs_of(json id) gives the bug's
    run. every number compared must agree with the bug, and every wrong one must be one the bug changes."""
    agreed, off = 0, 0
    for got, unit, json_id, name, checkpoint, index, wrong, want in targets:
        r = runs_of(json_id)
        if r is None or (checkpoint is None and (not r['complete'] or name not in r)) or (
                checkpoint is not None and checkpoint >= len(r['errors'])):
            continue  # past where the bug's run stopped, or a quantity it does not compute: not compared
        predicted = _value(r, name, checkpoint, index)
        if not agrees(got, unit, predicted) or (wrong and agrees(want, unit, predicted)):
            return 0  # the port is not this bug, or the bug does not explain why this number is wrong
        agreed, off = agreed + 1, off + wrong
    return agreed if agreed >= 2 and off else 0


def _until(net, targets):
    """the iteration of the checkpoint after the first one the port got wrong (the bug's run stops there); None: a
    full run (a final number is wrong)."""
    wrong = [c for _, _, _, name, c, _, w, _ in targets if w and name == 'error']
    if not wrong or any(w and name != 'error' for _, _, _, name, _, _, w, _ in targets):
        return None
    return (min(wrong) + 1) * net['every']  # and the checkpoint after it: two wrong numbers, not one


def explain(nets, weights, targets):
    """the 'reproduced: ...' line when the port's numbers are one catalogued bug's run, else None.
    nets, weights: {json id: network}, {json id: [matrices]}: the runs the port's numbers come from."""
    ids = {t[2] for t in targets if t[6]}
    if not targets or not ids:
        return None
    first = min(ids, key=lambda j: min(k for k, t in enumerate(targets) if t[2] == j and t[6]))
    targets = [t for t in targets if t[2] == first]  # one run: a sweep's first wrong alpha
    net = nets[first]
    until = None if net['iterations'] <= FULL else _until(net, targets)

    def compare(ops, edits):
        with np.errstate(over='ignore', invalid='ignore', divide='ignore'):
            r = run(net, weights[first], ops, edits.get('alpha', 'listing'), edits.get('late', False), until)
        return _reproduces(targets, lambda j: r)

    def applicable(bug, edits):
        return not ('alpha' in edits and net['alpha'] in (None, 1))  # no alpha to drop
    found = first_match(compare, applicable)
    return line(*found) if found else None


_ELEMENT = re.compile(r'^(synapse_\d+|output)\[(\d+)\]\[(\d+)\]$')


def for_json(case, rows):
    """explain() for a trask json case: the port's answer rows against the bugs' runs from the case's start."""
    n = case['network']
    net = {'X': case['X'], 'y': case['y'], 'alpha': n['alpha'], 'error_sign': n['error_sign'],
           'iterations': case['iterations'], 'every': case['report']['every']}
    weights = [np.array(case['initial_weights']['synapse_%d' % i], dtype=float) for i in range(len(n['layers']) - 1)]
    targets = []
    for r in rows:
        if r.chaotic or r.unverifiable or r.where.startswith('segment@'):
            continue
        try:
            got, _ = float(r.got), float(r.expected)
        except (TypeError, ValueError):
            continue
        element = _ELEMENT.match(r.where)
        want = float(r.expected)
        if r.where.startswith('error@'):
            targets.append((got, 0.0, case['id'], 'error', int(r.where[6:]) // net['every'], None, not r.ok, want))
        elif element:
            targets.append((got, 0.0, case['id'], element.group(1), None, (int(element.group(2)), int(element.group(3))),
                            not r.ok, want))
    return explain({case['id']: net}, {case['id']: weights}, targets)


def for_transcript(id_, values, rows, weights):
    """explain() for a trask transcript: the printed numbers (rows, in the order of the case's values) against the
    bugs' runs from `weights` ({json id: [matrices]}: the seeded start, or the port's own printed one)."""
    from nnspec.conformance import networks
    from nnspec.conformance.transcript_mode import numbers, printed
    what = {quantity: (name, printed.json_case(id_, where), checkpoint)
            for quantity, name, where, checkpoint in printed.LISTINGS[id_][3]}
    targets = []
    for value, r in zip(values, rows):
        if r.chaotic or value['quantity'] not in what:
            continue
        try:
            got = float(r.got)
        except (TypeError, ValueError):
            continue
        name, json_id, checkpoint = what[value['quantity']]
        targets.append((got, numbers.half_unit(r.got), json_id, name, checkpoint, value['index'],
                        not r.ok and not r.unverifiable, value['want']))
    return explain(networks.all_listings(), weights, targets)
