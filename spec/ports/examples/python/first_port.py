"""a first json-mode port of iamtrask's networks: a case on stdin, the numbers back on stdout."""
import json, sys
import numpy as np

case = json.load(sys.stdin)
net, X, y = case['network'], np.array(case['X'], float), np.array(case['y'], float)
weights = [np.array(case['initial_weights']['synapse_%d' % i]) for i in range(len(net['layers']) - 1)]
sigmoid = lambda x: 1 / (1 + np.exp(-x))
checkpoints = []
for j in range(case['iterations']):
    layers = [X]
    for w in weights:                                   # forward
        layers.append(sigmoid(np.dot(layers[-1], w)))
    error = y - layers[-1] if net['error_sign'] == 'y - output' else layers[-1] - y
    if j % case['report']['every'] == 0:
        checkpoints.append({'iteration': j, 'error': float(np.mean(np.abs(error)))})
    for i in reversed(range(len(weights))):             # backward: deltas first, then the updates
        delta = error * (layers[i + 1] * (1 - layers[i + 1]))
        error = delta.dot(weights[i].T)
        step = net['alpha'] * layers[i].T.dot(delta)
        weights[i] += step if net['error_sign'] == 'y - output' else -step
final = {'synapse_%d' % i: w.tolist() for i, w in enumerate(weights)}
json.dump({'protocol': 'nnspec-answer/1', 'checkpoints': checkpoints, 'final': dict(final, output=layers[-1].tolist())}, sys.stdout)
