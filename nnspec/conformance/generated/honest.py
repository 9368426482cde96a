"""is a drawn case stable? two honest arithmetics must agree within a hundredth of the tolerance
(tolerance.MARGIN: the stable runs' own margin), or the case is drawn again. the generators judge with
arithmetics made of exact ieee steps (a correctly rounded exp, sums in a fixed order), so the same draws are
kept on every machine: the case bytes do not depend on the machine's exp or blas."""
from nnspec.conformance import tolerance

ATTEMPTS = 100  # draws before giving up: a generator that needs more is broken (SpecError, exit 3)


def worst(want, got, tol=tolerance.DEFAULT):
    """the largest |got - want| / allowed over two answers of one shape (dicts, lists, numbers; other leaves equal)."""
    if isinstance(want, dict):
        return max([worst(want[k], got[k], tol) for k in want] + [0.0])
    if isinstance(want, list):
        return max([worst(w, g, tol) for w, g in zip(want, got)] + [0.0])
    if isinstance(want, float):
        if not (tolerance.finite(want) and tolerance.finite(got)):
            return float('inf')  # a run that overflowed is no case
        return abs(got - want) / tolerance.allowed(want, tol)
    return 0.0 if want == got else float('inf')


def stable(want, got, tol=tolerance.DEFAULT):
    return worst(want, got, tol) <= tolerance.MARGIN


BOUND = 100.0  # every number of a kept case within +-BOUND: no sigmoid nears exp's overflow (the protocol leaves it out)


def largest(answer):
    """the largest magnitude of any value in an answer (direction counts are counts, not values)."""
    if isinstance(answer, dict):
        return max([largest(v) for k, v in answer.items() if not k.endswith('_direction_count')] + [0.0])
    if isinstance(answer, list):
        return max([largest(v) for v in answer] + [0.0])
    return abs(answer) if isinstance(answer, float) else 0.0


def first_stable(id_, draw, attempt):
    """attempt(draw) -> (documents, one honest answer, another), drawn again until the two agree and no number of
    the expected answer is past BOUND."""
    from nnspec import spec
    for _ in range(ATTEMPTS):
        documents, want, got = attempt(draw)
        if stable(want, got) and largest(documents[1]['answer']) <= BOUND:
            return documents
    raise spec.SpecError('%s: no stable case in %d draws (a bug in nnspec\'s generator)' % (id_, ATTEMPTS))
