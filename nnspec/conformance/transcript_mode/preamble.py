"""a port's own initial weights, printed before training: `nnspec-weights <name> <numbers>`, one line a matrix.

the numbers read as any transcript number (brackets, commas, json, e-notation,
hex floats), row-major. the lines are blanked before the listing's numbers are
read. the n-th line of a matrix belongs to the listing's n-th run (a sweep's
n-th alpha); one set alone stands for every run.
"""
import re
from decimal import Decimal

from nnspec.agreement import needed_digits
from nnspec.conformance import shown
from nnspec.conformance.transcript_mode import numbers

MARKER = re.compile(r'^[ \t]*nnspec-weights[ \t]+(\w+)[ \t]*[:=]?(.*)$', re.M)


class Bad(Exception):
    """the port's preamble breaks the protocol: what and where."""


def extract(text):
    """(text with the preamble lines blanked, {name: [(line, tokens)]}) in printed order."""
    found = {}
    for m in MARKER.finditer(text):
        line = text.count('\n', 0, m.start()) + 1
        found.setdefault(m.group(1), []).append((line, numbers.tokens(m.group(2))))
    return MARKER.sub('', text), found


def sets(found, names, shapes, runs):
    """one list of matrices (lists of tokens) per run, from extract's lines; Bad when they do not fit."""
    aliases = {n: k for k, n in enumerate(names)} | {'synapse_%d' % k: k for k in range(len(names))}
    strange = sorted(set(found) - set(aliases))
    if strange:
        raise Bad('nnspec-weights names %s; this listing\'s matrices are %s' % (', '.join(strange), ', '.join(names)))
    per = [[] for _ in names]
    for name, lines in found.items():
        per[aliases[name]] += lines
    counts = sorted({len(p) for p in per})
    if counts not in ([1], [runs]):
        raise Bad('nnspec-weights: %s printed %s times; the listing has %d run%s: print every matrix once per run '
                  '(or once for all)' % (', '.join(names), '/'.join(str(len(p)) for p in per), runs, 's' if runs > 1 else ''))
    out = []
    for r in range(runs):
        ws = []
        for k, (rows, cols) in enumerate(shapes):
            line, toks = per[k][min(r, len(per[k]) - 1)]
            if len(toks) != rows * cols:
                raise Bad('nnspec-weights %s on line %d: %d numbers, the listing\'s %s is %dx%d (%d, row-major)'
                          % (names[k], line, len(toks), names[k], rows, cols, rows * cols))
            bad = next((t.text for t in toks if numbers.value(t.text) in (float('inf'), float('-inf'))
                        or numbers.value(t.text) != numbers.value(t.text)), None)
            if bad:
                raise Bad('nnspec-weights %s on line %d: %r is not a finite number' % (names[k], line, shown.short(bad)))
            ws.append([toks[i * cols:(i + 1) * cols] for i in range(rows)])
        out.append(ws)
    return out


def exact(tokens):
    """do the texts pin their doubles? hex floats, 17 significant digits, or a round-trip printer's output
    (each text the shortest that reads back as its double, and some text needing 16 digits or more)."""
    texts = [t.text.lstrip('+-') for t in tokens]
    if all(t[:2].lower() == '0x' or needed_digits(t) >= 17 for t in texts):
        return True
    shortest = all(t[:2].lower() == '0x' or needed_digits(t) >= 17 or Decimal(repr(float(t))) == Decimal(t) for t in texts)
    return shortest and max(needed_digits(t) for t in texts if t[:2].lower() != '0x') >= 16


def most_digits(tokens):
    """the significant digits the port printed its weights with (%g trims zeros: the longest text says)."""
    return max((needed_digits(t.text.lstrip('+-')) for t in tokens if t.text.lstrip('+-')[:2].lower() != '0x'), default=17)
