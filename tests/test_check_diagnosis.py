"""the diagnosis names the cause a port really has, and not one it does not have."""
import json
import subprocess
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


GALLERY = ROOT / 'spec' / 'ports' / 'gallery'


def test_gallery_bugs_are_named_by_reproduction(capsys):
    for name, case, words in (('update_sign_flipped.py', 'quick/trask-part1/three-layer', "the update's sign flipped"),
                              ('alpha_dropped.py', 'quick/trask-part2/alpha-sweep/alpha-10', 'alpha left out'),
                              ('error_one_step_late.py', 'quick/trask-part1/three-layer', 'measured after'),
                              ('preactivation_derivative.py', 'quick/trask-part1/three-layer', 'of the pre-activation'),
                              ('signed_mean.py', 'quick/trask-part1/three-layer', 'the signed mean'),
                              ('integer_division.py', 'quick/trask-part1/three-layer', 'integer division'),
                              ('weights_read_column_major.py', 'quick/trask-part1/three-layer', 'read in another order')):
        said = diagnosis(capsys, case, [sys.executable, str(GALLERY / name)])
        assert said[0].startswith('reproduced: ') and words in said[0], (name, said)


def test_the_derivative_of_the_pre_activation_is_replayed_past_its_overflow():
    # the port's weights overflow to NaN by iteration 14: numpy's sigmoid then gives NaN, the port's guard 0
    import numpy as np
    from nnspec.conformance import cases, porting_bugs
    case = cases.load('quick/trask-part1/three-layer', 'json')[0]
    net = dict(case['network'], X=case['X'], y=case['y'], iterations=case['iterations'], every=case['report']['every'])
    ws = [np.array(case['initial_weights']['synapse_%d' % i]) for i in range(2)]
    with np.errstate(all='ignore'):
        plain = porting_bugs.run(net, ws, porting_bugs._DerivativeOfPreactivation())
        ops = porting_bugs._DerivativeOfPreactivation()
        ops.sigmoid = porting_bugs._NaNGuarded(ops.sigmoid)
        guarded = porting_bugs.run(net, ws, ops)
    ran = subprocess.run([sys.executable, str(GALLERY / 'preactivation_derivative.py')], input=json.dumps(case),
                         capture_output=True, text=True, timeout=60)
    got = [c['error'] for c in json.loads(ran.stdout)['checkpoints']]
    assert np.isnan(float(plain['errors'][-1][1]))
    assert all(porting_bugs.agrees(g, 0, float(e)) for g, (_, e) in zip(got, guarded['errors'])), (got, guarded['errors'])
    assert len(got) == len(guarded['errors']) == 10


def test_an_honest_port_off_by_float32_is_named_by_reproduction_and_not_called_a_porting_bug(capsys):
    said = diagnosis(capsys, 'quick/trask-part1/three-layer', [sys.executable, str(GALLERY / 'float32.py')])
    assert said[0].startswith("reproduced: the port's numbers are what the listing computes in single precision "
                              "(float32)"), said
    assert 'Not a porting bug' in said[0] and 'The fix' not in said[0], said


def test_an_honest_rewrite_in_a_sensitive_run_gets_no_bug_named(capsys):
    # one wrong number is judged (the rest are chaotic): a saturated bug run agrees with it by chance, and one is not two
    said = diagnosis(capsys, 'quick/trask-part2/hidden-size/alpha-10', [sys.executable, str(GALLERY / 'reordered_sensitive.py')])
    assert not any(d.startswith('reproduced: ') for d in said), said


def test_two_bugs_that_both_reproduce_the_numbers_are_not_named():
    from nnspec.conformance import porting_bugs
    hits = {porting_bugs.BUGS[0].bug.name, porting_bugs.BUGS[2].bug.name}
    assert porting_bugs.first_match(lambda e: (5 if e.bug.name in hits else 0, '')) is None
    one = porting_bugs.first_match(lambda e: (5 if e.bug.name == porting_bugs.BUGS[2].bug.name else 0, ''))
    assert one[0] is porting_bugs.BUGS[2].bug


# json mode: a matrix of the wrong shape that holds the expected numbers

def test_a_synapse_returned_transposed_is_named_a_layout_bug(capsys):
    said = diagnosis(capsys, 'quick/trask-part1/three-layer', port(
        'answer["final"]["synapse_0"] = [list(r) for r in zip(*answer["final"]["synapse_0"])]\n'))
    assert said == ['shape: synapse_0 is 4x3 where the case asks 3x4: it holds the expected numbers, transposed: the '
                    'training is right, the layout is not; a synapse is layers[i] rows of layers[i+1] numbers '
                    '(input x output)'], said


