"""the pictures of docs/pictures.md: alpha sweeps, the 2-layer error surface, direction counts, the matrix.

nnspec pictures [--out docs/img]   (python -m nnspec.evidence.pictures)
needs matplotlib where nnspec runs: `tox -e pictures` (an env with it, which also
checks the pictures), or `pip install 'nnspec[pictures]'`. without it the command
says so and exits 2; it installs nothing. the pictures are written all at once.
the data functions are plain numpy: tests/test_pictures.py checks them
against the reference, and the artists against the data when it can.
"""
import argparse
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np

from nnspec import atomic, listings, probe, runs, spec, stack
from nnspec.evidence import drift, trees, variants
from nnspec.evidence.palette import COLOURS, MARKERS, NOT_RUN, SEQUENTIAL, ink
from nnspec.web import model

OUT = spec.ROOT / 'docs' / 'img'
LABEL, TITLE = 9, 11  # points: no text smaller than LABEL
NAMES = ('verdicts-per-post.png', 'alpha-sweep-hidden-4.png', 'alpha-sweep-hidden-32.png', 'drift.png',
         'summation-trees.png', 'error-surface.png', 'direction-counts.png', 'matrix-verdicts.png')  # docs/img
# hidden size -> the sweep of part 2 (the closer look, alpha sweep's twin, left out)
SWEEPS = {l.hidden: l.run for l in listings.SWEEPS if not l.direction_counts}


def sweep_curves(hidden, iterations=60000, every=500, alphas=listings.ALPHAS):
    """{alpha: (iterations, mean abs errors)} recorded every `every` (the default variant)."""
    out = {}
    for alpha in alphas:
        errors = variants.train(variants.Ops('default'), alpha, hidden, True, iterations, every)['errors']
        out[alpha] = (np.arange(len(errors)) * every, np.array(errors, dtype=float))
    return out


def documented_points(run, kinds=None):
    """{alpha: (iterations, documented errors, verdict kinds)} of a sweep, from the spec (lost ones left out);
    kinds: {entry id: kind} (nnspec.web.model), else every point 'reproduced'."""
    out = {}
    for _, e in spec.entries():
        if e.get('run') == run and e['documented'] is not None and '/error@' in e['quantity']:
            alpha, j = e['quantity'].split('/error@')
            kind = (kinds or {}).get(e['id'], 'reproduced')
            out.setdefault(float(alpha[len('alpha-'):]), []).append((int(j), float(Decimal(e['documented'])), kind))
    return {a: (np.array([j for j, _, _ in p]), np.array([v for _, v, _ in p]), [k for _, _, k in p])
            for a, p in ((a, sorted(p)) for a, p in out.items())}


def direction_counts():
    """{alpha: (synapse_0 counts 3x4, synapse_1 counts 4x1)} of the closer look."""
    q = runs.run(listings.CLOSER_LOOK.run)
    return {a: (q['alpha-%s/synapse_0_direction_count' % a], q['alpha-%s/synapse_1_direction_count' % a])
            for a in listings.ALPHAS}


def _sensitivity():
    return {e['id']: e['class'] for e in spec.load_json(spec.SUITE / 'sensitivity.json')['entries']}


def verdict_table(path=None, sensitivity=None):
    """(value ids, stack names, verdict kind per cell, digits of agreement per cell (nan: none)): the documented
    values not printed as documented on every stack that ran. a cell's kind is the site's (nnspec.web.model):
    off on a value whose text moves with the arithmetic is 'sensitive', off under every variant 'post-error'."""
    data = json.loads(open(path or spec.ROOT / 'docs' / 'matrix.json', encoding='utf-8').read())
    classes = _sensitivity() if sensitivity is None else sensitivity
    names = [s['name'] for s in data['stacks'] if 'error' not in s]
    rows = [e for e in data['entries'] if e['documented'] is not None
            and any(e['measured'].get(n) not in (e['documented'], None) for n in names)]

    def cell(e, n):
        text = e['measured'].get(n)
        if text is None:
            return 'not run'
        if text == e['documented']:
            return 'reproduced'
        return model.kind('off', classes.get(e['id']))
    kinds = np.array([[cell(e, n) for n in names] for e in rows], dtype=object).reshape(len(rows), len(names))
    digits = np.array([[np.nan if kinds[i, k] in ('reproduced', 'not run') or e['digits'].get(n) is None
                        else e['digits'][n] for k, n in enumerate(names)] for i, e in enumerate(rows)])
    return [e['id'] for e in rows], names, kinds, digits.reshape(kinds.shape)


