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
from nnspec.evidence import palette, pictures
from nnspec.reference import trask_part2_hidden_size, trask_part2_two_layer


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
    j, err, kinds = points[10.0]
    assert list(j) == [0, 10000, 20000, 30000, 40000, 50000]
    assert err[1] == 0.00224922117381 and err[-1] == 0.000942641990774
    assert set(kinds) == {'reproduced'}  # no verdicts given
    sensitive = 'trask-part2/hidden-size/alpha-10/error@10000'
    assert pictures.documented_points('trask_part2_hidden_size', {sensitive: 'sensitive'})[10.0][2][1] == 'sensitive'


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
        {'id': 's', 'documented': '0.25', 'measured': {'a': '0.24', 'b': None}, 'digits': {'a': 1, 'b': None}},
        {'id': 'p', 'documented': '9.5', 'measured': {'a': '9.7', 'b': '9.7'}, 'digits': {'a': 1, 'b': 1}},
        {'id': 'z', 'documented': None, 'measured': {'a': None, 'b': None}, 'digits': {'a': None, 'b': None}}]}
    path = tmp_path / 'matrix.json'
    path.write_text(json.dumps(data))
    return path


def test_verdict_table_gives_each_cell_its_verdict_not_its_digits(tmp_path):
    ids, names, kinds, digits = pictures.verdict_table(_matrix(tmp_path), {'s': 'sensitive', 'p': 'off-everywhere'})
    assert (ids, names) == (['y', 's', 'p'], ['a', 'b'])
    assert kinds.tolist() == [['reproduced', 'off'], ['sensitive', 'not run'], ['post-error', 'post-error']]
    assert np.array_equal(digits, [[np.nan, 2], [1, np.nan], [1, 1]], equal_nan=True)


def test_verdict_table_of_the_committed_matrix_matches_its_json():
    ids, names, kinds, digits = pictures.verdict_table()
    data = json.loads((pictures.spec.ROOT / 'docs' / 'matrix.json').read_text(encoding='utf-8'))
    entries = {e['id']: e for e in data['entries']}
    for i, row in zip(ids, kinds):
        e = entries[i]
        assert [k == 'reproduced' for k in row] == [e['measured'].get(n) == e['documented'] for n in names]
        assert [k == 'not run' for k in row] == [e['measured'].get(n) is None for n in names]
    cell = dict(((i, n), k) for i, row in zip(ids, kinds) for n, k in zip(names, row))
    assert cell['trask-part2/hidden-size/alpha-10/error@10000', 'py3.11-np2.4.6'] == 'sensitive'
    assert cell['shamdasani/worked/z3', 'py3.11-np2.4.6'] == 'post-error'
    assert cell['trask-part2/alpha-sweep/alpha-100/error@10000', 'py3.9-np1.19.3-Sandybridge'] == 'reproduced'


def _rgba(colour):
    from matplotlib.colors import to_rgba
    return to_rgba(colour)


def test_verdict_map_colours_a_cell_by_its_verdict_and_writes_its_digits(plt):
    kinds = np.array([['reproduced', 'off', 'off'], ['sensitive', 'not run', 'post-error']], dtype=object)
    digits = np.array([[np.nan, 11, 2], [3, np.nan, 1]])
    fig = pictures.plot_verdicts(plt, ['y', 'w'], ['a', 'b', 'c'], kinds, digits)
    image = fig.axes[0].images[0]
    colour = lambda i, k: image.cmap(image.norm(image.get_array()[i, k]))
    assert colour(0, 1) == colour(0, 2) == _rgba(palette.COLOURS['off'])  # 11 digits or 2: one colour
    assert colour(0, 0) == _rgba(palette.COLOURS['reproduced'])
    assert colour(1, 0) == _rgba(palette.COLOURS['sensitive']) and colour(1, 2) == _rgba(palette.COLOURS['post-error'])
    assert colour(1, 1) == _rgba(palette.NOT_RUN)
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ['1', '11', '2', '3', '\u2013']


def test_sweep_plot_gives_each_alpha_its_own_panel_and_each_point_its_verdict(plt):
    curves = {10: (np.array([0, 500, 1000]), np.array([0.5, 0.1, 0.01])),
              100: (np.array([0, 500, 1000]), np.array([0.5, 0.1, 0.01]))}  # the same curve: it must still show
    points = {10.0: (np.array([0, 1000]), np.array([0.49, 0.011]), ['reproduced', 'sensitive'])}
    fig = pictures.plot_sweep(plt, 32, curves, points)
    panels = [ax for ax in fig.axes if [l for l in ax.lines if l.get_label().startswith('alpha')]]
    assert [ax.get_title() for ax in panels] == ['alpha 10', 'alpha 100']
    assert all(len([l for l in ax.lines if l.get_label().startswith('alpha')]) == 1 for ax in panels)
    line = [l for l in panels[0].lines if l.get_label() == 'alpha 10'][0]
    assert np.array_equal(line.get_ydata(), [0.5, 0.1, 0.01]) and panels[0].get_yscale() == 'log'
    marks = [l for l in panels[0].lines if l.get_gid() == 'documented-10-sensitive'][0]
    assert np.array_equal(marks.get_xdata(), [1000]) and np.array_equal(marks.get_ydata(), [0.011])
    assert _rgba(marks.get_color()) == _rgba(palette.COLOURS['sensitive']) and marks.get_marker() == palette.MARKERS['sensitive']


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
