"""transcript mode: the port prints what the listing prints; read its numbers in order.

each number is compared at the precision it carries: one printed with fewer
digits than the listing's own printer gives that value is unverifiable (never
ok). a verifiable number must lie within the quantity's tolerance of the
reference's full-precision value, plus at most half a unit of the listing's
last digit (the rounding of a port that prints the listing's format). where
the spec documents it, it is also held to the documented text at that
precision. a sensitive run's chaotic numbers are reported, not judged: json
mode verifies those runs by restart segments.
"""
import functools
import re
import shlex
from decimal import Decimal, InvalidOperation

import numpy as np

from nnspec import spec
from nnspec.agreement import significant_digits
from nnspec.conformance import outcome, tolerance
from nnspec.conformance.shown import short
from nnspec.conformance.transcript_mode import labels as label_numbers
from nnspec.conformance.transcript_mode import numbers, preamble
from nnspec.conformance.tolerance import finite
from nnspec.printing import render
from nnspec.spec import reading


@functools.lru_cache(maxsize=1)
def _entries():
    return {e['id']: e for _, e in spec.entries()}


def name_of(value):
    index = value['index']
    return value['quantity'] + (''.join('[%d]' % i for i in index) if index else '')


def _render(printer, x):
    try:
        return render(printer, np.array([[x]]), [0, 0])
    except (ValueError, OverflowError):
        return None


def in_context(printer, whole, index, want):
    """{'listing_text': ...} when the listing prints this element otherwise than alone (numpy switches a whole
    array to e-notation for one small element), else {}: what the precision rule measures a port against."""
    text = render(printer, np.asarray(whole), index) if index else None
    return {'listing_text': text} if text and text != _render(printer, want) else {}


def _exponent(text):
    """the decimal exponent of a text's last digit; hex floats are exact (-inf)."""
    if text.lstrip('+-').lower().startswith('0x'):
        return float('-inf')
    try:
        e = Decimal(text).as_tuple().exponent
    except InvalidOperation:
        return None
    return e if isinstance(e, int) else None


TRIMMED = 2  # trailing zeros the listing's format may drop: two in a row is 1 in 100, three 1 in 1,000


def listing_half_unit(printer, want):
    """half a unit of the last digit the listing's printer keeps, before it trims zeros."""
    if printer == 'py2-str':
        return 0.5 * 10.0 ** (Decimal('%.11e' % want).adjusted() - 11) if want else 0.05
    if printer == 'numpy-1.13-array':
        return 0.5e-8
    return 0.0


def listing_text(value):
    return value.get('listing_text') or _render(value['printer'], value['want'])


def coarse_printer(values, tokens):
    """does the port print most numbers with fewer significant digits than the listing does? then a short text
    that happens to be the listing's format of its own value (0.993589 for 0.99358900) is its coarseness, not
    the listing's trimmed zeros."""
    differ = [(v, t) for v, t in zip(values, tokens) if finite(t.value) and listing_text(v) and t.text != listing_text(v)]
    short = sum(significant_digits(t.text) < significant_digits(listing_text(v)) for v, t in differ)
    return 2 * short > len(differ)  # the texts equal to the listing's say nothing either way


def precision(value, token, trimmed_zeros=True):
    """None when the token carries the listing's precision, else why it cannot be verified. trimmed_zeros: a text
    that is the listing's format of the port's own value may have dropped up to TRIMMED zeros (not for a
    coarse_printer)."""
    listing = listing_text(value)
    mine, theirs = _exponent(token.text), _exponent(listing) if listing else None
    if mine is None or theirs is None or mine <= theirs or token.value == value['want']:
        return None  # as precise as the listing, or the reference's own float however written (10 for 10.0)
    if trimmed_zeros and _render(value['printer'], token.value) == token.text and \
            significant_digits(token.text) >= significant_digits(listing) - TRIMMED:
        return None  # the listing's format of the port's own value: its trimmed zeros are digits
    if significant_digits(token.text) < significant_digits(listing):
        return ('printed with %d significant digits where the listing prints %r (%d): not enough to verify; print at least '
                'as many, or 17 (round trip)' % (significant_digits(token.text), listing, significant_digits(listing)))
    return ('printed to 1e%d where the listing prints %r (to 1e%d): its last digit is too coarse to verify; print at least '
            'as many decimals, or 17 significant digits (round trip)' % (mine, listing, theirs))


