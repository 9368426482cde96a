"""the porting bugs people make, replayed: a port whose numbers are what the listing computes with one of them is told which.

a diagnosis by reproduction, not by pattern: nnspec reruns the listing's loop (nnspec.loop) from the port's
own start with each bug of the catalogue in turn, and names the one whose run the port's numbers agree with,
number for number. the run stops at the first checkpoint the port got wrong, so a bug costs a fraction of a
run; only rows up to there are compared. the catalogue also holds causes that are no porting bug (float32
arithmetic): named the same way, by the run that reproduces the numbers.
"""
import re
from collections import namedtuple

import numpy as np

from nnspec import loop
from nnspec.numerics import LISTING, Ops, Variant

Bug = namedtuple('Bug', 'name says fix')  # fix None: a cause, not a porting bug (said as such)
Entry = namedtuple('Entry', 'bug ops edits')
FULL = 5000  # a run this short is replayed whole, final numbers too; a longer one up to its first wrong checkpoint
AGREE = 1e-7  # relative: a bug's run and the port agree this well (half a unit of a coarser printed digit too)
FLOAT32_AGREE = 1e-6  # relative: the digits a float32 run keeps (6), where two float32 arithmetics may differ
# a bug's run from a plateau is chaotic too: when its arithmetic reproduces the port's first wrong number but not
# the later ones, it is replayed under these (plain python's and c's libm exp and left-to-right sums among them)
# and a number is held to the spread they make
SPREAD = (Variant('libm', 'naive', 'listing'), Variant('numpy', 'naive', 'listing'), Variant('longdouble', 'blas', 'listing'))


class _DerivativeOfOutput(Ops):
    """c ports: the derivative written exp(x)/(1+exp(x))^2, then applied to the sigmoid's output."""
    def __init__(self, variant=LISTING):
        super().__init__(variant)
        self.delta = lambda error, output: error*(self.sigmoid(output)*(1-self.sigmoid(output)))


class _DerivativeOfPreactivation(Ops):
    """s*(1-s) with s = X.w, the layer before its sigmoid: the sigmoid keeps what it was given."""
    def __init__(self, variant=LISTING):
        super().__init__(variant)
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


class _Measured(Ops):
    """the listing's training, another checkpoint error: measured(error) for mean(abs(error))."""
    def __init__(self, measured, variant=LISTING):
        super().__init__(variant)
        self.measure = measured


def _signed_mean(sign):
    return lambda error: np.mean(sign * error)


def _floor_mean(error):
    """python's sum // n (or c's int division of a truncated sum): the mean abs error floored, 0 below 1."""
    return np.floor(np.sum(np.abs(error)) / error.size)


class _Float32Statements(Ops):
    """float32 arrays, each statement computed in binary64 and stored rounded to float32: a port in plain
    floats rounding every array it keeps (c's float variables with double temporaries, python's struct)."""
    def __init__(self, variant=LISTING):
        super().__init__(variant)
        self.dot = lambda a, b: _f64(a).dot(_f64(b)).astype(np.float32)
        self.mean = lambda x: np.float32(np.mean(_f64(x)))
        self.delta = lambda error, output: (_f64(error)*(_f64(output)*(1-_f64(output)))).astype(np.float32)

    def sigmoid(self, x):
        return (1/(1+np.exp(-_f64(x)))).astype(np.float32)

    def scaled(self, alpha, update):
        return update if alpha is None else alpha * _f64(update)  # `w -= ` rounds w - alpha*update once


def _f64(a):
    return np.asarray(a, dtype=np.float64)


def _column_major(w):
    """a matrix's numbers read column by column into its rows (julia's reshape, a flat c array indexed [j][i])."""
    return w.ravel().reshape(w.shape[::-1]).T.copy()


def _transposed_reading(w):
    """a matrix's numbers read row by row from its columns: the nested list walked column first."""
    return w.ravel(order='F').reshape(w.shape).copy()


DERIVATIVE_OF_PREACTIVATION = Bug(
    'derivative of the pre-activation', 'the sigmoid\'s derivative taken of the pre-activation: z*(1-z) with z = '
    'layer.dot(synapse), not of sigmoid(z)', 'take l*(1-l) of the layer\'s output l = sigmoid(z)')
