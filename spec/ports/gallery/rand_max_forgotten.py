"""bug: c's 2*rand()-1 without /RAND_MAX: weights up to 4e9. the loop is right and the weights are printed
(nnspec-weights), yet the sigmoids saturate and nothing trains: any loop prints these numbers, so none is verified."""
import random

from common import XOR, train

rand = random.Random(1).getrandbits  # c's rand(): 0 .. RAND_MAX = 2^31 - 1
ws = [[[2.0 * rand(31) - 1 for _ in range(c)] for _ in range(r)] for r, c in [(3, 4), (4, 1)]]  # bug: no / RAND_MAX
for name, w in zip(['syn0', 'syn1'], ws):
    print('nnspec-weights', name, w)
errors, _, _ = train(*XOR, ws, 1, 60000, 10000)
for e in errors:
    print('Error:%r' % e)
