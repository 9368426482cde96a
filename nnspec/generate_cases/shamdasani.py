"""write spec/cases/json/shamdasani: the post's training loop, and what reference/shamdasani.py computes.

the post scales X by its column maxima and y by 100, draws W1 then W2 with
np.random.randn (nnspec seeds it with 1), and trains 1,000 times, printing the
loss before every step. the case carries the raw data, the drawn weights and
how they were drawn; the expected answer is the reference's run. the
transcript case is what the post's program prints: every iteration's
Predicted Output and Loss (its Input and Actual Output blocks are the data,
read as labels).
    python3 -m nnspec.generate_cases.shamdasani
"""
import numpy as np

from nnspec.conformance import cases
from nnspec.conformance.json_mode import kinds
from nnspec.conformance.transcript_mode import compare
from nnspec.generate_cases import transcripts, trask_json
from nnspec.reference import shamdasani

RAW_X, RAW_Y = [[2, 9], [1, 5], [3, 6]], [[92], [86], [89]]  # the post's data, before scaling
CASES = {'shamdasani/train': {'iterations': 1000, 'every': 1, 'seed': 1}}


def _raw_data():
    """the data as the case gives it: scaled the listing's way, it must be the reference's."""
    X, y = np.array(RAW_X, dtype=float), np.array(RAW_Y, dtype=float)
    assert np.array_equal(X / np.amax(X, axis=0), shamdasani.X) and np.array_equal(y / 100, shamdasani.y)
    return RAW_X, RAW_Y


def case_document(id_, params, raw=None):
    X, y = raw or _raw_data()
    r = shamdasani.run(iterations=0, seed=params['seed'])
    return {'protocol': cases.CASE_FORMAT, 'kind': 'shamdasani', 'id': id_, 'listing': 'shamdasani',
            'source': 'Shamdasani, "Build a flexible Neural Network with Backpropagation in Python": the training loop',
            'network': {'inputSize': 2, 'hiddenSize': 3, 'outputSize': 1}, 'X': X, 'y': y,
            'scale': {'X': 'X / np.amax(X, axis=0)', 'y': 'y / 100'},
            'iterations': params['iterations'],
            'report': {'every': params['every'], 'checkpoint': ['loss'], 'final': ['W1', 'W2', 'output']},
            'initial_weights': {'W1': r['W1_initial'].tolist(), 'W2': r['W2_initial'].tolist()},
            'seed': {'numpy_seed': params['seed'], 'draws': [
                {'name': 'W1', 'shape': [2, 3], 'value': 'randn(shape)'},
                {'name': 'W2', 'shape': [3, 1], 'value': 'randn(shape)'}]}}


def expected_document(id_, params):
    r = shamdasani.run(iterations=params['iterations'], seed=params['seed'])
    answer = {'protocol': cases.ANSWER_FORMAT,
              'checkpoints': [{'iteration': i, 'loss': float(loss)} for i, loss in enumerate(r['losses'])
                              if i % params['every'] == 0],
              'final': {'W1': r['W1'].tolist(), 'W2': r['W2'].tolist(), 'output': r['predictions'][-1].tolist()}}
    return {'protocol': cases.EXPECTED_FORMAT, 'case': id_, 'answer': answer, 'tolerance': kinds.STABLE_TOLERANCE}


# the data blocks the program prints before each prediction, whatever the port's number format: not values
DATA_LABELS = [r'Input:(?:[^a-z]|e[-+]?\d)*', r'Actual\s+Output:(?:[^a-z]|e[-+]?\d)*']


def transcript_document(id_='shamdasani/train'):
    """what `python3 -m nnspec.reference.shamdasani` prints, number by number: per iteration the prediction
    (numpy 1.13's array format) and the loss (python 2's str), at the json case's tolerance."""
    params = CASES[id_]
    r = shamdasani.run(iterations=params['iterations'], seed=params['seed'])
    tol, values = kinds.STABLE_TOLERANCE, []
    for i, (prediction, loss) in enumerate(zip(r['predictions'], r['losses'])):
        for index in np.ndindex(prediction.shape):
            want = float(prediction[index])
            values.append({'quantity': 'predicted@%d' % i, 'index': list(index), 'printer': 'numpy-1.13-array',
                           'entry': None, 'want': want, 'rtol': tol['rtol'], 'atol': tol['atol'],
                           **compare.in_context('numpy-1.13-array', prediction, list(index), want)})
        values.append({'quantity': 'loss@%d' % i, 'index': None, 'printer': 'py2-str', 'entry': None,
                       'want': float(loss), 'rtol': tol['rtol'], 'atol': tol['atol']})
    return {'protocol': cases.TRANSCRIPT_FORMAT, 'id': id_, 'run': 'shamdasani', 'labels': DATA_LABELS, 'values': values}


def write():
    for id_, params in CASES.items():
        trask_json.write_case(id_, case_document(id_, params), expected_document(id_, params))
    transcripts.write_document(transcript_document())


if __name__ == '__main__':
    from nnspec.generate_cases import in_checkout
    in_checkout('shamdasani')
    write()
