"""bug: the sigmoid's derivative taken of the pre-activation, s*(1-s) with s = X.w, not of the output."""
from common import T, answer, dot, mean_abs, read_case, sigmoid

case, (w0, w1) = read_case()
X, y, alpha, every = case['X'], case['y'], case['network']['alpha'], case['report']['every']
errors = []
for j in range(case['iterations']):
    z1 = dot(X, w0)
    l1 = [[sigmoid(v) for v in r] for r in z1]
    z2 = dot(l1, w1)
    l2 = [[sigmoid(v) for v in r] for r in z2]
    error = [[o - t for o, t in zip(ro, rt)] for ro, rt in zip(l2, y)]
    if j % every == 0:
        errors.append(mean_abs(error))
    d2 = [[e * (z * (1 - z)) for e, z in zip(re, rz)] for re, rz in zip(error, z2)]  # bug: z2, not l2
    d1 = [[b * (z * (1 - z)) for b, z in zip(rb, rz)] for rb, rz in zip(dot(d2, T(w1)), z1)]  # bug: z1, not l1
    u1, u0 = dot(T(l1), d2), dot(T(X), d1)
    w1 = [[w - alpha * u for w, u in zip(rw, ru)] for rw, ru in zip(w1, u1)]
    w0 = [[w - alpha * u for w, u in zip(rw, ru)] for rw, ru in zip(w0, u0)]
answer(case, [w0, w1], errors, l2)
