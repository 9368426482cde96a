"""generated trask cases: the listings' loop on drawn data, layers, alpha, error sign, iterations and weights.

2- and 3-layer networks, 2-6 inputs, 3-8 examples (X of 0/1, or small numbers), hidden 2-6, alpha 0.05-2,
200-3,000 iterations, direction counts in some 3-layer runs, initial weights as the listings draw them
(2*random(shape)-1 after np.random.seed(s), s drawn: seed mode works). the expected answer is the mirror's
run (nnspec.loop, held bit for bit to the reference listings). a draw is kept when two honest arithmetics
agree within a hundredth of the stable tolerance: both round exp correctly and sum in a fixed order (left to
right, and last term first with the delta's product regrouped), so whether a draw is kept is the same on every
machine, while they differ from each other in rounding as much as two machines' numpy runs do.
"""
import math

import numpy as np

from nnspec.conformance import cases, tolerance
from nnspec.conformance.generated import MAX_SEED, honest
from nnspec.conformance.mirror import answer_of, final_names, simulate
from nnspec.numerics import Variant

# the honest pair the draw is judged on: exact ieee steps only (no blas, no platform exp), so the verdict is portable
HONEST = (Variant('correct', 'naive', 'listing'), Variant('correct', 'reversed', 'delta'))
EVERY = (10, 25, 50, 100, 200, 250, 500)
LISTINGS = {2: ('trask_part1_two_layer', ['syn0']), 3: ('trask_part1_three_layer', ['syn0', 'syn1'])}


def draw_net(draw):
    """the network parameters of one case (mirror.simulate's net)."""
    n_in, rows = draw.integer(2, 6), draw.integer(3, 8)
    three = draw.chance(0.65)
    layers = [n_in, draw.integer(2, 6), 1] if three else [n_in, 1]
    values = (0, 1) if draw.chance(0.6) else (-1, -0.5, 0, 0.5, 1, 1.5, 2)
    targets = (0, 1) if draw.chance(0.7) else (0, 0.25, 0.5, 0.75, 1)
    X = [[draw.choice(values) for _ in range(n_in)] for _ in range(rows)]
    y = [[draw.choice(targets)] for _ in range(rows)]
    iterations = draw.integer(200, 3000)
    every = draw.choice([e for e in EVERY if 3 <= -(-iterations // e) <= 40])
    run, names = LISTINGS[len(layers)]
    return {'run': run, 'listing_names': names, 'layers': layers, 'X': X, 'y': y,
            'alpha': float('%.2g' % 10 ** draw.uniform(math.log10(0.05), math.log10(2))),
            'error_sign': draw.choice(['output - y', 'y - output']), 'iterations': iterations, 'every': every,
            'direction_counts': three and draw.chance(0.25), 'seed': draw.integer(0, MAX_SEED)}


def initial_weights(net):
    """np.random.seed(net['seed']), then 2*random(shape)-1 per matrix (numpy's legacy stream: frozen)."""
    rs = np.random.RandomState(net['seed'])
    return [2 * rs.random_sample((a, b)) - 1 for a, b in zip(net['layers'], net['layers'][1:])]


def case_document(id_, net, weights):
    source = 'drawn from seed %s (nnspec check --seed): %d-layer loop, %d inputs, %d examples, alpha %g' % (
        id_.split('/')[2], len(net['layers']), net['layers'][0], len(net['X']), net['alpha'])
    return {'protocol': cases.CASE_FORMAT, 'id': id_, 'listing': net['run'], 'source': source,
            'network': {'layers': net['layers'], 'activation': 'sigmoid', 'alpha': net['alpha'],
                        'error_sign': net['error_sign'], 'listing_names': net['listing_names']},
            'iterations': net['iterations'], 'X': net['X'], 'y': net['y'],
            'report': {'every': net['every'], 'checkpoint': ['error'], 'final': final_names(net)},
            'initial_weights': {'synapse_%d' % i: w.tolist() for i, w in enumerate(weights)},
            'seed': {'numpy_seed': net['seed'], 'draws': [
                {'name': 'synapse_%d' % i, 'shape': list(w.shape), 'value': '2*random(shape) - 1'}
                for i, w in enumerate(weights)]}}


def _attempt(id_):
    def attempt(draw):
        net = draw_net(draw)
        weights = initial_weights(net)
        answer = answer_of(simulate(net, weights=weights), net)
        one, other = (answer_of(simulate(net, weights=weights, variant=v), net) for v in HONEST)
        expected = {'protocol': cases.EXPECTED_FORMAT, 'case': id_, 'answer': answer,
                    'tolerance': tolerance.for_case(id_, answer)}
        return (case_document(id_, net, weights), expected), one, other
    return attempt


def documents(id_, draw):
    """(case, expected) of a generated trask id."""
    return honest.first_stable(id_, draw, _attempt(id_))
