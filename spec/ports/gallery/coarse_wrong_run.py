"""bug: the error measured one step late (after the iteration's update), and printed with %g: 6 significant
digits where the listing prints 12. six digits cannot verify a right number, but they can show a wrong one: every
number here is off at the digits it carries, and the bug is named, not merely called unverifiable."""
from common import XOR, T, dot, draw, sigmoid

X, y = XOR
syn0, syn1 = draw([(3, 4), (4, 1)])
for j in range(60000):
    l1 = [[sigmoid(v) for v in r] for r in dot(X, syn0)]
    l2 = [[sigmoid(v) for v in r] for r in dot(l1, syn1)]
    l2_error = [[t - o for o, t in zip(ro, rt)] for ro, rt in zip(l2, y)]
    d2 = [[e * (o * (1 - o)) for e, o in zip(re, ro)] for re, ro in zip(l2_error, l2)]
    d1 = [[b * (l * (1 - l)) for b, l in zip(rb, rl)] for rb, rl in zip(dot(d2, T(syn1)), l1)]
    u1, u0 = dot(T(l1), d2), dot(T(X), d1)
    syn1 = [[w + u for w, u in zip(rw, ru)] for rw, ru in zip(syn1, u1)]
    syn0 = [[w + u for w, u in zip(rw, ru)] for rw, ru in zip(syn0, u0)]
    if j % 10000 == 0:  # bug: measured after the update
        l2 = [[sigmoid(v) for v in r] for r in dot([[sigmoid(v) for v in r] for r in dot(X, syn0)], syn1)]
        print('Error: %g' % (sum(abs(t - o) for ro, rt in zip(l2, y) for o, t in zip(ro, rt)) / 4))
