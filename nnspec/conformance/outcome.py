"""what checking one case gives: a verdict, an exit code, and the rows behind it."""
from nnspec.agreement import digits_of_agreement

CONFORMANT, NOT_CONFORMANT, PORT_BROKEN, SUITE_BROKEN = 0, 1, 2, 3
UNSUPPORTED = -1  # the port said "not this case": counted apart, below conformant, so it raises no exit code
STATUS = {0: 'conformant', 1: 'not conformant', 2: 'port broken', 3: 'suite broken', UNSUPPORTED: 'unsupported'}
SETUP_AT = 3  # a port wrong on every one of at least this many numbers has a setup problem
PRECISION_DIGITS = 5  # ... unless its first number agrees to this many digits


def new(case_id, mode):
    return {'case': case_id, 'mode': mode, 'code': CONFORMANT, 'status': STATUS[0], 'problem': None,
            'rows': [], 'checked': 0, 'failed': 0, 'first': None, 'setup': False, 'notes': [],
            'port_seconds': None, 'seconds': None}


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


def row(where, expected, got, ok, distance=None, tolerance=None, why=None, **extra):
    """one compared number: where (a quantity name), the texts, the verdict."""
    r = {'where': where, 'expected': expected, 'got': got, 'ok': ok, 'distance': distance,
         'tolerance': tolerance, 'why': why}
    try:
        r['digits'] = digits_of_agreement(str(expected), str(got))
    except Exception:  # noqa: BLE001 -- digits are a courtesy; odd text just has none
        r['digits'] = 0
    r.update(extra)
    return r


def finish(out, extra_problem=None):
    """count, find the first failure, call a port wrong everywhere a setup problem."""
    rows = out['rows']
    out['checked'] = len(rows)
    out['failed'] = sum(not r['ok'] for r in rows)
    out['first'] = next((r for r in rows if not r['ok']), None)
    if extra_problem:
        out['notes'].insert(0, extra_problem)
    if out['failed'] or extra_problem:
        out.update(code=NOT_CONFORMANT, status=STATUS[NOT_CONFORMANT])
        everything = out['failed'] == out['checked'] and out['checked'] >= SETUP_AT
        # wrong everywhere but close at the first number: precision (float32, a poor exp), not setup
        out['setup'] = everything and not (out['first'] and out['first']['digits'] >= PRECISION_DIGITS)
        if everything and not out['setup']:
            out['notes'].insert(0, 'every number is off, yet the first agrees to %d digits: a precision problem '
                                   '(float32? a poor exp?), not a different run' % out['first']['digits'])
    return out
