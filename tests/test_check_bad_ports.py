"""bad ports and bad input: every one a clear verdict naming what and where, never a traceback."""
import json

import pytest

from nnspec.conformance import cases
from nnspec.conformance import formats
from nnspec.conformance.outcome import Outcome
from tests.checking import HAVE_NODE, check, fake, only

QUICK = 'quick/trask-part1/three-layer'
THREE = 'trask-part1/three-layer'
# the reference's own printout of Part 1's 3-layer listing, and its values
PRINTED = ['0.496410031903', '0.00858452565325', '0.00578945986251', '0.00462917677677',
           '0.00395876528027', '0.00351012256786']


def printer(lines):
    return fake('import sys; sys.stdout.write(%r)' % ''.join(l + '\n' for l in lines))


def test_crash_is_port_broken_with_its_stderr(capsys):
    code, r = check(capsys, QUICK, fake('import sys; print("warming up"); sys.exit("boom: no weights")'))
    o = only(r)
    assert code == 2 and o['status'] == 'port broken'
    assert 'exited with status 1' in o['problem'] and 'boom: no weights' in o['stderr']


@pytest.mark.skipif(not HAVE_NODE, reason='node is not installed: a crashing node port is not run')
def test_a_crashing_node_port_shows_its_error_not_only_its_stack(capsys, tmp_path):
    script = tmp_path / 'port.js'
    script.write_text('console.log("0.4964100319");\nconsole.log("0.0085845256");\n'
                      'function next(layer) { return layer.weights.length; }\nnext({});\n')
    code, r = check(capsys, THREE, ['node', str(script)], 'transcript')
    o = only(r)
    assert code == 2 and 'exited with status 1' in o['problem']
    assert "TypeError: Cannot read properties of undefined (reading 'length')" in o['stderr'], o['stderr']
    assert 'port.js:3' in o['stderr'] and 'more frames' in o['stderr'] and 'Node.js' not in o['stderr']
    assert "TypeError: Cannot read properties of undefined" in formats.text([Outcome.from_dict(o)])


def test_a_command_that_does_not_exist(capsys, tmp_path):
    code, r = check(capsys, QUICK, [str(tmp_path / 'no-such-port')])
    assert code == 2 and only(r)['problem'].startswith("the port could not start '%s'" % (tmp_path / 'no-such-port'))


def test_killed_by_a_signal_is_named(capsys):
    code, r = check(capsys, QUICK, fake('import os, signal; os.kill(os.getpid(), signal.SIGSEGV)'))
    assert code == 2 and 'SIGSEGV' in only(r)['problem']


def test_hang_times_out(capsys):
    code, r = check(capsys, QUICK, fake('import time; time.sleep(60)'), 'json', 'json', '--timeout', '1')
    assert code == 2 and 'timed out after 1s' in only(r)['problem']


def test_no_output(capsys):
    code, r = check(capsys, THREE, fake('pass'), 'transcript')
    assert code == 2 and only(r)['problem'] == 'the port printed nothing'
    code, r = check(capsys, QUICK, fake('pass'))
    assert code == 2 and 'printed nothing' in only(r)['problem']


def test_garbage(capsys):
    code, r = check(capsys, THREE, printer(['hello world', 'no numbers here']), 'transcript')
    assert code == 2 and "printed no numbers; stdout starts: 'hello world" in only(r)['problem']
    code, r = check(capsys, QUICK, printer(['{"checkpoints": [']))
    assert code == 2 and 'not json: line 2 column 1' in only(r)['problem']


def test_deeply_nested_json_is_not_an_answer(capsys):
    code, r = check(capsys, QUICK, fake('print("[" * 100000 + "]" * 100000)'))
    assert code == 2 and only(r)['problem'].startswith('the answer is nested too deeply')


def test_answer_breaking_the_schema_names_the_field(capsys):
    code, r = check(capsys, QUICK, printer(['{"protocol": "nnspec-answer/1", "checkpoints": [{"iteration": 0, "error": "0.5"}], "final": {}}']))
    assert code == 2 and '$.checkpoints[0].error' in only(r)['problem']


def test_non_utf8_bytes_are_located(capsys):
    code, r = check(capsys, THREE, fake(r'import sys; sys.stdout.buffer.write(b"Error:0.496410031903\nError:\xff\xfe\n")'), 'transcript')
    assert code == 2 and only(r)['problem'] == 'stdout is not utf-8: byte 0xff at offset 27 (line 2)'


def test_megabytes_of_output_stop_at_the_cap(capsys):
    code, r = check(capsys, THREE, fake('while True: print("Error:0.5" * 1000)'), 'transcript', 'json', '--max-output', '1000000')
    assert code == 2 and 'printed more than 1000000 bytes' in only(r)['problem']


def test_a_flood_on_stderr_is_drained_not_a_hang(capsys):
    source = 'import sys\nfor _ in range(3000): sys.stderr.write("warning " * 500 + "\\n")\nsys.exit(1)'
    code, r = check(capsys, QUICK, fake(source), 'json', 'json', '--timeout', '60')
    assert code == 2 and only(r)['problem'] == 'the port exited with status 1'


def test_nan_and_inf_are_not_finite(capsys):
    code, r = check(capsys, THREE, printer(['Error:nan'] + ['Error:' + t for t in PRINTED[1:5]] + ['Error:inf']), 'transcript')
    o = only(r)
    assert code == 1 and o['first']['where'] == 'error@0' and o['first']['why'] == 'not a finite number'
    assert [x['ok'] for x in o['rows']] == [False, True, True, True, True, False]
    answer = json.loads(cases.expected_path(QUICK).read_text())['answer']
    answer['checkpoints'][3]['error'] = None  # what JSON.stringify makes of NaN
    code, r = check(capsys, QUICK, printer([json.dumps(answer)]))
    assert code == 1 and only(r)['first']['where'] == 'error@300' and only(r)['first']['why'] == 'not a finite number'


