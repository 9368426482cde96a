"""nnspec.evidence.pictures: each picture carries the reference's (or the matrix's) data.

the data functions are checked against the reference here; the artists
against the data only where matplotlib is installed (else those tests skip).
"""
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from nnspec import runs
from nnspec.evidence import pictures
from nnspec.reference import trask_part2_hidden_size, trask_part2_two_layer


@pytest.fixture(scope='module')
def plt():
    mpl = pytest.importorskip('matplotlib', reason="matplotlib not installed: artists unchecked (tox -e pictures, or pip install 'nnspec[pictures]')")
    mpl.use('Agg')
    import matplotlib.pyplot
    yield matplotlib.pyplot
    matplotlib.pyplot.close('all')


def test_sweep_curve_passes_through_the_reference_checkpoints():
    curves = pictures.sweep_curves(32, iterations=20001, every=500, alphas=[10])
    j, err = curves[10]
    reference = dict(trask_part2_hidden_size.train(10, 20001)['errors'])
    assert list(j[::20]) == sorted(reference) == [0, 10000, 20000]
    assert [err[k // 500] for k in sorted(reference)] == [reference[k] for k in sorted(reference)]
    assert len(j) == 41


def test_documented_points_are_the_spec_texts():
    points = pictures.documented_points('trask_part2_hidden_size')
    assert sorted(points) == [0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]
    j, err = points[10.0]
    assert list(j) == [0, 10000, 20000, 30000, 40000, 50000]
    assert err[1] == 0.00224922117381 and err[-1] == 0.000942641990774


def test_direction_counts_are_the_closer_look_counts():
    counts = pictures.direction_counts()
    q = runs.run('trask_part2_closer_look')
    assert np.array_equal(counts[1000][0], q['alpha-1000/synapse_0_direction_count'])
    assert np.array_equal(counts[0.001][1], q['alpha-0.001/synapse_1_direction_count'])
    assert counts[10][0].shape == (3, 4) and counts[10][1].shape == (4, 1)


def _matrix(tmp_path):
    data = {'stacks': [{'name': 'a'}, {'name': 'b'}, {'name': 'c', 'error': 'no wheel'}], 'entries': [
        {'id': 'x', 'documented': '0.5', 'measured': {'a': '0.5', 'b': '0.5'}, 'digits': {'a': 1, 'b': 1}},
        {'id': 'y', 'documented': '0.125', 'measured': {'a': '0.125', 'b': '0.126'}, 'digits': {'a': 3, 'b': 2}},
        {'id': 'z', 'documented': None, 'measured': {'a': None, 'b': None}, 'digits': {'a': None, 'b': None}}]}
    path = tmp_path / 'matrix.json'
    path.write_text(json.dumps(data))
    return path


def test_digits_table_lists_values_not_reproduced_everywhere(tmp_path):
    ids, names, table, exact = pictures.digits_table(_matrix(tmp_path))
    assert (ids, names) == (['y'], ['a', 'b'])
    assert table.tolist() == [[3, 2]] and exact.tolist() == [[True, False]]


def test_digits_table_of_the_committed_matrix_matches_its_json():
    ids, names, table, exact = pictures.digits_table()
    data = json.loads((pictures.spec.ROOT / 'docs' / 'matrix.json').read_text(encoding='utf-8'))
    entries = {e['id']: e for e in data['entries']}
    assert ids and all(entries[i]['digits'].get(n) in (t, None) for i, row in zip(ids, table) for n, t in zip(names, row))
    assert all((entries[i]['measured'].get(n) == entries[i]['documented']) == x
               for i, row in zip(ids, exact) for n, x in zip(names, row))


def test_sweep_plot_draws_curves_and_documented_points(plt):
    curves = {10: (np.array([0, 500, 1000]), np.array([0.5, 0.1, 0.01]))}
    points = {10.0: (np.array([0, 1000]), np.array([0.49, 0.011]))}
    ax = pictures.plot_sweep(plt, 32, curves, points).axes[0]
    line = [l for l in ax.lines if l.get_label() == 'alpha 10'][0]
    assert np.array_equal(line.get_ydata(), [0.5, 0.1, 0.01]) and ax.get_yscale() == 'log'
    marks = [l for l in ax.lines if l.get_gid() == 'documented-10'][0]
    assert np.array_equal(marks.get_xdata(), [0, 1000]) and np.array_equal(marks.get_ydata(), [0.49, 0.011])


def test_surface_plot_shows_error_surface(plt):
    s = trask_part2_two_layer.error_surface(steps=5)
    ax = pictures.plot_surface(plt, s, [5.3, -5.3]).axes[0]
    mesh = ax.collections[0]
    assert np.array_equal(np.asarray(mesh.get_array()).reshape(5, 5), s['errors'].T)
    assert ax.lines[0].get_xdata()[0] == 5.3


def test_count_heatmaps_show_the_counts(plt):
    counts = {1: (np.arange(12.).reshape(3, 4), np.array([[1.], [2.], [3.], [4.]]))}
    fig = pictures.plot_counts(plt, counts)
    top, bottom = fig.axes[0], fig.axes[1]
    assert np.array_equal(top.images[0].get_array(), counts[1][0])
    assert [t.get_text() for t in bottom.texts] == ['1', '2', '3', '4']


def test_digits_plot_shows_the_table(plt):
    table = np.array([[3., 2.], [12., np.nan]])
    exact = np.array([[False, False], [True, False]])
    ax = pictures.plot_digits(plt, ['y', 'w'], ['a', 'b'], table, exact).axes[0]
    assert np.array_equal(np.asarray(ax.images[0].get_array()), table, equal_nan=True)
    assert [t.get_text() for t in ax.texts] == ['3', '2', '12\u2713']
    assert [t.get_text() for t in ax.get_yticklabels()] == ['y', 'w']


@pytest.fixture
def no_matplotlib(monkeypatch):
    """matplotlib cannot be imported, and nothing may run a program (pip, venv, tox)."""
    monkeypatch.setitem(sys.modules, 'matplotlib', None)

    def refuse(*args, **kw):
        raise AssertionError('ran a program: %r' % (args,))
    for name in ('run', 'Popen', 'call', 'check_call', 'check_output'):
        monkeypatch.setattr(subprocess, name, refuse)


def test_without_matplotlib_it_says_how_to_get_it_and_writes_nothing(no_matplotlib, tmp_path, capsys):
    assert pictures.main(['--out', str(tmp_path / 'img')]) == 2
    err = capsys.readouterr().err
    assert 'needs matplotlib' in err and '`tox -e pictures`' in err and "pip install 'nnspec[pictures]'" in err
    assert not (tmp_path / 'img').exists()


def test_help_installs_nothing(no_matplotlib, capsys):
    with pytest.raises(SystemExit) as done:
        pictures.main(['--help'])
    assert done.value.code == 0 and 'usage: nnspec pictures' in capsys.readouterr().out


def test_the_pictures_extra_is_matplotlib():
    text = (pictures.spec.ROOT / 'pyproject.toml').read_text(encoding='utf-8')
    assert re.search(r'(?m)^pictures = \["matplotlib"\]$', text.split('[project.optional-dependencies]')[1].split('\n[')[0])
