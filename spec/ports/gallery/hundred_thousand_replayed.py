"""bug: the two-layer listing trained 100,000 iterations instead of 10,000, from the port's own generator's
weights, printed first (nnspec-weights): nnspec replays the listing from them and finds the count it trained."""
import random

from common import XOR, train

own = random.Random(3)  # its own generator, not numpy's
syn0 = [[2 * own.random() - 1] for _ in range(3)]
print('nnspec-weights syn0', syn0)
_, out, _ = train(XOR[0], [[0], [0], [1], [1]], [syn0], 1, 100000, 100000)  # bug: 100000
print('Output After Training:')
print(out)
