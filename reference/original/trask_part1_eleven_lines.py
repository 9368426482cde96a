import numpy as np  # nnspec: the repost (000) starts at X; the post imports numpy off-listing
np.random.seed(1)  # nnspec: the listing has no seed; 1 is the seed of the post's other listings
X = np.array([ [0,0,1],[0,1,1],[1,0,1],[1,1,1] ])
y = np.array([[0,1,1,0]]).T
syn0 = 2*np.random.random((3,4)) - 1
syn1 = 2*np.random.random((4,1)) - 1
for j in xrange(60000):
    l1 = 1/(1+np.exp(-(np.dot(X,syn0))))
    l2 = 1/(1+np.exp(-(np.dot(l1,syn1))))
    l2_delta = (y - l2)*(l2*(1-l2))
    l1_delta = l2_delta.dot(syn1.T) * (l1 * (1-l1))
    syn1 += l1.T.dot(l2_delta)
    syn0 += X.T.dot(l1_delta)

# nnspec: iamtrask, "A Neural Network in 11 lines of Python (Part 1)", the
# 11-line listing, python 2, as seed 000 prints it (flattened; line breaks and
# indentation as seed 003 keeps them). prints nothing. port: ../trask_part1_eleven_lines.py