def _documented(value, token, slack):
    """(documented text, verdict word, counts as failure?) for one printed number."""
    entry = _entries().get(value['entry']) if value['entry'] else None
    if not entry or entry.get('documented') is None:
        return None, 'not documented', False
    doc = reading(entry)
    if token.text == doc:
        return doc, 'exact', False
    near = abs(token.value - float(doc)) <= numbers.half_unit(doc) + slack
    if near and _render(value['printer'], token.value) == token.text:
        return doc, "the listing's format, not byte-exact: within tolerance", False
    if near:
        return doc, 'within the documented precision', False
    if entry['verdict']['status'] == 'off':
        return doc, 'differs, as the reference does (spec verdict: off)', False
    return doc, 'differs', True


def compare(value, token, exact_text=False, trimmed_zeros=True):
    """one printed number against its value; a long text is shown by its ends (a row carries it into messages)."""
    r = _compare(value, token, exact_text, trimmed_zeros)
    r.got = short(r.got)
    return r


def _compare(value, token, exact_text=False, trimmed_zeros=True):
    where, want = name_of(value), value['want']
    if not finite(token.value):
        return outcome.row(where, repr(want), token.text, False, why='not a finite number', line=token.line)
    distance = token.value - want
    short = precision(value, token, trimmed_zeros)
    if short and exact_text and abs(distance) <= tolerance.allowed(want, value):
        short = None  # a round-trip printer's short text is its float exactly, and that float is within the tolerance
    if short:
        coarse = numbers.half_unit(token.text) + tolerance.allowed(want, value) + listing_half_unit(value['printer'], want)
        if abs(distance) > coarse and value.get('chaotic') is None:  # no value the digits stand for is within the
            # tolerance: off, not unverifiable (a chaotic number is judged by nothing)
            return outcome.row(where, repr(want), token.text, False, line=token.line, distance=distance, tolerance=coarse, why=(
                'off even at the %d significant digits it is printed with: %s stands for %s +- %.2g, the reference is %r '
                '(allowed %.2g)' % (significant_digits(token.text), token.text, token.text, numbers.half_unit(token.text),
                                    want, coarse - numbers.half_unit(token.text))))
        return outcome.row(where, repr(want), token.text, False, why=short, line=token.line, unverifiable=True,
                           distance=distance)
    slack = tolerance.allowed(want, value) + min(numbers.half_unit(token.text), listing_half_unit(value['printer'], want))
    doc, doc_word, doc_bad = _documented(value, token, slack)
    extra = dict(distance=distance, tolerance=slack, line=token.line, documented=doc, documented_verdict=doc_word)
    if value.get('chaotic') is not None:
        return outcome.row(where, repr(want), token.text, True, chaotic=True, why=(
            'chaotic: not judged in transcript mode (honest variants differ here by %.2g or more); json mode verifies '
            'this run by restart segments' % value['chaotic']), **extra)
    pinned = 'rounding_spread' in value and distance == 0 and significant_digits(token.text) >= 15
    if value.get('unverifiable') and not pinned:
        # a replay from weights printed too coarsely to pin this number (replay.py); one equal to it bit for bit is
        # pinned all the same: no other start gives those 15 digits
        moved = value.get('rounding_spread', float('inf'))
        if abs(distance) > slack + moved:  # farther than the weights' rounding can move it: off all the same
            return outcome.row(where, repr(want), token.text, False, why=(
                'off the replay by %.3g: more than the rounding of the printed weights moves it (%.2g) plus the '
                'tolerance (%.2g)' % (distance, moved, slack)), **extra)
        return outcome.row(where, repr(want), token.text, False, why=value['unverifiable'], unverifiable=True, **extra)
    r = outcome.row(where, repr(want), token.text, abs(distance) <= slack, **extra)
    if abs(want) <= slack:
        r.digits = None  # a value within the tolerance of zero: digits of agreement say nothing
    if r.ok and r.digits == 0 and abs(want) > slack:
        r.ok = False  # within tolerance, yet not one digit shared (a sign flip)
    if not r.ok:
        r.why = 'off the reference by %.3g (allowed %.3g)' % (distance, slack)
    elif doc_bad:
        r.ok, r.why = False, 'differs from the documented %s' % doc
    return r


# 0,4964: a locale's decimal point; not 10,000 (a thousands separator) nor [0,1] (a list of integers)
DECIMAL_COMMA = re.compile(r'(?<![\w.,])([-+]?\d+),(\d{4,})(?![\w.,])')


