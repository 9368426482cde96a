"""iamtrask, "A Neural Network in 11 lines of Python (Part 1)": the 11-line listing.

the post runs it unseeded; nnspec fixes np.random.seed(1) (the seed of the
post's other listings) so the run is repeatable. the listing prints nothing.
"""
import numpy as np


def run(iterations=60000, seed=1):
    np.random.seed(seed)  # nnspec: the listing has no seed
    X = np.array([ [0,0,1],[0,1,1],[1,0,1],[1,1,1] ])
    y = np.array([[0,1,1,0]]).T
    syn0 = 2*np.random.random((3,4)) - 1
    syn1 = 2*np.random.random((4,1)) - 1
    for j in range(iterations):  # py3: xrange
        l1 = 1/(1+np.exp(-(np.dot(X,syn0))))
        l2 = 1/(1+np.exp(-(np.dot(l1,syn1))))
        l2_delta = (y - l2)*(l2*(1-l2))
        l1_delta = l2_delta.dot(syn1.T) * (l1 * (1-l1))
        syn1 += l1.T.dot(l2_delta)
        syn0 += X.T.dot(l1_delta)
    return {'syn0': syn0, 'syn1': syn1, 'l2': l2}


def main():
    run()


if __name__ == '__main__':
    main()
