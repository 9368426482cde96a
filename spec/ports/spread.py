"""measure how far honest ports drift from the reference: the c port built four ways.

summation forwards/backwards x exp in double/long double; for every json case,
the largest relative difference from the expected answer, per quantity kind.
this is what the tolerances in nnspec/conformance/tolerance.py rest on.
    python3 spec/ports/spread.py [case glob]
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from nnspec.conformance import cases# noqa: E402

VARIANTS = {'plain': [], 'reverse': ['-DREVERSE'], 'expl': ['-DEXPL'], 'reverse+expl': ['-DREVERSE', '-DEXPL']}


def build(tmp):
    out = {}
    for name, flags in VARIANTS.items():
        exe = os.path.join(tmp, 'port-' + name.replace('+', '-'))
        subprocess.run(['gcc', '-O2', '-std=c99', *flags, '-o', exe, str(HERE / 'examples' / 'c' / 'port.c'), '-lm'], check=True)
        out[name] = exe
    return out


def spread(answer, want):
    """{kind: largest relative difference} between two answers."""
    rel = lambda a, b: abs(a - b) / abs(b) if b else abs(a - b)
    out = {'error': max(rel(a['error'], b['error']) for a, b in zip(answer['checkpoints'], want['checkpoints']))}
    for k, v in want['final'].items():
        flat = lambda m: [x for row in m for x in row]
        out[k] = max(rel(a, b) for a, b in zip(flat(answer['final'][k]), flat(v)))
    return out


def main(pattern='**'):
    with tempfile.TemporaryDirectory() as tmp:
        exes = build(tmp)
        for id_ in cases.match(pattern, 'json'):
            case, expected = cases.load(id_, 'json')
            if 'kind' in case:  # miniflow, shamdasani: the c port runs the trask listings only
                continue
            text = json.dumps(case)
            rows = {}
            for name, exe in exes.items():
                got = json.loads(subprocess.run([exe], input=text, capture_output=True, text=True, check=True).stdout)
                rows[name] = spread(got, expected['answer'])
            worst = {k: max(r[k] for r in rows.values()) for k in rows['plain']}
            print('%-42s %s' % (id_, '  '.join('%s %.1e' % (k.replace('synapse_', 's').replace('_direction_count', 'dc'), v)
                                               for k, v in worst.items())))


if __name__ == '__main__':
    main(*sys.argv[1:])
