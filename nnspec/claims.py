"""the posts' qualitative claims, as checks on the reference runs.

each check returns (holds, measured): a bool and a short text of what it saw.
"""
import numpy as np

from nnspec import runs
from nnspec.listings import (ALPHA_LABELS, ALPHA_SWEEP, CLOSER_LOOK, ELEVEN_LINES, HIDDEN_SIZE,
                             MINIFLOW_WORKED, PART1_TWO_LAYER, PART2_TWO_LAYER, SHAMDASANI, THREE_LAYER)
from nnspec.reference.printers import py2_str

CLAIMS = {}
READS = {}  # claim -> the runs it reads: computed before the claims are checked, on every core


def claim(*reads):
    def register(fn):
        CLAIMS[fn.__name__], READS[fn.__name__] = fn, reads
        return fn
    return register


def _q(run, name):
    return runs.run(run)[name]


def _direction_changes(alpha):
    q = runs.run(CLOSER_LOOK.run)
    return int(q['alpha-%s/synapse_0_direction_count' % alpha].sum() + q['alpha-%s/synapse_1_direction_count' % alpha].sum())


def _largest_weight(alpha):
    q = runs.run(CLOSER_LOOK.run)
    return max(np.abs(q['alpha-%s/synapse_0' % alpha]).max(), np.abs(q['alpha-%s/synapse_1' % alpha]).max())


@claim(PART1_TWO_LAYER.run)
def part1_two_layer_learns():
    l1 = _q(PART1_TWO_LAYER.run, 'l1')
    return bool((np.round(l1).ravel() == [0, 0, 1, 1]).all()), 'l1 rounds to %s' % np.round(l1).ravel().astype(int).tolist()


@claim(ELEVEN_LINES.run, THREE_LAYER.run)
def part1_eleven_lines_equals_three_layer():
    a, b = runs.run(ELEVEN_LINES.run), runs.run(THREE_LAYER.run)
    same = np.array_equal(a['syn0'], b['syn0']) and np.array_equal(a['syn1'], b['syn1'])
    return same, 'final syn0 and syn1 %s' % ('bit-identical' if same else 'differ')


@claim(ALPHA_SWEEP.run, THREE_LAYER.run)
def alpha_1_equals_no_alpha():
    sweep, part1 = runs.run(ALPHA_SWEEP.run), runs.run(THREE_LAYER.run)
    errors = all(sweep['alpha-1/error@%d' % j] == part1['error@%d' % j] for j in range(0, 60000, 10000))
    weights = np.array_equal(sweep['alpha-1/synapse_0'], part1['syn0']) and np.array_equal(sweep['alpha-1/synapse_1'], part1['syn1'])
    return errors and weights, 'errors %s, final weights %s' % ('equal' if errors else 'differ', 'equal' if weights else 'differ')


@claim(ALPHA_SWEEP.run)
def alpha_10_best_at_10000():
    q = runs.run(ALPHA_SWEEP.run)
    best = min(ALPHA_LABELS, key=lambda a: q['alpha-%s/error@10000' % a])
    return best == '10', 'lowest at 10,000: alpha %s (%s)' % (best, py2_str(q['alpha-%s/error@10000' % best]))


@claim(ALPHA_SWEEP.run)
def alpha_0_001_barely_converges():
    q = runs.run(ALPHA_SWEEP.run)
    kept = q['alpha-0.001/error@50000'] / q['alpha-0.001/error@0']
    return bool(kept > 0.95), 'keeps %.1f%% of its starting error' % (100 * kept)


@claim(ALPHA_SWEEP.run)
def alpha_1000_hardlines():
    q = runs.run(ALPHA_SWEEP.run)
    texts = [py2_str(q['alpha-1000/error@%d' % j]) for j in range(10000, 60000, 10000)]
    return all(t == '0.5' for t in texts), 'prints %s' % ' '.join(texts)


@claim(CLOSER_LOOK.run)
def tiny_alpha_fewest_direction_changes():
    counts = {a: _direction_changes(a) for a in ALPHA_LABELS}
    return min(counts, key=counts.get) == '0.001', 'changes by alpha: %s' % counts


@claim(CLOSER_LOOK.run)
def optimal_alpha_most_direction_changes():
    counts = {a: _direction_changes(a) for a in ALPHA_LABELS}
    return max(counts, key=counts.get) == '10', 'changes by alpha: %s' % counts


@claim(CLOSER_LOOK.run)
def huge_alpha_medium_direction_changes():
    counts = {a: _direction_changes(a) for a in ALPHA_LABELS}
    lo, hi = min(counts.values()), max(counts.values())
    return lo < counts['1000'] < hi, 'alpha 1000: %d, least %d, most %d' % (counts['1000'], lo, hi)


@claim(CLOSER_LOOK.run)
def tiny_alpha_smallest_weights():
    largest = {a: _largest_weight(a) for a in ALPHA_LABELS}
    smallest = min(largest, key=largest.get)
    return smallest == '0.001', 'largest |weight| is smallest for alpha %s (%.3g)' % (smallest, largest[smallest])


@claim(CLOSER_LOOK.run)
def huge_alpha_largest_weights():
    largest = {a: _largest_weight(a) for a in ALPHA_LABELS}
    biggest = max(largest, key=largest.get)
    return biggest == '1000', 'largest |weight| for alpha %s (%.4g)' % (biggest, largest[biggest])


@claim(HIDDEN_SIZE.run, ALPHA_SWEEP.run)
def hidden_32_beats_hidden_4():
    h32, h4 = runs.run(HIDDEN_SIZE.run), runs.run(ALPHA_SWEEP.run)
    best32 = min(v for k, v in h32.items() if '/error@' in k)
    best4 = min(v for k, v in h4.items() if '/error@' in k)
    a, b = '%.4f' % best32, '%.4f' % best4
    return (a, b) == ('0.0009', '0.0013'), 'best errors %s (32) and %s (4)' % (py2_str(best32), py2_str(best4))


@claim(PART2_TWO_LAYER.run)
def error_plane_minimum():
    q = runs.run(PART2_TWO_LAYER.run)
    i, k = np.unravel_index(np.argmin(q['surface_errors']), q['surface_errors'].shape)
    w = q['surface_weights']
    return bool(w[i] == w.max()), 'lowest error %.4g at weights (%g, %g)' % (q['surface_errors'][i, k], w[i], w[k])


@claim(MINIFLOW_WORKED.run)
def miniflow_cost_minimum_at_x5():
    w = float(np.ravel(_q(MINIFLOW_WORKED.run, 'w_trained_x5'))[0])
    return round(w, 6) == 2, 'with x=5 gradient descent settles at w=%.6g' % w


@claim(SHAMDASANI.run)
def shamdasani_weights_between_0_and_1():
    q = runs.run(SHAMDASANI.run)
    w = np.concatenate([q['W1_initial'].ravel(), q['W2_initial'].ravel()])
    inside = bool(((w >= 0) & (w <= 1)).all())
    return inside, '%d of %d initial weights outside [0, 1] (min %.3g, max %.3g)' % (
        ((w < 0) | (w > 1)).sum(), w.size, w.min(), w.max())


@claim(SHAMDASANI.run)
def shamdasani_training_lowers_loss():
    q = runs.run(SHAMDASANI.run)
    first, last = q['loss@0'], q['loss@999']
    return bool(last < first), 'loss %s at step 0, %s at step 999' % (py2_str(first), py2_str(last))
