"""how fragile each documented value is: its printed text under every arithmetic variant.

python -m nnspec.evidence.sensitivity [--write] [--runs a,b] [--variants a,b]
re-runs the reference runs under nnspec.evidence.variants (minutes: the exact sums
go through math.fsum) and classifies every documented value:
  stable          every variant prints the documented text
  sensitive       the variants print different texts; the documented value
                  lies inside or outside their range
  off-everywhere  every variant prints the same text, not the documented one
                  (the cause is not rounding: an error in the post, a truncation)
  unreadable      the documented text is lost; the variants' texts are kept
"""
import argparse
import sys
import time
from decimal import Decimal

import numpy as np

from nnspec import runs, spec, stack
from nnspec.evidence import training, variants
from nnspec.printing import render
from nnspec.spec import reading

PATH = spec.SUITE / 'sensitivity.json'


def value_entries():
    """every documented value: entries with a run and a quantity."""
    return [e for _, e in spec.entries() if e.get('run') and e.get('quantity')]


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def quantities(names, variant_names, log=print):
    """{(run, variant): quantities}; the default variant must equal nnspec.runs bit for bit."""
    out = {}
    for name in names:
        for v in variant_names:
            t = time.time()
            out[name, v] = training.run(name, v)
            log('%-28s %-12s %6.1fs' % (name, v, time.time() - t))
        reference = runs.run(name)
        differ = [k for k, q in out[name, 'default'].items() if not same_bits(q, reference[k])]
        if differ:
            raise AssertionError('%s: default variant is not the reference: %s' % (name, differ[:5]))
    return out


def classify(texts, documented):
    """(class, documented inside the variants' range or None)."""
    distinct = set(texts.values())
    if documented is None:
        return 'unreadable', None
    if distinct == {documented}:
        return 'stable', None
    if len(distinct) == 1:
        return 'off-everywhere', None
    lo, hi = spread(texts)
    return 'sensitive', Decimal(lo) <= Decimal(documented) <= Decimal(hi)


def spread(texts):
    """(lowest, highest) printed text by value."""
    ordered = sorted(texts.values(), key=Decimal)
    return ordered[0], ordered[-1]


def measure(variant_names=None, names=None, log=print):
    variant_names = variant_names or list(variants.VARIANTS)
    entries = value_entries()
    names = names or sorted({e['run'] for e in entries})
    got = quantities(names, variant_names, log)
    rows = []
    for e in entries:
        if e['run'] not in names:
            continue
        documented = reading(e) if e['documented'] is not None else None
        texts = {v: render(e['printer'], got[e['run'], v][e['quantity']], e.get('index'), documented)
                 for v in variant_names}
        cls, inside = classify(texts, documented)
        lo, hi = spread(texts)
        row = {'id': e['id'], 'run': e['run'], 'documented': documented, 'class': cls, 'min': lo, 'max': hi}
        if cls == 'sensitive':
            row['documented_in_range'] = inside
            row['printing_documented'] = [v for v in variant_names if texts[v] == documented]
        row['texts'] = texts
        rows.append(row)
    return {'about': __doc__.strip().splitlines()[0], 'measured_on': stack.describe(),
            'variants': {k: dict(v._asdict()) for k, v in variants.VARIANTS.items() if k in variant_names},
            'entries': rows}


def load(path=PATH):
    return spec.load_json(path)


def summary(data):
    counts = {}
    for r in data['entries']:
        key = r['class'] + ('' if r['class'] != 'sensitive' else
                            (' (documented inside)' if r['documented_in_range'] else ' (documented outside)'))
        counts[key] = counts.get(key, 0) + 1
    return ', '.join('%d %s' % (n, k) for k, n in sorted(counts.items()))


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m nnspec.evidence.sensitivity', description=__doc__.splitlines()[0])
    p.add_argument('--write', action='store_true', help='write %s' % PATH.relative_to(spec.ROOT))
    p.add_argument('--runs', help='comma-separated run names (default: every run with documented values)')
    p.add_argument('--variants', help='comma-separated variants (default: all of nnspec.evidence.variants.VARIANTS)')
    args = p.parse_args(argv)
    if args.write:
        spec.checkout('nnspec sensitivity --write')
    split = lambda s: s.split(',') if s else None
    data = measure(split(args.variants), split(args.runs), log=lambda m: print(m, file=sys.stderr))
    print(summary(data))
    for r in data['entries']:
        if r['class'] == 'sensitive':
            print('%-60s %-16s %s..%s %s' % (r['id'], r['documented'], r['min'], r['max'],
                                             'inside' if r['documented_in_range'] else 'OUTSIDE'))
    if args.write:
        spec.write_document(PATH, data)
    return 0


if __name__ == '__main__':
    sys.exit(main())
