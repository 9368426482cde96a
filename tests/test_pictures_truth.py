"""the pictures tell the truth at a glance: verdict colours from a colour-blind-safe set, readable text that
never collides, the drift of the honest arithmetics, the summation trees, the verdicts per post.

the data functions are checked against the reference here; the artists only where matplotlib is
installed (else those tests skip, saying so).
"""
from collections import Counter
from itertools import combinations

import numpy as np
import pytest

from nnspec import probe
from nnspec.evidence import drift, palette, pictures, trees, variants
from nnspec.reference import trask_part2_hidden_size
from nnspec.web import model


# the palette

def test_every_verdict_has_an_okabe_ito_colour_or_the_neutral_grey():
    assert list(palette.COLOURS) == list(model.KINDS)  # the site's kinds, in its order
    chosen = [c for k, c in palette.COLOURS.items() if k != 'lost']
    assert set(chosen) <= set(palette.OKABE_ITO.values()) and len(set(chosen)) == len(chosen)
    assert palette.COLOURS['lost'] == palette.NEUTRAL
    assert len(set(palette.MARKERS[k] for k in model.KINDS)) == len(model.KINDS)  # shape too, not hue alone


def test_the_ink_on_every_verdict_colour_reads_at_wcag_aa():
    assert palette.contrast('#000000', '#FFFFFF') == pytest.approx(21)
    for kind, fill in palette.COLOURS.items():
        assert palette.contrast(fill, palette.ink(fill)) >= 4.5, kind
    assert palette.ink(palette.COLOURS['reproduced']) == '#FFFFFF' and palette.ink(palette.COLOURS['fails']) == '#000000'


# the drift of the honest arithmetics

CHAOTIC_32 = drift.RUNS[1]


def test_drift_runs_are_those_whose_documented_errors_are_sensitive():
    from nnspec import listings, spec
    hidden = {l.run: l.hidden for l in listings.SWEEPS}
    source = {e['id']: e for _, e in spec.entries()}
    sensitive = {(hidden[source[e['id']]['run']], float(source[e['id']]['quantity'].split('/')[0][len('alpha-'):]))
                 for e in spec.load_json(spec.SUITE / 'sensitivity.json')['entries']
                 if e['class'] == 'sensitive' and '/error@' in e['id']}
    assert sensitive == {(r.hidden, float(r.alpha)) for r in drift.RUNS}


def test_drift_records_the_log_spaced_iterations_and_the_checkpoints():
    j = drift.recorded()
    assert j[0] == 0 and j[-1] == 59999 and set(range(0, 60000, 10000)) <= set(j.tolist())
    assert np.all(np.diff(j) > 0) and 120 <= len(j) <= 160
    assert np.count_nonzero(j < 100) > 40  # the start, where the drift begins, is not one cell


def test_drift_default_variant_is_the_reference_run(tmp_path, monkeypatch):
    monkeypatch.setenv('NNSPEC_CACHE_DIR', str(tmp_path))
    got = drift.errors(CHAOTIC_32, 'default', iterations=20001, store=drift._store(print))
    reference = dict(trask_part2_hidden_size.train(10, 20001)['errors'])
    at = {int(k): e for k, e in zip(drift.recorded(20001), got)}
    assert [at[k] for k in sorted(reference)] == [reference[k] for k in sorted(reference)]


def test_drift_reads_a_variant_back_from_the_cache_bit_for_bit(tmp_path, monkeypatch):
    monkeypatch.setenv('NNSPEC_CACHE_DIR', str(tmp_path))
    store = drift._store(print)
    first = drift.errors(CHAOTIC_32, 'exp-libm', iterations=300, store=store)
    monkeypatch.setattr(variants, 'train', lambda *a: pytest.fail('trained again: not read from the cache'))
    again = drift.errors(CHAOTIC_32, 'exp-libm', iterations=300, store=store)
    store.close()
    assert again.tobytes() == first.tobytes() and len(first) == len(drift.recorded(300))


def test_drift_table_rows_are_digits_against_the_ideal_and_the_worst_pair(tmp_path, monkeypatch):
    monkeypatch.setenv('NNSPEC_CACHE', 'off')
    j, rows = drift.table(drift.RUNS[0], names=('default', 'sum-naive', 'exact'), iterations=3000)
    assert list(rows) == ['worst pair', 'default', 'sum-naive'] and list(j) == list(drift.recorded(3000))
    assert rows['default'][0] >= 15 and rows['default'][-1] < 15  # alpha 100 drifts within 3,000 iterations
    assert np.all(rows['worst pair'] <= np.minimum(rows['default'], rows['sum-naive']))


