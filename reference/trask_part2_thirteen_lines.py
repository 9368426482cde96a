"""iamtrask, "A Neural Network in 13 lines of Python (Part 2)": "Just Give Me The Code".

the post runs it unseeded; nnspec fixes np.random.seed(1) and says so.
the listing prints nothing.
"""
import numpy as np


def run(iterations=60000, seed=1):
    np.random.seed(seed)  # nnspec: the listing has no seed
    X = np.array([[0,0,1],[0,1,1],[1,0,1],[1,1,1]])
    y = np.array([[0,1,1,0]]).T
    alpha,hidden_dim = (0.5,4)
    synapse_0 = 2*np.random.random((3,hidden_dim)) - 1
    synapse_1 = 2*np.random.random((hidden_dim,1)) - 1
    for j in range(iterations):  # py3: xrange
        layer_1 = 1/(1+np.exp(-(np.dot(X,synapse_0))))
        layer_2 = 1/(1+np.exp(-(np.dot(layer_1,synapse_1))))
        layer_2_delta = (layer_2 - y)*(layer_2*(1-layer_2))
        layer_1_delta = layer_2_delta.dot(synapse_1.T) * (layer_1 * (1-layer_1))
        synapse_1 -= (alpha * layer_1.T.dot(layer_2_delta))
        synapse_0 -= (alpha * X.T.dot(layer_1_delta))
    return {'synapse_0': synapse_0, 'synapse_1': synapse_1, 'layer_2': layer_2}


def main():
    run()


if __name__ == '__main__':
    main()
