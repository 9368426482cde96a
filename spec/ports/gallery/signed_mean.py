"""bug: the error reported as the signed mean, mean(error), not the mean of |error| (binary64 throughout)."""
from common import T, answer, dot, read_case, sigmoid

case, (w0, w1) = read_case()
X, y, alpha, every = case['X'], case['y'], case['network']['alpha'], case['report']['every']
errors = []
for j in range(case['iterations']):
    l1 = [[sigmoid(v) for v in r] for r in dot(X, w0)]
    l2 = [[sigmoid(v) for v in r] for r in dot(l1, w1)]
    error = [[o - t for o, t in zip(ro, rt)] for ro, rt in zip(l2, y)]
    if j % every == 0:
        errors.append(sum(e for r in error for e in r) / len(error))  # bug: no abs
    d2 = [[e * (o * (1 - o)) for e, o in zip(re, ro)] for re, ro in zip(error, l2)]
    d1 = [[b * (l * (1 - l)) for b, l in zip(rb, rl)] for rb, rl in zip(dot(d2, T(w1)), l1)]
    u1, u0 = dot(T(l1), d2), dot(T(X), d1)
    w1 = [[w - alpha * u for w, u in zip(rw, ru)] for rw, ru in zip(w1, u1)]
    w0 = [[w - alpha * u for w, u in zip(rw, ru)] for rw, ru in zip(w0, u0)]
answer(case, [w0, w1], errors, l2)
