"""bug: the two-layer listing trained 60,000 iterations instead of 10,000 (as several public ports do)."""
from common import XOR, draw, train

_, out, _ = train(XOR[0], [[0], [0], [1], [1]], draw([(3, 1)]), 1, 60000, 60000)  # bug: 60000
print('Output After Training:')
print(out)