def test_drift_picture_colours_each_cell_by_its_digits_and_writes_them_where_the_post_prints(plt):
    j = np.array([0, 1, 10, 100, 10000, 20000])
    rows = {'worst pair': np.array([17, 16, 12, 9, 5, 3]), 'default': np.array([17, 17, 14, 10, 6, 4])}
    fig = pictures.plot_drift(plt, [('run', j, rows)])
    ax = fig.axes[0]
    mesh = ax.collections[0]
    assert np.array_equal(np.asarray(mesh.get_array()).reshape(2, 6), [rows['worst pair'], rows['default']])
    assert mesh.cmap.name.startswith(palette.SEQUENTIAL)
    written = {t.get_gid(): t.get_text().split() for t in ax.texts}
    assert written[None] == ['at', '10k', '20k']
    assert written['digits-worst pair'] == ['5', '3'] and written['digits-default'] == ['6', '4']


# the summation trees

def test_tree_layout_puts_each_addition_above_its_operands():
    leaves, additions, edges = trees.layout(((0, 2), 1))  # (p0 + p2) + p1
    assert leaves == [(0.0, 0), (1.0, 2), (2.0, 1)]
    assert additions == [(0.5, 1), (1.25, 2)]
    assert sorted(edges) == sorted([((0.5, 1), (0.0, 0)), ((0.5, 1), (1.0, 0)), ((1.25, 2), (0.5, 1)), ((1.25, 2), (2.0, 0))])


def test_tree_sites_carry_the_authors_four_sums_and_this_blas():
    sites = {(s.group, s.label): s for s in trees.sites()}
    assert len(sites) == sum(len(probe.sites(h)) for h in probe.GROUPS.values())
    four = sites['part 2, hidden 32', 'layer_1.dot(synapse_1)']
    assert four.k == 32 and four.author == (probe.lanes(32, ((0, 2), (1, 3))), False)
    assert four.ours == probe.probe(np.dot, 32)['layer_1.dot(synapse_1)']


def test_tree_picture_draws_both_trees_and_names_a_difference(plt):
    sites = [trees.Site('g', 'a.dot(b)', 3, (((0, 1), 2), False), (((0, 1), 2), True)),
             trees.Site('g', 'c.dot(d)', 3, (((0, 1), 2), False), (((0, 2), 1), False))]
    fig = pictures.plot_trees(plt, sites, 'a blas')
    titles = [ax.get_title(loc='left') for ax in fig.axes]
    assert titles[0] == 'g: a.dot(b)\nin order, no fma' and titles[1] == "g: a.dot(b)\nin order, fma (the author's tree)"
    assert titles[3].endswith("(not the author's tree)")
    assert [t.get_text() for t in fig.axes[3].texts] == ['p0', 'p2', 'p1']
    assert _rgba(fig.axes[1].lines[0].get_color()) == _rgba(palette.COLOURS['reproduced'])
    assert _rgba(fig.axes[3].lines[0].get_color()) == _rgba(palette.COLOURS['post-error'])


# compact pngs

def _png(pixels, mode='RGB'):
    from PIL import Image
    import io
    out = io.BytesIO()
    Image.fromarray(np.asarray(pixels, dtype=np.uint8), mode).save(out, format='png')
    return out.getvalue()


def _colours(png):
    from PIL import Image
    import io
    return {c for _, c in Image.open(io.BytesIO(png)).convert('RGB').getcolors(1 << 24)}


def test_compact_keeps_every_verdict_fill_exact_and_shrinks_the_rest(plt):
    fills = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in palette.COLOURS.values()]
    image = np.zeros((200, 700, 3))
    for k, f in enumerate(fills):
        image[:100, 100 * k:100 * (k + 1)] = f
    image[100:] = np.random.default_rng(0).integers(0, 256, (100, 700, 3))  # 70,000 colours, each on a pixel or two
    png = _png(image)
    small = pictures.compact(png)
    assert len(small) < len(png) and set(fills) <= _colours(small) and len(_colours(small)) <= 256


