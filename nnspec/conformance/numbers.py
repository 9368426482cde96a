"""the numbers a port printed, in order, read the way people print them in any language.

spacing, brackets, commas, json arrays, e-notation, trailing zeros, `0.`,
nan/inf/Infinity all read; a number glued to a word (`synapse_0`, `l2`) is
part of the word; numbers inside a listing's labels (`Error after 10000
iterations:`) are blanked out first by the transcript's label patterns.
"""
import re
from decimal import Decimal, InvalidOperation

NUMBER = re.compile(r'(?<![\w.])[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|(?i:nan|inf(?:inity)?))(?![\w])')


class Token:
    __slots__ = ('text', 'value', 'line', 'column')

    def __init__(self, text, value, line, column):
        self.text, self.value, self.line, self.column = text, value, line, column

    def __repr__(self):
        return 'Token(%r, line %d)' % (self.text, self.line)


def blank_labels(text, labels):
    """replace every label match by spaces, keeping lines and columns."""
    for pattern in labels:
        text = re.sub(pattern, lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text, flags=re.I)
    return text


def tokens(text, labels=()):
    """the value numbers of a transcript, with where they are."""
    clean = blank_labels(text, labels)
    starts = [0] + [m.end() for m in re.finditer('\n', clean)]
    out = []
    line = 0
    for m in NUMBER.finditer(clean):
        while line + 1 < len(starts) and starts[line + 1] <= m.start():
            line += 1
        out.append(Token(m.group(0), float(m.group(0)), line + 1, m.start() - starts[line] + 1))
    return out


def half_unit(text):
    """half a unit in the last printed digit: how far a printed number may be from its value."""
    try:
        exponent = Decimal(text.strip().lower().replace('infinity', 'inf')).as_tuple().exponent
    except InvalidOperation:
        return 0.0
    return 0.5 * 10.0 ** exponent if isinstance(exponent, int) else 0.0
