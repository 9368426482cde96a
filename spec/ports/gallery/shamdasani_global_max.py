"""bug: X scaled by its largest element, X / np.amax(X), not by each column's maximum."""
import json
import sys

import common  # noqa: F401 -- puts the example ports on the path
import shamdasani as port


def answer(case):
    X, y = case['X'], case['y']
    top = max(max(row) for row in X)
    X = [[x / top for x in row] for row in X]  # bug: one maximum for every column
    y = [[v / 100 for v in row] for row in y]
    NN, checkpoints = port.Neural_Network(case['initial_weights']['W1'], case['initial_weights']['W2']), []
    for i in range(case['iterations']):
        o = NN.forward(X)
        if i % case['report']['every'] == 0:
            checkpoints.append({'iteration': i, 'loss': sum((t - p) ** 2 for rt, rp in zip(y, o) for t, p in zip(rt, rp)) / len(y)})
        NN.backward(X, y, o)
    return {'protocol': 'nnspec-answer/1', 'checkpoints': checkpoints, 'final': {'W1': NN.W1, 'W2': NN.W2, 'output': o}}


json.dump(answer(json.load(sys.stdin)), sys.stdout)
