"""the flip scan: single exp results of hidden 32, alpha 10 one ulp off, in a window of iterations.

python -m nnspec.evidence.flips [--first 90] [--last 120]

under author-2015, each exp result of each iteration in the window (128 in layer_1, 4 in
layer_2) is returned one ulp up, and one ulp down: one flip per run, every run in one batch
beside the unflipped one. every 50 iterations a run whose weights have the unflipped run's
bits again is absorbed (its errors are the unflipped run's, 10-11 digits), runs with equal
bits are merged; at iterations 10,000 ... 50,000 a run is dropped at the first error that does
not print as the post's. prints the flips that print all five, and when the others were absorbed.
"""
import argparse
import sys
from collections import Counter
from decimal import Context, Decimal

import numpy as np

from nnspec.evidence import training
from nnspec.numerics import exp_correct_quiet
from nnspec.evidence.author import _exp
from nnspec.printing import render

DOCUMENTED = {10000: '0.00224922117381', 20000: '0.00153852153014', 30000: '0.00123717718456',
              40000: '0.00106119569132', 50000: '0.000942641990774'}  # trask-part2/hidden-size/alpha-10
SITES = {'layer_1': (4, 32), 'layer_2': (4, 1)}


class Flipped(training.Training):
    """hidden 32, alpha 10; run 0 unflipped, `now` names this iteration's flips: site -> (runs, i, h, up)."""

    def __init__(self):
        super().__init__([10.0], 32)  # rate, sign: one row, broadcast over every run
        self.now, self.seen = {}, []

    def sigmoid(self, x, site):
        e = _exp(-x, (), exp_correct_quiet)
        if site in self.now:
            runs, i, h, up = self.now[site]
            e[runs, i, h] = np.nextafter(e[runs, i, h], np.where(up, np.inf, -np.inf))
            self.seen += zip((-x)[runs, i, h].tolist(), e[runs, i, h].tolist())
        return 1/(1+e)

    def spawn(self, j):
        """a run per exp result of iteration j and direction, from run 0's weights; their flips."""
        n, flips, self.now, self.seen = len(self.synapse_0), [], {}, []
        for site, (rows, cols) in SITES.items():
            i, h, up = (a.ravel() for a in np.meshgrid(range(rows), range(cols), [True, False], indexing='ij'))
            self.now[site] = (n + np.arange(i.size), i, h, up)
            flips += [(j, site, a, b, 'up' if u else 'down') for a, b, u in zip(i.tolist(), h.tolist(), up.tolist())]
            n += i.size
        self.keep(np.r_[np.arange(len(self.synapse_0)), np.zeros(n - len(self.synapse_0), dtype=int)])
        return flips

    def keep(self, runs):
        self.synapse_0, self.synapse_1 = self.synapse_0[runs], self.synapse_1[runs]

    def bits(self):
        return [a.tobytes() + b.tobytes() for a, b in zip(self.synapse_0, self.synapse_1)]


def scan(first, last, log=print):
    """(flips that print all five errors, Counter of absorptions by iteration, flips tried).
    a flip: (iteration, site, example, unit, up/down, exp's argument, the value returned)."""
    t, labels, absorbed, tried = Flipped(), [[]], Counter(), 0
    with np.errstate(over='ignore', invalid='ignore'):
        for j in range(max(DOCUMENTED) + 1):
            t.now = {}
            spawned = t.spawn(j) if first <= j <= last else []
            error = t.step()
            labels += [[f + s] for f, s in zip(spawned, t.seen)]
            tried += len(spawned)
            if j % 50 == 0 and len(labels) > 1:  # a run spawned earlier has had its flip: merging is exact
                bits, groups = t.bits(), {}
                for r, b in enumerate(bits):
                    groups.setdefault(b, []).append(r)
                keep = sorted(g[0] for g in groups.values())
                unflipped = labels[0] == []  # run 0 until error@10000: the runs equal to it are absorbed
                if unflipped:
                    absorbed[j] += sum(len(labels[r]) for r in groups[bits[0]][1:])
                labels = [[] if unflipped and k == 0 else sum((labels[r] for r in groups[bits[k]]), []) for k in keep]
                t.keep(keep)
                if j % 1000 == 0:
                    log('iteration %d: %d runs carry %d flips; %d absorbed' % (
                        j, len(keep) - 1, sum(map(len, labels)), sum(absorbed.values())))
            if j in DOCUMENTED:
                texts = [render('py2-str', e) for e in training.mean(np.abs(error))]
                keep = [r for r, text in enumerate(texts) if text == DOCUMENTED[j] and labels[r]]
                log('error@%d: %d flips print %s' % (j, sum(len(labels[r]) for r in keep), DOCUMENTED[j]))
                labels = [labels[r] for r in keep]
                t.keep(keep)
                if not keep:
                    break
    return [f for fs in labels for f in fs], absorbed, tried


def ulps_off(arg, value):
    """how far exp(arg) lies from value, in ulps of value: 0.5 is a rounding midpoint."""
    true = Decimal(arg).exp(Context(prec=60))
    return float(abs(true - Decimal(value)) / Decimal(np.spacing(abs(value))))


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m nnspec.evidence.flips', description=__doc__.splitlines()[0])
    p.add_argument('--first', type=int, default=90)
    p.add_argument('--last', type=int, default=120)
    args = p.parse_args(argv)
    found, absorbed, tried = scan(args.first, args.last, log=lambda m: print(m, file=sys.stderr))
    print('hidden 32, alpha 10 under author-2015: %d one-ulp flips of exp results in iterations %d-%d'
          % (tried, args.first, args.last))
    print('absorbed (weights bit for bit the unflipped run\'s again) by iteration:')
    total = 0
    for j in sorted(absorbed):
        total += absorbed[j]
        if j in (args.last + 30, 200, 300, 500, 1000, 2000, 5000, 9950) or j == max(absorbed):
            print('  %5d: %d' % (j, total))
    print('%d flips print all five documented errors (%s):' % (len(found), ' '.join(DOCUMENTED.values())))
    for j, site, i, h, way, arg, value in sorted(found):
        print('  iteration %d, %s[%d, %d]: exp(%s) returned %s (one ulp %s; the true value %.3f ulp from it)' % (
            j, site, i, h, float.hex(arg), float.hex(value), way, ulps_off(arg, value)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
