"""the summation tree and fma use of this numpy's blas at each np.dot of the listings.

python -m nnspec.evidence.blas [--no-values]

the probe (nnspec/probe.py, FPRev's method) reads the tree and fma of each call site; the trees are
compared with the author's (evidence.author), and the documented values this stack prints otherwise
than the author's are listed.
"""
import argparse
import sys

import numpy as np

from nnspec.probe import GROUPS, M, fma, lanes, lca_sizes, name, probe, render, sites, tree  # noqa: F401


def main(argv=None):
    from nnspec.evidence import author
    from nnspec import stack
    p = argparse.ArgumentParser(prog='nnspec blas', description=__doc__.splitlines()[0])
    p.add_argument('--no-values', action='store_true', help='skip the documented values this stack moves (~30 s)')
    args = p.parse_args(argv)
    print('stack: ' + ', '.join('%s %s' % kv for kv in stack.describe().items()))
    differ = 0
    for group, hidden in GROUPS.items():
        print('\n%s' % group)
        ours, theirs = probe(np.dot, hidden), probe(author.dot, hidden)
        for label, (k, _) in sites(hidden).items():
            (t, f), (at, af) = ours[label], theirs[label]
            same = (t, f) == (at, af)
            differ += not same
            print('  %-30s %s%s%s' % (label, name(t, k), ', fma' if f else '', ' (as the author)' if same else ''))
            print('      ' + render(t))
            if not same:
                print('      author: %s %s%s' % (render(at), name(at, k), ', fma' if af else ''))
    if not args.no_values:
        moved(print)
    return 0


def moved(log):
    """the part 1 and part 2 values this stack prints otherwise than documented, beside the author's."""
    from nnspec import spec
    from nnspec.verdict import measure
    log('\ndocumented values of part 1 and part 2 this stack prints otherwise:')
    n = 0
    for _, e in spec.entries():
        if not str(e.get('run', '')).startswith('trask') or e.get('documented') is None:
            continue
        now = measure(e)
        if now['status'] == 'off':
            n += 1
            author = e.get('author_2015', {'status': 'reproduced'})
            log('  %-58s %-18s %-18s author-2015: %s' % (e['id'], e['documented'], now['measured'],
                                                       author.get('measured', author['status'])))
    log('%d values; author-2015 prints all but 6 of the 350 as documented (docs/forensics.md)' % n)


if __name__ == '__main__':
    sys.exit(main())
