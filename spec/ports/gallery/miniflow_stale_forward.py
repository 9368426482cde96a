"""bug: the forward pass run only in the first epoch: every later backward pass reads that pass's values."""
import json
import sys

import common  # noqa: F401 -- puts the example ports on the path
import miniflow as mf

epochs = []


def forward_and_backward(graph):
    if not epochs:  # bug: forward only the first time, not in every epoch
        for n in graph:
            n.forward()
    epochs.append(graph)
    for n in graph[::-1]:
        n.backward()


mf.forward_and_backward = forward_and_backward
json.dump(mf.answer(json.load(sys.stdin)), sys.stdout)
