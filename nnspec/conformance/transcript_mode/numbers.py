"""the numbers a port printed, in order, read the way people print them in any language.

spacing, brackets, commas, json arrays, e-notation, trailing zeros, `0.`,
nan/inf/Infinity and c's hex floats (`0x1.8p-2`) all read; a number glued to
a word (`synapse_0`, `l2`) is part of the word; numbers inside a listing's
labels (`Error after 10000 iterations:`) are blanked out first by the
transcript's label patterns. the unicode minus (`−`, what .NET, ICU and
swift print in some locales) is a minus, not text to skip; terminal colour
codes (`\x1b[32m`) are blanked, not read.

linear in the text: the number pattern is unambiguous (no two ways to split a
digit run) and starts only at a word's edge; label patterns run on re2, which
never backtracks, so a port's output cannot make reading it slow.
"""
import math
import re
from decimal import Decimal, InvalidOperation

import re2

HEX = r'0[xX](?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)[pP][-+]?\d+'
DECIMAL = r'(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?'
NUMBER = re.compile(r'(?<![\w.])[-+]?(?:%s|%s|(?i:nan|inf(?:inity)?))(?![\w])' % (HEX, DECIMAL))
MINUS = str.maketrans({'\u2212': '-', '\ufe63': '-', '\uff0d': '-'})  # minus sign, small and full-width hyphen-minus
ANSI = re.compile(r'\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?)')  # csi (colours) and osc sequences
_OPTIONS = re2.Options()
_OPTIONS.case_sensitive, _OPTIONS.log_errors = False, False


class Token:
    __slots__ = ('text', 'value', 'line', 'column')

    def __init__(self, text, value, line, column):
        self.text, self.value, self.line, self.column = text, value, line, column

    def __repr__(self):
        return 'Token(%r, line %d)' % (self.text, self.line)


def label(pattern):
    """a label pattern compiled for linear-time matching; re2.error when it does not compile."""
    return re2.compile(pattern, _OPTIONS)


def label_problem(pattern):
    """None when re2 compiles a --label pattern, else why not."""
    try:
        label(pattern)
    except Exception as e:  # noqa: BLE001 -- re2.error, and what its binding raises for odd patterns
        return '--label %r is not a regular expression re2 accepts (no backreferences or lookarounds): %s' % (
            pattern, why_not(e))
    return None


def why_not(error):
    """the text of re2's error (its binding gives bytes)."""
    why = error.args[0] if error.args else error
    return why.decode('utf-8', 'replace') if isinstance(why, bytes) else str(why)


def blank_labels(text, labels):
    """replace every label match by spaces, keeping lines and columns."""
    for pattern in labels:
        text = label(pattern).sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text)
    return text


def value(text):
    """the float a number's text stands for; one no double can carry (`1e999`, `0e400`) reads as inf."""
    body = text.lstrip('+-')
    if body[:2].lower() == '0x':
        try:
            v = float.fromhex(body)
        except OverflowError:
            v = math.inf
    else:
        v = float(body)
        if half_unit(body) == math.inf:
            v = math.inf  # its last digit stands for more than a double holds: not a number we can compare
    return -v if text.startswith('-') else v


def tokens(text, labels=()):
    """the value numbers of a transcript, with where they are."""
    clean = blank_labels(ANSI.sub(lambda m: ' ' * len(m.group(0)), text.translate(MINUS)), labels)
    starts = [0] + [m.end() for m in re.finditer('\n', clean)]
    out = []
    line = 0
    for m in NUMBER.finditer(clean):
        while line + 1 < len(starts) and starts[line + 1] <= m.start():
            line += 1
        out.append(Token(m.group(0), value(m.group(0)), line + 1, m.start() - starts[line] + 1))
    return out


def half_unit(text):
    """half a unit in the last printed digit: how far a printed number may be from its value."""
    try:
        exponent = Decimal(text.strip().lower().replace('infinity', 'inf')).as_tuple().exponent
    except (InvalidOperation, ValueError):
        return 0.0
    if not isinstance(exponent, int):
        return 0.0
    try:
        return 0.5 * 10.0 ** exponent
    except OverflowError:
        return math.inf


def json_int(text):
    """json.loads' parse_int: an integer of more digits than a double carries is read as the float it is
    (inf past the double range), so a port's huge integer is its own not-finite number, not our overflow."""
    return int(text) if len(text) <= 300 else float(text)
