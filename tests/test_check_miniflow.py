"""miniflow cases: generated from reference/miniflow.py, the example ports conform, the gallery's bugs are told apart."""
import json
import sys

import numpy as np
import pytest

from nnspec.conformance import cases
from nnspec.conformance.json_mode import kind_bugs, kinds, miniflow_bugs, trask
from nnspec.generate_cases import miniflow as miniflow_cases, transcripts
from tests.checking import HAVE_NODE, PORTS, agree, check, only

PYTHON = [sys.executable, str(PORTS / 'examples' / 'python' / 'miniflow.py')]
NODE = ['node', str(PORTS / 'examples' / 'node' / 'miniflow.js')]
GALLERY = PORTS / 'gallery'
IDS = sorted(miniflow_cases.GRAPHS)
needs_node = pytest.mark.skipif(not HAVE_NODE, reason='node is not installed: the node miniflow port is not checked')


def conformant(report, count):
    assert [o['status'] for o in report['cases']] == ['conformant'] * count, [o['problem'] or o['first'] for o in report['cases']]
    return report['cases']


def test_cases_are_listed_and_load():
    assert cases.match('miniflow/**', 'json') == IDS and len(IDS) == 9
    assert cases.match('miniflow/**', 'transcript') == ['miniflow/quizzes']
    for id_ in IDS:
        case, expected = cases.load(id_, 'json')
        assert case['kind'] == 'miniflow' and expected['answer']['order'] == [n['name'] for n in case['nodes']]


def test_cases_regenerate():
    # case files exactly; answers within the committed tolerance (another stack may round exp in the last bit)
    for id_, graph in miniflow_cases.GRAPHS.items():
        assert json.loads(cases.case_path(id_).read_text()) == miniflow_cases.case_document(id_, graph)
        committed = json.loads(cases.expected_path(id_).read_text())
        agree(miniflow_cases.expected_document(id_, graph)['answer'], committed['answer'], committed['tolerance'])
    assert transcripts.text(miniflow_cases.transcript_document()) == \
        cases.case_path('miniflow/quizzes', 'transcript').read_text()


def test_a_wrong_answer_does_not_agree():
    committed = json.loads(cases.expected_path('miniflow/network/two-heads').read_text())
    wrong = json.loads(json.dumps(committed['answer']))
    wrong['gradients']['h']['l1'][1][2] *= 1 + 1e-8
    with pytest.raises(AssertionError):
        agree(wrong, committed['answer'], committed['tolerance'])


def test_the_documented_figures_are_in_the_answers():
    # the seed's and the lesson's own numbers, as a check on what the cases ask (not on the reference)
    answer = lambda id_: json.loads(cases.expected_path(id_).read_text())['answer']
    assert answer('miniflow/quiz/add')['forward']['f'] == [[15.0]]
    assert answer('miniflow/quiz/linear')['forward']['f'] == [[12.7]]
    assert answer('miniflow/quiz/mse')['forward']['cost'] == pytest.approx(23.4166666667, abs=1e-10)
    gd = answer('miniflow/worked/gradient-descent')
    assert gd['forward'] == {'y': [[50.0]], 'cost': 900.0} and gd['trained']['w'][0][0] == pytest.approx(2)
    assert answer('miniflow/worked/gradient-descent-x5')['trained']['w'][0][0] == pytest.approx(4)


def test_the_references_orders_pass_and_a_wrong_one_does_not():
    # the reference's ties come from set.pop over id-hashed nodes: whatever order it gives must pass
    for id_, graph in miniflow_cases.GRAPHS.items():
        for _ in range(3):
            _, order = miniflow_cases.run(graph)
            assert kinds.order_problems(graph['nodes'], order) == [], (id_, order)
    nodes = miniflow_cases.GRAPHS['miniflow/quiz/linear-sigmoid']['nodes']
    assert kinds.order_problems(nodes, ['X', 'f', 'W', 'b', 'g']) == [(1, 'f', 'f before its input W, b')]
    assert kinds.order_problems(nodes, ['X', 'W', 'b', 'f']) == [(4, None, 'missing g')]


def test_plain_python_port_conforms_on_every_case(capsys):
    code, r = check(capsys, 'miniflow/**', PYTHON)
    assert code == 0 and [o['checked'] for o in conformant(r, 9)] == [321, 191, 147, 4, 5, 13, 4, 18, 18]
    code, r = check(capsys, 'miniflow/quizzes', PYTHON, 'transcript')
    assert code == 0 and only(r)['checked'] == 13


@needs_node
def test_node_port_conforms_on_every_case(capsys):
    code, r = check(capsys, 'miniflow/**', NODE)
    assert code == 0 and conformant(r, 9)
    code, r = check(capsys, 'miniflow/quizzes', NODE, 'transcript')
    assert code == 0 and only(r)['checked'] == 13