def test_compact_leaves_a_png_alone_where_a_fill_would_change(plt):
    k = np.arange(300)
    stripes = np.stack([k % 256, k // 256 * 100, k * 0 + 50], axis=-1)[None].repeat(10, axis=0)  # 300 fills
    png = _png(stripes)
    assert pictures.compact(png) == png


def test_compact_leaves_a_transparent_png_alone(plt):
    rgba = np.zeros((20, 20, 4))
    rgba[..., 3] = 128
    png = _png(rgba, 'RGBA')
    assert pictures.compact(png) == png


# the docs show every picture, and no other

def test_docs_img_holds_the_pictures_drawn_and_the_docs_show_each():
    import re
    root = pictures.spec.ROOT
    assert sorted(p.name for p in (root / 'docs' / 'img').glob('*.png')) == sorted(pictures.NAMES)
    shown = re.findall(r'!\[[^\]]+\]\(img/([^)]+)\)', (root / 'docs' / 'pictures.md').read_text(encoding='utf-8'))
    assert sorted(shown) == sorted(pictures.NAMES)
    for doc, prefix in (('README.md', 'docs/img/'), ('docs/findings.md', 'img/')):
        linked = re.findall(r'\]\(%s([^)]+\.png)\)' % re.escape(prefix), (root / doc).read_text(encoding='utf-8'))
        assert linked and set(linked) <= set(pictures.NAMES), doc
    assert 'matrix-verdicts.png' in re.findall(r'docs/img/([^)]+)\)', (root / 'README.md').read_text(encoding='utf-8'))


# the verdicts per post

def _summary():
    return [{'post': 'big', 'total': 100, 'kinds': Counter(reproduced=90, sensitive=9, lost=1)},
            {'post': 'small', 'total': 4, 'kinds': Counter(reproduced=2, fails=2)}]


def test_summary_bars_are_the_shares_in_the_verdict_colours_with_every_count_written(plt):
    fig = pictures.plot_summary(plt, _summary(), 'a stack')
    ax = fig.axes[0]
    bars = {p.get_gid(): p for p in ax.patches}
    assert bars['big-sensitive'].get_width() == pytest.approx(0.09)
    assert bars['small-fails'].get_facecolor() == _rgba(palette.COLOURS['fails'])
    texts = [t.get_text() for t in ax.texts]
    assert '90' in texts and '1' not in texts  # a sliver gets no count inside ...
    assert '90 reproduced, 9 off here, sensitive, 1 lost to the OCR' in texts  # ... but one beside the bar


def test_summary_of_the_posts_counts_every_entry():
    entries = model.entries()
    summary = model.summary(entries)
    assert sum(p['total'] for p in summary) == len(entries) == sum(sum(p['kinds'].values()) for p in summary)


# readable labels, never on top of each other

def _rgba(colour):
    from matplotlib.colors import to_rgba
    return to_rgba(colour)


def _figures(plt):
    sweep = {a: (np.arange(0, 60000, 500), np.geomspace(0.5, 1e-3 * (k + 1), 120)) for k, a in enumerate([0.001, 0.01, 0.1, 1, 10, 100, 1000])}
    points = {float(a): (np.arange(0, 60000, 10000), c[1][::20], ['reproduced'] * 4 + ['sensitive'] * 2) for a, c in sweep.items()}
    kinds = np.array([['reproduced', 'off', 'sensitive'], ['post-error', 'not run', 'off']] * 4, dtype=object)
    digits = np.where(kinds == 'reproduced', np.nan, 11.0)
    j = drift.recorded()
    rows = {name: np.clip(17 - np.log10(j + 1) * 2, 0, 17).astype(int) for name in ['worst pair'] + list(variants.VARIANTS)[:-1]}
    sites = trees.sites()
    return {'sweep': pictures.plot_sweep(plt, 32, sweep, points),
            'verdicts': pictures.plot_verdicts(plt, ['trask-part2/closer-look/alpha-1000/synapse_0[%d][1]' % i for i in range(8)],
                                               ['py3.11-np2.4.6-Sandybridge', 'py3.9-np1.19.3', 'py3.13-np2.5.5'], kinds, digits),
            'drift': pictures.plot_drift(plt, [('run %d' % n, j, rows) for n in range(2)]),
            'trees': pictures.plot_trees(plt, sites, pictures.stack_label()),
            'summary': pictures.plot_summary(plt, model.summary(model.entries()), pictures.stack_label()),
            'counts': pictures.plot_counts(plt, pictures.direction_counts())}


def _draw(fig):
    """draw `fig`; [(text, its box)] of the texts matplotlib drew (a tick label beyond its axis' limits is
    kept, not drawn)."""
    from matplotlib.text import Text
    drawn, draw = [], Text.draw

    def recording(self, renderer):
        draw(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
    Text.draw = recording
    try:
        fig.canvas.draw()
    finally:
        Text.draw = draw
    renderer = fig.canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for t in dict.fromkeys(drawn)]


def _collisions(boxes):
    """pairs of texts whose boxes overlap by more than a pixel each way."""
    return [(a.get_text(), b.get_text()) for (a, ea), (b, eb) in combinations(boxes, 2)
            if min(ea.x1, eb.x1) - max(ea.x0, eb.x0) > 1 and min(ea.y1, eb.y1) - max(ea.y0, eb.y0) > 1]


@pytest.fixture(scope='module')
def drawn(plt):
    return {name: _draw(fig) for name, fig in _figures(plt).items()}


def test_no_text_in_any_picture_is_smaller_than_9_points(drawn):
    for name, texts in drawn.items():
        assert len(texts) > 10, name
        small = [(t.get_text(), t.get_fontsize()) for t, _ in texts if t.get_fontsize() < pictures.LABEL]
        assert not small, (name, small[:5])


def test_no_two_labels_in_any_picture_collide(drawn):
    for name, texts in drawn.items():
        hits = _collisions(texts)
        assert not hits, (name, hits[:5])


def test_the_collision_check_sees_two_labels_on_one_spot(plt):
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, 'alpha 100', fontsize=9)
    ax.text(0.5, 0.5, 'alpha 1000', fontsize=9)
    ax.text(0.1, 0.1, 'apart', fontsize=9)
    assert _collisions(_draw(fig)) == [('alpha 100', 'alpha 1000')]