def stack_label():
    s = stack.describe()
    return 'numpy %s, %s (%s kernel), %s' % (s['numpy'], s['blas'], s.get('blas_kernel', '?'), s['machine'])


def _legend(fig, plt, kinds, **kw):
    from matplotlib.patches import Patch
    handles = [Patch(facecolor=COLOURS[k], edgecolor='#333333', label=model.KINDS[k][0]) for k in kinds]
    return fig.legend(handles=handles, fontsize=LABEL, **kw)


def plot_verdicts(plt, ids, names, kinds, digits):
    """one cell per value and stack, coloured by its verdict there; the digits of agreement written in off cells."""
    from matplotlib.colors import ListedColormap
    order = list(COLOURS) + ['not run']
    fig, ax = plt.subplots(figsize=(3.5 + 0.42 * len(names), 2.5 + 0.22 * len(ids)))
    index = np.array([[order.index(k) for k in row] for row in kinds]).reshape(kinds.shape)
    ax.imshow(index, cmap=ListedColormap([COLOURS.get(k, NOT_RUN) for k in order]), vmin=-0.5,
              vmax=len(order) - 0.5, aspect='auto', interpolation='nearest')
    for (i, k), kind in np.ndenumerate(kinds):
        if kind == 'not run':
            ax.text(k, i, '\u2013', ha='center', va='center', fontsize=LABEL, color='#595959')
        elif not np.isnan(digits[i, k]):
            ax.text(k, i, '%d' % digits[i, k], ha='center', va='center', fontsize=LABEL, color=ink(COLOURS[kind]))
    ax.set_xticks(np.arange(len(names) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(ids) + 1) - 0.5, minor=True)
    ax.grid(which='minor', color='white', linewidth=1)
    ax.tick_params(which='minor', length=0)
    ax.set_xticks(range(len(names)), names, rotation=90, fontsize=LABEL)
    ax.set_yticks(range(len(ids)), ids, fontsize=LABEL)
    ax.xaxis.tick_top()
    present = [k for k in COLOURS if (kinds == k).any()]
    _legend(fig, plt, present, loc='lower center', ncol=len(present), frameon=False)
    ax.set_title('documented values not printed as documented on every stack: the verdict per stack\n'
                 '(number in a cell: digits of agreement with the documented text; \u2013: not run)', fontsize=TITLE)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def plot_sweep(plt, hidden, curves, points):
    """one panel per alpha (no curve under another): the reference's error, and the documented points by verdict."""
    cols = 4
    rows = -(-(len(curves) + 1) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3 * cols, 2.6 * rows), sharex=True, sharey=True, squeeze=False)
    for ax, (alpha, (j, err)) in zip(axes.flat, curves.items()):
        ax.plot(j, err, color='#333333', linewidth=1.2, label='alpha %s' % alpha)
        pj, pe, kinds = points.get(float(alpha), ((), (), ()))
        for kind in dict.fromkeys(kinds):
            at = [n for n, k in enumerate(kinds) if k == kind]
            ax.plot(np.asarray(pj)[at], np.asarray(pe)[at], MARKERS[kind], ms=7, color=COLOURS[kind], mec='black',
                    gid='documented-%s-%s' % (alpha, kind))
        ax.set_title('alpha %s' % alpha, fontsize=TITLE)
        ax.set_yscale('log')
        ax.tick_params(labelsize=LABEL)
        ax.grid(alpha=0.3)
    spare = axes.flat[len(curves):]
    for ax in spare:
        ax.axis('off')
    shown = [k for k in COLOURS if any(k in p[2] for p in points.values())]
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], color='#333333', label='the reference, every 500 iterations')] + [
        Line2D([], [], linestyle='', marker=MARKERS[k], ms=7, color=COLOURS[k], mec='black',
               label='documented (%s)' % model.KINDS[k][0]) for k in shown]
    (spare[0] if len(spare) else axes.flat[-1]).legend(handles=handles, loc='center', fontsize=LABEL, frameon=False)
    fig.supxlabel('iteration', fontsize=LABEL)
    fig.supylabel('mean |error| (log)', fontsize=LABEL)
    fig.suptitle('part 2 alpha sweep, hidden %d: one panel per alpha' % hidden, fontsize=TITLE)
    fig.tight_layout()
    return fig


