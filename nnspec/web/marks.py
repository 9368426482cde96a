"""where each entry sits in its post's text: the documented number inside an occurrence of its quoted line.

lines are matched as lint matches them (whitespace collapsed), at or after the entry's section heading when
the text has it; entries that share a line take its occurrences in file order, never overlapping. an entry
not found in the text (a number the copy lost, a line kept elsewhere) is placed as a gap right after the
entry before it, so every entry has exactly one mark.
"""
import bisect


def _collapsed(text):
    """(text with every run of whitespace one space, the index in `text` of each of its characters)."""
    out, where, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(' ')
                where.append(i)
            space = True
        else:
            out.append(ch)
            where.append(i)
            space = False
    return ''.join(out), where


def _norm(text):
    return ' '.join(text.split())


def _occurrences(hay, needle, start=0):
    i = hay.find(needle, start)
    while needle and i >= 0:
        yield i
        i = hay.find(needle, i + 1)


def place(text, entries):
    """[segment] covering `text`: ('text', str), ('mark', entry, str) for a number found in it, ('gap', entry)
    for one that is not. entries: dicts with 'line', 'documented', 'section' (a claim marks its whole line)."""
    flat, where = _collapsed(text)
    taken = []  # sorted (start, end) spans in `flat`
    spans, gaps = {}, {}
    last = None  # the span end (in text) of the entry before, for a gap
    for n, e in enumerate(entries):
        span = _find(flat, e, taken)
        if span is None:
            gaps.setdefault(_line_end(text, last) if last is not None else 0, []).append(n)
            continue
        bisect.insort(taken, span)
        start, end = where[span[0]], where[span[1] - 1] + 1
        spans[start] = (end, n)
        last = end
    out, i = [], 0
    points = sorted(set(spans) | set(gaps))
    for p in points:
        for n in gaps.get(p, []):
            if p > i:
                out.append(('text', text[i:p]))
                i = p
            out.append(('gap', entries[n]))
        if p in spans:
            end, n = spans[p]
            if p > i:
                out.append(('text', text[i:p]))
            out.append(('mark', entries[n], text[p:end]))
            i = end
    if i < len(text):
        out.append(('text', text[i:]))
    return out


def _line_end(text, at):
    end = text.find('\n', at)
    return len(text) if end < 0 else end


def _free(taken, a, b):
    k = bisect.bisect_left(taken, (a, b))
    return (k == 0 or taken[k - 1][1] <= a) and (k == len(taken) or taken[k][0] >= b)


def _find(flat, e, taken):
    """the first free span of e's number (or of its whole line, for a claim) in `flat`, or None."""
    if not e.get('line'):
        return None
    line = _norm(e['line'])
    want = _norm(e['documented']) if e.get('documented') else None
    section = flat.find(_norm(e['section'])) if e.get('section') else -1
    for lower in ([section, 0] if section > 0 else [0]):
        for at in _occurrences(flat, line, lower):
            if want is None:
                if _free(taken, at, at + len(line)):
                    return at, at + len(line)
                continue
            for k in _occurrences(line, want):
                a, b = at + k, at + k + len(want)
                if _free(taken, a, b) and _bounded(flat, a, b):
                    return a, b
    return None


def _bounded(flat, a, b):
    """the number stands alone: no digit right before or after it (0.1 is not found inside 10.15)."""
    before = flat[a - 1] if a > 0 else ' '
    after = flat[b] if b < len(flat) else ' '
    return not (before.isdigit() and flat[a].isdigit()) and not (after.isdigit() and flat[b - 1].isdigit())