def test_the_reference_itself_conforms_in_transcript_mode(capsys):
    code, r = check(capsys, 'miniflow/quizzes', [sys.executable, '-m', 'reference.miniflow_quizzes'], 'transcript')
    o = only(r)
    assert code == 0 and sum(x['documented_verdict'] == 'exact' for x in o['rows']) == 5


def _first(capsys, port, case):
    code, r = check(capsys, case, [sys.executable, str(GALLERY / port)])
    o = only(r)
    return code, o['status'], o['first'] and o['first']['where'], o['first'] and o['first']['why']


def _said(capsys, port, case):
    """(exit code, first wrong row, the diagnosis) of a gallery port on a case."""
    code, r = check(capsys, case, [sys.executable, str(GALLERY / port)])
    o = only(r)
    return code, o['first'] and o['first']['where'], o['diagnosis']


def test_overwritten_gradients_pass_a_chain_and_are_reproduced_where_a_node_has_two_outbound_nodes(capsys):
    port = 'miniflow_gradients_overwritten.py'
    assert _first(capsys, port, 'miniflow/network/two-layer')[:2] == (0, 'conformant')
    code, where, said = _said(capsys, port, 'miniflow/network/two-heads')
    assert (code, where) == (1, 'Sigmoid h backward: dl1[0][0]')
    assert said[0].startswith("reproduced: the port's numbers are what the listing computes with the gradients of "
                              "Sigmoid nodes overwritten by each outbound node's, not summed over them (h keeps only the "
                              "gradient from c, the last of its 2 outbound nodes a, c): 177 of them agree"), said


def test_every_node_type_that_sums_gradients_has_two_outbound_nodes_in_a_trained_case():
    # a port that overwrites instead of summing in any one node type must meet a case where it matters
    fanned = set()
    for graph in miniflow_cases.GRAPHS.values():
        if 'train' in graph:
            ops = {n['name']: n['op'] for n in graph['nodes']}
            outbound = [i for n in graph['nodes'] for i in n['inputs']]
            fanned |= {ops[k] for k in ops if outbound.count(k) >= 2}
    assert fanned == set(miniflow_cases.OPS) - {'MSE'}, fanned  # MSE is the cost: it has no outbound node


@pytest.mark.parametrize('node_type', ['input', 'linear', 'add'])
def test_overwritten_gradients_in_one_node_type_are_reproduced_on_the_fan_out_case(capsys, node_type):
    code, where, said = _said(capsys, 'miniflow_%s_gradients_overwritten.py' % node_type, 'miniflow/network/fan-out')
    assert code == 1 and where.lower().startswith(node_type + ' ')
    # the one type among the three that fan out: the port's numbers are no other subset's run
    assert said[0].startswith('reproduced:') and 'the gradients of %s nodes overwritten' % node_type.title() in said[0]
    # the chain has no node with two outbound nodes: the same port passes it
    assert _first(capsys, 'miniflow_%s_gradients_overwritten.py' % node_type, 'miniflow/network/two-layer')[:2] == (0, 'conformant')


def test_a_wrong_order_is_reproduced_and_named_with_the_input_it_skipped(capsys):
    code, where, said = _said(capsys, 'miniflow_discovery_order.py', 'miniflow/quiz/linear-sigmoid')
    assert (code, where) == (1, 'order[1]')
    assert said[0].startswith("reproduced: the port's numbers are what the listing computes with topological_sort "
                              "returning the order it discovered the nodes in") and \
        'and so does its order (X, f, W, b, g: f before its input W, b)' in said[0], said


@pytest.mark.parametrize('port, case, names', [
    ('miniflow_sigmoid_of_input.py', 'miniflow/network/two-layer', "the sigmoid's derivative taken of its input x"),
    ('miniflow_mse_without_2_over_m.py', 'miniflow/network/two-layer', "MSE's gradients without their 2/m"),
    ('miniflow_stale_forward.py', 'miniflow/worked/gradient-descent', 'the forward pass run once, before the epochs')])
def test_a_backward_bug_is_reproduced(capsys, port, case, names):
    code, _, said = _said(capsys, port, case)
    assert code == 1 and said[0].startswith("reproduced: the port's numbers are what the listing computes with " + names)


def test_a_stale_forward_pass_passes_a_single_epoch(capsys):
    # one epoch reads one forward pass: the bug shows only where the weights are trained more than once
    assert _first(capsys, 'miniflow_stale_forward.py', 'miniflow/network/two-layer')[:2] == (0, 'conformant')


def test_an_answer_without_gradients_names_the_first_missing_one(capsys):
    answer = json.loads(cases.expected_path('miniflow/network/two-layer').read_text())['answer']
    del answer['gradients']
    code, r = check(capsys, 'miniflow/network/two-layer', [sys.executable, '-c', 'print(%r)' % json.dumps(answer)])
    assert code == 1 and only(r)['first']['where'] == 'MSE cost backward: dy' and only(r)['first']['got'] == 'missing'


