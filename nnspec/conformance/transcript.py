"""transcript mode: the port prints what the listing prints; read its numbers in order.

each number is checked against the reference's full-precision value (within
the quantity's tolerance plus half a unit of the last digit printed) and,
where the spec documents it, against the documented text: exact when the
port prints the listing's format, else within the documented precision.
"""
import functools

import numpy as np

from nnspec import spec
from nnspec.conformance import numbers, outcome, tolerance
from nnspec.conformance.tolerance import finite
from nnspec.printing import render
from nnspec.verdict import reading


@functools.lru_cache(maxsize=1)
def _entries():
    return {e['id']: e for _, e in spec.entries()}


def name_of(value):
    index = value['index']
    return value['quantity'] + (''.join('[%d]' % i for i in index) if index else '')


def _listing_format(value, token):
    """does the port print this number the way the listing's printer does?"""
    try:
        return render(value['printer'], np.array([[token.value]]), [0, 0]) == token.text
    except (ValueError, OverflowError):
        return False


def _documented(value, token, slack):
    """(documented text, verdict word, counts as failure?) for one printed number."""
    entry = _entries().get(value['entry']) if value['entry'] else None
    if not entry or entry.get('documented') is None:
        return None, 'not documented', False
    doc = reading(entry)
    if token.text == doc:
        return doc, 'exact', False
    near = abs(token.value - float(doc)) <= numbers.half_unit(doc) + slack
    if near and _listing_format(value, token):
        return doc, "the listing's format, not byte-exact: within tolerance", False
    if near:
        return doc, 'within the documented precision', False
    if entry['verdict']['status'] == 'off':
        return doc, 'differs, as the reference does (spec verdict: off)', False
    return doc, 'differs', True


def compare(value, token):
    where = name_of(value)
    want = value['want']
    if not finite(token.value):
        return outcome.row(where, repr(want), token.text, False, why='not a finite number', line=token.line)
    slack = value['atol'] + value['rtol'] * abs(want) + numbers.half_unit(token.text)
    distance = token.value - want
    ok = abs(distance) <= slack
    doc, doc_word, doc_bad = _documented(value, token, slack)  # slack: the tolerance and the port's own precision
    why = None if ok else 'off the reference by %.3g (allowed %.3g)' % (distance, slack)
    if ok and doc_bad:
        ok, why = False, 'differs from the documented %s' % doc
    return outcome.row(where, repr(want), token.text, ok, distance=distance, tolerance=slack, why=why,
                       line=token.line, documented=doc, documented_verdict=doc_word)


def check(case, run_):
    """the outcome of a transcript case, given the port's Run."""
    out = outcome.new(case['id'], 'transcript')
    out['port_seconds'] = run_.seconds
    text, broken = outcome.stdout_text(out, run_, 'the port printed nothing')
    if broken:
        return broken
    tokens = numbers.tokens(text, case['labels'])
    if not tokens:
        return outcome.broken(out, 'the port printed no numbers; stdout starts: %r' % text[:120])
    values = case['values']
    for value, token in zip(values, tokens):
        out['rows'].append(compare(value, token))
    extra = None
    if len(tokens) < len(values):
        extra = 'printed %d numbers, the listing prints %d: the first missing is %s' % (
            len(tokens), len(values), name_of(values[len(tokens)]))
    elif len(tokens) > len(values):
        t = tokens[len(values)]
        extra = 'printed %d numbers, the listing prints %d: the first extra is %r on line %d' % (
            len(tokens), len(values), t.text, t.line)
    wide = sorted({v['quantity'].split('/')[0] for v in values if v['atol'] > tolerance.DEFAULT['atol']})
    if wide:
        out['notes'].append('sensitive runs (%s) carry a tolerance of 10x-100x their measured spread (spec/PROTOCOL.md)' % ', '.join(wide))
    return outcome.finish(out, extra)