def plot_surface(plt, surface, trained):
    fig, ax = plt.subplots(figsize=(6, 5))
    w = surface['weights']
    mesh = ax.pcolormesh(w, w, surface['errors'].T, shading='nearest', cmap=SEQUENTIAL)
    bar = fig.colorbar(mesh)
    bar.set_label('mean |error|', fontsize=LABEL)
    bar.ax.tick_params(labelsize=LABEL)
    ax.plot([trained[0]], [trained[1]], '*', color=COLOURS['post-error'], mec='white', ms=14,
            label='trained weights (10,000 iterations)')
    ax.set(xlabel='weight 0', ylabel='weight 1', title='2-layer network: error surface')
    ax.legend(loc='lower left', fontsize=LABEL)
    return fig


def plot_counts(plt, counts):
    fig, axes = plt.subplots(2, len(counts), figsize=(2 * len(counts), 5),
                             gridspec_kw={'height_ratios': [3, 4]}, squeeze=False)
    top = max(float(np.max(c)) for pair in counts.values() for c in pair) or 1
    cmap = plt.get_cmap(SEQUENTIAL)
    for col, (alpha, pair) in enumerate(counts.items()):
        for row, c in enumerate(pair):
            ax = axes[row, col]
            ax.imshow(c, cmap=cmap, vmin=0, vmax=top)
            for (i, k), v in np.ndenumerate(c):
                ax.text(k, i, '%d' % v, ha='center', va='center', fontsize=LABEL,
                        color=ink('#%02X%02X%02X' % tuple(int(255 * x) for x in cmap(v / top)[:3])))
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(('alpha %s\nsynapse 0' % alpha) if row == 0 else 'synapse 1', fontsize=LABEL)
    fig.suptitle('closer look: update direction changes in 60,000 iterations', fontsize=TITLE)
    return fig


def drift_tables(note=lambda text: None):
    """[(title, recorded iterations, {row: digits})] of every chaotic run."""
    return [(r.title,) + drift.table(r, note=note) for r in drift.RUNS]


def _edges(j):
    """cell edges around recorded iterations on a symlog axis: geometric midpoints (0.5 after 0)."""
    j = np.asarray(j, dtype=float)
    mid = np.sqrt(np.maximum(j[:-1], 0.25) * j[1:])
    return np.concatenate([[-0.5], mid, [j[-1] * 1.05 + 0.5]])


