"""the summation tree and fma use of numpy's blas at each np.dot of the listings, probed: what a
native run's key is made of (stack.arithmetic), and what `nnspec blas` prints beside the author's.

the method is FPRev's (Xie et al., "FPRev: Revealing the Order of Floating-Point
Summation", 2025): a term +2**60 at i and -2**60 at j among ones absorbs every one
summed into their lowest common ancestor before they cancel, so the result counts
the leaves outside it; the sizes of all pairs' ancestors rebuild the tree. an fma
shows as the 2**-60 a fused (1+2**-30)**2 keeps against -(1+2**-29) summed before it.
each site is called as the listing calls it (shapes, layout, X an int array); k = 1
sites are one product.
"""
import numpy as np

M = 2.0 ** 60


def _rows(x, n):  # n rows, each x
    return np.repeat(x[None], n, 0)


def _cols(x, n):  # x down n columns
    return np.repeat(x[:, None], n, 1)


def _int(a):  # the listings' X is an int array (numpy casts it itself); keep that where the probe allows
    return a.astype(int) if np.all(a == 1) else a


def sites(hidden):
    """label -> (k, call(x, y, dot)): x rides the listing's left operand along k, y the right one."""
    h = hidden
    if hidden is None:  # part 1's two-layer network
        return {'X.dot(syn0)': (3, lambda x, y, dot: dot(_int(_rows(x, 4)), _cols(y, 1))),
                'X.T.dot(l1_delta)': (4, lambda x, y, dot: dot(_int(_cols(x, 3)).T, _cols(y, 1)))}
    return {'layer_0.dot(synapse_0)': (3, lambda x, y, dot: dot(_int(_rows(x, 4)), _cols(y, h))),
            'layer_1.dot(synapse_1)': (h, lambda x, y, dot: dot(_rows(x, 4), _cols(y, 1))),
            'layer_1.T.dot(layer_2_delta)': (4, lambda x, y, dot: dot(_cols(x, h).T, _cols(y, 1))),
            'layer_0.T.dot(layer_1_delta)': (4, lambda x, y, dot: dot(_int(_cols(x, 3)).T, _cols(y, h)))}


GROUPS = {'part 1, two layers': None, 'part 1 three layers, part 2, hidden 4': 4, 'part 2, hidden 32': 32}


def lca_sizes(call, k, dot):
    """{(i, j): leaves under the lowest common ancestor of terms i and j}, for every output alike."""
    out = {}
    for i in range(k):
        for j in range(i + 1, k):
            y = np.ones(k)
            y[i], y[j] = M, -M
            r = np.ravel(call(np.ones(k), y, dot))
            if not np.all(r == r[0]):
                raise ValueError('outputs of one call sum in different orders: %s' % r)
            out[i, j] = k - int(r[0])
    return out


def tree(sizes, k):
    """the summation tree as nested tuples of term indices, rebuilt from the ancestors' sizes."""
    root = list(range(k))   # union-find over terms
    node = {i: i for i in range(k)}  # root term -> its subtree
    size = {i: 1 for i in range(k)}

    def find(i):
        while root[i] != i:
            i = root[i]
        return i
    for (i, j), s in sorted(sizes.items(), key=lambda kv: (kv[1], kv[0])):
        a, b = find(i), find(j)
        if a == b:
            continue
        root[b] = a
        node[a], size[a] = (node[a], node[b]), size[a] + size[b]
        if size[a] != s:
            raise ValueError('terms %d, %d: ancestor of %d leaves, rebuilt %d: not a summation tree' % (i, j, s, size[a]))
    return node[find(0)]


def fma(call, k, dot):
    """does some product reach an accumulator unrounded (fma, or an extended-precision product)?"""
    a, c = 1 + 2.0 ** -30, -(1 + 2.0 ** -29)  # a*a = 1 + 2**-29 + 2**-60
    for j in range(k):
        for i in range(k):
            if i != j:
                x, y = np.zeros(k), np.ones(k)
                x[j], y[j], x[i] = a, a, c
                if np.any(np.ravel(call(x, y, dot)) != 0):
                    return True
    return False


def probe(dot=np.dot, hidden=4):
    """{site: (tree, fma)} of `dot` at each call site of the listings with `hidden` nodes (None: part 1's 2 layers)."""
    return {label: (tree(lca_sizes(call, k, dot), k), fma(call, k, dot)) for label, (k, call) in sites(hidden).items()}


def render(t):
    """a tree as a sum: `a + b + c` adds left to right; a run of evenly spaced terms is elided."""
    if not isinstance(t, tuple):
        return 'p%d' % t
    chain = []
    while isinstance(t, tuple) and not isinstance(t[1], tuple):
        chain.append(t[1])
        t = t[0]
    head = t if not isinstance(t, tuple) else None
    chain = chain[::-1]
    if head is None:  # two subtrees meet
        return '(%s)' % ' + '.join(['(%s + %s)' % (render(t[0]), render(t[1])) if chain else
                                   '%s + %s' % (render(t[0]), render(t[1]))] + ['p%d' % c for c in chain])
    terms = [head] + chain
    if len(terms) > 4 and len({b - a for a, b in zip(terms, terms[1:])}) == 1:
        return '(p%d + p%d + ... + p%d)' % (terms[0], terms[1], terms[-1])
    return '(' + ' + '.join('p%d' % c for c in terms) + ')'


def lanes(k, order):
    """the tree of len(order) partial sums S_j of the k = j mod n terms, in order, combined as `order` nests."""
    n = len(_flat(order))
    s = [None] * n
    for i in range(k):
        s[i % n] = i if s[i % n] is None else (s[i % n], i)
    return _drop_empty(_build(order, s))


def _build(o, s):
    return tuple(_build(c, s) for c in o) if isinstance(o, tuple) else s[o]


def _flat(o):
    return [x for c in o for x in _flat(c)] if isinstance(o, tuple) else [o]


def _drop_empty(t):
    if not isinstance(t, tuple):
        return t
    kids = [c for c in (_drop_empty(c) for c in t) if c is not None]
    return kids[0] if len(kids) == 1 else (tuple(kids) if kids else None)


def name(t, k):
    known = {'in order': lanes(k, (0,)), '2 lanes, (even) + (odd)': lanes(k, (0, 1)),
             '4 sums, (S0 + S2) + (S1 + S3)': lanes(k, ((0, 2), (1, 3)))}
    return ' = '.join(n for n, tree_ in known.items() if tree_ == t) or 'another tree'
