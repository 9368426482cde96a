"""the porting bugs of MiniFlow and Shamdasani, replayed: a port whose answer is the reference's run with one of them
is told which (porting_bugs.py does this for the trask listings).

a diagnosis by reproduction, not by pattern: the reference (reference/miniflow.py's nodes, reference/shamdasani.py's
Neural_Network) is rerun on the case's own graph or data and weights, with one bug of the catalogue patched in at a
time; a bug is named only when every number of the port's answer agrees with that run (to 7 digits or the digits
the port wrote) and every number the port got wrong is one the bug changes. the catalogues: miniflow_bugs.py,
shamdasani_bugs.py; here, the comparison.
"""
import math
from collections import namedtuple

import numpy as np

from nnspec.conformance import cases, porting_bugs
from nnspec.conformance.json_mode.miniflow_bugs import miniflow_bugs, run_miniflow
from nnspec.conformance.json_mode.shamdasani_bugs import run_shamdasani, shamdasani_bugs
from nnspec.conformance.json_mode.topological import order_problems
from nnspec.conformance.tolerance import close, finite
from nnspec.conformance.transcript_mode import numbers

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
    if not order_problems(case['nodes'], got['order']):
        return not order_problems(case['nodes'], predicted['order']), False
    return got['order'] == predicted['order'], True


def _line(bug, agreed, order=None):
    return ('reproduced: the port\'s numbers are what the listing computes with %s: %d of them agree with that run '
            'to 7 digits or its printing%s. The fix: %s' % (bug.says, agreed, order or '', bug.fix))


def _order_said(case, order):
    _, name, why = order_problems(case['nodes'], order)[0]
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
