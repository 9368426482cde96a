"""the diagnosis names the cause a port really has, and not one it does not have."""
import sys

from nnspec.spec import ROOT
from tests.checking import check, only, port

EXAMPLES = ROOT / 'spec' / 'ports' / 'examples' / 'python'


def diagnosis(capsys, case, command):
    code, r = check(capsys, case, command)
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
