"""the other-data cases: the posts' loops on data and weights no post prints; a port that hard-codes a post fails them."""
import json
import sys

from nnspec.conformance import cases
from nnspec.generate_cases import other_data
from tests.checking import PORTS, agree, check, only

EXAMPLES = PORTS / 'examples' / 'python'


def test_cases_regenerate_and_are_not_the_posts():
    docs = other_data.documents()
    assert sorted(docs) == sorted(cases.match('other-data/**', 'json') + cases.match('shamdasani/other-data', 'json'))
    for id_, (case, expected) in docs.items():
        assert json.loads(cases.case_path(id_).read_text()) == case
        committed = json.loads(cases.expected_path(id_).read_text())
        tol = committed['tolerance']
        agree(expected['answer'], committed['answer'], tol['error'] if 'error' in tol else tol)  # trask's: one stable block
    post = {'trask': cases.load('trask-part1/three-layer', 'json')[0], 'shamdasani': cases.load('shamdasani/train', 'json')[0]}
    for id_, (case, _) in docs.items():
        theirs = post['shamdasani' if id_.startswith('shamdasani/') else 'trask']
        assert case['X'] != theirs['X'] and case['y'] != theirs['y'] and case['initial_weights'] != theirs['initial_weights']
        assert case['seed']['numpy_seed'] != theirs['seed']['numpy_seed']


def test_example_ports_conform(capsys):
    code, r = check(capsys, 'other-data/**', [sys.executable, str(EXAMPLES / 'port.py')])
    assert code == 0 and [o['status'] for o in r['cases']] == ['conformant'] * len(other_data.TRASK)
    code, r = check(capsys, 'shamdasani/other-data', [sys.executable, str(EXAMPLES / 'shamdasani.py')])
    assert code == 0 and only(r)['status'] == 'conformant'


def test_a_port_that_replays_a_posts_answer_fails(capsys):
    # it answers every case with the Part 1 three-layer listing's expected numbers
    answer = json.loads(cases.expected_path('quick/trask-part1/three-layer').read_text())['answer']
    replayer = [sys.executable, '-c', 'import sys; sys.stdin.read(); print(%r)' % json.dumps(answer)]
    assert check(capsys, 'quick/trask-part1/three-layer', replayer)[0] == 0
    code, r = check(capsys, 'other-data/**', replayer)
    assert code != 0 and len(r['cases']) == len(other_data.TRASK) and 'conformant' not in [o['status'] for o in r['cases']]


def test_a_port_that_hard_codes_the_posts_data_fails(capsys):
    port = ('import json, sys; sys.path.insert(0, %r); import shamdasani as s; case = json.load(sys.stdin); '
            'case["X"], case["y"] = s.POST_X, s.POST_Y; json.dump(s.answer(case), sys.stdout)' % str(EXAMPLES))
    assert check(capsys, 'shamdasani/train', [sys.executable, '-c', port])[0] == 0
    code, r = check(capsys, 'shamdasani/other-data', [sys.executable, '-c', port])
    assert code == 1 and only(r)['first']['where'] == 'loss@0'


def test_the_trask_case_is_a_stable_run():
    # its tolerance is the stable one: honest arithmetics (segments.VARIANTS) must agree far inside it
    from nnspec.conformance.json_mode import segments
    from nnspec.conformance.mirror import answer_of, simulate
    for net in other_data.TRASK.values():
        ws = other_data.drawn(net)
        a = answer_of(simulate(net, weights=ws), net)
        for v in segments.VARIANTS:
            b = answer_of(simulate(net, weights=ws, variant=v), net)
            spread = max([abs(x['error'] - y['error']) for x, y in zip(a['checkpoints'], b['checkpoints'])] +
                         [abs(p - q) for k in a['final'] for r, s in zip(a['final'][k], b['final'][k]) for p, q in zip(r, s)])
            assert spread < 1e-12, (v, spread)
