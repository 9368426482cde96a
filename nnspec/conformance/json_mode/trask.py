"""json mode: the case on stdin, the port's answer on stdout, compared at full precision.

checkpoints first, in iteration order, then the final quantities element by
element; the first row that is off is where the port diverged. a sensitive
run's chaotic numbers are reported, not judged; its restart segments (each a
case of its own, sent to the port in turn) are judged at the stable tolerance.
"""
import json
import re

from nnspec.agreement import significant_digits
from nnspec.conformance import cases, outcome, port_process, porting_bugs, shown, tolerance
from nnspec.conformance.json_mode import segments
from nnspec.conformance.transcript_mode import numbers
from nnspec.conformance.tolerance import close, finite, for_checkpoint


def _shape(m):
    if not isinstance(m, list) or not all(isinstance(r, list) for r in m):
        return None
    return (len(m), len(m[0]) if m else 0) if len({len(r) for r in m}) <= 1 else None


def _shape_text(m):
    return 'x'.join(map(str, _shape(m))) if _shape(m) else 'ragged'


class Printed(float):
    """a json float that remembers how many significant digits the port wrote it with."""

    @classmethod
    def read(cls, text):
        out = cls(numbers.value(text))
        out.digits = significant_digits(text)
        return out


class Repeated(ValueError):
    """a json object that names a key twice: parsers disagree on which one counts."""


def _unique(pairs):
    """json.loads' object_pairs_hook: a dict, or Repeated naming the first key given twice."""
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise Repeated(k)
        seen[k] = v
    return seen


def _number(where, want, got, tol, chaotic=None, **extra):
    """one number; `chaotic` (the honest spread there) reports it without judging it."""
    if not finite(got):
        return outcome.row(where, repr(want), json.dumps(got), False, why='not a finite number', **extra)
    allowed = tolerance.allowed(want, tol)
    if chaotic is not None:
        return outcome.row(where, repr(want), repr(float(got)), True, distance=got - want, tolerance=allowed, chaotic=True,
                           why='chaotic: not judged (honest variants differ here by %.2g or more)' % chaotic, **extra)
    r = outcome.row(where, repr(want), repr(float(got)), close(got, want, tol), distance=got - want, tolerance=allowed,
                    printed_digits=getattr(got, 'digits', None), **extra)
    if abs(want) <= allowed:
        r.digits = None  # a value within the tolerance of zero: digits of agreement say nothing
    if r.ok and r.digits == 0 and abs(want) > allowed:
        r.ok = False  # within tolerance, yet not one digit shared (a sign flip)
    if not r.ok:
        r.why = 'off by %.3g (allowed %.3g)' % (got - want, allowed)
    return r


def _checkpoints(rows, want, got, tol, prefix=''):
    for k, w in enumerate(want):
        where = prefix + 'error@%d' % w['iteration']
        if k >= len(got):
            rows.append(outcome.row(where, repr(w['error']), 'missing', False, why='checkpoint missing'))
            continue
        if got[k]['iteration'] != w['iteration']:
            rows.append(outcome.row(where, 'iteration %d' % w['iteration'], 'iteration %d' % got[k]['iteration'], False,
                                    why='checkpoint %d is iteration %d, expected %d' % (k, got[k]['iteration'], w['iteration'])))
            continue
        chaos = tol['spread']['error'][k] if tolerance.chaotic_error(tol, k) else None
        rows.append(_number(where, w['error'], got[k]['error'], for_checkpoint(tol, k), chaos, iteration=w['iteration']))
    if len(got) > len(want):
        rows.append(outcome.row(prefix + 'checkpoints', '%d checkpoints' % len(want), '%d' % len(got), False,
                                why='%d checkpoints, expected %d' % (len(got), len(want))))


def _finals(rows, want, got, tol, prefix=''):
    for name, w in want.items():
        chaos = tol['spread']['final'][name] if tolerance.chaotic_final(tol, name) else None
        where = prefix + name
        if name not in got:
            rows.append(outcome.row(where, 'a %s matrix' % _shape_text(w), 'missing', False, why='final %s missing' % name))
            continue
        if _shape(got[name]) != _shape(w):
            rows.append(outcome.row(where, 'shape %s' % _shape_text(w), 'shape %s' % _shape_text(got[name]), False,
                                    why='wrong shape' + _rearranged(w, got[name], tol['final'][name])))
            continue
        for i, (rw, rg) in enumerate(zip(w, got[name])):
            for j, (a, b) in enumerate(zip(rw, rg)):
                rows.append(_number('%s[%d][%d]' % (where, i, j), a, b, tol['final'][name], chaos))


