"""nnspec.evidence.variants: the default variant is the reference bit for bit; each variant does what it says."""
import math
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from nnspec import numerics, runs
from nnspec.evidence import variants
from nnspec.evidence.sensitivity import same_bits
from nnspec.reference import (trask_part1_three_layer, trask_part2_alpha_sweep, trask_part2_closer_look,
                       trask_part2_hidden_size)

SHORT = 2001  # two error checkpoints; every weight update leaves its bits in the synapses
CHEAP = ['trask_part1_two_layer', 'miniflow_quizzes', 'miniflow_worked', 'shamdasani_worked']


def assert_same(ours, theirs):
    assert sorted(ours) == sorted(theirs)
    differ = [k for k in theirs if not same_bits(ours[k], theirs[k])]
    assert not differ, differ


@pytest.mark.parametrize('name', CHEAP)
def test_default_is_the_reference_run(name):
    assert_same(variants.run(name), runs.run(name))


@pytest.mark.parametrize('module,hidden,sweep', [(trask_part2_alpha_sweep, 4, True),
                                                 (trask_part2_closer_look, 4, False),
                                                 (trask_part2_hidden_size, 32, True)])
@pytest.mark.parametrize('alpha', [0.1, 10, 1000])
def test_default_is_the_reference_training(module, hidden, sweep, alpha):
    ours = variants.train(variants.Ops('default'), alpha, hidden, sweep, SHORT)
    theirs = module.train(alpha, SHORT)
    assert len(ours['errors']) == len(theirs['errors']) == 1 + SHORT // 10000
    for a, b in zip(ours['errors'], theirs['errors']):
        assert same_bits(a, b[1] if isinstance(b, tuple) else b)
    for key in theirs:
        if key != 'errors':
            assert same_bits(ours[key], theirs[key]), key


def test_default_is_the_reference_three_layer():
    r = trask_part1_three_layer.run(SHORT)
    assert_same(variants.three_layer(variants.Ops('default'), SHORT),
                {'error@0': r['errors'][0], 'syn0': r['syn0'], 'syn1': r['syn1']})


def test_every_run_with_documented_values_has_a_variant():
    from nnspec.evidence.sensitivity import value_entries
    assert {e['run'] for e in value_entries()} <= set(variants.RUNS)


def test_correct_exp_is_correctly_rounded():
    x = np.concatenate([np.random.RandomState(0).uniform(-40, 40, 3000), [0.0, -745.5, 709.9, 710.0]])
    exact = [float(Decimal(v).exp(numerics.DECIMAL)) for v in x.tolist()]
    assert same_bits(numerics.exp_correct(x), np.array(exact))


def test_correct_exp_where_rounding_is_hard_and_the_long_double_error_it_relies_on():
    # of 400,000 arguments, the ~12,000 whose long double exp lies within 2**-6 ulp of a rounding
    # midpoint (the fast path's edge is 2**-9..2**-8 ulp, the hardest ~1e-6 ulp) and 2,000 others
    rs = np.random.RandomState(5)
    x = np.concatenate([rs.uniform(-745, 709.7, 200000), rs.uniform(-40, 40, 200000)])
    ext = np.exp(x.astype(np.longdouble))
    below = (ext - ext.astype(float)) / np.spacing(ext.astype(float)).astype(np.longdouble)
    to_midpoint = abs(0.5 - abs(below)).astype(float)
    picked = np.flatnonzero((to_midpoint < 2.0 ** -6) | (np.arange(x.size) % 200 == 0))
    assert to_midpoint.min() < 1e-5 and picked.size > 10000
    true = [Decimal(v).exp(numerics.DECIMAL) for v in x[picked].tolist()]
    assert same_bits(numerics.exp_correct(x[picked]), np.array([float(t) for t in true]))
    error = max(abs(Fraction(*e.as_integer_ratio()) / Fraction(t) - 1) for e, t in zip(ext[picked], true))
    assert error < Fraction(*np.finfo(np.longdouble).eps.as_integer_ratio())  # the margin exp_correct takes: 2 eps


def test_libm_exp_is_math_exp():
    x = np.random.RandomState(1).uniform(-40, 40, (4, 8))
    assert same_bits(variants.Ops('exp-libm').exp(x), np.vectorize(math.exp)(x))
    assert variants.Ops('exp-libm').exp(np.array([1000.0]))[0] == math.inf


