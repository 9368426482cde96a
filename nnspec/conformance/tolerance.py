"""how close a port's number must be to the reference's: |got - want| <= atol + rtol*|want|.

honest ports differ from numpy in summation order (openblas kernels vs plain
loops) and in exp (numpy's simd exp, libm, v8): a few ulp a step. stable runs
shrink that (the c port, built four ways, stays within 1e-12 of numpy on every
stable case); sensitive runs grow it. for those, the generator reruns the
listing with another summation order and another exp; a checkpoint's error
may be off by ten times the spread measured there, a final matrix by a
hundred times (the numpy variants undersample it: the c port summing
backwards lands 14x their spread away on alpha 1000's synapse_0), never
less than the default.
"""
import math

DEFAULT = {'rtol': 1e-10, 'atol': 1e-12}  # 100x the worst stable spread measured (9e-13)
FACTOR, FINAL_FACTOR = 10, 100
SENSITIVE = {
    'trask-part2/alpha-sweep/alpha-100': 'hidden 4, alpha 100: the error moves in the 11th digit, weights in the 6th',
    'trask-part2/closer-look/alpha-100': 'hidden 4, alpha 100: the error moves in the 11th digit, weights in the 6th',
    'trask-part2/alpha-sweep/alpha-1000': 'alpha 1000: the sigmoids saturate; weights move in the 2nd digit, errors pinned at 0.5',
    'trask-part2/closer-look/alpha-1000': 'alpha 1000: the sigmoids saturate; weights move in the 2nd digit, errors pinned at 0.5',
    'trask-part2/hidden-size/alpha-10': 'hidden 32, alpha 10: error@10000 moves in the 3rd digit (0.0022356 to 0.0022538 on one machine)',
}


def is_sensitive(id_):
    return id_.split('quick/', 1)[-1] in SENSITIVE


def _spread(answer, variants):
    """per quantity, the largest |variant - answer|: checkpoint errors one by one, finals as a whole."""
    out = {'error': [max([abs(v['checkpoints'][k]['error'] - c['error']) for v in variants] + [0])
                     for k, c in enumerate(answer['checkpoints'])]}
    for name, m in answer['final'].items():
        out[name] = max([abs(a - b) for v in variants for ra, rb in zip(v['final'][name], m) for a, b in zip(ra, rb)] + [0])
    return out


def for_case(id_, answer, variants=()):
    """the tolerance block of a case's expected file."""
    if not is_sensitive(id_):
        return {'sensitive': False, 'why': 'a stable run: honest ports agree with numpy to 1e-12 or better',
                'error': dict(DEFAULT), 'final': {k: dict(DEFAULT) for k in answer['final']}}
    spread = _spread(answer, variants)
    errors = [{'rtol': DEFAULT['rtol'], 'atol': max(DEFAULT['atol'], float('%.2g' % (FACTOR * s)))} for s in spread['error']]
    final = {k: {'rtol': DEFAULT['rtol'], 'atol': max(DEFAULT['atol'], float('%.2g' % (FINAL_FACTOR * spread[k])))}
             for k in answer['final']}
    why = '%s; tolerance: %dx (errors) and %dx (final matrices) the spread measured over summation order and exp' % (
        SENSITIVE[id_.split('quick/', 1)[-1]], FACTOR, FINAL_FACTOR)
    return {'sensitive': True, 'why': why, 'error': errors, 'final': final}


def note(case, tol):
    """the report's line about a sensitive case's tolerance, true of the case as run.

    a full case says what moves in its 60,000 iterations (the `why` of its
    expected file). a quick case is the first 1,000 iterations of the same
    network: its tolerance comes from the spread of those 1,000 iterations, so
    its line names that and the checkpoints it has, never the full run's error@10000.
    """
    id_ = case['id']
    if not id_.startswith('quick/'):
        return 'sensitive run: %s' % tol['why']
    full = id_.split('quick/', 1)[-1]
    every, n = case['report']['every'], case['iterations']
    errors = tol['error'] if isinstance(tol['error'], list) else [tol['error']] * (n // every)
    widest = max(range(len(errors)), key=lambda k: errors[k]['atol'])
    lo, hi = errors[0]['atol'], errors[widest]['atol']
    errs = ('error atol %.2g at every checkpoint (every %d)' % (lo, every) if hi == lo else
            'error atol %.2g (error@0) up to %.2g (error@%d)' % (lo, hi, widest * every))
    finals = ', '.join('%s %.2g' % (k, t['atol']) for k, t in tol['final'].items())
    return ('sensitive run (quick: the first {n:,} iterations of {full}, {what}): the tolerance is {f}x (errors) and '
            '{ff}x (final matrices) the spread of these {n:,} iterations measured over summation order and exp, '
            'never less than atol {d:g}; {errs}; final matrices atol {finals}').format(
        n=n, full=full, what=SENSITIVE[full].split(':')[0], f=FACTOR, ff=FINAL_FACTOR, d=DEFAULT['atol'], errs=errs,
        finals=finals)


def for_checkpoint(tol, k):
    """the tolerance of checkpoint k's error."""
    t = tol['error']
    return t[k] if isinstance(t, list) else t


def close(got, want, tol):
    """is got within tolerance of want (both finite)?"""
    return abs(got - want) <= tol['atol'] + tol['rtol'] * abs(want)


def relative(got, want):
    return abs(got - want) / abs(want) if want else abs(got - want)


def finite(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