def test_too_few_and_too_many_numbers(capsys):
    code, r = check(capsys, THREE, printer(['Error:' + t for t in PRINTED[:5]]), 'transcript')
    o = only(r)
    assert code == 1 and o['failed'] == 0
    assert o['notes'][0] == 'printed 5 numbers, the listing prints 6: the first missing is error@50000'
    code, r = check(capsys, THREE, printer(['Error:' + t for t in PRINTED] + ['done 7']), 'transcript')
    assert code == 1 and "1 extra numbers after the listing's 6, from line 7 ('7')" in only(r)['notes'][0]


def test_wrong_shape_names_the_quantity(capsys):
    answer = json.loads(cases.expected_path(QUICK).read_text())['answer']
    answer['final']['synapse_0'] = [list(r) for r in zip(*answer['final']['synapse_0'])]  # transposed
    code, r = check(capsys, QUICK, printer([json.dumps(answer)]))
    o = only(r)
    assert code == 1 and o['first']['where'] == 'synapse_0' and o['first']['got'] == 'shape 4x3'
    assert o['first']['expected'] == 'shape 3x4'


def test_missing_checkpoint_and_wrong_iteration(capsys):
    answer = json.loads(cases.expected_path(QUICK).read_text())['answer']
    answer['checkpoints'][2]['iteration'] = 201
    del answer['checkpoints'][-1]
    code, r = check(capsys, QUICK, printer([json.dumps(answer)]))
    o = only(r)
    assert code == 1 and o['first']['why'] == 'checkpoint 2 is iteration 201, expected 200'
    assert [x['where'] for x in o['rows'] if not x['ok']] == ['error@200', 'error@900']


def test_the_expected_answer_itself_conforms(capsys):
    # the control for the tests above: the untouched answer passes
    answer = json.loads(cases.expected_path(QUICK).read_text())['answer']
    code, r = check(capsys, QUICK, printer([json.dumps(answer)]))
    assert code == 0 and only(r)['failed'] == 0 and only(r)['checked'] == 30


def test_a_bias_gradient_written_1_d_is_told_to_wrap_it(capsys):
    # numpy's np.sum(g, axis=0) is 1-D: a port mirroring it writes a row where the protocol has a 1 x k matrix
    case = 'miniflow/network/two-layer'
    answer = json.loads(cases.expected_path(case).read_text())['answer']
    node = next(n for n, g in answer['gradients'].items() if 'b1' in g)
    answer['gradients'][node]['b1'] = answer['gradients'][node]['b1'][0]
    code, r = check(capsys, case, printer([json.dumps(answer)]))
    problem = only(r)['problem']
    assert code == 2 and ("$.gradients.%s.b1[0]" % node) in problem and 'as [[...]]' in problem, problem


def test_a_row_for_a_row_gets_no_wrapping_hint(capsys):
    case = 'miniflow/network/two-layer'
    answer = json.loads(cases.expected_path(case).read_text())['answer']
    answer['order'] = 'X'
    code, r = check(capsys, case, printer([json.dumps(answer)]))
    assert code == 2 and 'as [[...]]' not in only(r)['problem']


def test_unknown_case_id(capsys):
    from nnspec import cli
    code = cli.main(['check', '--case', 'trask-part9/nothing', '--', 'true'])
    err = capsys.readouterr().err
    assert code == 2 and "no transcript case matches 'trask-part9/nothing'" in err and 'trask-part1/three-layer' in err


def test_a_json_case_named_in_transcript_mode_gets_a_hint(capsys):
    from nnspec import cli
    assert cli.main(['check', '--case', QUICK, '--', 'true']) == 2
    assert "(it names json cases: add --mode json)" in capsys.readouterr().err


def test_no_command(capsys):
    from nnspec import cli
    assert cli.main(['check', '--case', THREE]) == 2
    assert 'no port command' in capsys.readouterr().err


@pytest.fixture
def broken_suite(tmp_path, monkeypatch):
    """a copy of the cases with one malformed file and one that breaks its schema."""
    root = tmp_path / 'cases'
    (root / 'json' / 'bad').mkdir(parents=True)
    (root / 'json' / 'bad' / 'truncated.json').write_text('{"protocol": "nnspec-case/1", "id": ')
    case = json.loads(cases.case_path(QUICK).read_text())
    case['id'] = 'bad/no-iterations'
    del case['iterations']
    (root / 'json' / 'bad' / 'no-iterations.json').write_text(json.dumps(case))
    monkeypatch.setattr(cases, 'CASES', root)
    return root


def test_malformed_case_file_is_the_suites_bug(capsys, broken_suite):
    code, r = check(capsys, 'bad/truncated', fake('print(1)'))
    o = only(r)
    assert code == 3 and o['status'] == 'suite broken'
    assert 'truncated.json:1:37: malformed json' in o['problem']
    code, r = check(capsys, 'bad/no-iterations', fake('print(1)'))
    assert code == 3 and "$: missing 'iterations'" in only(r)['problem']


def test_the_largest_code_wins_over_several_cases(capsys, broken_suite):
    code, r = check(capsys, 'bad/*', fake('print(1)'))
    assert code == 3 and [o['code'] for o in r['cases']] == [3, 3]
