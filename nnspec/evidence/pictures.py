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

from nnspec import atomic, listings, runs, spec
from nnspec.evidence import variants

OUT = spec.ROOT / 'docs' / 'img'
# hidden size -> the sweep of part 2 (the closer look, alpha sweep's twin, left out)
SWEEPS = {l.hidden: l.run for l in listings.SWEEPS if not l.direction_counts}


def sweep_curves(hidden, iterations=60000, every=500, alphas=listings.ALPHAS):
    """{alpha: (iterations, mean abs errors)} recorded every `every` (the default variant)."""
    out = {}
    for alpha in alphas:
        errors = variants.train(variants.Ops('default'), alpha, hidden, True, iterations, every)['errors']
        out[alpha] = (np.arange(len(errors)) * every, np.array(errors, dtype=float))
    return out


def documented_points(run):
    """{alpha: (iterations, documented errors)} of a sweep, from the spec (lost ones left out)."""
    out = {}
    for _, e in spec.entries():
        if e.get('run') == run and e['documented'] is not None and '/error@' in e['quantity']:
            alpha, j = e['quantity'].split('/error@')
            out.setdefault(float(alpha[len('alpha-'):]), []).append((int(j), float(Decimal(e['documented']))))
    return {a: tuple(np.array(c) for c in zip(*sorted(p))) for a, p in out.items()}


def direction_counts():
    """{alpha: (synapse_0 counts 3x4, synapse_1 counts 4x1)} of the closer look."""
    q = runs.run(listings.CLOSER_LOOK.run)
    return {a: (q['alpha-%s/synapse_0_direction_count' % a], q['alpha-%s/synapse_1_direction_count' % a])
            for a in listings.ALPHAS}


def digits_table(path=None):
    """(value ids, stack names, digits with nan for unrun, printed-as-documented mask): values not reproduced everywhere."""
    data = json.loads(open(path or spec.ROOT / 'docs' / 'matrix.json', encoding='utf-8').read())
    names = [s['name'] for s in data['stacks'] if 'error' not in s]
    rows = [e for e in data['entries'] if e['documented'] is not None
            and any(e['measured'].get(n) != e['documented'] for n in names)]
    table = np.array([[np.nan if e['digits'].get(n) is None else e['digits'][n] for n in names] for e in rows])
    exact = np.array([[e['measured'].get(n) == e['documented'] for n in names] for e in rows], dtype=bool)
    shape = (len(rows), len(names))
    return [e['id'] for e in rows], names, table.reshape(shape), exact.reshape(shape)


def plot_sweep(plt, hidden, curves, points):
    fig, ax = plt.subplots(figsize=(8, 5))
    for k, (alpha, (j, err)) in enumerate(curves.items()):
        line, = ax.plot(j, err, label='alpha %s' % alpha, color='C%d' % k)
        if float(alpha) in points:
            pj, pe = points[float(alpha)]
            ax.plot(pj, pe, 'o', mfc='none', color=line.get_color(), gid='documented-%s' % alpha)
    ax.set(yscale='log', xlabel='iteration', ylabel='mean |error|',
           title='part 2 alpha sweep, hidden %d (lines: reference, circles: documented)' % hidden)
    ax.legend(fontsize=8)
    return fig


def plot_surface(plt, surface, trained):
    fig, ax = plt.subplots(figsize=(6, 5))
    w = surface['weights']
    mesh = ax.pcolormesh(w, w, surface['errors'].T, shading='nearest', cmap='viridis')
    fig.colorbar(mesh, label='mean |error|')
    ax.plot([trained[0]], [trained[1]], 'r*', ms=12, label='trained weights (10,000 iterations)')
    ax.set(xlabel='weight 0', ylabel='weight 1', title='2-layer network: error surface')
    ax.legend(loc='lower left', fontsize=8)
    return fig


def plot_counts(plt, counts):
    fig, axes = plt.subplots(2, len(counts), figsize=(2 * len(counts), 5),
                             gridspec_kw={'height_ratios': [3, 4]}, squeeze=False)
    top = max(float(np.max(c)) for pair in counts.values() for c in pair) or 1
    for col, (alpha, pair) in enumerate(counts.items()):
        for row, c in enumerate(pair):
            ax = axes[row, col]
            ax.imshow(c, cmap='magma', vmin=0, vmax=top)
            for (i, k), v in np.ndenumerate(c):
                ax.text(k, i, '%d' % v, ha='center', va='center', fontsize=7, color='w' if v < top / 2 else 'k')
            ax.set(xticks=[], yticks=[], title=('alpha %s\nsynapse 0' % alpha) if row == 0 else 'synapse 1')
    fig.suptitle('closer look: update direction changes in 60,000 iterations')
    return fig


def plot_digits(plt, ids, names, table, exact):
    fig, ax = plt.subplots(figsize=(2 + 0.5 * len(names), 1.5 + 0.22 * len(ids)))
    im = ax.imshow(table, cmap='RdYlGn', vmin=0, vmax=np.nanmax(table) if table.size else 1, aspect='auto')
    fig.colorbar(im, label='digits of agreement')
    for (i, k), d in np.ndenumerate(table):  # the number, and a check where the text is the documented one
        if not np.isnan(d):
            ax.text(k, i, '%d%s' % (d, '\u2713' if exact[i, k] else ''), ha='center', va='center', fontsize=6)
    ax.set_xticks(range(len(names)), names, rotation=90, fontsize=7)
    ax.set_yticks(range(len(ids)), ids, fontsize=6)
    ax.set_title('documented values not printed as documented on every stack (\u2713: printed as documented)')
    fig.tight_layout()
    return fig


def figures(plt):
    """{file name: figure} of every picture."""
    out = {'alpha-sweep-hidden-%d.png' % h: plot_sweep(plt, h, sweep_curves(h), documented_points(r))
           for h, r in SWEEPS.items()}
    gradient_descent = listings.PART2_TWO_LAYER.reference()
    out['error-surface.png'] = plot_surface(plt, gradient_descent.error_surface(), gradient_descent.run()['synapse_0'].ravel())
    out['direction-counts.png'] = plot_counts(plt, direction_counts())
    out['matrix-digits.png'] = plot_digits(plt, *digits_table())
    return out


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
        pngs[args.out / name] = png.getvalue()
    args.out.mkdir(parents=True, exist_ok=True)
    atomic.write_all(pngs)  # every picture or none: docs/img never mixes two runs
    for path in pngs:
        print(path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
