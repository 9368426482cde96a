"""what checking one case gives: a verdict, an exit code, and the rows behind it.

a row is one number. it is judged (ok or not), or not judged: `chaotic` (a
sensitive run's number that honest arithmetics move past the stable tolerance;
segments verify the run instead) or `unverifiable` (printed with fewer digits
than the listing's printer gives it: never ok). a case is conformant only when
every judged number is ok, no number is unverifiable, and at least one was judged.
"""
import math

from nnspec.conformance import diagnosis
from nnspec.exit_codes import CONFORMANT, NOT_CONFORMANT, PORT_BROKEN, SUITE_BROKEN
UNSUPPORTED = -1  # the port said "not this case": counted apart, below conformant, so it raises no exit code
STATUS = {0: 'conformant', 1: 'not conformant', 2: 'port broken', 3: 'suite broken', UNSUPPORTED: 'unsupported'}
BINARY64 = 17  # digits of agreement of two equal doubles


def new(case_id, mode):
    return {'case': case_id, 'mode': mode, 'code': CONFORMANT, 'status': STATUS[0], 'problem': None,
            'rows': [], 'checked': 0, 'failed': 0, 'chaotic': 0, 'unverifiable': 0, 'first': None, 'setup': False,
            'diagnosis': [], 'notes': [], 'segments': 0, 'worst_digits': None, 'port_seconds': None, 'seconds': None}


def broken(out, problem, code=PORT_BROKEN):
    """the port could not be run or broke the protocol (2), or nnspec's data is broken (3)."""
    out.update(code=code, status=STATUS[code], problem=problem)
    return out


def stdout_text(out, run_, if_empty):
    """(the port's stdout as text, None), or (None, a broken outcome) when there is none to read."""
    if run_.problem:
        return None, broken(out, 'the port %s' % run_.problem)
    try:
        text = run_.stdout.decode('utf-8')
    except UnicodeDecodeError as e:
        line = run_.stdout[:e.start].count(b'\n') + 1
        return None, broken(out, 'stdout is not utf-8: byte 0x%02x at offset %d (line %d)' % (run_.stdout[e.start], e.start, line))
    if not text.strip():
        return None, broken(out, if_empty)
    return text, None


def digits(want, got):
    """significant digits two numbers share: 17 when equal, 0 when off in the first digit or the sign."""
    try:
        want, got = float(want), float(got)
    except (TypeError, ValueError):
        return 0
    if want == got:
        return BINARY64
    off = abs(got - want) / abs(want) if want else math.inf
    if not math.isfinite(off) or (want < 0) != (got < 0):
        return 0
    return max(0, min(BINARY64, int(math.floor(-math.log10(off)))))


def _numeric(x):
    try:
        float(x)
        return not isinstance(x, bool)
    except (TypeError, ValueError):
        return False


def row(where, expected, got, ok, distance=None, tolerance=None, why=None, **extra):
    """one compared number: where (a quantity name), the texts, the verdict, the digits they share."""
    r = {'where': where, 'expected': expected, 'got': got, 'ok': ok, 'distance': distance,
         'tolerance': tolerance, 'why': why}
    r['digits'] = digits(expected, got) if _numeric(expected) and _numeric(got) else None
    r.update(extra)
    return r


def judged(rows):
    return [r for r in rows if not r.get('chaotic') and not r.get('unverifiable')]


def finish(out, extra_problem=None):
    """count, find the first failure, and let the diagnosis name the cause."""
    rows = out['rows']
    judge = judged(rows)
    out['checked'] = len(judge)
    out['failed'] = sum(not r['ok'] for r in judge)
    out['chaotic'] = sum(bool(r.get('chaotic')) for r in rows)
    out['unverifiable'] = sum(bool(r.get('unverifiable')) for r in rows)
    out['first'] = next((r for r in rows if not r['ok']), None)
    out['worst_digits'] = min((r['digits'] for r in judge if r['digits'] is not None), default=None)
    if extra_problem:
        out['notes'].insert(0, extra_problem)
    if out['failed'] or out['unverifiable'] or extra_problem or not judge:
        out.update(code=NOT_CONFORMANT, status=STATUS[NOT_CONFORMANT])
    out['diagnosis'] = diagnosis.explain(out, judge)
    out['setup'] = any(d.startswith('setup') for d in out['diagnosis'])
    return out
