"""bug: a node's gradient is overwritten by each outbound node's, not summed over them."""
import json
import sys

import common  # noqa: F401 -- puts the example ports on the path
import miniflow as mf


def accumulate(self, node, grad):
    self.gradients[node] = grad  # bug: = instead of +=


mf.Node.accumulate = accumulate
json.dump(mf.answer(json.load(sys.stdin)), sys.stdout)