SIGNED_MEAN = Bug('signed mean', 'the error reported as the signed mean, mean(error), not mean(abs(error))',
                  'report np.mean(np.abs(error)): the mean of the absolute errors')
FLOOR_MEAN = Bug('integer division', 'the mean error by integer division (sum(abs(error)) // n: python 2\'s / or '
                 'python\'s // on the sum, c\'s int division), floored to a whole number (0 while the mean is below 1)',
                 'divide in floating point: np.mean(np.abs(error)), or sum / float(n)')
READ_ORDER = Bug('initial weights read in another order', 'initial_weights read in another order than row by row: '
                 'each matrix\'s numbers filled column by column (a flat array indexed [column][row], a column-major '
                 'reshape)', 'synapse_i[r][c] is initial_weights["synapse_i"][r][c]: row r of the list, column c')
FLOAT32 = Bug('float32', 'in single precision (float32)', None)

BUGS = [
    Entry(Bug('derivative of the output', 'the sigmoid\'s derivative applied to the output as if it were the input '
              '(exp(x)/(1+exp(x))^2 of the layer\'s output, i.e. s(l)*(1-s(l)))',
              'the derivative of the sigmoid at a layer is l*(1-l) of the layer\'s own output l'), _DerivativeOfOutput, {}),
    Entry(DERIVATIVE_OF_PREACTIVATION, _DerivativeOfPreactivation, {}),
    Entry(Bug('update sign flipped', 'the update\'s sign flipped (w += alpha*update with error = output - y, or -= '
              'with y - output)', 'with error = output - y the listing subtracts: w -= alpha * layer.T.dot(delta)'),
          _SignFlipped, {}),
    Entry(Bug('alpha dropped', 'alpha left out of the update', 'scale each update: w -= alpha * layer.T.dot(delta)'),
          Ops, {'alpha': None}),
    Entry(Bug('error one step late', 'the error measured after the iteration\'s update (iteration j+1\'s error printed '
              'as j\'s)', 'take mean(abs(error)) of the forward pass, before the update'), Ops, {'late': True}),
    Entry(SIGNED_MEAN, lambda v=LISTING: _Measured(_signed_mean(1), v), {}),
    Entry(SIGNED_MEAN, lambda v=LISTING: _Measured(_signed_mean(-1), v), {}),  # the other error sign's
    Entry(FLOOR_MEAN, lambda v=LISTING: _Measured(_floor_mean, v), {}),
    Entry(READ_ORDER, Ops, {'start': _column_major}),
    Entry(READ_ORDER, Ops, {'start': _transposed_reading}),
    Entry(FLOAT32, _Float32Statements, {'dtype': np.float32, 'agree': FLOAT32_AGREE}),
    Entry(FLOAT32, Ops, {'dtype': np.float32, 'agree': FLOAT32_AGREE}),  # numpy's float32 arrays
]


class _NaNGuarded(object):
    """a sigmoid that gives 0 for NaN, as `x > -709 ? 1/(1+exp(-x)) : 0` does: a port whose weights overflow to
    NaN trains on with those units at 0, where numpy's sigmoid gives NaN."""
    def __init__(self, sigmoid):
        self.sigmoid = sigmoid

    def __call__(self, x):
        s = self.sigmoid(x)
        s[np.isnan(x)] = 0.0  # in place: the derivative of the pre-activation finds its layers by identity
        return s


NAN_GUARD = (' (its weights overflow to NaN, and the port\'s sigmoid gives 0 for NaN, as a guard '
             '`x > -709 ? 1/(1+exp(-x)) : 0` does: replayed so)')
CHAOTIC = ' (a chaotic run: held to the spread of its honest arithmetics, plain python\'s and c\'s among them)'


