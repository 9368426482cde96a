"""the example ports conform: plain python, node, c; in json mode and in transcript mode."""
import sys

import pytest

from nnspec.conformance import cases
from tests.checking import HAVE_GCC, HAVE_NODE, PORTS, build_c, check, echo, only

# ports and whole listings run as programs: the same on every python, run once in ci (tox -e heavy)
pytestmark = pytest.mark.heavy

PYTHON = [sys.executable, str(PORTS / 'examples' / 'python' / 'port.py')]
NODE = ['node', str(PORTS / 'examples' / 'node' / 'port.js')]
needs_node = pytest.mark.skipif(not HAVE_NODE, reason='node is not installed: the node example port is not checked')
needs_gcc = pytest.mark.skipif(not HAVE_GCC, reason='gcc is not installed: the c example port is not checked')


def conformant(report, count):
    assert [o['status'] for o in report['cases']] == ['conformant'] * count, [o['problem'] or o['first'] for o in report['cases']]
    return report['cases']


def test_plain_python_port_json_quick(capsys):
    code, r = check(capsys, 'quick/**', PYTHON)
    assert code == 0 and conformant(r, 8)


def test_a_sensitive_case_judges_what_it_can_and_verifies_the_rest_by_segments(capsys):
    code, r = check(capsys, 'quick/trask-part2/hidden-size/alpha-10', echo())
    o = only(r)
    _, expected = cases.load('quick/trask-part2/hidden-size/alpha-10', 'json')
    assert code == 0 and o['segments'] == len(expected['segments']) >= 3 and o['chaotic'] > 0
    assert o['worst_digits'] == 17  # the reference's own numbers, bit for bit
    assert o['checked'] + o['chaotic'] == len(o['rows'])
    note = [n for n in o['notes'] if n.startswith('sensitive run')]
    assert len(note) == 1 and 'error@10000' not in note[0] and 'restart segments' in note[0], note
    assert 'first 10 checkpoints of trask-part2/hidden-size/alpha-10 (hidden 32, alpha 10)' in note[0]


@needs_node
def test_node_port_json_quick(capsys):
    code, r = check(capsys, 'quick/**', NODE)
    assert code == 0 and conformant(r, 8)


@needs_node
def test_node_port_transcript_part1(capsys):
    # shortest round-trip floats with more digits than the listing's %.12g
    code, r = check(capsys, 'trask-part1/*', NODE, 'transcript')
    cases = conformant(r, 2)
    assert all(x['documented_verdict'] == 'within the documented precision' for c in cases for x in c['rows'])


@pytest.fixture(scope='module')
def c_port(tmp_path_factory):
    if not HAVE_GCC:
        pytest.skip('gcc is not installed: the c example port is not checked')
    return build_c(tmp_path_factory.mktemp('c'))


@needs_gcc
def test_c_port_json_quick_and_every_transcript(capsys, c_port):
    code, r = check(capsys, 'quick/**', [c_port])
    assert code == 0 and conformant(r, 8)
    code, r = check(capsys, 'trask-part*/*', [c_port], 'transcript')
    assert code == 0 and [o['checked'] + o['chaotic'] for o in conformant(r, 6)] == [6, 4, 42, 266, 42, 4]


@needs_node
def test_node_port_closer_look_json_arrays(capsys):
    # the matrices as json arrays, the 0 in `Synapse 0` a label, direction counts as ints
    code, r = check(capsys, 'trask-part2/closer-look', NODE, 'transcript')
    assert code == 0 and only(r)['checked'] + only(r)['chaotic'] == 266


@needs_gcc
@pytest.mark.parametrize('flags', [(), ('-DREVERSE',), ('-DEXPL',), ('-DREVERSE', '-DEXPL'), ('-DREWRITE',)])
def test_honest_rewrites_conform_on_every_json_case(capsys, tmp_path, flags):
    """another summation order, another faithful exp, (error*output)*(1-output): conformant everywhere, sensitive runs too."""
    exe = build_c(tmp_path, *flags)
    outcomes = []
    for glob in ('trask-part*/**', 'quick/**'):
        code, r = check(capsys, glob, [exe])
        assert code == 0 and conformant(r, 26 if glob == 'trask-part*/**' else 8)
        outcomes += r['cases']
    sensitive = [o for o in outcomes if o['segments']]
    assert len(sensitive) == 8 and all(o['notes'][0].startswith('sensitive run') for o in sensitive)


@needs_gcc
def test_alpha_off_by_one_part_in_ten_thousand_is_rejected_on_every_json_case(capsys, tmp_path):
    exe = build_c(tmp_path, '-DALPHA_SCALE=1.0001')
    for glob, n in (('trask-part*/**', 26), ('quick/**', 8)):
        code, r = check(capsys, glob, [exe])
        assert code == 1 and len(r['cases']) == n
        assert [o['case'] for o in r['cases'] if o['status'] != 'not conformant'] == []


def test_the_reference_itself_conforms_in_transcript_mode(capsys):
    code, r = check(capsys, 'trask-part1/three-layer', [sys.executable, '-m', 'reference.trask_part1_three_layer'], 'transcript')
    o = only(r)
    assert code == 0 and [x['documented_verdict'] for x in o['rows']] == ['exact'] * 6


def test_case_placeholder_and_environment_reach_the_port(capsys):
    echo = [sys.executable, '-c', 'import os, sys; print(sys.argv[1] == os.environ["NNSPEC_CASE"] == "trask-part1/three-layer",'
                                  ' os.environ["NNSPEC_MODE"])', '{case}']
    code, text = check(capsys, 'trask-part1/three-layer', echo, 'transcript', 'text')
    # 'True transcript' has no numbers in it: the port got the id and the mode, and printed no values
    assert code == 2 and 'printed no numbers' in text and "'True transcript" in text


def test_the_command_line_end_to_end(tmp_path):
    """`python -m nnspec check`, a real process: the exit code and the report reach the shell."""
    import subprocess
    from nnspec.spec import ROOT
    port = tmp_path / 'port.py'
    port.write_text('print("Error:0.496410031903")\n')
    done = subprocess.run([sys.executable, '-m', 'nnspec', 'check', '--case', 'trask-part1/three-layer', '--format', 'markdown',
                           '--', sys.executable, str(port)], cwd=str(ROOT), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert '| `trask-part1/three-layer` | transcript | not conformant | 1/1 ok |' in done.stdout and not done.stderr
