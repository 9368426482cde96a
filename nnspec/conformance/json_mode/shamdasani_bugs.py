"""Shamdasani's porting bugs (kind_bugs.py names them): the reference's Neural_Network, one thing changed, and the
run of a case under it."""
import itertools

import numpy as np

from nnspec.conformance.porting_bugs import Bug
from nnspec.reference import shamdasani as sh

class _PrimeOfPreactivation(sh.Neural_Network):
    """sigmoidPrime given z3 for o and z for z2: the reference's backward, each sigmoid's pre-activation passed."""
    def forward(self, X):
        self._o = super().forward(X)
        return self._o

    def sigmoidPrime(self, s):
        return super().sigmoidPrime(self.z3 if s is self._o else self.z if s is self.z2 else s)


X_SCALES = {'X / np.amax(X, axis=0)': lambda X: X / np.amax(X, axis=0), 'X / np.amax(X)': lambda X: X / np.amax(X),
            'X': lambda X: X}
Y_SCALES = {'y / 100': lambda y: y / 100, 'y': lambda y: y, 'y / np.amax(y)': lambda y: y / np.amax(y)}
POST = ('X / np.amax(X, axis=0)', 'y / 100')  # the post's scaling (the case's `scale`)


def run_shamdasani(case, network=sh.Neural_Network, scale=POST):
    """the post's loop as reference/shamdasani.py runs it, from the case's data and initial weights: the answer, and
    every iteration's output (what the post prints)."""
    X = X_SCALES[scale[0]](np.array(case['X'], dtype=float))
    y = Y_SCALES[scale[1]](np.array(case['y'], dtype=float))
    NN = network.__new__(network)  # the weights are the case's: no draw
    NN.W1, NN.W2 = (np.array(case['initial_weights'][k], dtype=float) for k in ('W1', 'W2'))
    every, checkpoints, outputs = case['report']['every'], [], []
    for i in range(case['iterations']):
        o = NN.forward(X)
        outputs.append(o)
        if i % every == 0:
            checkpoints.append({'iteration': i, 'loss': float(np.mean(np.square(y - o)))})
        NN.backward(X, y, o)
    return {'checkpoints': checkpoints, 'final': {'W1': NN.W1.tolist(), 'W2': NN.W2.tolist(), 'output': o.tolist()},
            'outputs': outputs}  # outputs: not in the answer, so never compared in json mode


def _scaled(scale):
    differs = [(got, post) for got, post in zip(scale, POST) if got != post]
    said = ['%s not scaled' % got if got in ('X', 'y') else '%s scaled as %s' % (got[0], got)
            for got, _ in differs]
    return Bug('data scaled otherwise', 'the data scaled otherwise: %s, where the post scales %s' % (
        ' and '.join(said), ' and '.join(post for _, post in differs)),
        'scale as the post does, X / np.amax(X, axis=0) and y / 100 (the case\'s `scale`)')


def shamdasani_bugs(case):
    """[(Bug, run_shamdasani's keywords)]: the catalogue."""
    return [(Bug('sigmoidPrime of the pre-activation', 'sigmoidPrime applied to the pre-activations z3 and z, not to '
                 'the sigmoid\'s outputs o and z2', 'self.sigmoidPrime(o) and self.sigmoidPrime(self.z2): s * (1 - s) '
                 'of the sigmoid\'s output s'), {'network': _PrimeOfPreactivation})] + [
        (_scaled(scale), {'scale': scale}) for scale in itertools.product(X_SCALES, Y_SCALES) if scale != POST]
