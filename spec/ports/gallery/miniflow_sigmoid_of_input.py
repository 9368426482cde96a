"""bug: the sigmoid's derivative taken of its input x, x*(1-x), not of its output s*(1-s)."""
import json
import sys

import common  # noqa: F401 -- puts the example ports on the path
import miniflow as mf


class Sigmoid(mf.Sigmoid):
    def backward(self):
        self.gradients = {n: mf.zeros(n.value) for n in self.inbound_nodes}
        x = self.inbound_nodes[0].value  # bug: the input, not self.value
        for n in self.outbound_nodes:
            self.accumulate(self.inbound_nodes[0], mf.each(lambda s, g: s * (1 - s) * g, x, n.gradients[self]))


mf.OPS['Sigmoid'] = Sigmoid
json.dump(mf.answer(json.load(sys.stdin)), sys.stdout)
