"""nnspec.evidence.blas: the probe recovers the summation tree and the fma it is given."""
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from nnspec.evidence import author, blas, variants

ROOT = Path(__file__).resolve().parents[1]


def tree_dot(shape_of, fused):
    """np.dot summing each element along the tree shape_of(k); fused: a product joins a partial sum unrounded."""
    def total(t, a, b):
        if not isinstance(t, tuple):
            return a[t] * b[t]
        left, right = t
        if fused and not isinstance(right, tuple):  # fma(a, b, partial)
            return float(Fraction(a[right]) * Fraction(b[right]) + Fraction(total(left, a, b)))
        return total(left, a, b) + total(right, a, b)

    def dot(a, b):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        t = shape_of(a.shape[1])
        return np.array([[total(t, a[i], b[:, j]) for j in range(b.shape[1])] for i in range(a.shape[0])])
    return dot


SHAPES = {'in order': lambda k: blas.lanes(k, (0,)), '2 lanes': lambda k: blas.lanes(k, (0, 1)),
          '4 sums': lambda k: blas.lanes(k, ((0, 2), (1, 3))), '8 lanes': lambda k: blas.lanes(k, (((0, 4), (2, 6)), ((1, 5), (3, 7))))}


@pytest.mark.parametrize('fused', [False, True])
@pytest.mark.parametrize('shape', sorted(SHAPES))
def test_probe_recovers_the_tree_and_fma_it_is_given(shape, fused):
    found = blas.probe(tree_dot(SHAPES[shape], fused), 32)
    for label, (k, _) in blas.sites(32).items():
        assert found[label] == (SHAPES[shape](k), fused and k > 1), label


def test_probe_recovers_the_authors_sites():
    found = blas.probe(author.dot, 32)
    assert found['layer_1.dot(synapse_1)'] == (blas.lanes(32, ((0, 2), (1, 3))), False)
    for label in ('layer_0.dot(synapse_0)', 'layer_1.T.dot(layer_2_delta)', 'layer_0.T.dot(layer_1_delta)'):
        k = blas.sites(32)[label][0]
        assert found[label] == (blas.lanes(k, (0,)), False)
    assert blas.name(found['layer_1.dot(synapse_1)'][0], 32) == '4 sums, (S0 + S2) + (S1 + S3)'


def test_probe_of_left_to_right_dot_and_the_rendered_tree():
    found = blas.probe(variants.Ops('sum-naive').dot, 32)
    assert found['layer_1.dot(synapse_1)'] == (blas.lanes(32, (0,)), False)
    assert blas.render(blas.lanes(32, ((0, 2), (1, 3)))) == \
        '(((p0 + p4 + ... + p28) + (p2 + p6 + ... + p30)) + ((p1 + p5 + ... + p29) + (p3 + p7 + ... + p31)))'
    assert blas.render(blas.lanes(3, (0, 1))) == '(p0 + p2 + p1)'


def test_a_multiway_sum_is_refused():
    with pytest.raises(ValueError, match='not a summation tree'):
        blas.tree({(0, 1): 3, (0, 2): 3, (1, 2): 3}, 3)


def test_nnspec_blas_prints_a_tree_per_call_site():
    proc = subprocess.run([sys.executable, '-m', 'nnspec', 'blas', '--no-values'], cwd=str(ROOT),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('stack: ')
    for group, hidden in blas.GROUPS.items():
        lines = proc.stdout.split('\n%s\n' % group)[1].split('\n\n')[0].splitlines()
        labels = [line.split()[0] for line in lines if not line.startswith('      ')]
        assert labels == list(blas.sites(hidden)), group
        for label, (k, _) in blas.sites(hidden).items():
            tree = lines[[line.split()[0] for line in lines].index(label) + 1].strip()
            assert tree.startswith('(') and tree.endswith(')') and 'p0' in tree and 'p%d)' % (k - 1) in tree, (label, tree)
