"""bug: sigmoidPrime applied to the pre-activations z3 and z, not to the outputs o and z2."""
import common  # puts the example ports on the path
import shamdasani as port
from port import T, dot


class Neural_Network(port.Neural_Network):
    def sigmoid(self, s):  # the weights blow up: numpy's exp overflows to inf, the sigmoid to 0
        return common.sigmoid(s)

    def backward(self, X, y, o):
        each = port.each
        o_delta = each(lambda e, z: e * self.sigmoidPrime(z), each(lambda t, p: t - p, y, o), self.z3)  # bug: z3, not o
        z2_delta = each(lambda e, z: e * self.sigmoidPrime(z), dot(o_delta, T(self.W2)), self.z)  # bug: z, not z2
        self.W1 = each(lambda a, b: a + b, self.W1, dot(T(X), z2_delta))
        self.W2 = each(lambda a, b: a + b, self.W2, dot(T(self.z2), o_delta))


port.main(Neural_Network)  # json mode, or the post's printout in transcript mode
