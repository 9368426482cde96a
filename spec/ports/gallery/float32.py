"""bug: single precision: every number rounded to float32, as a port on float32 arrays computes."""
from common import T, answer, dot, f32, m32, mean_abs, read_case, sigmoid  # bug: f32, m32 round to float32


def train(case, w0, w1, measure=mean_abs):
    """the listing's loop on float32 numbers; measure(error) is the checkpoint's error."""
    X, y, alpha, every = case['X'], case['y'], case['network']['alpha'], case['report']['every']
    w0, w1, errors = m32(w0), m32(w1), []
    for j in range(case['iterations']):
        l1 = m32([[sigmoid(v) for v in r] for r in m32(dot(X, w0))])
        l2 = m32([[sigmoid(v) for v in r] for r in m32(dot(l1, w1))])
        error = m32([[o - t for o, t in zip(ro, rt)] for ro, rt in zip(l2, y)])
        if j % every == 0:
            errors.append(f32(measure(error)))
        d2 = m32([[e * (o * (1 - o)) for e, o in zip(re, ro)] for re, ro in zip(error, l2)])
        d1 = m32([[b * (l * (1 - l)) for b, l in zip(rb, rl)] for rb, rl in zip(m32(dot(d2, T(w1))), l1)])
        u1, u0 = m32(dot(T(l1), d2)), m32(dot(T(X), d1))
        w1 = m32([[w - alpha * u for w, u in zip(rw, ru)] for rw, ru in zip(w1, u1)])
        w0 = m32([[w - alpha * u for w, u in zip(rw, ru)] for rw, ru in zip(w0, u0)])
    return [w0, w1], errors, l2


if __name__ == '__main__':
    case, (w0, w1) = read_case()
    answer(case, *train(case, w0, w1))
