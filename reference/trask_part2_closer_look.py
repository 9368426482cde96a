"""iamtrask, Part 2, "Let's Take a Closer Look": the alpha sweep with direction counts.

ocr repairs (recorded in spec/values/trask-part2.json): X and y lost as in
the alpha sweep; line 68 `(synapse_0_weight_update > 0)+6` is
`(synapse_0_weight_update > 0)+0) -`, and line 69's `+(` likewise.
"""
import numpy as np

from .printers import legacy_print, py2_str

alphas = [0.001,0.01,0.1,1,10,100,1000]

# compute sigmoid nonlinearity
def sigmoid(x):
    output = 1/(1+np.exp(-x))
    return output

# convert output of sigmoid function to its derivative
def sigmoid_output_to_derivative(output):
    return output*(1-output)

X = np.array([[0,0,1],
            [0,1,1],
            [1,0,1],
            [1,1,1]])

y = np.array([[0],
            [1],
            [1],
            [0]])


def train(alpha, iterations=60000):
    np.random.seed(1)

    # randomly initialize our weights with mean 0
    synapse_0 = 2*np.random.random((3,4)) - 1
    synapse_1 = 2*np.random.random((4,1)) - 1

    prev_synapse_0_weight_update = np.zeros_like(synapse_0)
    prev_synapse_1_weight_update = np.zeros_like(synapse_1)

    synapse_0_direction_count = np.zeros_like(synapse_0)
    synapse_1_direction_count = np.zeros_like(synapse_1)
    errors = []  # nnspec: what the listing prints, kept as floats

    for j in range(iterations):  # py3: xrange

        # Feed forward through layers 0, 1, and 2
        layer_0 = X
        layer_1 = sigmoid(np.dot(layer_0,synapse_0))
        layer_2 = sigmoid(np.dot(layer_1,synapse_1))

        # how much did we miss the target value?
        layer_2_error = y - layer_2

        if (j% 10000) == 0:
            errors.append(np.mean(np.abs(layer_2_error)))  # py3: printed by main()

        # in what direction is the target value?
        # were we really sure? if so, don't change too much.
        layer_2_delta = layer_2_error*sigmoid_output_to_derivative(layer_2)

        # how much did each l1 value contribute to the l2 error (according to the weights)?
        layer_1_error = layer_2_delta.dot(synapse_1.T)

        # in what direction is the target l1?
        # were we really sure? if so, don't change too much.
        layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)

        synapse_1_weight_update = (layer_1.T.dot(layer_2_delta))
        synapse_0_weight_update = (layer_0.T.dot(layer_1_delta))

        if(j > 0):
            synapse_0_direction_count += np.abs(((synapse_0_weight_update > 0)+0) - ((prev_synapse_0_weight_update > 0) + 0))
            synapse_1_direction_count += np.abs(((synapse_1_weight_update > 0)+0) - ((prev_synapse_1_weight_update > 0) + 0))

        synapse_1 += alpha * synapse_1_weight_update
        synapse_0 += alpha * synapse_0_weight_update

        prev_synapse_0_weight_update = synapse_0_weight_update
        prev_synapse_1_weight_update = synapse_1_weight_update

    return {'errors': errors, 'synapse_0': synapse_0, 'synapse_1': synapse_1,
            'synapse_0_direction_count': synapse_0_direction_count,
            'synapse_1_direction_count': synapse_1_direction_count}


def run(iterations=60000):
    return {alpha: train(alpha, iterations) for alpha in alphas}


def main():
    with legacy_print():  # py3: numpy<1.14 array print
        for alpha, r in run().items():
            print("\nTraining With Alpha:" + str(alpha))  # py3: print()
            for error in r['errors']:
                print("Error:" + py2_str(error))
            print("Synapse 0")
            print(r['synapse_0'])
            print("Synapse 0 Update Direction Changes")
            print(r['synapse_0_direction_count'])
            print("Synapse 1")
            print(r['synapse_1'])
            print("Synapse 1 Update Direction Changes")
            print(r['synapse_1_direction_count'])


if __name__ == '__main__':
    main()
