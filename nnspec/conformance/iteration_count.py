"""another iteration count, found by running: the listing's loop from the port's start, each iteration's output
held against the one the port printed.

a port that trains n iterations where the listing trains N prints what the listing computes after n. nnspec
runs the listing (nnspec.loop) from the port's own start (the seeded weights, or the ones it printed) up to
LIMIT iterations and names the first n whose output agrees with every output number the port printed, to the
digits it printed them with. no list of guessed counts: any n up to the limit is found.
"""
import numpy as np

from nnspec import loop
from nnspec.numerics import Ops

LIMIT = 200000  # iterations searched: ten times the two-layer listings' 10,000, twice the 100,000 ports use
AGREE = 1e-7  # relative, beside the printed half unit: as porting_bugs holds a bug's run to the port's numbers


class _Found(Exception):
    def __init__(self, n):
        super().__init__(n)
        self.n = n


class _Watching(Ops):
    """the listing's arithmetic, watching every output layer: raises _Found(n) at the first iteration n (1-based:
    the output printed after n iterations is the forward pass of iteration n) whose output is the port's."""

    def __init__(self, layers, got, allowed):
        super().__init__()
        self._every, self._calls = layers, 0
        self._got, self._allowed = got, allowed
        self._g0, self._a0 = float(got.flat[0]), float(allowed.flat[0])

    def sigmoid(self, x):
        s = super().sigmoid(x)
        self._calls += 1
        if self._calls % self._every == 0 and abs(float(s.flat[0]) - self._g0) <= self._a0 and \
                s.shape == self._got.shape and np.all(np.abs(s - self._got) <= self._allowed):
            raise _Found(self._calls // self._every)
        return s


def search(net, weights, got, units, limit=LIMIT):
    """the first iteration count n <= limit after which the listing's output (from `weights`) is `got`, each
    number within its printed half unit (`units`) or AGREE; None when no n is."""
    got, units = np.asarray(got, dtype=float), np.asarray(units, dtype=float)
    ops = _Watching(len(weights), got, np.maximum(units, AGREE * np.abs(got)))
    try:
        with np.errstate(over='ignore', invalid='ignore'):
            loop.train(ops, np.array(net['X'], dtype=float), np.array(net['y'], dtype=float), weights, net['alpha'],
                       net['error_sign'] == 'y - output', limit)
    except _Found as found:
        return found.n
    return None


def line(n, listing, weights_said, limit=LIMIT):
    return ('reproduced: the port\'s numbers are what the listing computes after %s iterations: it trains %s, the listing '
            '%s (the listing run from %s, its output after each of up to %s iterations held against the port\'s: the '
            'first that agrees to the digits printed). The fix: train %s iterations'
            % tuple('{:,}'.format(v) if isinstance(v, int) else v for v in (n, n, listing, weights_said, limit, listing)))


def for_transcript(id_, values, rows, weights, weights_said):
    """the 'reproduced: ... after n iterations' line when a transcript's printed output (its only wrong numbers) is the
    listing's after another count, else None. weights: {json id: [matrices]} the port started from."""
    from nnspec.conformance import networks
    from nnspec.conformance.transcript_mode import numbers, printed
    listing = printed.LISTINGS[id_][3]
    ids = {printed.json_case(id_, where) for _, _, where, _ in listing}
    outputs = {quantity for quantity, name, _, _ in listing if name == 'output'}
    if len(ids) != 1 or not outputs:
        return None
    json_id = ids.pop()
    picked = [(v, r) for v, r in zip(values, rows) if v['quantity'] in outputs]
    others = [r for v, r in zip(values, rows) if v['quantity'] not in outputs]
    if not picked or any(r.chaotic or r.unverifiable for _, r in picked) or all(r.ok for _, r in picked) or \
            not all(r.ok for r in others):
        return None
    net = networks.all_listings()[json_id]
    got, units = np.full((len(net['X']), net['layers'][-1]), np.nan), np.zeros((len(net['X']), net['layers'][-1]))
    try:
        for v, r in picked:
            got[tuple(v['index'])], units[tuple(v['index'])] = float(r.got), numbers.half_unit(r.got)
    except (TypeError, ValueError, IndexError):
        return None
    if np.isnan(got).any():
        return None
    n = search(net, [w.copy() for w in weights[json_id]], got, units)
    return line(n, net['iterations'], weights_said) if n and n != net['iterations'] else None
