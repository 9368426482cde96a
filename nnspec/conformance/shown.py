"""a port's text made safe to show: no terminal escape, control character or lone surrogate reaches a report.

a port's stderr and its unsupported reason are whatever it printed: an escape
sequence would set the terminal's title or clear its screen, a bidi override
would reorder what the reader sees, a lone surrogate (legal in json) cannot be
encoded, and xml cannot carry most controls. each such character is shown as
its escape (`\\x1b`, `\\u202e`, `\\ud800`); newlines and tabs stay.
"""
import math
import re

UNSAFE = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]')


def _escape(m):
    c = ord(m.group())
    return '\\x%02x' % c if c < 0x100 else '\\u%04x' % c


def printable(text):
    """text with every unsafe character escaped; newlines and tabs kept."""
    return UNSAFE.sub(_escape, text)


def short(text, keep=40):
    """a port's text of any length made fit for a message: its start and end, and how many characters were cut."""
    if len(text) <= 2 * keep + 40:
        return text
    return '%s...[%d characters cut]...%s' % (text[:keep], len(text) - 2 * keep, text[-keep:])


NOT_FINITE = {'nan': 'NaN', 'inf': 'Infinity', '-inf': '-Infinity'}  # as json texts: strict readers refuse bare NaN


def data(x):
    """a report's data, every string printable and every non-finite float a string: strict json, safe to print."""
    if isinstance(x, str):
        return printable(x)
    if isinstance(x, float) and not math.isfinite(x):
        return NOT_FINITE[repr(x)]
    if isinstance(x, dict):
        return {data(str(k)): data(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [data(v) for v in x]
    return x
