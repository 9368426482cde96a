"""restart segments: a chaotic run checked in pieces that chaos cannot blur.

honest arithmetics (another summation order, another faithful exp) drift apart
in a sensitive run by more than any tight tolerance, so its full-run numbers
past the first steps cannot tell a small bug from rounding. instead the case
carries the reference's exact state at several iterations (json floats, 17
digits: exact); the port runs each segment from its state, and each segment is
held to the stable tolerance. a segment is as long as the honest variants,
restarted from the same state, stay within a hundredth of that tolerance: the
margin the stable runs have (their tolerance is 100x the worst honest spread).
"""

from nnspec.conformance.tolerance import MARGIN, ratio
from nnspec.numerics import Variant

LADDER = [1, 2, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000, 30000]
# the honest variants: dot summed last term first, exp in long double, both
VARIANTS = (Variant('numpy', 'reversed', 'listing'), Variant('longdouble', 'blas', 'listing'),
            Variant('longdouble', 'reversed', 'listing'))


def _quantities(result):
    """what a segment checks of a simulate() result: errors, synapses, output (no direction counts)."""
    out = {'errors': [e for _, e in result['errors']], 'output': result['output']}
    out.update({k: v for k, v in result.items() if k.startswith('synapse_') and not k.endswith('_count')})
    return out


def spread_ratio(ref, variants):
    """the worst ratio of any honest variant to the reference, over every quantity."""
    a = _quantities(ref)
    return max(ratio(_quantities(v)[k], a[k]) for v in variants for k in a)


def every_of(length):
    """checkpoints inside a segment: five when it divides, else one at its start."""
    return length // 5 if length >= 5 and length % 5 == 0 else length


def segment_net(net, length):
    return dict(net, iterations=length, every=every_of(length), direction_counts=False)


def plan(net, simulate, weights):
    """[(start, length, weights at start, reference result)] covering every iteration of net."""
    n, s, cur, out = net['iterations'], 0, [w.copy() for w in weights], []
    while s < n:
        best = None
        for length in [k for k in LADDER if k < n - s] + [n - s]:
            seg = segment_net(net, length)
            ref = simulate(seg, weights=cur)
            if spread_ratio(ref, [simulate(seg, weights=cur, variant=v) for v in VARIANTS]) > MARGIN:
                break
            best = (length, ref)
        if best is None:
            raise RuntimeError('%s: honest variants differ beyond the margin after one iteration from %d' % (net['run'], s))
        length, ref = best
        out.append((s, length, cur, ref))
        cur = [ref['synapse_%d' % i] for i in range(len(cur))]
        s += length
    return out


def segment_case(case, k):
    """the case sent to the port for segment k: the same network from the segment's state, no seed."""
    seg = case['segments'][k]
    out = {key: v for key, v in case.items() if key not in ('segments', 'seed')}
    out['id'] = '%s@%d' % (case['id'], seg['from'])
    out['iterations'] = seg['iterations']
    out['report'] = dict(case['report'], every=every_of(seg['iterations']),
                         final=[n for n in case['report']['final'] if not n.endswith('_direction_count')])
    out['initial_weights'] = seg['initial_weights']
    out['segment'] = {'of': case['id'], 'from': seg['from']}
    return out


def summary():
    """per sensitive case: its segments, and its chaotic numbers with their largest honest spread (a table)."""
    from nnspec.conformance import cases
    lines = ['| case | restart segments (from+iterations) | chaotic numbers of the full run (not judged) | largest honest spread there |',
             '| --- | --- | --- | --- |']
    for id_ in cases.ids('json'):
        case, expected = cases.load(id_, 'json')
        tol = expected['tolerance']
        if not tol['sensitive']:
            continue
        sizes = {n: len(m) * len(m[0]) for n, m in expected['answer']['final'].items()}
        chaos = sum(tol['chaotic']['error']) + sum(sizes[n] for n in tol['chaotic']['final'])
        total = len(tol['chaotic']['error']) + sum(sizes.values())
        spread = max([s for s, c in zip(tol['spread']['error'], tol['chaotic']['error']) if c] +
                     [tol['spread']['final'][n] for n in tol['chaotic']['final']] + [0])
        lines.append('| `%s` | %d: %s | %d of %d | %.2g |' % (id_, len(case['segments']), ' '.join(
            '%d+%d' % (s['from'], s['iterations']) for s in case['segments']), chaos, total, spread))
    return '\n'.join(lines)


if __name__ == '__main__':
    print(summary())
