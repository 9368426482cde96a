"""measure an entry: print the reference's value with the entry's printer, compare texts."""
import numpy as np

from nnspec import claims, runs
from nnspec.agreement import digits_of_agreement, distance
from nnspec.printing import render
from nnspec.spec import reading


def measure_value(entry):
    if entry['documented'] is None:
        return {'status': 'unreadable'}
    quantity = runs.value(entry['run'], entry['quantity'])
    index = entry.get('index')
    expected = reading(entry)
    text = render(entry['printer'], quantity, index, expected)
    if text == expected:
        return {'status': 'reproduced', 'measured': text}
    v = np.asarray(quantity)[tuple(index)] if index else quantity
    return {'status': 'off', 'measured': text, 'digits': digits_of_agreement(expected, text),
            'distance': float('%.3g' % distance(expected, v))}


def measure_claim(entry):
    holds, measured = claims.CLAIMS[entry['claim']]()
    return {'status': 'holds' if holds else 'fails', 'measured': measured}


def measure(entry):
    """the verdict this stack gives the entry (status, measured text, digits, distance)."""
    if entry.get('claim'):
        return measure_claim(entry)
    return measure_value(entry)
