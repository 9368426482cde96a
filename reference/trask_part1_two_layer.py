"""iamtrask, Part 1: the 2-layer network (one weight matrix, 10,000 iterations)."""
import numpy as np

from .printers import np113_str


# sigmoid function
def nonlin(x,deriv=False):
    if(deriv==True):
        return x*(1-x)
    return 1/(1+np.exp(-x))


def run(iterations=10000):
    # input dataset
    X = np.array([  [0,0,1],
                    [0,1,1],
                    [1,0,1],
                    [1,1,1] ])

    # output dataset
    y = np.array([[0,0,1,1]]).T

    # seed random numbers to make calculation
    # deterministic (just a good practice)
    np.random.seed(1)

    # initialize weights randomly with mean 0
    syn0 = 2*np.random.random((3,1)) - 1
    syn0_initial = syn0.copy()  # nnspec: kept for the tests

    for iter in range(iterations):  # py3: xrange

        # forward propagation
        l0 = X
        l1 = nonlin(np.dot(l0,syn0))

        # how much did we miss?
        l1_error = y - l1

        # multiply how much we missed by the
        # slope of the sigmoid at the values in l1
        l1_delta = l1_error * nonlin(l1,True)

        # update weights
        syn0 += np.dot(l0.T,l1_delta)

    return {'l1': l1, 'syn0': syn0, 'syn0_initial': syn0_initial}


def main():
    l1 = run()['l1']
    print("Output After Training:")  # py3: print()
    print(np113_str(l1))  # py3: numpy<1.14 array print


if __name__ == '__main__':
    main()
