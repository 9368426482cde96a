"""json mode: the case on stdin, the port's answer on stdout, compared at full precision.

checkpoints first, in iteration order, then the final quantities element by
element; the first row that is off is where the port diverged.
"""
import json

from nnspec.conformance import cases, outcome, tolerance
from nnspec.conformance.tolerance import close, finite, for_checkpoint


def _shape(m):
    if not isinstance(m, list) or not all(isinstance(r, list) for r in m):
        return None
    return (len(m), len(m[0]) if m else 0) if len({len(r) for r in m}) <= 1 else None


def _number(where, want, got, tol, **extra):
    if not finite(got):
        return outcome.row(where, repr(want), json.dumps(got), False, why='not a finite number', **extra)
    ok = close(got, want, tol)
    allowed = tol['atol'] + tol['rtol'] * abs(want)
    return outcome.row(where, repr(want), repr(got), ok, distance=got - want, tolerance=allowed,
                       why=None if ok else 'off by %.3g (allowed %.3g)' % (got - want, allowed), **extra)


def _checkpoints(rows, want, got, tol):
    for k, w in enumerate(want):
        where = 'error@%d' % w['iteration']
        if k >= len(got):
            rows.append(outcome.row(where, repr(w['error']), 'missing', False, why='checkpoint missing'))
            continue
        if got[k]['iteration'] != w['iteration']:
            rows.append(outcome.row(where, 'iteration %d' % w['iteration'], 'iteration %d' % got[k]['iteration'], False,
                                    why='checkpoint %d is iteration %d, expected %d' % (k, got[k]['iteration'], w['iteration'])))
            continue
        rows.append(_number(where, w['error'], got[k]['error'], for_checkpoint(tol, k), iteration=w['iteration']))
    if len(got) > len(want):
        rows.append(outcome.row('checkpoints', '%d checkpoints' % len(want), '%d' % len(got), False,
                                why='%d checkpoints, expected %d' % (len(got), len(want))))


def _finals(rows, want, got, tol):
    for name, w in want.items():
        if name not in got:
            rows.append(outcome.row(name, 'a %dx%d matrix' % _shape(w), 'missing', False, why='final %s missing' % name))
            continue
        if _shape(got[name]) != _shape(w):
            rows.append(outcome.row(name, 'shape %dx%d' % _shape(w), 'shape %s' % ('x'.join(map(str, _shape(got[name])))
                                    if _shape(got[name]) else 'ragged'), False, why='wrong shape'))
            continue
        for i, (rw, rg) in enumerate(zip(w, got[name])):
            for j, (a, b) in enumerate(zip(rw, rg)):
                rows.append(_number('%s[%d][%d]' % (name, i, j), a, b, tol['final'][name]))


def check(case, expected, run_):
    """the outcome of a json case, given the port's Run."""
    out = outcome.new(case['id'], 'json')
    out['port_seconds'] = run_.seconds
    text, broken = outcome.stdout_text(out, run_, 'the port printed nothing (json mode wants an answer on stdout)')
    if broken:
        return broken
    try:
        answer = json.loads(text)
        problems = cases.answer_errors(answer)
    except json.JSONDecodeError as e:
        return outcome.broken(out, 'the answer is not json: line %d column %d: %s; stdout starts: %r' % (e.lineno, e.colno, e.msg, text[:80]))
    except RecursionError:
        return outcome.broken(out, 'the answer is nested too deeply to be an answer; stdout starts: %r' % text[:40])
    if problems:
        return outcome.broken(out, 'the answer breaks answer.schema.json: %s' % '; '.join(problems[:3]))
    if 'unsupported' in answer:  # the port's "not this case" (answer.schema.json)
        return outcome.broken(out, answer['unsupported'], outcome.UNSUPPORTED)
    tol = expected['tolerance']
    _checkpoints(out['rows'], expected['answer']['checkpoints'], answer['checkpoints'], tol)
    _finals(out['rows'], expected['answer']['final'], answer['final'], tol)
    if tol['sensitive']:
        out['notes'].append(tolerance.note(case, tol))
    return outcome.finish(out)
