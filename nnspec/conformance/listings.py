"""the listings a port can be checked against, as parameters of one network.

every trask listing is the same loop: forward through sigmoid layers, error
`output - y` (or `y - output`, bit for bit the same numbers negated), delta
through `s*(1-s)` of the layer's output, `w -= alpha * layer.T.dot(delta)`.
"""
PART1_X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
XOR_Y = [[0], [1], [1], [0]]
COPY_Y = [[0], [0], [1], [1]]
GD_X = [[0, 1], [0, 1], [1, 0], [1, 0]]
ALPHAS = [0.001, 0.01, 0.1, 1, 10, 100, 1000]


def _net(run, source, hidden, alpha, iterations, X=PART1_X, y=XOR_Y, every=10000,
         sign='y - output', counts=False, names=('synapse_0', 'synapse_1')):
    layers = [len(X[0])] + ([hidden] if hidden else []) + [1]
    return {'run': run, 'source': source, 'layers': layers, 'alpha': alpha, 'iterations': iterations,
            'every': every, 'X': X, 'y': y, 'error_sign': sign, 'direction_counts': counts,
            'listing_names': list(names[:len(layers) - 1])}


def all_listings():
    """{case id: network parameters} for every listing with a training loop."""
    out = {
        'trask-part1/eleven-lines': _net('trask_part1_eleven_lines', 'Part 1, the 11-line listing (nnspec seeds it with 1)',
                                         4, 1, 60000, names=('syn0', 'syn1')),
        'trask-part1/two-layer': _net('trask_part1_two_layer', 'Part 1, 2 layer neural network', 0, 1, 10000,
                                      y=COPY_Y, names=('syn0',)),
        'trask-part1/three-layer': _net('trask_part1_three_layer', 'Part 1, 3 layer neural network', 4, 1, 60000,
                                        names=('syn0', 'syn1')),
        'trask-part2/thirteen-lines': _net('trask_part2_thirteen_lines', 'Part 2, the 13-line listing (nnspec seeds it with 1)',
                                           4, 0.5, 60000, sign='output - y'),
        'trask-part2/two-layer': _net('trask_part2_two_layer', 'Part 2, 2 layer neural network (gradient descent)', 0, 1,
                                      10000, X=GD_X, y=COPY_Y, sign='output - y'),
    }
    for alpha in ALPHAS:
        a = '%g' % alpha
        out['trask-part2/alpha-sweep/alpha-' + a] = _net('trask_part2_alpha_sweep', 'Part 2, improvement 1: alpha', 4,
                                                         alpha, 60000, sign='output - y')
        out['trask-part2/closer-look/alpha-' + a] = _net('trask_part2_closer_look', "Part 2, let's take a closer look", 4,
                                                         alpha, 60000, counts=True)
        out['trask-part2/hidden-size/alpha-' + a] = _net('trask_part2_hidden_size', 'Part 2, improvement 2: hidden size',
                                                         32, alpha, 60000, sign='output - y')
    return out


# short variants for quick checks: same network, 1,000 iterations, a checkpoint every 100
QUICK = ['trask-part1/two-layer', 'trask-part1/three-layer', 'trask-part2/thirteen-lines',
         'trask-part2/alpha-sweep/alpha-10', 'trask-part2/closer-look/alpha-10',
         'trask-part2/hidden-size/alpha-10', 'trask-part2/alpha-sweep/alpha-100',
         'trask-part2/alpha-sweep/alpha-1000']


def quick_listings():
    full = all_listings()
    return {'quick/' + k: dict(full[k], iterations=1000, every=100) for k in QUICK}
