"""iamtrask, Part 1: the 3-layer network (60,000 iterations, error every 10,000)."""
import numpy as np

from .printers import py2_str


def nonlin(x,deriv=False):
    if(deriv==True):
        return x*(1-x)

    return 1/(1+np.exp(-x))


def run(iterations=60000):
    X = np.array([[0,0,1],
                [0,1,1],
                [1,0,1],
                [1,1,1]])

    y = np.array([[0],
                [1],
                [1],
                [0]])

    np.random.seed(1)

    # randomly initialize our weights with mean 0
    syn0 = 2*np.random.random((3,4)) - 1
    syn1 = 2*np.random.random((4,1)) - 1
    initial = {'syn0': syn0.copy(), 'syn1': syn1.copy()}  # nnspec: for the tests
    errors = []  # nnspec: what the listing prints, kept as floats

    for j in range(iterations):  # py3: xrange

        # Feed forward through layers 0, 1, and 2
        l0 = X
        l1 = nonlin(np.dot(l0,syn0))
        l2 = nonlin(np.dot(l1,syn1))

        # how much did we miss the target value?
        l2_error = y - l2

        if (j% 10000) == 0:
            errors.append(np.mean(np.abs(l2_error)))  # py3: printed by main()

        # in what direction is the target value?
        # were we really sure? if so, don't change too much.
        l2_delta = l2_error*nonlin(l2,deriv=True)

        # how much did each l1 value contribute to the l2 error (according to the weights)?
        l1_error = l2_delta.dot(syn1.T)

        # in what direction is the target l1?
        # were we really sure? if so, don't change too much.
        l1_delta = l1_error * nonlin(l1,deriv=True)

        syn1 += l1.T.dot(l2_delta)
        syn0 += l0.T.dot(l1_delta)

    return {'errors': errors, 'syn0': syn0, 'syn1': syn1,
            'syn0_initial': initial['syn0'], 'syn1_initial': initial['syn1']}


def main():
    for error in run()['errors']:
        print("Error:" + py2_str(error))  # py3: print(), python 2 str()


if __name__ == '__main__':
    main()
