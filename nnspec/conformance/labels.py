"""numbers in a port's own labels: `Error at 0 0.164052`, the iteration before each error.

a port that prints the iteration beside each error, in its own words, shifts
every later value by one. recognised here, with care: the integers must be
every error checkpoint's iteration, in order, each the first of exactly two
numbers on its line (the other is the error: a row of integer direction
counts, `[[ 0  0  1  1]`, is not); anything less is left alone, and the count check
names the first extra number.
"""
from collections import Counter


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
        if k < len(wanted) and _integer(t.text) and int(t.text) == wanted[k] and per_line[t.line] == 2 \
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