def test_exact_dot_is_exactly_rounded_and_naive_is_left_to_right():
    a, b = np.random.RandomState(2).normal(size=(4, 7)), np.random.RandomState(3).normal(size=(7, 3))
    exact = [[float(sum(Fraction(a[i, k]) * Fraction(b[k, j]) for k in range(7))) for j in range(3)] for i in range(4)]
    assert same_bits(variants.Ops('sum-exact').dot(a, b), np.array(exact))
    naive = [[math.nan] * 3 for _ in range(4)]
    for i in range(4):
        for j in range(3):
            s = a[i, 0] * b[0, j]
            for k in range(1, 7):
                s += a[i, k] * b[k, j]
            naive[i][j] = s
    assert same_bits(variants.Ops('sum-naive').dot(a, b), np.array(naive))
    v = np.array([6, 14, 3])
    assert variants.Ops('sum-exact').dot(v, np.array([0.5, 0.25, 1.4])).shape == ()


class Recording(variants.Ops):
    """the default arithmetic, keeping the operands of every exp, dot and mean it computes."""

    def __init__(self):
        super(Recording, self).__init__('default')
        self.calls = {'exp': [], 'dot': [], 'mean': []}
        exp, dot, mean = self.exp, self.dot, self.mean
        self.exp = lambda x: (self.calls['exp'].append(np.array(x)), exp(x))[1]
        self.dot = lambda a, b: (self.calls['dot'].append((np.array(a), np.array(b))), dot(a, b))[1]
        self.mean = lambda x: (self.calls['mean'].append(np.array(x)), mean(x))[1]


def _same_everywhere(part, variant, calls):
    """does the variant's part give the default's bits on every call the run made, as the run uses it?
    (an exp through the sigmoid: 1 + exp(-x) absorbs an ulp of a small exp)"""
    default = variants.Ops('default')
    if part == 'exp':
        return all(same_bits(1/(1+variant.exp(x)), 1/(1+default.exp(x))) for x in calls['exp'])
    return all(same_bits(variant.dot(a, b), default.dot(a, b)) for a, b in calls['dot']) and \
        all(same_bits(variant.mean(x), default.mean(x)) for x in calls['mean'])


def _named(x, how):
    """exp of every element of x by a path independent of the variant's code."""
    if how == 'libm':
        return np.vectorize(math.exp)(x)
    return np.vectorize(lambda v: float(Decimal(v).exp(numerics.DECIMAL)))(x)


def _summed(a, b, how):
    """a.dot(b) by a path independent of the variant's code: python floats in order, or fractions rounded once."""
    a, b = np.atleast_2d(a), np.asarray(b).reshape(np.shape(a)[-1], -1)
    out = np.empty((a.shape[0], b.shape[1]))
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            terms = [a[i, k] * b[k, j] if how == 'naive' else Fraction(a[i, k]) * Fraction(b[k, j]) for k in range(b.shape[0])]
            s = terms[0]
            for t in terms[1:]:
                s = s + t
            out[i, j] = float(s)
    return out


def _is_what_it_says(part, variant, calls, first=20):
    """the variant's part against its independent path on the run's first calls."""
    if part == 'exp':
        x = np.unique(np.concatenate([np.ravel(c) for c in calls['exp'][:first]]))
        return same_bits(variant.exp(x), _named(x, variant.v.exp))
    return all(same_bits(np.reshape(variant.dot(a, b), (np.atleast_2d(a).shape[0], -1)), _summed(a, b, variant.v.sum))
               for a, b in calls['dot'][:first])


@pytest.mark.parametrize('name', [v for v in variants.VARIANTS if v != 'default'])
def test_every_variant_changes_some_bits_or_says_why_not(name):
    # a variant that changed nothing would make every value look stable. an expression order is ieee
    # arithmetic and changes bits on every machine; an exp or a sum may not: where numpy's exp or the
    # blas already computes the variant's part (an avx2 cpu's exp is math.exp's on this run's arguments),
    # the variant's part must be what it names and give the default's bits on every call of the run, as
    # the run uses them; the test then says so
    mine, recording = variants.Ops(name), Recording()
    ours = variants.train(mine, 10, 32, True, 300)
    theirs = variants.train(recording, 10, 32, True, 300)
    if not (same_bits(ours['synapse_0'], theirs['synapse_0']) and same_bits(ours['synapse_1'], theirs['synapse_1'])):
        return
    swapped = [f for f in variants.Variant._fields if getattr(mine.v, f) != getattr(variants.VARIANTS['default'], f)]
    assert 'order' not in swapped, '%s: an expression order changed no bit' % name
    for part in swapped:
        assert _is_what_it_says(part, mine, recording.calls), '%s: its %s is not what it names' % (name, part)
        assert _same_everywhere(part, mine, recording.calls), (
            '%s changes its %s on some call of the run, yet no bit of the run' % (name, part))
    warnings.warn('%s changes no bit on this stack: its %s gives the default\'s bits on every call of the run '
                  '(%d exp, %d dot calls)' % (name, ' and '.join(swapped), len(recording.calls['exp']),
                                              len(recording.calls['dot'])))
