"""the diagnosis names the cause a port really has, and not one it does not have."""
import sys

from nnspec.spec import ROOT
from tests.checking import check, only, port

EXAMPLES = ROOT / 'spec' / 'ports' / 'examples' / 'python'


def diagnosis(capsys, case, command, mode='json'):
    code, r = check(capsys, case, command, mode)
    assert code == 1
    return only(r)['diagnosis']


def test_output_from_a_fresh_forward_pass_is_named(capsys):
    # the checkpoints and weights are the reference's, the output is not the last iteration's forward pass
    said = diagnosis(capsys, 'quick/trask-part1/three-layer', port(
        'answer["final"]["output"] = [[v * (1 + 1e-6) for v in row] for row in answer["final"]["output"]]\n'))
    assert any(d.startswith('output: ') for d in said), said


def test_an_output_of_the_wrong_shape_is_not_called_a_fresh_forward_pass(capsys):
    said = diagnosis(capsys, 'quick/trask-part1/three-layer', port('answer["final"]["output"] = [[0.5] * 3] * 4\n'))
    assert not any(d.startswith('output: ') for d in said), said


FRESH_SHAMDASANI = '''
import json, sys
sys.path.insert(0, %r)
import shamdasani as s
case = json.load(sys.stdin)
a = s.answer(case)
X = case['X']; top = [max(c) for c in zip(*X)]
a['final']['output'] = s.Neural_Network(a['final']['W1'], a['final']['W2']).forward([[x / m for x, m in zip(r, top)] for r in X])
json.dump(a, sys.stdout)
''' % str(EXAMPLES)


def test_a_shamdasani_output_from_a_fresh_forward_pass_is_not_called_float32(capsys):
    said = diagnosis(capsys, 'shamdasani/train', [sys.executable, '-c', FRESH_SHAMDASANI])
    assert any(d.startswith('output: ') for d in said) and not any(d.startswith('precision: ') for d in said), said


# diagnosis by reproduction: the bug whose run the port's numbers are is named

C_DERIVATIVE = '''
import numpy as np
np.random.seed(%d)
X = np.array([[0,0,1],[0,1,1],[1,0,1],[1,1,1]]); y = np.array([[0],[1],[1],[0]])
syn0 = 2*np.random.random((3,4)) - 1; syn1 = 2*np.random.random((4,1)) - 1
if %r:
    for name, w in (('syn0', syn0), ('syn1', syn1)):
        print('nnspec-weights', name, ' '.join(repr(v) for v in w.ravel()))
s = lambda x: 1/(1+np.exp(-x))
for j in range(60000):
    l1 = s(np.dot(X, syn0)); l2 = s(np.dot(l1, syn1))
    l2_error = y - l2
    if j %% 10000 == 0:
        print('Error:' + repr(np.mean(np.abs(l2_error))))
    l2_delta = l2_error * (s(l2) * (1 - s(l2)))  # exp(x)/(1+exp(x))^2, of the output
    l1_delta = l2_delta.dot(syn1.T) * (s(l1) * (1 - s(l1)))
    syn1 += l1.T.dot(l2_delta); syn0 += X.T.dot(l1_delta)
'''


def test_the_c_ports_derivative_of_the_output_is_named_in_transcript_mode(capsys):
    for seed, preamble in ((1, False), (7, True)):  # the seeded run, and a replay from the port's own weights
        said = diagnosis(capsys, 'trask-part1/three-layer', [sys.executable, '-c', C_DERIVATIVE % (seed, preamble)],
                         'transcript')
        assert said[0].startswith("reproduced: the port's numbers are what the listing computes with the sigmoid's "
                                  "derivative applied to the output"), (seed, said)


def test_gallery_bugs_are_named_by_reproduction(capsys):
    gallery = ROOT / 'spec' / 'ports' / 'gallery'
    for port, case, words in (('update_sign_flipped.py', 'quick/trask-part1/three-layer', "the update's sign flipped"),
                              ('alpha_dropped.py', 'quick/trask-part2/alpha-sweep/alpha-10', 'alpha left out'),
                              ('error_one_step_late.py', 'quick/trask-part1/three-layer', 'measured after')):
        said = diagnosis(capsys, case, [sys.executable, str(gallery / port)])
        assert said[0].startswith('reproduced: ') and words in said[0], (port, said)


def test_an_honest_port_off_by_float32_is_not_called_a_porting_bug(capsys):
    said = diagnosis(capsys, 'quick/trask-part1/three-layer', [sys.executable, str(ROOT / 'spec' / 'ports' / 'gallery' / 'float32.py')])
    assert not any(d.startswith('reproduced: ') for d in said), said


# a sensitive case's restart segments, off while the full run is not judged wrong

SENSITIVE = 'quick/trask-part2/alpha-sweep/alpha-100'


def test_a_segment_off_at_its_first_number_did_not_start_from_its_weights(capsys):
    said = diagnosis(capsys, SENSITIVE, port('if seg: answer["checkpoints"][0]["error"] *= 1.5\n'))
    assert any(' is off at its first number (segment@' in d and 'initial_weights' in d for d in said), said


def test_a_segment_off_later_is_an_operation_rounding_does_not_explain(capsys):
    said = diagnosis(capsys, SENSITIVE, port('if seg: answer["checkpoints"][-1]["error"] *= 1.5\n'))
    assert any(d.startswith('the full run agrees where it can be judged, but restart segment@') for d in said), said
