import numpy as np
np.random.seed(1)  # nnspec: the listing has no seed; 1 is the seed of the post's other listings
X = np.array([[0,0,1],[0,1,1],[1,0,1],[1,1,1]])  # nnspec: ocr `\text{np.array}`, not in spec repairs
y = np.array([[0,1,1,0]]).T
alpha,hidden_dim = (0.5,4)
synapse_0 = 2*np.random.random((3,hidden_dim)) - 1
synapse_1 = 2*np.random.random((hidden_dim,1)) - 1
for j in xrange(60000):
    layer_1 = 1/(1+np.exp(-(np.dot(X,synapse_0))))
    layer_2 = 1/(1+np.exp(-(np.dot(layer_1,synapse_1))))
    layer_2_delta = (layer_2 - y)*(layer_2*(1-layer_2))
    layer_1_delta = layer_2_delta.dot(synapse_1.T) * (layer_1 * (1-layer_1))
    synapse_1 -= (alpha * layer_1.T.dot(layer_2_delta))
    synapse_0 -= (alpha * X.T.dot(layer_1_delta))

# nnspec: iamtrask, "A Neural Network in 13 lines of Python (Part 2)", "Just
# Give Me The Code", python 2, as seed 002's ocr prints it; file line n is the
# listing's line n-1 (the seed line is nnspec's). the ocr's listing numbers
# ("95." for 05, spec/values/trask-part2.json repairs) are not code. prints nothing. port: ../trask_part2_thirteen_lines.py
