"""how close a printed number is to a documented one: digits of agreement, distance."""
from decimal import Decimal, InvalidOperation


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


def distance(documented, value):
    """value - documented, as a float."""
    return float(value) - float(Decimal(documented.strip()))
