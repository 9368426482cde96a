"""bug: a coarse printer: the listing's run, computed right, printed with 4 decimals.
four decimals cannot tell this run from a wrong one: every number is unverifiable."""
from common import XOR, draw, train

errors, _, _ = train(*XOR, draw([(3, 4), (4, 1)]), 1, 60000, 10000)
for e in errors:
    print('Error: %.4f' % e)  # bug: the listing prints %.12g
