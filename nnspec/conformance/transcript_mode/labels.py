"""numbers in a port's own labels: `Error at 0 0.164052`, the iteration before each error.

a port that prints the iteration beside each error, in its own words, shifts
every later value by one. recognised here, with care: the integers must be
every error checkpoint's iteration, in order, each the first of exactly two
numbers on its line (the other is the error: a row of integer direction
counts, `[[ 0  0  1  1]`, is not); anything less is left alone, and the count check
names the first extra number.

a sweep's alpha label (`Training With Alpha:100`) is not a value, but when the
port prints it, it must name the listing's alpha of that run: a typo in the
port's alpha list (10 twice, no 100) prints alpha 10's run where alpha 100's
chaotic numbers, never judged, would let it through. the label is found by re2
(linear in the port's output, whatever it prints), and no more labels are read
than it takes to find the first wrong one.
"""
import itertools
from collections import Counter

from nnspec.conformance.transcript_mode import numbers

DIGITS = 20  # an iteration label is an integer of at most this many digits (python's int() refuses past 4300)


def _integer(text):
    return text.lstrip('+-').isdigit()


def _iterations(values):
    out = []
    for v in values:
        q = v['quantity'].rsplit('/', 1)[-1]
        if q.startswith('error@'):
            out.append(int(q.split('@', 1)[1]))
    return out


def strip_iterations(tokens, values):
    """(tokens without the iteration labels, a note saying what was taken as a label) or (tokens, None)."""
    wanted = _iterations(values)
    if len(wanted) < 2 or len(tokens) < len(values) + len(wanted):
        return tokens, None
    found, k = [], 0
    per_line = Counter(t.line for t in tokens)
    for i, t in enumerate(tokens[:-1]):
        if k < len(wanted) and _integer(t.text) and len(t.text) <= DIGITS and int(t.text) == wanted[k] and per_line[t.line] == 2 \
                and tokens[i + 1].line == t.line:  # the line's first number, then the error alone: not a row of counts
            found.append(i)
            k += 1
    if k < len(wanted):
        return tokens, None
    drop = set(found)
    lines = [tokens[i].line for i in found]
    note = ('label numbers: the %d iteration numbers (%s) printed before each error on lines %d-%d were read as labels, '
            'not values; to say so yourself: --label REGEX' % (
                len(found), ', '.join(str(w) for w in wanted[:3]) + (', ...' if len(wanted) > 3 else ''), lines[0], lines[-1]))
    return [t for i, t in enumerate(tokens) if i not in drop], note


ALPHA = numbers.label(r'Training[ \t]+With[ \t]+Alpha[ \t]*:?[ \t]*([-+]?[\d.]+(?:e[-+]?\d+)?)')  # re2, no case


def _alpha_labels(text, most):
    """[(printed alpha, line)] of the first `most` alpha labels; lines counted once, front to back."""
    out, line, at = [], 1, 0
    for m in itertools.islice(ALPHA.finditer(text), most):
        line += text.count('\n', at, m.start())
        at = m.start()
        out.append((m.group(1), line))
    return out


def alpha_problem(text, values):
    """None, or why the port's `Training With Alpha:<a>` labels are not the listing's alphas, in order."""
    alphas = list(dict.fromkeys(v['quantity'].split('/')[0] for v in values if v['quantity'].startswith('alpha-')))
    if not alphas:
        return None
    printed = _alpha_labels(text, len(alphas) + 1)  # one more than the listing's: enough to say there are too many
    if not printed:
        return None
    for k, (got, line) in enumerate(printed):
        want = alphas[k][len('alpha-'):] if k < len(alphas) else None
        try:
            same = want is not None and float(got) == float(want)
        except ValueError:
            same = False
        if not same:
            return ('line %d prints "Training With Alpha:%s" where the listing\'s run %d is %s: the port\'s alphas are not '
                    'the listing\'s (%s)' % (line, got, k + 1, 'alpha ' + want if want else 'none (it has %d)' % len(alphas),
                                             ', '.join(a[len('alpha-'):] for a in alphas)))
    if len(printed) < len(alphas):
        return 'the port prints %d "Training With Alpha" lines, the listing %d' % (len(printed), len(alphas))
    return None