def run(net, weights, ops, alpha='listing', late=False, until=None, dtype=float, start=None):
    """{'errors': [(j, error)], 'synapse_i', 'output'} of the listing's loop under `ops`, up to iteration `until`;
    dtype: the arrays' (np.float32: single precision); start(matrix): the weights as the port read them."""
    every, n = net['every'], net['iterations'] if until is None else min(net['iterations'], until + 1 + late)
    weights = [np.array(start(w) if start else w, dtype=dtype) for w in weights]
    r = loop.train(ops, np.array(net['X'], dtype=dtype), np.array(net['y'], dtype=dtype), weights,
                   net['alpha'] if alpha == 'listing' else alpha, net['error_sign'] == 'y - output', n,
                   1 if late else every)
    errors = r['errors'][1:] if late else r['errors']
    out = {'errors': [(j, errors[j]) for j in range(0, n - late, every)] if late else
           list(zip(range(0, n, every), errors)), 'output': r['output'], 'complete': n == net['iterations']}
    out.update(('synapse_%d' % i, w) for i, w in enumerate(r['synapses']))
    return out


def _finite(result):
    return all(np.all(np.isfinite(np.asarray(v, dtype=float))) for k, v in result.items() if k != 'complete') and \
        all(np.isfinite(float(e)) for _, e in result['errors'])


def agrees(got, text_unit, predicted, relative=AGREE):
    """is the port's number the bug's, within what its printing and honest rounding allow? (NaN is NaN's)"""
    if np.isnan(got) or np.isnan(predicted):
        return bool(np.isnan(got) and np.isnan(predicted))
    return abs(got - predicted) <= max(text_unit, relative * abs(predicted), 1e-15)


def first_match(compare, applicable=lambda entry: True):
    """the one bug of the catalogue for which compare(entry) says the port's numbers are its run's: (bug, how many
    numbers agree, what else the run needed), or None: none does, or two bugs do (the numbers cannot tell them)."""
    found = []
    for entry in BUGS:
        if applicable(entry) and not any(f[0] is entry.bug for f in found):
            agreed, extra = compare(entry)
            if agreed:
                found.append((entry.bug, agreed, extra))
    return found[0] if len(found) == 1 else None


def line(bug, agreed, extra=''):
    if bug.fix is None:  # a cause, not a bug
        return ('reproduced: the port\'s numbers are what the listing computes %s%s: %d of them agree with that run to '
                '%d digits (what float32 keeps) or its printing. Not a porting bug: honest arithmetic in 32-bit floats, '
                'where the listing computes in binary64 (float64); compute in float64 to conform'
                % (bug.says, extra, agreed, -np.log10(FLOAT32_AGREE)))
    return ('reproduced: the port\'s numbers are what the listing computes with %s%s: %d of them agree with that run '
            'to 7 digits or its printing. The fix: %s' % (bug.says, extra, agreed, bug.fix))


def _value(result, name, checkpoint, index):
    if name == 'error':
        return float(result['errors'][checkpoint][1])
    return float(np.asarray(result[name], dtype=float)[tuple(index or ())])


def _compared(r, name, checkpoint):
    """does the run `r` give this number? (not past where it stopped, a quantity it computes)"""
    return r is not None and (r['complete'] and name in r if checkpoint is None else checkpoint < len(r['errors']))


def _reproduces(targets, runs_of, relative=AGREE, closer=False):
    """how many numbers agree with the bug's runs, or 0: targets are (got, its text's half unit, json id, name,
    checkpoint or None, index, off against the reference?, the reference's value); runs_of(json id) gives the bug's
    runs: its arithmetic's, then any honest variants', whose spread a number may lie anywhere in. every number
    compared must agree with the bug, at least two wrong ones (error@0 agrees with most bugs, and one number alone
    may agree by chance: two saturated runs both print 0.4999999), and every wrong one must be one the bug changes
    (closer: a cause within the reference's reach, float32: the wrong ones, together, nearer the cause's run than the
    reference)."""
    agreed, off, to_cause, to_listing = 0, 0, 0.0, 0.0
    for got, unit, json_id, name, checkpoint, index, wrong, want in targets:
        runs = runs_of(json_id)
        if not runs or not _compared(runs[0], name, checkpoint):
            continue  # past where the bug's run stopped, or a quantity it does not compute: not compared
        predicted = [_value(r, name, checkpoint, index) for r in runs]
        if not _within(got, unit, predicted, relative) or (
                wrong and not closer and _within(want, unit, predicted, relative)):
            return 0  # the port is not this bug, or the bug does not explain why this number is wrong
        agreed, off = agreed + 1, off + wrong
        if wrong and closer:
            to_cause, to_listing = to_cause + abs(got - predicted[0]), to_listing + abs(got - want)
    return agreed if off >= 2 and (not closer or to_cause < to_listing) else 0  # two wrong numbers, not one


