import numpy as np

# compute sigmoid nonlinearity
def sigmoid(x):
    output = 1/(1+np.exp(-x))
    return output

# convert output of sigmoid function to its derivative
def sigmoid_output_to_derivative(output):  # nnspec: ocr `sigmoid output to derivative`, not in spec repairs
    return output*(1-output)
    
# input dataset
X = np.array([  [0,1],
                [0,1],  # nnspec: ocr `[0.1].`, spec/values/trask-part2.json repairs (line 14)
                [1,0],
                [1,0] ])
    
# output dataset            
y = np.array([[0,0,1,1]]).T

# seed random numbers to make calculation  # nnspec: ocr lost this `#`, not in spec repairs
# deterministic (just a good practice)
np.random.seed(1)

# initialize weights randomly with mean 0  # nnspec: ocr `\#`, not in spec repairs
synapse_0 = 2*np.random.random((2,1)) - 1

for iter in xrange(10000):

    # forward propagation
    layer_0 = X
    layer_1 = sigmoid(np.dot(layer_0,synapse_0))

    # how much did we miss?
    layer_1_error = layer_1 - y  # nnspec: ocr lost `- y`, spec/values/trask-part2.json repairs (line 35)

    # multiply how much we missed by the
    # slope of the sigmoid at the values in l1
    layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)
    synapse_0_derivative = np.dot(layer_0.T,layer_1_delta)

    # update weights
    synapse_0 -= synapse_0_derivative

print "Output After Training:"
print layer_1

# nnspec: iamtrask, Part 2, "2 Layer Neural Network", python 2, as seed 002's
# ocr prints it; file line n is the post's line n ("lines 31, 32, and 35",
# "lines 39, 40, and 43", "line 28"). ocr noise restored without a recorded
# repair: listing numbers, indentation; the three marked `not in spec repairs`.
# port: ../trask_part2_two_layer.py
