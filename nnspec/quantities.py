"""a run's {quantity: value} as bytes and back, bit for bit and without pickle.

the bytes are an .npz: each value a numpy array (allow_pickle=False both ways), and a
json table of the quantities' names and python types, so a python float, an int, a
numpy float64 and an array come back as what they were.
"""
import io
import json
import zipfile

import numpy as np

_SCALARS = {'float': float, 'int': int, 'bool': bool}  # python numbers, rebuilt from their 0-d arrays


def _kind(name, v):
    if isinstance(v, np.ndarray):
        return 'array'
    if isinstance(v, np.generic):
        return 'numpy'
    if type(v) in (float, int, bool):
        return type(v).__name__
    raise TypeError('quantity %r is a %s: only numbers and numpy arrays are kept' % (name, type(v).__name__))


def to_bytes(quantities):
    table = [[name, _kind(name, v)] for name, v in quantities.items()]
    arrays = {'q%d' % i: np.asarray(v) for i, v in enumerate(quantities.values())}
    for (name, _), a in zip(table, arrays.values()):
        if a.dtype.hasobject:  # would be pickled: an int beyond int64, an array of objects
            raise TypeError('quantity %r holds python objects: only numbers and numpy arrays are kept' % name)
    out = io.BytesIO()
    np.savez(out, table=np.array(json.dumps(table)), **arrays)
    return out.getvalue()


def from_bytes(data):
    """the quantities, or ValueError saying what is wrong with the bytes."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            table = json.loads(str(npz['table'][()]))
            out = {}
            for i, (name, kind) in enumerate(table):
                a = npz['q%d' % i]
                out[name] = a if kind == 'array' else a[()] if kind == 'numpy' else _SCALARS[kind](a[()])
            return out
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as e:
        raise ValueError('not a run of quantities: %s: %s' % (type(e).__name__, e)) from None
