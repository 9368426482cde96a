"""the pictures' colours: one per verdict, from Okabe and Ito's colour-blind-safe set.

Okabe & Ito, "Color Universal Design" (2008): eight colours told apart under every
common colour-vision deficiency. each verdict (the kinds of nnspec.web.model, the site's
marks) gets one, and a marker shape too, so no picture says anything by hue alone.
"""
OKABE_ITO = {'black': '#000000', 'orange': '#E69F00', 'sky blue': '#56B4E9', 'bluish green': '#009E73',
             'yellow': '#F0E442', 'blue': '#0072B2', 'vermillion': '#D55E00', 'reddish purple': '#CC79A7'}
NEUTRAL = '#BBBBBB'  # grey: no verdict (lost to the ocr)
NOT_RUN = '#FFFFFF'  # a stack that did not measure the value

COLOURS = {  # kind -> fill
    'reproduced': OKABE_ITO['blue'],
    'sensitive': OKABE_ITO['orange'],
    'post-error': OKABE_ITO['vermillion'],
    'off': OKABE_ITO['reddish purple'],
    'lost': NEUTRAL,
    'holds': OKABE_ITO['bluish green'],
    'fails': OKABE_ITO['yellow'],
}
MARKERS = {'reproduced': 'o', 'sensitive': 'D', 'post-error': 'X', 'off': 's', 'lost': '.', 'holds': '^', 'fails': 'v'}
SEQUENTIAL = 'viridis'  # a quantity (digits), never a verdict: perceptually even, safe for colour-blind readers


def _luminance(hex_colour):
    """wcag's relative luminance of an sRGB colour '#RRGGBB'."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    """wcag's contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink(fill):
    """black or white, whichever reads better on `fill`."""
    return '#000000' if contrast(fill, '#000000') >= contrast(fill, '#FFFFFF') else '#FFFFFF'
