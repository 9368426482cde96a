"""bugs: the error reported as the signed mean (not the mean of |error|), and single precision throughout.
the final weights agree to 5-7 digits: nnspec must name both, and blame nothing it sent."""
from common import answer, read_case
from float32 import train

case, (w0, w1) = read_case()
answer(case, *train(case, w0, w1, measure=lambda error: sum(e for r in error for e in r) / len(error)))  # bug: signed mean
