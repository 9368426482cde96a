"""a port's curve against the reference's, as the numbers an inline svg needs (macros.html.j2 draws it).

x is the iteration, y the value, on a log scale when every value is above zero (errors fall by decades);
the first divergence is a vertical rule. every coordinate is rounded to 0.1 and printed with a fixed format,
so the same numbers give the same bytes.
"""
import math

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 72, 96, 16, 40


def _scale(lo, hi, a, b):
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    return lambda v: round(a + (v - lo) * (b - a) / (hi - lo), 1)


def _ticks(lo, hi, log):
    """tick values between lo and hi: the ends, and on a log scale the decades between them."""
    label = (lambda v: '%.3g' % 10 ** v) if log else (lambda v: '%.4g' % v)
    ends = [(lo, label(lo)), (hi, label(hi))]
    if not log:
        return ends + [((lo + hi) / 2, label((lo + hi) / 2))]
    decades = [(float(d), '1e%d' % d) for d in range(math.ceil(lo), math.floor(hi) + 1)]
    step = max(1, len(decades) // 4)
    inner = [t for t in decades[::step] if min(abs(t[0] - lo), abs(t[0] - hi)) > (hi - lo) / 12]
    return ends + inner


def _apart(ticks, gap=32):
    """the ticks (ends first) with each later one dropped when it would sit within `gap` of one kept."""
    kept = []
    for t in ticks:
        if all(abs(t[0] - k[0]) >= gap for k in kept):
            kept.append(t)
    return sorted(kept)


def _labels(reference_end, port_end):
    """[(y, word, css)] of the direct labels at the curves' ends, kept 14 apart so neither hides the other."""
    ends = [(e[1], word, css) for e, word, css in ((reference_end, 'reference', 'ref'), (port_end, 'the port', 'port')) if e]
    if len(ends) == 2 and abs(ends[0][0] - ends[1][0]) < 14:
        (a, *ra), (b, *rb) = sorted(ends)
        mid = (a + b) / 2
        ends = [(round(mid - 7, 1), *ra), (round(mid + 7, 1), *rb)]
    return ends


def plot(name, reference, port, diverged_at):
    """{...} for the macro: reference and port [(iteration, value)], the iteration of the first row not ok or None."""
    values = [v for _, v in reference + port if math.isfinite(v)]
    its = [i for i, _ in reference + port]
    log = bool(values) and min(values) > 0
    f = (lambda v: math.log10(v)) if log else (lambda v: v)
    lo, hi = (min(map(f, values)), max(map(f, values))) if values else (0.0, 1.0)
    if log and hi - lo < 1:  # less than a decade: pad to one so the curve does not fill the frame with noise
        lo, hi = (lo + hi) / 2 - .5, (lo + hi) / 2 + .5
    x = _scale(min(its), max(its), LEFT, WIDTH - RIGHT)
    y = _scale(lo, hi, HEIGHT - BOTTOM, TOP)

    def points(series):
        return ' '.join('%.1f,%.1f' % (x(i), y(f(v))) for i, v in series if math.isfinite(v) and (v > 0 or not log))

    last = lambda series: next(((x(i), y(f(v))) for i, v in reversed(series) if math.isfinite(v) and (v > 0 or not log)),
                               None)
    return {
        'name': name, 'width': WIDTH, 'height': HEIGHT, 'log': log,
        'left': LEFT, 'right': WIDTH - RIGHT, 'top': TOP, 'bottom': HEIGHT - BOTTOM,
        'reference': points(reference), 'port': points(port),
        'labels': _labels(last(reference), last(port)),
        'xticks': _apart([(x(i), '%d' % i) for i in [min(its), max(its)] + ([diverged_at] if diverged_at is not None else [])]),
        'yticks': [(y(v), label) for v, label in _ticks(lo, hi, log)],
        'diverged': None if diverged_at is None else (x(diverged_at), diverged_at),
        'off_scale': sum(1 for _, v in port if not math.isfinite(v) or (log and v <= 0)),
        'summary': '%s of the port (%d numbers) against the reference (%d) over iterations %d to %d%s' % (
            name, len(port), len(reference), min(its), max(its),
            '; the first divergence at iteration %d' % diverged_at if diverged_at is not None else ''),
    }
