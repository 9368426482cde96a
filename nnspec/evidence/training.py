"""part 2's training under the author's arithmetic (nnspec.evidence.author), runs batched on axis 0.

a batch holds every alpha, run and variant of one hidden size: each operation is elementwise
over the runs, so each prints bit for bit what it prints alone (tests/test_author.py).
"""
import numpy as np

from nnspec import listings
from nnspec.evidence import variants
from nnspec.evidence.author import EXPS, Ops, _exp, _fixes, four_sums, in_order, mean, products
from nnspec.numerics import exp_correct_quiet

X = np.array([[0,0,1], [0,1,1], [1,0,1], [1,1,1]], dtype=float)
Y = np.array([[0], [1], [1], [0]])
X_IK, X_T = X[:, :, None], X.T  # products(X, .) and X.T, once


def hidden_dot(a, b):
    """layer_1.dot(synapse_1): the author's 4 sums."""
    return four_sums(products(a, b))


def examples_dot(a, b):
    """layer_1.T.dot(layer_2_delta), layer_0.T.dot(layer_1_delta): the 4 examples in order."""
    return in_order(products(a, b))


class Training(object):
    """the runs' weights, stepped one iteration at a time. sweep (the sweep's w -= alpha*update, else
    the closer look's y - layer_2, w += alpha*update and direction counts) and misrounded (exp) are
    one for all runs or a list, one per run; dots replaces (hidden_dot, examples_dot); count: keep
    the closer look's direction counts (by default where some run is not a sweep)."""

    def __init__(self, alphas, hidden=4, sweep=True, misrounded=None, dots=None, count=None):
        n = len(alphas)
        self.sweep = np.broadcast_to(sweep, (n,))
        self.fixes = _fixes(misrounded)
        self.hidden_dot, self.examples_dot = dots or (hidden_dot, examples_dot)
        np.random.seed(1)
        self.synapse_0 = np.repeat((2*np.random.random((3,hidden)) - 1)[None], n, 0)
        self.synapse_1 = np.repeat((2*np.random.random((hidden,1)) - 1)[None], n, 0)
        self.sign = np.where(self.sweep, 1.0, -1.0)[:, None, None]  # y - l2 = -(l2 - y), w + a*u = w - (-a)*u: exact
        self.rate = self.sign * np.array(alphas, dtype=float)[:, None, None]
        self.count_0, self.count_1 = np.zeros_like(self.synapse_0), np.zeros_like(self.synapse_1)
        self.counting, self.prev = (not self.sweep.all()) if count is None else count, None

    def sigmoid(self, x, site):
        """site: 'layer_1' or 'layer_2', for subclasses that change an exp result."""
        return 1/(1+_exp(-x, self.fixes, exp_correct_quiet))

    def step(self):
        """one iteration (numpy's errors silenced by the caller); returns layer_2_error."""
        synapse_0, synapse_1 = self.synapse_0, self.synapse_1
        layer_1 = self.sigmoid(in_order(X_IK * synapse_0[:, None]), 'layer_1')
        layer_2 = self.layer_2 = self.sigmoid(self.hidden_dot(layer_1, synapse_1), 'layer_2')
        layer_2_error = (layer_2 - Y)*self.sign
        layer_2_delta = layer_2_error*(layer_2*(1-layer_2))
        layer_1_delta = (layer_2_delta*synapse_1.swapaxes(1, 2))*(layer_1*(1-layer_1))  # k = 1: one product
        update_1 = self.examples_dot(layer_1.swapaxes(1, 2), layer_2_delta)
        update_0 = self.examples_dot(X_T, layer_1_delta)
        if self.counting:
            up = update_0 > 0, update_1 > 0
            if self.prev is not None:  # abs(((update > 0)+0) - ((prev > 0)+0)): 1 where the sign test flips
                self.count_0 += up[0] != self.prev[0]
                self.count_1 += up[1] != self.prev[1]
            self.prev = up
        synapse_1 -= self.rate * update_1
        synapse_0 -= self.rate * update_0
        return layer_2_error

    def results(self, errors):
        out = [{'errors': [e[r] for e in errors], 'synapse_0': self.synapse_0[r], 'synapse_1': self.synapse_1[r],
                'layer_2': self.layer_2[r]} for r in range(len(self.sweep))]
        for r in np.flatnonzero(~self.sweep) if self.counting else []:
            out[r].update(synapse_0_direction_count=self.count_0[r], synapse_1_direction_count=self.count_1[r])
        return out