def _within(got, unit, predicted, relative):
    """does `got` agree with one of the runs' values, or lie in their spread (widened by its own width)?"""
    if len(predicted) == 1 or any(np.isnan(predicted)):
        return any(agrees(got, unit, p, relative) for p in predicted)
    lo, hi = min(predicted), max(predicted)
    return lo - (hi - lo) <= got <= hi + (hi - lo) or any(agrees(got, unit, p, relative) for p in predicted)


def _until(net, targets):
    """the iteration of the checkpoint after the first one the port got wrong (the bug's run stops there); None: a
    full run (a final number is wrong)."""
    wrong = [c for _, _, _, name, c, _, w, _ in targets if w and name == 'error']
    if not wrong or any(w and name != 'error' for _, _, _, name, _, _, w, _ in targets):
        return None
    return (min(wrong) + 1) * net['every']  # and the checkpoint after it: two wrong numbers, not one


def _first_wrong_agrees(targets, r, relative, closer=False):
    """does the bug's run give the port's first wrong number? (then a mismatch later may be the run's chaos)"""
    t = next((t for t in targets if t[6] and _compared(r, t[3], t[4])), None)
    return t is not None and agrees(t[0], t[1], _value(r, t[3], t[4], t[5]), relative) and (closer or not agrees(
        t[7], t[1], _value(r, t[3], t[4], t[5]), relative))


def explain(nets, weights, targets):
    """the 'reproduced: ...' line when the port's numbers are one catalogued bug's run, else None.
    nets, weights: {json id: network}, {json id: [matrices]}: the runs the port's numbers come from."""
    ids = {t[2] for t in targets if t[6]}
    if not targets or not ids:
        return None
    first = min(ids, key=lambda j: min(k for k, t in enumerate(targets) if t[2] == j and t[6]))
    targets = [t for t in targets if t[2] == first]  # one run: a sweep's first wrong alpha
    net = nets[first]
    cut = None if net['iterations'] <= FULL else _until(net, targets)
    glance = cut and cut - net['every']  # the first wrong checkpoint: most bugs are told apart there

    def replay(entry, guarded=False, variant=LISTING, until=cut):
        ops = entry.ops(variant)
        if guarded:
            ops.sigmoid = _NaNGuarded(ops.sigmoid)
        e = entry.edits
        with np.errstate(over='ignore', invalid='ignore', divide='ignore'):
            return run(net, weights[first], ops, e.get('alpha', 'listing'), e.get('late', False), until,
                       e.get('dtype', float), e.get('start'))

    def compare(entry):
        relative, closer = entry.edits.get('agree', AGREE), entry.bug.fix is None
        if glance:
            r = replay(entry, until=glance)
            if not _finite(r):
                r = replay(entry, guarded=True, until=glance)
            if not _first_wrong_agrees(targets, r, relative, closer):
                return 0, ''
        r = replay(entry)
        agreed = _reproduces(targets, lambda j: [r], relative, closer)
        if agreed:
            return agreed, ''
        if not _finite(r):  # the run overflowed to NaN: a port may carry on where numpy's does not
            r = replay(entry, guarded=True)
            agreed = _reproduces(targets, lambda j: [r], relative, closer)
            return agreed, NAN_GUARD if agreed else ''
        if 'dtype' in entry.edits or not _first_wrong_agrees(targets, r, relative):
            return 0, ''
        runs = [replay(entry, until=None)] + [replay(entry, variant=v, until=None) for v in SPREAD]
        agreed = _reproduces(targets, lambda j: runs, relative, closer)
        return agreed, CHAOTIC if agreed else ''

    def applicable(entry):
        return not ('alpha' in entry.edits and net['alpha'] in (None, 1))  # no alpha to drop
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
