"""not a bug: the iteration printed beside each error, in the port's own words (`Error at 0 0.4964...`).
nnspec must read the iteration as a label, not as error@0 shifting every value by one."""
from common import XOR, draw, train

errors, _, _ = train(*XOR, draw([(3, 4), (4, 1)]), 1, 60000, 10000)
for k, e in enumerate(errors):
    print('Error at %d %r' % (k * 10000, e))
