"""the summation trees of the listings' np.dot call sites, as `nnspec blas` probes them, laid out to draw.

a tree is nnspec.probe's nested pairs of term indices; its layout puts the leaves in the
order the sum meets them, one unit apart, and each addition above its two operands, one
level higher than the higher of them (a dendrogram), so a chain climbs and a balanced
sum stays low.
"""
from collections import namedtuple

import numpy as np

from nnspec import probe

Site = namedtuple('Site', 'group label k author ours')  # author, ours: (tree, fma)


def sites(dot=np.dot):
    """every call site of nnspec.probe.GROUPS with the author's tree (evidence.author) and `dot`'s."""
    from nnspec.evidence import author
    out = []
    for group, hidden in probe.GROUPS.items():
        ours, theirs = probe.probe(dot, hidden), probe.probe(author.dot, hidden)
        out += [Site(group, label, k, theirs[label], ours[label]) for label, (k, _) in probe.sites(hidden).items()]
    return out


def layout(tree):
    """(leaves [(x, term)], additions [(x, level)], edges [((x, level), (x, level))]) of a summation tree."""
    leaves, additions, edges = [], [], []

    def place(t):
        if not isinstance(t, tuple):
            leaves.append((float(len(leaves)), t))
            return leaves[-1][0], 0
        kids = [place(c) for c in t]
        at = (float(np.mean([x for x, _ in kids])), max(level for _, level in kids) + 1)
        additions.append(at)
        edges.extend((at, kid) for kid in kids)
        return at
    place(tree)
    return leaves, additions, edges
