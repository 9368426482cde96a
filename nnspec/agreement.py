"""digits: of a printed number, and of agreement between two numbers; the distance of a printed one.

a printed number's digits, two ways:
  significant_digits  as written, trailing zeros kept: what a printer chose to show ('4.96410e-1': 6)
  needed_digits       trailing zeros dropped: what the value needs ('4.96410e-1': 5, '100': 1); %g trims
                      zeros, so a port's weights are judged by this count
digits of agreement, three ways, for three kinds of operand:
  digits_of_agreement  two texts: the leading decimal digits they share as written (0.0999 and 0.1000
                       share none): what a reader comparing a printout with the post sees
  relative_digits      two floats: floor(-log10(|got - want| / |want|)), 0 to 17, 0 on a sign flip: the
                       digits one number keeps of another (a check's rows)
  normwise_digits      two arrays: -log10(max |a - b| / max |b|), not floored: a whole quantity against
                       its golden, the largest magnitude setting the scale (the portable goldens' floors)
"""
import math
from decimal import Decimal, InvalidOperation


BINARY64 = 17  # digits of agreement of two equal doubles
EQUAL = 17.0   # normwise_digits of equal quantities: past a double's


def significant_digits(text):
    """significant digits of a printed number as written ('0.00966449' has 6, '4.96410e-1' 6, '7.' 1, '0.0' 1);
    0 for a text that is no number."""
    try:
        return len(Decimal(text).as_tuple().digits) if Decimal(text) else 1
    except InvalidOperation:
        return 0


def needed_digits(text):
    """significant digits a printed number's value needs: trailing zeros dropped ('4.96410e-1' 5, '100' 1)."""
    return len(Decimal(text).normalize().as_tuple().digits) if Decimal(text) else 1


def _parts(text):
    d = Decimal(text.strip())
    sign, digits, exponent = d.as_tuple()
    digits = ''.join(map(str, digits)).lstrip('0') or '0'
    # position of the leading digit, so 0.0123 and 0.123 do not align
    lead = d.adjusted() if d != 0 else 0
    return sign, digits.rstrip('0') or '0', lead


def digits_of_agreement(documented, measured):
    """leading significant digits the two texts share (all of them when equal in value)."""
    try:
        a, b = _parts(documented), _parts(measured)
    except (InvalidOperation, ValueError):
        return 0
    if a == b:
        return len(a[1])
    if a[0] != b[0] or a[2] != b[2]:
        return 0
    n = 0
    for x, y in zip(a[1].ljust(len(b[1]), '0'), b[1].ljust(len(a[1]), '0')):
        if x != y:
            break
        n += 1
    return n


def relative_digits(want, got):
    """significant digits two numbers share: 17 when equal, 0 when off in the first digit or the sign."""
    try:
        want, got = float(want), float(got)
    except (TypeError, ValueError):
        return 0
    if want == got:
        return BINARY64
    off = abs(got - want) / abs(want) if want else math.inf
    if not math.isfinite(off) or (want < 0) != (got < 0):
        return 0
    return max(0, min(BINARY64, int(math.floor(-math.log10(off)))))


def normwise_digits(native, reference):
    """leading digits a quantity shares with a reference one: -log10 of the largest difference over the
    largest reference magnitude (EQUAL when the bits agree, -inf when the shapes differ or a value is not finite)."""
    import numpy as np  # the only use here: checking a port's numbers need not load it
    a, b = np.asarray(native, dtype=float), np.asarray(reference, dtype=float)
    if a.shape != b.shape:
        return -math.inf
    if a.tobytes() == b.tobytes():
        return EQUAL
    diff, scale = float(np.max(np.abs(a - b))), float(np.max(np.abs(b)))
    if not math.isfinite(diff):
        return -math.inf
    return min(EQUAL, -math.log10(diff / scale)) if scale else (EQUAL if diff == 0 else -math.inf)


def distance(documented, value):
    """value - documented, as a float."""
    return float(value) - float(Decimal(documented.strip()))
