"""how far native stacks run from the portable goldens: the data behind nnspec.portable's floors.

python -m nnspec.evidence.spread [--write] [--timeout 900]

runs every reference run natively under each stack of STACKS (this python and numpy, one
child process per openblas kernel / numpy cpu dispatch) and compares each golden's
quantities with the portable run: digits of agreement (nnspec.agreement.normwise_digits) and the
ratio to the stable tolerance. --write records in spec/portable.json the fewest digits and
the largest ratio over the stacks, per golden, and per quantity for the sensitive runs
(their floors: nnspec.portable.floor). a few minutes per stack.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys

import numpy as np

from nnspec import atomic, stack
from nnspec.agreement import normwise_digits

# the stacks measured: name -> environment. the avx2 one is an avx2-only cpu as numpy and openblas see it
STACKS = {
    'default': {},
    'Haswell': {'OPENBLAS_CORETYPE': 'Haswell'},
    'Sandybridge': {'OPENBLAS_CORETYPE': 'Sandybridge'},
    'Prescott': {'OPENBLAS_CORETYPE': 'Prescott'},
    'avx2': {'OPENBLAS_CORETYPE': 'Haswell', 'NPY_DISABLE_CPU_FEATURES': 'X86_V4 AVX512_ICL AVX512_SPR'},
}


def measure():
    """{sub-run: {quantity: {'digits', 'ratio'}}} of this stack's native runs against the portable ones."""
    from nnspec import portable, runs
    from nnspec.conformance import tolerance
    out = {}
    for sub, name, alpha in portable.goldens():
        native, port = portable.part(runs.run(name), alpha), portable.part(portable.run(name), alpha)
        out[sub] = {q: {'digits': normwise_digits(native[q], port[q]), 'ratio': tolerance.ratio(native[q], port[q])}
                    for q in sorted(port)}
    return out


def portable_digest():
    """sha256 of every portable run's quantities, bit for bit: the same on every stack, or the arithmetic is not portable."""
    from nnspec import portable, runs
    h = hashlib.sha256()
    for name in runs.RUNS:
        for q, v in sorted(portable.run(name).items()):
            h.update(q.encode('utf-8') + np.ascontiguousarray(v, dtype=float).tobytes())
    return h.hexdigest()


def child():
    print(json.dumps({'stack': stack.describe(), 'arithmetic': stack.arithmetic(), 'measured': measure(),
                      'portable_sha256': portable_digest()}))
    return 0


def merge(results):
    """the spec/portable.json document from every stack's measurement."""
    from nnspec import portable
    subs = list(results[0]['measured'])
    worst = lambda sub, q, key, pick: pick(r['measured'][sub][q][key] for r in results)
    doc = {'about': "how far native stacks run from the portable goldens (nnspec.portable): per golden the fewest "
                    "digits of agreement and the largest ratio to the stable tolerance over the stacks measured, "
                    "per quantity for the sensitive runs (the floor is one digit under the fewest); written by "
                    "`python -m nnspec.evidence.spread --write`",
           'measured_on': [dict(r['stack'], environment=r['environment'], numpy_simd=r['arithmetic']['numpy_simd'])
                           for r in results],
           'portable_sha256': sorted({r['portable_sha256'] for r in results}),
           'goldens': {}, 'sensitive': {}}
    for sub in subs:
        qs = list(results[0]['measured'][sub])
        doc['goldens'][sub] = {'digits': round(min(worst(sub, q, 'digits', min) for q in qs), 2),
                               'ratio': float('%.3g' % max(worst(sub, q, 'ratio', max) for q in qs))}
        if portable.sensitive(sub):
            doc['sensitive'][sub] = {q: {'digits': round(worst(sub, q, 'digits', min), 2)} for q in qs}
    return doc


def main(argv=None):
    from nnspec import portable
    p = argparse.ArgumentParser(prog='nnspec spread', description=__doc__.splitlines()[0])
    p.add_argument('--write', action='store_true', help='record the measurement in spec/portable.json')
    p.add_argument('--timeout', type=float, default=900, help='seconds per stack (default 900)')
    p.add_argument('--child', action='store_true', help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child()
    results = []
    for name, env in STACKS.items():
        print('measuring stack %s %s ...' % (name, env), file=sys.stderr)
        clean = {k: v for k, v in os.environ.items() if k not in ('OPENBLAS_CORETYPE', 'NPY_DISABLE_CPU_FEATURES')}
        proc = subprocess.run([sys.executable, '-m', 'nnspec.evidence.spread', '--child'], env=dict(clean, **env),
                              stdout=subprocess.PIPE, timeout=args.timeout, check=True)
        results.append(dict(json.loads(proc.stdout.decode('utf-8')), environment=env))
    doc = merge(results)
    if len(doc['portable_sha256']) != 1:
        print('the portable runs differ between stacks: %s' % doc['portable_sha256'], file=sys.stderr)
        return 1
    for sub, g in doc['goldens'].items():
        print('%-42s %5.1f digits  %.3g of the stable tolerance%s' % (sub, g['digits'], g['ratio'],
                                                                    '  (sensitive)' if sub in doc['sensitive'] else ''))
    if args.write:
        atomic.write_all({portable.SPREAD: (json.dumps(doc, indent=1, sort_keys=False) + '\n').encode('utf-8')})
        print('written: %s' % portable.SPREAD.relative_to(portable.spec.ROOT))
    return 0


if __name__ == '__main__':
    sys.exit(main())