def _decimal_comma(text):
    """why a port printing decimal commas fails, or None."""
    m = DECIMAL_COMMA.search(text)
    if m:
        return ('decimal commas: stdout line %d prints %r, a number with a decimal comma (a locale\'s format?); '
                'nnspec reads "." as the decimal point, so it read two numbers there (%s and %s): print numbers with '
                '"." (the C locale)' % (text.count('\n', 0, m.start()) + 1, short(m.group()), short(m.group(1)), short(m.group(2))))
    return None


def _banner(text, values, tokens):
    """why a port whose values come after k numbers of its own (a banner, a version, a clock) fails, or None."""
    for k in range(1, min(len(tokens) - len(values), MAX_BANNER) + 1):
        rows = [compare(v, t) for v, t in zip(values, tokens[k:])]
        if all(r.ok for r in rows) and any(not r.chaotic for r in rows):  # chaotic rows are ok whatever they hold
            first = tokens[0]
            line = text.split('\n')[first.line - 1].strip()
            example = shlex.quote(REGEX_SYNTAX.sub(r'\\\g<0>', line)) if len(line) <= 60 else "'<that text>'"
            return ('%d extra numbers before the first value, from stdout line %d (%r), and every value after them agrees: '
                    'the listing prints nothing before its first value; use --label to mark text whose numbers are not '
                    'values (e.g. --label %s), or print that text on stderr' % (k, first.line, short(first.text), example))
    return None


MAX_BANNER = 20  # leading numbers tried as a banner's: each try compares every value once
REGEX_SYNTAX = re.compile(r'[\\^$.|?*+()\[\]{}]')


def check(case, run_, labels=(), allow_trailing=False):
    """the outcome of a transcript case, given the port's Run."""
    out = outcome.Outcome(case['id'], 'transcript')
    out.port_seconds = run_.seconds
    text, broken = outcome.stdout_text(out, run_, 'the port printed nothing')
    if broken:
        return broken
    bad_label = next(filter(None, map(numbers.label_problem, labels)), None)
    if bad_label:  # nnspec check refuses it before any port runs
        return outcome.broken(out, bad_label)
    tokens = numbers.tokens(text, list(case['labels']) + list(labels))
    values = case['values']
    tokens, found = label_numbers.strip_iterations(tokens, values)
    if found:
        out.notes.append(found)
    if not tokens:
        own = len(numbers.tokens(text, case['labels'])) if labels else 0
        return outcome.broken(out, 'the port printed no numbers%s; stdout starts: %r' % (
            ' but what --label %s covers (%d without it)' % (' '.join(map(repr, labels)), own) if own else '', text[:120]))
    try:
        exact_text = preamble.exact(tokens)  # every number the shortest text of its float: 0.5 is 0.5
    except (ValueError, InvalidOperation):
        exact_text = False
    trimmed_zeros = not coarse_printer(values, tokens)
    for value, token in zip(values, tokens):
        out.rows.append(compare(value, token, exact_text, trimmed_zeros))
    extra = None
    if len(tokens) < len(values):
        out.missing_numbers = len(values) - len(tokens)
        extra = 'printed %d numbers, the listing prints %d: the first missing is %s' % (
            len(tokens), len(values), name_of(values[len(tokens)]))
    elif len(tokens) > len(values):
        t = tokens[len(values)]
        out.extra_numbers, out.extra_line = len(tokens) - len(values), t.line
        extra = '%d extra numbers after the listing\'s %d, from line %d (%r)%s' % (
            len(tokens) - len(values), len(values), t.line, short(t.text),
            ': reported, not failed (--allow-trailing)' if allow_trailing else
            ': the listing prints nothing more; --allow-trailing accepts trailing output')
        if allow_trailing:
            out.notes.append(extra)
            extra = None
    wrong_alpha = out.wrong_label = label_numbers.alpha_problem(text, values)
    out = outcome.finish(out, '; '.join(p for p in (wrong_alpha, extra) if p) or None)
    banner = out.code and len(tokens) > len(values) and _banner(text, values, tokens)
    if banner:  # the shift, not the numbers it misplaces, is the cause
        out.diagnosis = [banner] + [d for d in out.diagnosis if not d.startswith(('precision:', 'setup:'))]
        out.setup = False
    comma = _decimal_comma(text)
    if out.code and comma:
        out.diagnosis.insert(0, comma)
    overwritten = re.search(r'\r(?!\n)', text)
    if out.code and overwritten:  # what a terminal hides, nnspec reads
        out.diagnosis.insert(0, 'carriage return: stdout line %d overwrites itself with \\r (a progress display?); nnspec '
                             'reads every number printed, overwritten or not: print progress on stderr'
                             % (text.count('\n', 0, overwritten.start()) + 1))
    return out
