"""bug: initial weights drawn unseeded: another run every time."""
import random

from common import XOR, train

ws = [[[2 * random.random() - 1 for _ in range(c)] for _ in range(r)] for r, c in [(3, 4), (4, 1)]]  # bug: no seed
errors, _, _ = train(*XOR, ws, 1, 60000, 10000)
for e in errors:
    print('Error:%r' % e)