def train(alphas, hidden=4, sweep=True, iterations=60000, misrounded=None, every=10000, dots=None, count=None):
    """part 2's training (variants.train) under the author's arithmetic, one run per alpha at once:
    [{'errors': mean abs error every `every` iterations, 'synapse_0': ..., ...}] (Training's arguments)."""
    t, errors = Training(alphas, hidden, sweep, misrounded, dots, count), []
    with np.errstate(over='ignore', invalid='ignore'):  # exp overflows to inf as numpy's does
        for j in range(iterations):
            layer_2_error = t.step()
            if (j% every) == 0:
                errors.append(mean(np.abs(layer_2_error)))
    return t.results(errors)


def _keys(listing):
    """a sweep's quantities per alpha (beside its errors); a single run's: a result's key -> its quantity name
    ('errors': its error@j)."""
    if listing.sweep:
        return list(listing.final)
    out = dict(zip(('synapse_0', 'synapse_1'), listing.weights))
    out.update([('layer_2', listing.output)] if listing.output else [])
    return dict(out, **({'errors': 'errors'} if listing.errors else {}))


# the trained runs: name -> (hidden, sweep, alphas, keys) (_keys). part 1's 11 lines and three layers
# are the closer look at alpha 1; part 2's 13 lines a sweep at 0.5 (nnspec.listings)
TRAINED = {l.run: (l.hidden, l.error_sign == 'output - y', list(l.alphas), _keys(l)) for l in listings.TRAINED}


def runs(pairs, iterations=None):
    """{(name, variant): reference run `name`'s quantities under `variant`} (variants.run's keys);
    the trained runs of one hidden size go in one batch: every alpha, run and variant at once."""
    out, batches = {}, {}
    for name, variant in dict.fromkeys(pairs):
        if name not in TRAINED:
            out[name, variant] = variants.RUNS[name](Ops(variant), iterations)
            continue
        hidden, sweep, alphas, _ = TRAINED[name]
        batches.setdefault(hidden, []).extend((name, variant, alpha, sweep) for alpha in alphas)
    for hidden, rows in batches.items():
        count = any(k.endswith('direction_count') for name in {r[0] for r in rows} for k in TRAINED[name][3])
        trained = train([a for _, _, a, _ in rows], hidden, [s for _, _, _, s in rows], iterations or 60000,
                        [EXPS[v] for _, v, _, _ in rows], count=count)
        for (name, variant, alpha, _), r in zip(rows, trained):
            out.setdefault((name, variant), {}).update(quantities(name, alpha, r))
    return out


def quantities(name, alpha, r):
    errors = {'error@%d' % (10000 * k): e for k, e in enumerate(r['errors'])}
    keys = TRAINED[name][3]
    if isinstance(keys, dict):
        return dict(errors if 'errors' in keys else {}, **{q: r[k] for k, q in keys.items() if k != 'errors'})
    prefix = 'alpha-%s/' % alpha
    return dict([(prefix + k, e) for k, e in errors.items()] + [(prefix + k, r[k]) for k in keys])


def run(name, variant='author-2015', iterations=None):
    """the quantities of reference run `name` under any arithmetic: the author's (batched here), or one of
    nnspec.evidence.variants.VARIANTS (variants.run's keys)."""
    if variant in variants.VARIANTS:
        return variants.run(name, variant, iterations)
    return runs([(name, variant)], iterations)[name, variant]
