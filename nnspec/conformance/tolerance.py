"""how close a port's number must be to the reference's: |got - want| <= atol + rtol*|want|.

honest ports differ from numpy in summation order (openblas kernels vs plain
loops) and in exp (numpy's simd exp, libm, v8): a few ulp a step. stable runs
shrink that (the c port, built four ways, stays within 1e-12 of numpy on every
stable case), so one tolerance serves every number: 100x the worst honest
spread measured. sensitive runs grow it past any tight tolerance; they keep the
same tolerance and are checked another way: their full-run numbers that honest
variants (another summation order, another exp) move beyond a hundredth of it
are chaotic, reported and not judged, and restart segments (json_mode/segments.py) verify
the run, each at this same tolerance. a tolerance is never widened.
"""
import math

import numpy as np

from nnspec import listings

DEFAULT = {'rtol': 1e-10, 'atol': 1e-12}  # 100x the worst stable spread measured (9e-13)
MARGIN = 0.01  # honest variants within a hundredth of it: the stable runs' own margin
# case id -> why: the runs honest variants move past any tight tolerance (nnspec.listings)
SENSITIVE = {l.subrun(alpha): why for l in listings.ALL for alpha, why in l.sensitive.items()}


def allowed(want, tol):
    """the distance from `want` a number may keep: atol + rtol*|want| (tol: a dict with both; want: a
    number or an array). the one place the rule is written."""
    return tol['atol'] + tol['rtol'] * abs(want)


def close(got, want, tol):
    """is got within tolerance of want (both finite)?"""
    return abs(got - want) <= allowed(want, tol)


def ratio(got, want):
    """the worst |got - want| over the stable tolerance, element by element (arrays)."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.size == 0:
        return 0.0
    return float(np.max(np.abs(got - want) / allowed(want, DEFAULT)))


def chaotic(variants, want):
    """is a full-run quantity moved by honest variants beyond the margin of the stable tolerance?"""
    return any(ratio(v, want) > MARGIN for v in variants)


def is_sensitive(id_):
    return id_.split('quick/', 1)[-1] in SENSITIVE


def _spread(answer, variants):
    """per quantity, the largest |variant - answer|: checkpoint errors one by one, finals as a whole."""
    out = {'error': [max([abs(v['checkpoints'][k]['error'] - c['error']) for v in variants] + [0])
                     for k, c in enumerate(answer['checkpoints'])]}
    out['final'] = {name: max([abs(a - b) for v in variants for ra, rb in zip(v['final'][name], m) for a, b in zip(ra, rb)] + [0])
                    for name, m in answer['final'].items()}
    return out


def for_case(id_, answer, variants=()):
    """the tolerance block of a case's expected file: the stable tolerance, and which numbers are chaotic."""
    tol = {'sensitive': is_sensitive(id_), 'why': 'a stable run: honest ports agree with numpy to 1e-12 or better',
           'error': dict(DEFAULT), 'final': {k: dict(DEFAULT) for k in answer['final']}}
    if not tol['sensitive']:
        return tol
    full = id_.split('quick/', 1)[-1]
    tol['why'] = SENSITIVE[full] if full == id_ else 'the first %d checkpoints of %s (%s)' % (
        len(answer['checkpoints']), full, SENSITIVE[full].split(':')[0])
    tol['chaotic'] = {
        'error': [chaotic([v['checkpoints'][k]['error'] for v in variants], c['error']) for k, c in enumerate(answer['checkpoints'])],
        'final': [k for k, m in answer['final'].items() if chaotic([v['final'][k] for v in variants], m)]}
    tol['spread'] = {k: [float('%.2g' % s) for s in v] if k == 'error' else {n: float('%.2g' % s) for n, s in v.items()}
                     for k, v in _spread(answer, variants).items()}
    return tol


def chaotic_error(tol, k):
    return bool(tol.get('chaotic') and tol['chaotic']['error'][k])


def chaotic_final(tol, name):
    return bool(tol.get('chaotic') and name in tol['chaotic']['final'])


def note(case, tol, segments=0):
    """the report's line about a sensitive case: what is chaotic, what verifies it."""
    if not tol.get('sensitive'):
        return None
    chaos = tol['chaotic']
    errors = [k for k, c in enumerate(chaos['error']) if c]
    every = case['report']['every']
    what = []
    if errors:
        what.append('error@%d' % (errors[0] * every) + (' to error@%d' % (errors[-1] * every) if len(errors) > 1 else ''))
    what += chaos['final']
    spread = max([tol['spread']['error'][k] for k in errors] + [tol['spread']['final'][n] for n in chaos['final']] + [0])
    head = 'sensitive run (%s): ' % tol['why']
    if not what:
        return head + 'no number of this run is chaotic: every one is judged at the stable tolerance'
    return head + ('%s not judged: chaotic, nnspec\'s honest variants alone move them by up to %.2g, more than the stable tolerance '
                   '(rtol %g, atol %g) can tell from a bug; %d restart segments from the reference\'s exact state verify the '
                   'run instead, each at that tolerance' % (', '.join(what), spread, DEFAULT['rtol'], DEFAULT['atol'], segments))


def for_checkpoint(tol, k):
    """the tolerance of checkpoint k's error."""
    t = tol['error']
    return t[k] if isinstance(t, list) else t


def relative(got, want):
    return abs(got - want) / abs(want) if want else abs(got - want)


def finite(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
