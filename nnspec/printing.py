"""the printers that wrote the documented numbers, applied to the reference's floats."""
import re

import numpy as np

from nnspec.reference.printers import np113_str, py2_str

NUMBER = re.compile(r'[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)')


def element_tokens(text, shape):
    """the numbers of a printed array, in row-major order, shaped like the array."""
    tokens = NUMBER.findall(text)
    n = int(np.prod(shape)) if shape else 1
    if len(tokens) != n:
        raise ValueError('printed array has %d numbers, expected %d' % (len(tokens), n))
    return np.array(tokens, dtype=object).reshape(shape)


def hand(value, documented):
    """a figure worked by hand: rounded to the decimals the document shows."""
    decimals = len(documented.split('.')[1]) if '.' in documented else 0
    text = '%.*f' % (decimals, float(value))
    if documented.lstrip('-').startswith('.'):  # '.85', the post drops the leading zero
        text = text.replace('0.', '.', 1)
    return text


def py3_str(value):
    """python 3's print() of a number: shortest round-trip repr."""
    v = value.item() if isinstance(value, np.generic) else value
    return str(v)


PRINTERS = {
    'py2-str': 'python 2 str(float), numpy<1.14 str(float64): %.12g',
    'numpy-1.13-array': 'numpy<1.14 str(array): 8 decimals, zeros trimmed, one element of it',
    'py3-str': 'python 3 print() of a number',
    'hand': 'a figure worked by hand, rounded to the decimals the document shows',
}


def render(printer, quantity_value, index=None, documented=None):
    """the text `printer` writes for quantity_value (element `index` of it, for arrays)."""
    if printer == 'numpy-1.13-array':
        a = np.asarray(quantity_value)
        tokens = element_tokens(np113_str(a), a.shape)
        return str(tokens[tuple(index)] if index else tokens.flat[0])
    v = np.asarray(quantity_value)[tuple(index)] if index else quantity_value
    if printer == 'py2-str':
        return py2_str(v)
    if printer == 'py3-str':
        return py3_str(v)
    if printer == 'hand':
        return hand(v, documented)
    raise KeyError('unknown printer %r (known: %s)' % (printer, ', '.join(PRINTERS)))
