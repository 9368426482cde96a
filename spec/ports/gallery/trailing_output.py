"""bug: the listing's six errors, then the hidden layer printed too."""
from common import XOR, draw, sigmoid, train, dot

ws = draw([(3, 4), (4, 1)])
errors, _, _ = train(*XOR, ws, 1, 60000, 10000)
for e in errors:
    print('Error:%r' % e)
print('hidden layer:', [[sigmoid(v) for v in r] for r in dot(XOR[0], ws[0])])  # bug: not in the listing