def _rearranged(want, got, tol):
    """': the expected matrix transposed' (or reshaped) when every number of it is there, within tolerance."""
    if not _shape(got) or not all(finite(v) for r in got for v in r):
        return ''
    flat = [v for r in got for v in r]
    for how, expected in (('transposed', [v for c in zip(*want) for v in c]), ('reshaped', [v for r in want for v in r])):
        if len(flat) == len(expected) and all(close(g, v, tol) for g, v in zip(flat, expected)):
            return ': the expected %s matrix %s (every number agrees)' % (_shape_text(want), how)
    return ''


def read(out, run_, kind=None):
    """(the port's answer, None), or (None, a broken or unsupported outcome)."""
    text, broken = outcome.stdout_text(out, run_, 'the port printed nothing (json mode wants an answer on stdout)')
    if broken:
        return None, broken
    try:
        answer = json.loads(text, parse_int=numbers.json_int, parse_float=Printed.read, object_pairs_hook=_unique)
    except Repeated as e:
        return None, outcome.broken(out, 'the answer gives the key %s twice in one object: json readers disagree on which '
                                         'counts (python and javascript keep the last, others the first); give each once' % json.dumps(str(e)))
    except json.JSONDecodeError as e:
        return None, outcome.broken(out, 'the answer is not json: line %d column %d: %s; stdout starts: %r' % (e.lineno, e.colno, e.msg, text[:80]))
    except RecursionError:
        return None, outcome.broken(out, 'the answer is nested too deeply to be an answer; stdout starts: %r' % text[:40])
    if isinstance(answer, dict) and isinstance(answer.get('unsupported'), str) and answer['unsupported'] \
            and set(answer) <= {'unsupported', 'protocol'}:  # the port's "not this case", in any kind of case
        return None, outcome.broken(out, shown.short(answer['unsupported'], REASON_KEPT), outcome.UNSUPPORTED)
    problems = cases.answer_errors(answer, kind)
    if problems:
        return None, outcome.broken(out, 'the answer breaks %s: %s%s' % (
            cases.KINDS[kind][2] if kind else cases.ANSWER_SCHEMA, '; '.join(problems[:3]), _flat_hint(problems)))
    return answer, None


_FLAT = re.compile(r"\[\d+\]: -?[\d.]+(?:e[-+]?\d+)? is not of type 'array'$")


def _flat_hint(problems):
    """a number where a row was due: a 1-D array written for a matrix (numpy's np.sum(g, axis=0) is 1-D)."""
    if not any(_FLAT.search(p) for p in problems):
        return ''
    return (' (a matrix is a list of rows, even of one row: write a 1-D array such as numpy\'s np.sum(g, axis=0) '
            'as [[...]])')


REASON_KEPT = 500  # characters of a long unsupported reason kept at each end


def _segment(out, case, expected, k, run_port):
    """run segment k of a sensitive case and judge its rows at the stable tolerance; why the port broke, or None."""
    seg, want = case['segments'][k], expected['segments'][k]['answer']
    prefix = 'segment@%d+%d: ' % (seg['from'], seg['iterations'])
    ran = run_port(segments.segment_case(case, k))
    out.port_seconds += ran.seconds
    answer, broken = read(outcome.Outcome(case['id'], 'json'), ran)
    if broken:
        out.stderr = port_process.stderr_tail(ran)  # the segment's own: the full run's says nothing of this break
        return prefix + ('the port answered unsupported (%s): a restart segment is the case itself, from another '
                         'state; the case needs it' % broken.problem if broken.code == outcome.UNSUPPORTED else broken.problem)
    tol = dict(sensitive=False, error=tolerance.DEFAULT, final={n: tolerance.DEFAULT for n in want['final']})
    _checkpoints(out.rows, want['checkpoints'], answer['checkpoints'], tol, prefix)
    _finals(out.rows, want['final'], answer['final'], tol, prefix)
    out.segments += 1
    return None


def check(case, expected, run_, run_port=None):
    """the outcome of a json case, given the port's Run; run_port(case) runs it again for each restart segment."""
    out = outcome.Outcome(case['id'], 'json')
    out.port_seconds = run_.seconds
    answer, broken = read(out, run_)
    if broken:
        return broken
    tol = expected['tolerance']
    _checkpoints(out.rows, expected['answer']['checkpoints'], answer['checkpoints'], tol)
    _finals(out.rows, expected['answer']['final'], answer['final'], tol)
    if case.get('segments') and not run_port:
        raise ValueError('a sensitive case is verified by its segments: check() needs run_port')
    for k in range(len(case.get('segments', []))):
        problem = _segment(out, case, expected, k, run_port)
        if problem:
            return outcome.broken(out, problem)
    if tol['sensitive']:
        out.notes.append(tolerance.note(case, tol, out.segments))
    out = outcome.finish(out)
    if out.code == outcome.NOT_CONFORMANT:
        reproduced = porting_bugs.for_json(case, out.rows)
        if reproduced:
            out.diagnosis.insert(0, reproduced)
    return out
