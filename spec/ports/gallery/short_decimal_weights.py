"""trap: a right three-layer port whose initial weights really are 8-decimal numbers (its own generator, rounded
to 8 places), printed by repr: '0.12345678' is the shortest round trip of the very double the port starts from.
nnspec must verify the run (conformant), not call the weights too coarse to replay."""
import random

from common import XOR, train

own = random.Random(5)
ws = [[[round(2 * own.random() - 1, 8) for _ in range(c)] for _ in range(r)] for r, c in [(3, 4), (4, 1)]]
for name, w in zip(['syn0', 'syn1'], ws):
    print('nnspec-weights', name, ' '.join(repr(v) for row in w for v in row))
errors, _, _ = train(*XOR, ws, 1, 60000, 10000)
for e in errors:
    print('Error:' + repr(e))
