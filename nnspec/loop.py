"""the trask training loop, once, under any arithmetic (nnspec.numerics.Ops): every listing's loop.

forward through sigmoid layers, the error, each layer's delta back through s*(1-s), then
`synapse -= alpha * (layer.T.dot(delta))` (or `y - output` and `+=`: the same numbers negated).
with two synapses it is part 1's three-layer network line for line:
  layer_1 = sigmoid(layer_0.dot(synapse_0)); layer_2 = sigmoid(layer_1.dot(synapse_1))
  layer_2_error = layer_2 - y
  layer_2_delta = layer_2_error*(layer_2*(1-layer_2))
  layer_1_delta = layer_2_delta.dot(synapse_1.T)*(layer_1*(1-layer_1))
  synapse_1 -= alpha * (layer_1.T.dot(layer_2_delta)); synapse_0 -= alpha * (layer_0.T.dot(layer_1_delta))
"""
import numpy as np


def train(ops, X, y, synapses, alpha=None, plus=False, iterations=60000, every=None, count=False, frozen=()):
    """{'errors': ops.measure (mean abs error) every `every` iterations (none without), 'synapses': final weights,
    'output': the last forward pass, 'counts': per synapse, how often its update's sign test flipped
    (count: the closer look's direction counts)}.

    plus: the error is y - output and synapses step by +=; alpha None: the update unscaled;
    frozen: indices of synapses never updated. the synapses given are copied.
    """
    synapses = [w.copy() for w in synapses]
    n = len(synapses)
    counts = [np.zeros_like(w) for w in synapses] if count else None
    errors, prev = [], None
    sigmoid, dot, delta_of, update, scaled = ops.sigmoid, ops.dot, ops.delta, ops.update, ops.scaled
    backward = list(reversed(range(n)))  # the listings update the last synapse first
    hidden, trained = backward[:-1], [i for i in backward if i not in frozen]
    for j in range(iterations):
        layers = [X]  # layer_0
        for synapse in synapses:
            layers.append(sigmoid(dot(layers[-1], synapse)))
        output = layers[-1]
        error = y - output if plus else output - y
        if every and j % every == 0:
            errors.append(ops.measure(error))
        deltas = [None] * n  # deltas[i]: layer_i+1_delta, the output's last
        deltas[-1] = delta_of(error, output)
        for i in hidden:  # layer_i_delta = layer_i+1_delta.dot(synapse_i.T)*(layer_i*(1-layer_i))
            deltas[i - 1] = delta_of(dot(deltas[i], synapses[i].T), layers[i])
        updates = [None] * n
        for i in backward:
            updates[i] = update(alpha, layers[i].T, deltas[i])
        if count:  # abs(((update > 0)+0) - ((prev > 0)+0)), from the second iteration on
            if prev is not None:
                for i in range(n):
                    counts[i] += np.abs(((updates[i] > 0) + 0) - ((prev[i] > 0) + 0))
            prev = updates
        for i in trained:
            if plus:
                synapses[i] += scaled(alpha, updates[i])
            else:
                synapses[i] -= scaled(alpha, updates[i])
    return {'errors': errors, 'synapses': synapses, 'output': output, 'counts': counts}
