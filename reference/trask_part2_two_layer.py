"""iamtrask, Part 2: the "2 Layer Neural Network" of gradient descent, and its error plane.

ocr repairs in this listing (seed 002, recorded in spec/values/trask-part2.json):
`[0.1].` is `[0,1],` (line 14); `layer_1_error = layer_1` lost its `- y`
(line 35; the prose: "subtracting the true answer (y)").
"""
import numpy as np

from .printers import np113_str


# compute sigmoid nonlinearity
def sigmoid(x):
    output = 1/(1+np.exp(-x))
    return output

# convert output of sigmoid function to its derivative
def sigmoid_output_to_derivative(output):
    return output*(1-output)

# input dataset
X = np.array([  [0,1],
                [0,1],
                [1,0],
                [1,0] ])

# output dataset
y = np.array([[0,0,1,1]]).T


def run(iterations=10000):
    # seed random numbers to make calculation
    # deterministic (just a good practice)
    np.random.seed(1)

    # initialize weights randomly with mean 0
    synapse_0 = 2*np.random.random((2,1)) - 1

    for iter in range(iterations):  # py3: xrange

        # forward propagation
        layer_0 = X
        layer_1 = sigmoid(np.dot(layer_0,synapse_0))

        # how much did we miss?
        layer_1_error = layer_1 - y

        # multiply how much we missed by the
        # slope of the sigmoid at the values in l1
        layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)
        synapse_0_derivative = np.dot(layer_0.T,layer_1_delta)

        # update weights
        synapse_0 -= synapse_0_derivative

    return {'layer_1': layer_1, 'synapse_0': synapse_0}


def error_surface(lo=-10.0, hi=10.0, steps=41):
    """the post's error plane: lines 31, 32 and 35 for every (x, y) weight pair.

    the post plots it without saying which scalar; nnspec uses the mean
    absolute error, the scalar the post's other listings print.
    """
    weights = np.linspace(lo, hi, steps)
    errors = np.zeros((steps, steps))
    for i, w0 in enumerate(weights):
        for k, w1 in enumerate(weights):
            synapse_0 = np.array([[w0], [w1]])
            layer_0 = X
            layer_1 = sigmoid(np.dot(layer_0,synapse_0))
            layer_1_error = layer_1 - y
            errors[i, k] = np.mean(np.abs(layer_1_error))
    return {'weights': weights, 'errors': errors}


def main():
    layer_1 = run()['layer_1']
    print("Output After Training:")  # py3: print()
    print(np113_str(layer_1))  # py3: numpy<1.14 array print


if __name__ == '__main__':
    main()
