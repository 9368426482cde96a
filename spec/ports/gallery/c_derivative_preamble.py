"""bug: c's sigmoid derivative written exp(x)/(1+exp(x))^2, applied to the layer's output (s(l)*(1-s(l)), not
l*(1-l)). the port draws with its own generator and prints what it drew (nnspec-weights): nnspec replays the
listing, and each bug of its catalogue, from those weights."""
import random

from common import XOR, T, dot, sigmoid

own = random.Random(7)  # its own generator, not numpy's
syn0, syn1 = [[[2 * own.random() - 1 for _ in range(c)] for _ in range(r)] for r, c in [(3, 4), (4, 1)]]
for name, w in (('syn0', syn0), ('syn1', syn1)):
    print('nnspec-weights', name, ' '.join(repr(v) for row in w for v in row))
X, y = XOR
for j in range(60000):
    l1 = [[sigmoid(v) for v in r] for r in dot(X, syn0)]
    l2 = [[sigmoid(v) for v in r] for r in dot(l1, syn1)]
    l2_error = [[t - o for o, t in zip(ro, rt)] for ro, rt in zip(l2, y)]
    if j % 10000 == 0:
        print('Error:' + repr(sum(abs(e) for r in l2_error for e in r) / 4))
    d2 = [[e * (sigmoid(o) * (1 - sigmoid(o))) for e, o in zip(re, ro)] for re, ro in zip(l2_error, l2)]  # bug: s(l2)
    d1 = [[b * (sigmoid(l) * (1 - sigmoid(l))) for b, l in zip(rb, rl)] for rb, rl in zip(dot(d2, T(syn1)), l1)]  # bug
    u1, u0 = dot(T(l1), d2), dot(T(X), d1)
    syn1 = [[w + u for w, u in zip(rw, ru)] for rw, ru in zip(syn1, u1)]
    syn0 = [[w + u for w, u in zip(rw, ru)] for rw, ru in zip(syn0, u0)]