def test_reference_nodes_agree_with_finite_differences_on_the_two_heads_graph():
    # the case's gradients are derivatives of its cost: a check on the graph, independent of the ports
    graph = miniflow_cases.GRAPHS['miniflow/network/two-heads']
    answer, _ = miniflow_cases.run(graph)
    feed = dict(graph['feed'])

    def cost(name, i, j, h):
        values = {k: np.array(v, dtype=float) for k, v in feed.items()}
        values[name][i, j] += h
        forward_only = {k: v for k, v in graph.items() if k != 'train'}
        return miniflow_cases.run(dict(forward_only, feed=list(values.items())))[0]['forward']['cost']

    for name in ('W1', 'b1', 'W3'):
        numeric = (cost(name, 0, 0, 1e-6) - cost(name, 0, 0, -1e-6)) / 2e-6
        assert numeric == pytest.approx(answer['gradients'][name][name][0][0], rel=1e-6, abs=1e-9)


def test_a_short_order_and_a_trask_answer(capsys):
    answer = json.loads(cases.expected_path('miniflow/quiz/linear-sigmoid').read_text())['answer']
    answer['order'] = ['X', 'W', 'b']
    code, r = check(capsys, 'miniflow/quiz/linear-sigmoid', [sys.executable, '-c', 'print(%r)' % json.dumps(answer)])
    assert code == 1 and only(r)['first']['where'] == 'order[3]' and only(r)['first']['why'].startswith('missing f, g')
    trask = json.dumps({'protocol': 'nnspec-answer/1', 'checkpoints': [], 'final': {}})
    code, r = check(capsys, 'miniflow/quiz/linear-sigmoid', [sys.executable, '-c', 'print(%r)' % trask])
    assert code == 2 and "answer-miniflow.schema.json: $: missing 'order'" in only(r)['problem']


def test_another_bug_failing_at_the_same_row_is_not_called_overwriting(capsys):
    # the sigmoid derivative bug fails at the same row of two-heads as overwriting does: its run names it
    code, where, said = _said(capsys, 'miniflow_sigmoid_of_input.py', 'miniflow/network/two-heads')
    assert code == 1 and where.startswith('Sigmoid h backward') and 'overwritten' not in ' '.join(said)
    assert said[0].startswith("reproduced: the port's numbers are what the listing computes with the sigmoid's derivative")


@pytest.mark.parametrize('id_', IDS)
def test_the_bug_free_run_is_the_committed_answer(id_):
    # kind_bugs reruns the reference on the case: with no bug patched in, that is the expected answer
    case, expected = cases.load(id_, 'json')
    run = miniflow_bugs.run_miniflow(case)
    assert kinds.order_problems(case['nodes'], run.pop('order')) == []
    agree(run, {k: v for k, v in expected['answer'].items() if k not in ('protocol', 'order')}, expected['tolerance'])


@pytest.mark.parametrize('id_', IDS)
def test_an_honest_answer_is_named_no_bug(id_):
    case, expected = cases.load(id_, 'json')
    assert kind_bugs.explain(case, expected['answer'], expected['answer'], expected['tolerance']) is None


def _bug_answer(id_, name):
    case, expected = cases.load(id_, 'json')
    bug, how = next((b, how) for b, how in miniflow_bugs.miniflow_bugs(case) if b.name == name)
    return case, expected, json.loads(json.dumps(miniflow_bugs.run_miniflow(case, **how))), bug


def test_a_bug_is_named_only_when_every_number_is_its_runs():
    case, expected, answer, bug = _bug_answer('miniflow/network/two-layer', 'sigmoid derivative of the input')
    said = lambda a: kind_bugs.explain(case, expected['answer'], a, expected['tolerance'])
    assert said(answer).startswith('reproduced: ') and bug.says in said(answer)
    other = json.loads(json.dumps(answer))
    other['forward']['l1'][0][0] *= 1 + 1e-8  # a number the bug does not change, wrong (though within 7 digits): not the bug's
    assert said(other) is None
    other = json.loads(json.dumps(answer))
    other['trained']['W1'][0][0] *= 1 + 1e-5  # a number the bug changes, changed otherwise
    assert said(other) is None


def test_a_bug_is_named_at_the_digits_the_port_writes():
    case, expected, answer, bug = _bug_answer('miniflow/network/fan-out', 'gradients overwritten')
    # written with 6 significant digits: the port's numbers agree with the bug's within half a unit of the last
    written = json.loads(json.dumps(answer), parse_float=lambda t: trask.Printed.read('%.6g' % float(t)))
    said = kind_bugs.explain(case, expected['answer'], written, expected['tolerance'])
    assert said and bug.says in said
    unprinted = json.loads(json.dumps(written))  # the same numbers without their printing: 7 digits are asked
    assert kind_bugs.explain(case, expected['answer'], unprinted, expected['tolerance']) is None
