"""Samay Shamdasani, "Build a flexible Neural Network with Backpropagation in Python".

the seed (004) lost every code block; this port follows the original post as
the seed's README records it. the post trains unseeded; nnspec fixes
np.random.seed(1) before the weights are drawn and says so.
"""
import numpy as np

from .printers import legacy_print, py2_str

# X = (hours studying, hours sleeping), y = score on test
X = np.array(([2, 9], [1, 5], [3, 6]), dtype=float)
y = np.array(([92], [86], [89]), dtype=float)

# scale units
X = X/np.amax(X, axis=0) # maximum of X array
y = y/100 # max test score is 100


class Neural_Network(object):
    def __init__(self):
        #parameters
        self.inputSize = 2
        self.outputSize = 1
        self.hiddenSize = 3

        #weights
        self.W1 = np.random.randn(self.inputSize, self.hiddenSize) # (3x2) weight matrix from input to hidden layer
        self.W2 = np.random.randn(self.hiddenSize, self.outputSize) # (3x1) weight matrix from hidden to output layer

    def forward(self, X):
        #forward propagation through our network
        self.z = np.dot(X, self.W1) # dot product of X (input) and first set of 3x2 weights
        self.z2 = self.sigmoid(self.z) # activation function
        self.z3 = np.dot(self.z2, self.W2) # dot product of hidden layer (z2) and second set of 3x1 weights
        o = self.sigmoid(self.z3) # final activation function
        return o

    def sigmoid(self, s):
        # activation function
        return 1/(1+np.exp(-s))

    def sigmoidPrime(self, s):
        #derivative of sigmoid
        return s * (1 - s)

    def backward(self, X, y, o):
        # backward propgate through the network
        self.o_error = y - o # error in output
        self.o_delta = self.o_error*self.sigmoidPrime(o) # applying derivative of sigmoid to error

        self.z2_error = self.o_delta.dot(self.W2.T) # z2 error: how much our hidden layer weights contributed to output error
        self.z2_delta = self.z2_error*self.sigmoidPrime(self.z2) # applying derivative of sigmoid to z2 error

        self.W1 += X.T.dot(self.z2_delta) # adjusting first set (input --> hidden) weights
        self.W2 += self.z2.T.dot(self.o_delta) # adjusting second set (hidden --> output) weights

    def train (self, X, y):
        o = self.forward(X)
        self.backward(X, y, o)


def run(iterations=1000, seed=1):
    np.random.seed(seed)  # nnspec: the post draws unseeded weights
    NN = Neural_Network()
    W1_initial, W2_initial = NN.W1.copy(), NN.W2.copy()
    losses, predictions = [], []  # nnspec: what the loop prints, kept as floats
    for i in range(iterations): # trains the NN 1,000 times  # py3: xrange
        predictions.append(NN.forward(X))
        losses.append(np.mean(np.square(y - NN.forward(X)))) # mean sum squared loss
        NN.train(X, y)
    return {'losses': losses, 'predictions': predictions, 'W1': NN.W1, 'W2': NN.W2,
            'W1_initial': W1_initial, 'W2_initial': W2_initial}


def worked_example():
    """the post's figure: the unscaled first row (2, 9) through weights the post picked."""
    NN = Neural_Network.__new__(Neural_Network)  # nnspec: no random draw for the figure
    NN.W1 = np.array([[.2, .6, .1], [.8, .3, .7]])
    NN.W2 = np.array([[.4], [.5], [.9]])
    o = NN.forward(np.array([[2, 9]], dtype=float))
    return {'z': NN.z[0], 'z2': NN.z2[0], 'z3': NN.z3[0, 0], 'o': o[0, 0], 'target': y[0, 0]}


def main():
    result = run()
    with legacy_print():  # py3: numpy<1.14 array print
        for prediction, loss in zip(result['predictions'], result['losses']):
            print("Input: \n" + str(X))  # py3: print()
            print("Actual Output: \n" + str(y))
            print("Predicted Output: \n" + str(prediction))
            print("Loss: \n" + py2_str(loss)) # mean sum squared loss
            print("\n")


if __name__ == '__main__':
    main()
