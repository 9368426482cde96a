"""bug: MSE's gradients without their 2/m: diff and -diff."""
import json
import sys

import common  # noqa: F401 -- puts the example ports on the path
import miniflow as mf


class MSE(mf.MSE):
    def backward(self):
        self.gradients[self.inbound_nodes[0]] = [[d[0]] for d in self.diff]  # bug: no 2/m
        self.gradients[self.inbound_nodes[1]] = [[-d[0]] for d in self.diff]  # bug: no -2/m


mf.OPS['MSE'] = MSE
json.dump(mf.answer(json.load(sys.stdin)), sys.stdout)