def test_a_synapse_reshaped_is_named_and_other_numbers_in_its_shape_are_not(capsys):
    said = diagnosis(capsys, 'quick/trask-part1/three-layer', port(
        'f = [v for r in answer["final"]["synapse_0"] for v in r]\n'
        'answer["final"]["synapse_0"] = [f[k:k + 3] for k in range(0, 12, 3)]\n'))
    assert any(d.startswith('shape: synapse_0 is 4x3') and 'expected numbers, reshaped' in d for d in said), said
    said = diagnosis(capsys, 'quick/trask-part1/three-layer', port(
        'answer["final"]["synapse_0"] = [[v + 1 for v in r] for r in zip(*answer["final"]["synapse_0"])]\n'))
    assert not any(d.startswith('shape: ') for d in said), said


# another iteration count: found by running the listing, any count up to the limit

def test_the_iteration_count_is_found_not_guessed():
    from nnspec.conformance import iteration_count, mirror, networks
    net = networks.all_listings()['trask-part1/two-layer']
    for n in (1, 777, 23456):
        out = mirror.simulate(dict(net, iterations=n, every=n))['output']
        assert iteration_count.search(net, mirror.initial_weights(net), out, out * 0) == n
    out = mirror.simulate(dict(net, iterations=777, every=777))['output']
    assert iteration_count.search(net, mirror.initial_weights(net), out * (1 + 1e-6), out * 0, limit=2000) is None


def _printed_output(n, weights=None):
    """a transcript port printing the two-layer listing's output after n iterations (from `weights`, printed first)."""
    from nnspec.conformance import mirror, networks
    net = networks.all_listings()['trask-part1/two-layer']
    out = mirror.simulate(dict(net, iterations=n, every=n), weights=weights)['output']
    head = 'nnspec-weights syn0 %s\n' % ' '.join(repr(float(v)) for v in weights[0].ravel()) if weights else ''
    return [sys.executable, '-c', 'print(%r)' % (head + 'Output After Training:\n' + str(out.tolist()))]


def test_another_iteration_count_is_found_from_the_seeded_start_and_from_the_ports_printed_weights(capsys):
    import numpy as np
    said = diagnosis(capsys, 'trask-part1/two-layer', _printed_output(31415), 'transcript')
    assert 'after 31,415 iterations: it trains 31,415, the listing 10,000 (the listing run from the seeded' in said[0], said
    own = [2 * np.random.default_rng(3).random((3, 1)) - 1]
    said = diagnosis(capsys, 'trask-part1/two-layer', _printed_output(100000, own), 'transcript')
    assert said[0].startswith("reproduced: the port's numbers are what the listing computes after 100,000 iterations: "
                              "it trains 100,000, the listing 10,000 (the listing run from the weights the port printed"), said


# a sensitive case's restart segments, off while the full run is not judged wrong

SENSITIVE = 'quick/trask-part2/alpha-sweep/alpha-100'


def test_a_segment_off_at_its_first_number_did_not_start_from_its_weights(capsys):
    said = diagnosis(capsys, SENSITIVE, port('if seg: answer["checkpoints"][0]["error"] *= 1.5\n'))
    assert any(' is off at its first number (segment@' in d and 'initial_weights' in d for d in said), said


def test_a_segment_off_later_is_an_operation_rounding_does_not_explain(capsys):
    said = diagnosis(capsys, SENSITIVE, port('if seg: answer["checkpoints"][-1]["error"] *= 1.5\n'))
    assert any(d.startswith('the full run agrees where it can be judged, but restart segment@') for d in said), said


FRESH_OUTPUT = '''
import numpy as np
l = np.array(case['X'], float)
for i in range(len(case['network']['layers']) - 1):
    l = 1 / (1 + np.exp(-l.dot(np.array(answer['final']['synapse_%d' % i]))))
answer['final']['output'] = l.tolist()
'''


def test_a_fresh_forward_output_is_named_in_a_sensitive_run(capsys):
    # the full run's output is chaotic, not judged: the restart segments, where it is, tell the cause
    said = diagnosis(capsys, SENSITIVE, port(FRESH_OUTPUT))
    assert said[0].startswith('output: in the restart segments'), said


def test_another_error_measure_is_named_in_a_sensitive_run(capsys):
    said = diagnosis(capsys, SENSITIVE, port('for c in answer["checkpoints"]: c["error"] *= 1.01\n'))
    assert said[0].startswith('error measure: every checkpoint is off'), said