def plot_drift(plt, tables, printed=12, checkpoints=drift.CHECKPOINTS[1:]):
    """one band per chaotic run: each variant's digits of agreement with the ideal arithmetic over the iterations,
    and beside it the digits at the iterations the post prints."""
    from matplotlib.colors import BoundaryNorm
    cmap = plt.get_cmap(SEQUENTIAL, 18)
    norm = BoundaryNorm(np.arange(-0.5, 18), 18)
    height = sum(1 + 0.3 * len(rows) for _, _, rows in tables)
    fig, axes = plt.subplots(len(tables), 1, figsize=(11, 2 + height), squeeze=False, sharex=True, layout='constrained')
    for ax, (title, j, rows) in zip(axes[:, 0], tables):
        grid = np.array(list(rows.values()), dtype=float)
        mesh = ax.pcolormesh(_edges(j), np.arange(len(rows) + 1) - 0.5, grid, cmap=cmap, norm=norm)
        ax.set_xscale('symlog', linthresh=1, linscale=0.3)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_yticks(range(len(rows)), list(rows), fontsize=LABEL)
        shown = [c for c in checkpoints if c in j]
        for c in shown:
            ax.axvline(c, color='white', linewidth=0.8, linestyle=':')
        at = [int(np.flatnonzero(j == c)[0]) for c in shown]
        ax.text(1.01, 1.0, 'at ' + ' '.join('%dk' % (c // 1000) for c in shown), transform=ax.transAxes,
                fontsize=LABEL, va='bottom', family='monospace')
        for r, row in enumerate(grid):
            ax.text(1.01, r, '   ' + ' '.join('%3d' % row[k] for k in at), transform=ax.get_yaxis_transform(),
                    fontsize=LABEL, va='center', family='monospace', gid='digits-%s' % list(rows)[r])
        ax.set_title(title, fontsize=TITLE, loc='left')
        ax.tick_params(axis='x', labelsize=LABEL)
    axes[-1, 0].set_xlabel('iteration (log scale; dotted: 10,000 ... 50,000, where the post prints the error)',
                           fontsize=LABEL)
    bar = fig.colorbar(mesh, ax=axes[:, 0].tolist(), ticks=range(0, 18), orientation='horizontal',
                       fraction=0.04, aspect=50)
    bar.set_label("digits of agreement of the mean |error| with 'exact' (the line at %d: the digits the post prints)"
                  % printed, fontsize=LABEL)
    bar.ax.tick_params(labelsize=LABEL)
    bar.ax.axvline(printed, color=COLOURS['post-error'], linewidth=3)
    fig.suptitle('how the honest arithmetics drift apart in the chaotic runs', fontsize=TITLE)
    return fig


def plot_trees(plt, sites, label):
    """the summation tree of each np.dot call site: the author's (author-2015) beside this stack's blas, drawn in
    the verdict blue where the tree is the author's, vermillion where it is another."""
    fig, axes = plt.subplots(len(sites), 2, figsize=(14, 1.5 * len(sites) + 1.2), squeeze=False, layout='constrained')
    for row, site in zip(axes, sites):
        for ax, who, (tree, fma) in zip(row, ('author', 'ours'), (site.author, site.ours)):
            leaves, additions, edges = trees.layout(tree)
            colour = '#333333' if who == 'author' else COLOURS['reproduced' if tree == site.author[0] else 'post-error']
            for (x0, y0), (x1, y1) in edges:
                ax.plot([x0, x1, x1], [y0, y0, y1], color=colour, linewidth=1.5)
            ax.plot([x for x, _ in additions], [y for _, y in additions], 'o', color=colour, ms=4)
            for x, term in leaves:
                ax.text(x, -0.4, 'p%d' % term, ha='center', va='top', fontsize=LABEL,
                        rotation=90 if site.k > 8 else 0)
            ax.set_xlim(-0.8, max(site.k, 4) - 0.2)
            ax.set_ylim(-0.5 - (2.2 if site.k > 8 else 1.0), max(y for _, y in additions) + 0.5)
            ax.axis('off')
            same = ('' if who == 'author' else " (the author's tree)" if tree == site.author[0] else " (not the author's tree)")
            ax.set_title('%s: %s\n%s, %s%s' % (site.group, site.label, probe.name(tree, site.k),
                                               'fma' if fma else 'no fma', same), fontsize=LABEL, loc='left')
    axes[0, 0].annotate("the author's arithmetic (author-2015)", (0, 1), xycoords='axes fraction', xytext=(0, 34),
                        textcoords='offset points', fontsize=TITLE, weight='bold')
    axes[0, 1].annotate('this blas: %s' % label, (0, 1), xycoords='axes fraction', xytext=(0, 34),
                        textcoords='offset points', fontsize=TITLE, weight='bold')
    fig.suptitle('summation trees of the np.dot call sites: the products p0, p1 ... in the order summed, each '
                 'addition one level above its operands\n', fontsize=TITLE)
    return fig


def plot_summary(plt, summary, label):
    """one bar per post, the share of each verdict, the counts written in (and all of them beside the bar)."""
    fig, ax = plt.subplots(figsize=(11, 1.5 + 0.6 * len(summary)))
    names = ['%s (%d)' % (p['post'], p['total']) for p in summary]
    for y, p in enumerate(summary):
        left = 0.0
        for kind in COLOURS:
            n = p['kinds'].get(kind, 0)
            if not n:
                continue
            share = n / p['total']
            ax.barh(y, share, left=left, color=COLOURS[kind], edgecolor='white', gid='%s-%s' % (p['post'], kind))
            if share >= 0.06:
                ax.text(left + share / 2, y, '%d' % n, ha='center', va='center', fontsize=LABEL, color=ink(COLOURS[kind]))
            left += share
        ax.text(1.02, y, ', '.join('%d %s' % (p['kinds'][k], model.KINDS[k][0]) for k in COLOURS if p['kinds'].get(k)),
                va='center', fontsize=LABEL)
    ax.set_yticks(range(len(summary)), names, fontsize=LABEL)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: '%d%%' % round(100 * v))
    ax.tick_params(axis='x', labelsize=LABEL)
    ax.spines[['top', 'right']].set_visible(False)
    present = [k for k in COLOURS if any(p['kinds'].get(k) for p in summary)]
    _legend(fig, plt, present, loc='lower center', ncol=len(present), frameon=False)
    ax.set_title('every documented entry by verdict, per post (on %s)' % label, fontsize=TITLE)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def figures(plt, note=lambda text: None):
    """{file name: figure} of every picture."""
    entries = model.entries()
    kinds = {e['id']: e['kind'] for e in entries}
    out = {'alpha-sweep-hidden-%d.png' % h: plot_sweep(plt, h, sweep_curves(h), documented_points(r, kinds))
           for h, r in SWEEPS.items()}
    gradient_descent = listings.PART2_TWO_LAYER.reference()
    out['error-surface.png'] = plot_surface(plt, gradient_descent.error_surface(), gradient_descent.run()['synapse_0'].ravel())
    out['direction-counts.png'] = plot_counts(plt, direction_counts())
    out['matrix-verdicts.png'] = plot_verdicts(plt, *verdict_table())
    out['drift.png'] = plot_drift(plt, drift_tables(note=note))
    out['summation-trees.png'] = plot_trees(plt, trees.sites(), stack_label())
    out['verdicts-per-post.png'] = plot_summary(plt, model.summary(entries), stack_label())
    assert sorted(out) == sorted(NAMES), 'pictures.NAMES lists every picture drawn'
    return {name: out[name] for name in NAMES}


def compact(png, share=0.001):
    """the png with at most 256 colours (about a third of the bytes), if every colour that covers `share` of it
    (the fills: verdicts, bars, cells) stays exact and nothing is transparent; else the png as it was."""
    from PIL import Image  # matplotlib's own dependency
    image = Image.open(io.BytesIO(png))
    if image.mode == 'RGBA' and image.getchannel('A').getextrema() != (255, 255):
        return png
    rgb = image.convert('RGB')
    fills = {c for n, c in rgb.getcolors(1 << 24) if n >= share * rgb.width * rgb.height}
    few = rgb.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if not fills <= {c for _, c in few.convert('RGB').getcolors(1 << 24)}:
        return png
    out = io.BytesIO()
    few.save(out, format='png', optimize=True)
    return out.getvalue()


NO_MATPLOTLIB = ('nnspec pictures: needs matplotlib, which %s cannot import. draw them with `tox -e pictures` '
                 "(an env with it), or install it beside nnspec: pip install 'nnspec[pictures]'. nothing was written.")


def main(argv=None):
    p = argparse.ArgumentParser(prog='nnspec pictures', description=__doc__.splitlines()[0],
                                epilog="needs matplotlib: `tox -e pictures`, or pip install 'nnspec[pictures]'. "
                                       'exit 0: every picture written; 2: no matplotlib, nothing written')
    p.add_argument('--out', type=Path, default=OUT, help='directory of the pictures (default docs/img)')
    args = p.parse_args(argv)
    try:
        import matplotlib
    except ImportError:
        print(NO_MATPLOTLIB % sys.executable, file=sys.stderr)
        return 2
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    pngs = {}
    for name, fig in figures(plt).items():
        png = io.BytesIO()
        fig.savefig(png, format='png', dpi=90, bbox_inches='tight', metadata={'Software': None})
        plt.close(fig)
        pngs[args.out / name] = compact(png.getvalue())
    args.out.mkdir(parents=True, exist_ok=True)
    atomic.write_all(pngs)  # every picture or none: docs/img never mixes two runs
    for path in pngs:
        print(path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
