"""json mode for the other tutorials' cases (a `kind` field): MiniFlow graphs, Shamdasani's loop.

rows come in the order the listing computes them, so the first wrong row is
where the port went wrong: miniflow's topological order, forward values in
that order, gradients in backward order, the trainables after sgd;
shamdasani's loss at every checkpoint, then the final matrices.
"""
import json

from nnspec.conformance import outcome, tolerance
from nnspec.conformance.json_mode import kind_bugs, trask
from nnspec.conformance.json_mode.topological import order_problems
from nnspec.conformance.tolerance import DEFAULT, close, finite

STABLE_TOLERANCE = dict(DEFAULT, sensitive=False, why='a stable run: honest ports agree with numpy to 1e-12 or better')


def _order(rows, case, want, got):
    if not isinstance(got, list) or not all(isinstance(n, str) for n in got):
        rows.append(outcome.row('order', 'a list of node names', json.dumps(got)[:60], False, why='no order'))
        return
    bad = {k: why for k, _, why in order_problems(case['nodes'], got)}
    for k in range(max(len(got), len(want))):
        name = got[k] if k < len(got) else 'missing'
        ok = k not in bad and k < len(got)
        why = bad.get(k) or 'the order has %d nodes, the case %d' % (len(got), len(want))
        rows.append(outcome.row('order[%d]' % k, want[k] if k < len(want) else 'nothing', name, ok,
                                why=None if ok else why + ' (any topological order passes)'))


def _value(rows, where, want, got, tol):
    """one number, or a matrix element by element."""
    if not isinstance(want, list):
        ok = finite(got) and close(got, want, tol)
        allowed = tolerance.allowed(want, tol)
        why = None if ok else ('off by %.3g (allowed %.3g)' % (got - want, allowed) if finite(got) else
                               'missing, or not a finite number' if got is None else 'not a finite number')
        rows.append(outcome.row(where, repr(want), json.dumps(got), ok, distance=got - want if finite(got) else None,
                                tolerance=allowed, why=why))
        return
    shape = lambda m: (len(m), len(m[0]) if m else 0) if isinstance(m, list) and all(isinstance(r, list) for r in m) \
        and len({len(r) for r in m}) <= 1 else None
    if shape(got) != shape(want):
        rows.append(outcome.row(where, 'shape %dx%d' % shape(want), 'missing' if got is None else 'shape %s' % (
            'x'.join(map(str, shape(got))) if shape(got) else json.dumps(got)[:40]), False, why='wrong shape'))
        return
    for i, (rw, rg) in enumerate(zip(want, got)):
        for j, (a, b) in enumerate(zip(rw, rg)):
            _value(rows, '%s[%d][%d]' % (where, i, j), a, b, tol)


def _miniflow(rows, case, want, got, tol):
    op = {n['name']: n['op'] for n in case['nodes']}
    _order(rows, case, want['order'], got.get('order'))
    for name, w in want.get('forward', {}).items():
        _value(rows, '%s %s forward' % (op[name], name), w, (got.get('forward') or {}).get(name), tol)
    for name, grads in want.get('gradients', {}).items():
        for wrt, w in grads.items():
            g = ((got.get('gradients') or {}).get(name) or {}).get(wrt)
            _value(rows, '%s %s backward: d%s' % (op[name], name, wrt), w, g, tol)
    epochs = case.get('train', {}).get('epochs')
    for name, w in want.get('trained', {}).items():
        _value(rows, 'after %d sgd update%s: %s' % (epochs, 's' if epochs > 1 else '', name), w,
               (got.get('trained') or {}).get(name), tol)


def _shamdasani(rows, case, want, got, tol):
    theirs = got['checkpoints']  # one per checkpoint, in order: a repeated or shuffled one is not an answer
    for k, c in enumerate(want['checkpoints']):
        g = theirs[k] if k < len(theirs) else {'iteration': c['iteration'], 'loss': None}
        if g['iteration'] != c['iteration']:
            rows.append(outcome.row('loss@%d' % c['iteration'], 'iteration %d' % c['iteration'], 'iteration %d' % g['iteration'],
                                    False, why='checkpoint %d is iteration %d, expected %d (one per checkpoint, in order)'
                                    % (k, g['iteration'], c['iteration'])))
            continue
        _value(rows, 'loss@%d' % c['iteration'], c['loss'], g['loss'], tol)
    if len(theirs) > len(want['checkpoints']):
        rows.append(outcome.row('checkpoints', '%d checkpoints' % len(want['checkpoints']), '%d' % len(theirs), False,
                                why='%d checkpoints, expected %d' % (len(theirs), len(want['checkpoints']))))
    for name, w in want['final'].items():
        _value(rows, name, w, got['final'].get(name), tol)


CHECKS = {'miniflow': _miniflow, 'shamdasani': _shamdasani}


def check(case, expected, run_):
    """the outcome of a json case of another kind, given the port's Run."""
    out = outcome.Outcome(case['id'], 'json')
    out.port_seconds = run_.seconds
    answer, broken = trask.read(out, run_, case['kind'])
    if broken:
        return broken
    CHECKS[case['kind']](out.rows, case, expected['answer'], answer, expected['tolerance'])
    out = outcome.finish(out)
    if out.code == outcome.NOT_CONFORMANT:
        reproduced = kind_bugs.explain(case, expected['answer'], answer, expected['tolerance'])
        if reproduced:  # the cause: it replaces the guess at one when every number is off
            out.diagnosis = [reproduced] + [d for d in out.diagnosis if not d.startswith('every number is off')]
    return out
