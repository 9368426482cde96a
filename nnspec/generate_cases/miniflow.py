"""write spec/cases/json/miniflow: MiniFlow graphs, and what reference/miniflow.py computes on them.

a case is a graph (nodes in creation order, which is itself a topological
order), the feed in feed_dict order, and what to report: the order, every
node's forward value, every node's gradients after one backward pass, the
trainables after `epochs` sgd updates. the numbers are the reference's nodes
run on the case's own feed.
    python3 -m nnspec.generate_cases.miniflow
"""

import numpy as np

from nnspec import spec
from nnspec.conformance import cases
from nnspec.conformance.generated.miniflow import OPS, case_document, expected_document, run  # noqa: F401 -- OPS, run: the tests'
from nnspec.conformance.json_mode import kinds
from nnspec.conformance.transcript_mode import compare
from nnspec.generate_cases import trask_json, transcripts
from nnspec.listings import MINIFLOW_QUIZZES as QUIZZES


def _n(name, op, *inputs):
    return {'name': name, 'op': op, 'inputs': list(inputs)}


def _inputs(*names):
    return [_n(k, 'Input') for k in names]


# a two-layer network (the lesson's Linear -> Sigmoid -> Linear -> MSE), and one whose hidden
# layer feeds two heads added together: its Sigmoid sums the gradients of two outbound nodes
NET_X = [[0.5, -1.2, 0.3], [1.5, 0.2, -0.7], [-0.3, 0.8, 1.1], [0.9, -0.4, -1.6]]
NET_Y = [[0.7], [-0.2], [1.3], [0.4]]
W1, B1 = [[0.2, -0.5, 0.9], [-0.8, 0.1, 0.4], [0.6, 0.7, -0.3]], [[0.1, -0.2, 0.05]]
W2, B2, W3, B3 = [[0.3], [-0.6], [0.8]], [[0.2]], [[-0.4], [0.5], [0.25]], [[-0.1]]
W4, B4 = [[-0.3, 0.4, 0.2], [0.5, -0.1, -0.6], [0.1, 0.3, 0.7]], [[0.05, 0.1, -0.15]]
GRAPHS = {
    'miniflow/quiz/add': dict(
        source="the lesson's Add quiz: 10 + 5 = 15 (according to miniflow)",
        nodes=_inputs('x', 'y') + [_n('f', 'Add', 'x', 'y')], feed=[('x', [[10]]), ('y', [[5]])]),
    'miniflow/quiz/linear': dict(
        source="the lesson's Linear quiz: inputs [6, 14, 3], weights [0.5, 0.25, 1.4], bias 2 give 12.7",
        nodes=_inputs('inputs', 'weights', 'bias') + [_n('f', 'Linear', 'inputs', 'weights', 'bias')],
        feed=[('inputs', [[6, 14, 3]]), ('weights', [[0.5], [0.25], [1.4]]), ('bias', [[2]])]),
    'miniflow/quiz/linear-sigmoid': dict(
        source="the lesson's Sigmoid quiz: a Linear of X = [[-1, -2], [-1, -2]], W = [[2, -3], [2, -3]], b = [-3, -5], then a Sigmoid",
        nodes=_inputs('X', 'W', 'b') + [_n('f', 'Linear', 'X', 'W', 'b'), _n('g', 'Sigmoid', 'f')],
        feed=[('X', [[-1, -2], [-1, -2]]), ('W', [[2, -3], [2, -3]]), ('b', [[-3, -5]])]),
    'miniflow/quiz/mse': dict(
        source="the lesson's MSE quiz: y = [1, 2, 3] against a = [4.5, 5, 10] gives 23.4166666667",
        nodes=_inputs('y', 'a') + [_n('cost', 'MSE', 'y', 'a')], feed=[('y', [[1], [2], [3]]), ('a', [[4.5], [5], [10]])]),
    'miniflow/worked/gradient-descent': dict(
        source='the seed\'s prose: y = w*x, x=10, target 20, cost (20-wx)^2 is 900 at w=5; gradient descent moves w to 2',
        nodes=_inputs('x', 'w', 'b', 't') + [_n('y', 'Linear', 'x', 'w', 'b'), _n('cost', 'MSE', 't', 'y')],
        feed=[('w', [[5]]), ('x', [[10]]), ('b', [[0]]), ('t', [[20]])],
        train={'epochs': 1000, 'learning_rate': 0.001, 'trainables': ['w']}),
    'miniflow/worked/gradient-descent-x5': dict(
        source="the seed's prose slips to x=5: there the cost is least at w=4",
        nodes=_inputs('x', 'w', 'b', 't') + [_n('y', 'Linear', 'x', 'w', 'b'), _n('cost', 'MSE', 't', 'y')],
        feed=[('w', [[5]]), ('x', [[5]]), ('b', [[0]]), ('t', [[20]])],
        train={'epochs': 1000, 'learning_rate': 0.001, 'trainables': ['w']}),
    'miniflow/network/two-layer': dict(
        source="the lesson's network: Linear, Sigmoid, Linear, MSE; one forward, one backward, one sgd update",
        nodes=_inputs('X', 'W1', 'b1', 'W2', 'b2', 'y') + [
            _n('l1', 'Linear', 'X', 'W1', 'b1'), _n('s1', 'Sigmoid', 'l1'), _n('l2', 'Linear', 's1', 'W2', 'b2'),
            _n('cost', 'MSE', 'y', 'l2')],
        feed=[('X', NET_X), ('y', NET_Y), ('W1', W1), ('b1', B1), ('W2', W2), ('b2', B2)],
        train={'epochs': 1, 'learning_rate': 0.01, 'trainables': ['W1', 'b1', 'W2', 'b2']}),
    'miniflow/network/two-heads': dict(
        source='a hidden Sigmoid feeding two Linear heads, added: gradients summed over two outbound nodes',
        nodes=_inputs('X', 'W1', 'b1', 'W2', 'b2', 'W3', 'b3', 'y') + [
            _n('l1', 'Linear', 'X', 'W1', 'b1'), _n('h', 'Sigmoid', 'l1'), _n('a', 'Linear', 'h', 'W2', 'b2'),
            _n('c', 'Linear', 'h', 'W3', 'b3'), _n('o', 'Add', 'a', 'c'), _n('cost', 'MSE', 'y', 'o')],
        feed=[('X', NET_X), ('y', NET_Y), ('W1', W1), ('b1', B1), ('W2', W2), ('b2', B2), ('W3', W3), ('b3', B3)],
        train={'epochs': 1, 'learning_rate': 0.01, 'trainables': ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']}),
    'miniflow/network/fan-out': dict(
        source='an Input, a Linear and an Add with two outbound nodes each: each sums the gradients of both',
        nodes=_inputs('X', 'W1', 'b1', 'W4', 'b4', 'W3', 'b3', 'y') + [
            _n('l1', 'Linear', 'X', 'W1', 'b1'), _n('l2', 'Linear', 'X', 'W4', 'b4'), _n('s', 'Add', 'l1', 'l2'),
            _n('h', 'Sigmoid', 's'), _n('r', 'Add', 's', 'l1'), _n('q', 'Add', 'r', 'h'), _n('o', 'Linear', 'q', 'W3', 'b3'),
            _n('cost', 'MSE', 'y', 'o')],
        feed=[('X', NET_X), ('y', NET_Y), ('W1', W1), ('b1', B1), ('W4', W4), ('b4', B4), ('W3', W3), ('b3', B3)],
        train={'epochs': 1, 'learning_rate': 0.01, 'trainables': ['W1', 'b1', 'W4', 'b4', 'W3', 'b3']}),
}


def transcript_document():
    """miniflow/quizzes: what the quizzes' program (`python3 -m nnspec.reference.<module>`) prints, number by number."""
    quizzes = QUIZZES.reference()
    x, y, total = quizzes.add_quiz()
    linear, sigmoid = quizzes.linear_sigmoid_quiz()
    printed = [('add_x', x, 'py3-str'), ('add_y', y, 'py3-str'), ('add', total, 'py3-str'),
               ('linear', quizzes.linear_quiz(), 'py3-str'), ('linear_matrix', linear, 'numpy-1.13-array'),
               ('sigmoid', sigmoid, 'numpy-1.13-array'), ('mse', quizzes.mse_quiz(), 'py2-str')]
    entries = {(e['quantity'], tuple(e.get('index') or ())): e['id'] for _, e in spec.entries()
               if e.get('run') == QUIZZES.run}
    values = []
    for quantity, value, printer in printed:
        a = np.asarray(value, dtype=float)
        for index in (np.ndindex(a.shape) if a.shape else [()]):
            values.append({'quantity': quantity, 'index': list(index) or None, 'printer': printer,
                           'entry': entries.get((quantity, index)), 'want': float(a[index]),
                           'rtol': kinds.STABLE_TOLERANCE['rtol'], 'atol': kinds.STABLE_TOLERANCE['atol'],
                           **compare.in_context(printer, value, list(index), float(a[index]))})
    return {'protocol': cases.TRANSCRIPT_FORMAT, 'id': 'miniflow/quizzes', 'run': QUIZZES.run, 'labels': [],
            'values': values}


def write():
    for id_, graph in GRAPHS.items():
        trask_json.write_case(id_, case_document(id_, graph), expected_document(id_, graph))
    transcripts.write_document(transcript_document())


if __name__ == '__main__':
    from nnspec.generate_cases import in_checkout
    in_checkout('miniflow')
    write()
