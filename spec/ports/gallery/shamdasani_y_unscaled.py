"""bug: y not scaled: the scores 92, 86, 89 as targets of a sigmoid, not y / 100."""
import json
import sys

import common
import shamdasani as port


class Neural_Network(port.Neural_Network):
    def sigmoid(self, s):  # the scores pull every output to 1: numpy's exp overflows to inf there, the sigmoid to 0
        return common.sigmoid(s)


def answer(case):
    X, y = case['X'], case['y']
    top = [max(col) for col in zip(*X)]
    X = [[x / m for x, m in zip(row, top)] for row in X]
    y = [[float(v) for v in row] for row in y]  # bug: y, not y / 100
    NN, checkpoints = Neural_Network(case['initial_weights']['W1'], case['initial_weights']['W2']), []
    for i in range(case['iterations']):
        o = NN.forward(X)
        if i % case['report']['every'] == 0:
            checkpoints.append({'iteration': i, 'loss': sum((t - p) ** 2 for rt, rp in zip(y, o) for t, p in zip(rt, rp)) / len(y)})
        NN.backward(X, y, o)
    return {'protocol': 'nnspec-answer/1', 'checkpoints': checkpoints, 'final': {'W1': NN.W1, 'W2': NN.W2, 'output': o}}


json.dump(answer(json.load(sys.stdin)), sys.stdout)
