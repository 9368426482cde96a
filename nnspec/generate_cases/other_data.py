"""write the other-data cases: the posts' loops on data, shapes and initial weights no post prints.

a port that hard-codes a post's data, or its printed numbers, passes that post's
cases and fails these: each is the loop of a listing with its own X, y, layer
sizes, alpha, error sign and iteration count (trask, through the numpy mirror
the tests hold bit for bit equal to the reference), or its own X, y and seed
(Shamdasani, reference/shamdasani.py run on them). committed like every case,
so they are the same on every machine and in the wheel.
    python3 -m nnspec.generate_cases.other_data
"""
import contextlib

import numpy as np

from nnspec.conformance import cases, tolerance
from nnspec.conformance.mirror import answer_of, final_names, simulate
from nnspec.generate_cases import shamdasani as shamdasani_cases, trask_json
from nnspec.reference import shamdasani

# five examples of four features, a hidden layer of five, `output - y`: none of it a post's
TRASK = {
    'other-data/trask/hidden-five': {
        'run': 'trask_part1_three_layer', 'source': "Part 1's 3 layer loop on other data: 4 inputs, 5 hidden, alpha 0.5",
        'layers': [4, 5, 1], 'alpha': 0.5, 'iterations': 2000, 'every': 250, 'error_sign': 'output - y',
        'X': [[0, 1, 1, 0], [1, 1, 0, 1], [1, 0, 0, 1], [0, 0, 1, 1], [1, 1, 1, 0]], 'y': [[1], [0], [1], [0], [1]],
        'direction_counts': False, 'listing_names': ['syn0', 'syn1'], 'seed': 2},
    # the closer look's direction counts where the error is `output - y`: counted in the update's own direction
    'other-data/trask/direction-counts': {
        'run': 'trask_part2_closer_look', 'source': "Part 2's closer look on other data: 3 inputs, 6 hidden, "
        'alpha 0.3, output - y, the direction counts', 'layers': [3, 6, 1], 'alpha': 0.3, 'iterations': 1500,
        'every': 300, 'error_sign': 'output - y', 'X': [[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1], [1, 1, 1], [0, 1, 0]],
        'y': [[1], [0], [0], [1], [1], [0]], 'direction_counts': True, 'listing_names': ['synapse_0', 'synapse_1'],
        'seed': 3},
}
SHAMDASANI = {
    'shamdasani/other-data': {'X': [[4, 7], [2, 8], [5, 3], [1, 6]], 'y': [[81], [77], [64], [70]],
                              'iterations': 400, 'every': 1, 'seed': 2},
}


def drawn(net):
    """np.random.seed(net's seed), then 2*random(shape)-1 per matrix, as the listings draw."""
    np.random.seed(net['seed'])
    return [2 * np.random.random((a, b)) - 1 for a, b in zip(net['layers'], net['layers'][1:])]


def trask_documents(id_, net):
    ws = drawn(net)
    case = trask_json.case_document(id_, net)
    case['initial_weights'] = trask_json._weights(ws)
    case['seed']['numpy_seed'] = net['seed']
    answer = answer_of(simulate(net, weights=ws), net)
    assert not tolerance.is_sensitive(id_) and case['report']['final'] == final_names(net)
    expected = {'protocol': cases.EXPECTED_FORMAT, 'case': id_, 'answer': answer, 'tolerance': tolerance.for_case(id_, answer)}
    return case, expected


@contextlib.contextmanager
def post_data(X, y):
    """reference/shamdasani.py's module data replaced by X, y, scaled the post's way, for one run."""
    saved = shamdasani.X, shamdasani.y
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    shamdasani.X, shamdasani.y = X / np.amax(X, axis=0), y / 100
    try:
        yield
    finally:
        shamdasani.X, shamdasani.y = saved


def shamdasani_documents(id_, params):
    with post_data(params['X'], params['y']):
        case = shamdasani_cases.case_document(id_, params, raw=(params['X'], params['y']))
        expected = shamdasani_cases.expected_document(id_, params)
    case['source'] = "Shamdasani's training loop on other data: 4 examples, seed 2"
    return case, expected


def documents():
    out = {k: trask_documents(k, v) for k, v in TRASK.items()}
    out.update((k, shamdasani_documents(k, v)) for k, v in SHAMDASANI.items())
    return out


def write():
    for id_, (case, expected) in documents().items():
        trask_json.write_case(id_, case, expected)


if __name__ == '__main__':
    from nnspec.generate_cases import in_checkout
    in_checkout('other_data')
    write()
