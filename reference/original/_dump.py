"""nnspec: full-precision values of an original (python 2.7) or of its port (python 3).

  python2.7 _dump.py original trask_part2_closer_look   # runs the listing itself
  python3.6 _dump.py port trask_part2_closer_look       # runs reference/<name>.run()

prints one json object: the stack, the stdout, every value the listing prints
(in print order) and its final weights, each as float.hex of the flat array.
the original is run unchanged; `str` and numpy's array-str hook only watch.
"""
from __future__ import print_function

import io
import json
import os
import platform
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ALPHAS = [0.001, 0.01, 0.1, 1, 10, 100, 1000]
# final weights read from the original's globals (of the last alpha in sweeps)
FINAL = {
    'trask_part1_eleven_lines': ['syn0', 'syn1', 'l2'],
    'trask_part1_two_layer': ['syn0'],
    'trask_part1_three_layer': ['syn0', 'syn1'],
    'trask_part2_thirteen_lines': ['synapse_0', 'synapse_1', 'layer_2'],
    'trask_part2_two_layer': ['synapse_0'],
    'trask_part2_alpha_sweep': ['synapse_0', 'synapse_1'],
    'trask_part2_closer_look': ['synapse_0', 'synapse_1'],
    'trask_part2_hidden_size': ['synapse_0', 'synapse_1'],
    'shamdasani': ['NN.W1', 'NN.W2'],
}


def record(x):
    a = np.asarray(x, dtype=float)
    return [list(a.shape), [float(v).hex() for v in a.ravel()]]


def original(name):
    printed, builtin_str = [], str
    array_str = np.core.numeric.array_str

    def watch_str(x):  # the listing's `str(...)`: scalars here, arrays below
        if isinstance(x, np.floating):
            printed.append(record(x))
        return builtin_str(x)

    def watch_array(a):  # `print array` and `str(array)`
        printed.append(record(a))
        return array_str(a)

    np.set_string_function(watch_array, repr=False)
    path = os.path.join(HERE, name + '.py')
    scope = {'__name__': '__main__', '__file__': path, 'str': watch_str}
    out, sys.stdout = sys.stdout, io.BytesIO() if sys.version_info[0] < 3 else io.StringIO()
    try:
        exec(compile(open(path).read(), path, 'exec', 0, True), scope)  # no __future__ flags
        stdout = sys.stdout.getvalue()
    finally:
        sys.stdout = out
    final = {}
    for key in FINAL[name]:
        obj = scope
        for part in key.split('.'):
            obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
        final[key] = record(obj)
    return {'stdout': stdout if isinstance(stdout, str) else stdout.decode('utf-8'),
            'printed': printed, 'final': final}


def port(name):
    sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
    module = __import__('reference.' + name, fromlist=['run'])
    r = module.run()
    printed, final = [], {}
    if name in ('trask_part1_two_layer', 'trask_part2_two_layer'):
        printed = [record(r['l1' if 'l1' in r else 'layer_1'])]
    elif name == 'trask_part1_three_layer':
        printed = [record(e) for e in r['errors']]
    elif name == 'shamdasani':
        for p, loss in zip(r['predictions'], r['losses']):
            printed += [record(module.X), record(module.y), record(p), record(loss)]
        r = {'NN.W1': r['W1'], 'NN.W2': r['W2']}
    elif name != 'trask_part1_eleven_lines' and name != 'trask_part2_thirteen_lines':
        for alpha in ALPHAS:  # the sweeps: run() is {alpha: result}
            a = r[alpha]
            printed += [record(e[1] if isinstance(e, tuple) else e) for e in a['errors']]
            if name == 'trask_part2_closer_look':
                printed += [record(a[k]) for k in ('synapse_0', 'synapse_0_direction_count',
                                                   'synapse_1', 'synapse_1_direction_count')]
        r = r[ALPHAS[-1]]
    for key in FINAL[name]:
        final[key] = record(r[key])
    return {'printed': printed, 'final': final}


def main():
    side, name = sys.argv[1], sys.argv[2]
    result = original(name) if side == 'original' else port(name)
    result['stack'] = {'python': platform.python_version(), 'numpy': np.__version__,
                       'OPENBLAS_CORETYPE': os.environ.get('OPENBLAS_CORETYPE', 'unset')}
    json.dump(result, sys.__stdout__)


if __name__ == '__main__':
    main()
