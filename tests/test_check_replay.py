"""transcript mode from the port's own start: the preamble (nnspec replays from the printed weights) and the weights file."""
import json
import re
from pathlib import Path
import sys

import numpy as np
import pytest

from nnspec.conformance import cases, tolerance
from nnspec.conformance.transcript_mode import preamble, replay
from tests.checking import HAVE_GCC, HAVE_NODE, PORTS, build_c, check, fake, only

# ports and whole listings run as programs: the same on every python, run once in ci (tox -e heavy)
pytestmark = pytest.mark.heavy

THREE, TWO = 'trask-part1/three-layer', 'trask-part1/two-layer'
EXAMPLES = PORTS / 'examples'


def printer(text):
    return fake('import sys; sys.stdout.write(%r)' % text)


def own_weights(id_, seed=5):
    rng = np.random.default_rng(seed)
    return {j: [2 * rng.random(w.shape) - 1 for w in replay.seeded(j)] for j in replay.runs(id_)}


def transcript_of(id_, weights, numbers, fmt='%r'):
    """a port's stdout: its weights after the marker (the listing's names), then the numbers it printed."""
    names = ['syn0', 'syn1'] if id_.startswith('trask-part1') else ['synapse_0', 'synapse_1']
    lines = ['nnspec-weights %s %s' % (n, ' '.join(fmt % x for x in w.ravel())) for ws in weights.values() for n, w in zip(names, ws)]
    return '\n'.join(lines + [' '.join(repr(float(x)) for x in numbers)]) + '\n'


def test_the_weights_file_is_the_cases_initial_weights_under_the_listings_names():
    doc = replay.weights_document(THREE)
    case, _ = cases.load(THREE, 'json')
    assert doc == {'syn0': case['initial_weights']['synapse_0'], 'syn1': case['initial_weights']['synapse_1']}
    sweep = replay.weights_document('trask-part2/alpha-sweep')
    assert list(sweep) == ['alpha-0.001', 'alpha-0.01', 'alpha-0.1', 'alpha-1', 'alpha-10', 'alpha-100', 'alpha-1000']
    assert sweep['alpha-10'] == cases.load('trask-part2/alpha-sweep/alpha-10', 'json')[0]['initial_weights']
    with open(replay.weights_env(THREE)['NNSPEC_WEIGHTS']) as f:
        assert json.load(f) == doc
    assert replay.weights_env('miniflow/quizzes') == {}


def test_the_weights_file_reaches_the_port(capsys):
    port = fake('import json, os; w = json.load(open(os.environ["NNSPEC_WEIGHTS"])); print(sorted(w), "Error:0.4")')
    code, r = check(capsys, THREE, port, 'transcript')
    assert only(r)['rows'][0]['got'] == '0.4'  # the file was there, and held the listing's names


def test_preamble_lines_are_blanked_and_read_in_any_format():
    text = 'nnspec-weights syn0 [[0x1.8p-1, -2.5e-1]]\nError:0.5\n  nnspec-weights synapse_1: 1 2\n'
    clean, found = preamble.extract(text)
    assert clean == '\nError:0.5\n\n'
    assert [(n, line, [t.value for t in toks]) for n, v in found.items() for line, toks in v] == [
        ('syn0', 1, [0.75, -0.25]), ('synapse_1', 3, [1.0, 2.0])]


@pytest.mark.parametrize('text, says', [
    ('nnspec-weights w0 1 2 3\n', 'names w0; this listing\'s matrices are syn0'),
    ('nnspec-weights syn0 1 2\n', 'syn0 on line 1: 2 numbers, the listing\'s syn0 is 3x1 (3, row-major)'),
    ('nnspec-weights syn0 1 2 3\nnnspec-weights syn0 1 2 3\n', 'printed 2 times; the listing has 1 run'),
    ('nnspec-weights syn0 1 nan 3\n', "'nan' is not a finite number"),
])
def test_a_preamble_that_breaks_the_protocol_says_what_and_where(capsys, text, says):
    code, r = check(capsys, TWO, printer(text + '[[0.1] [0.2] [0.3] [0.4]]\n'), 'transcript')
    assert code == 2 and says in only(r)['problem'], only(r)['problem']


def test_the_seeded_weights_in_a_preamble_keep_the_documented_texts(capsys):
    seeded = {j: replay.seeded(j) for j in replay.runs(THREE)}
    docs = ['0.496410031903', '0.00858452565325', '0.00578945986251', '0.00462917677677', '0.00395876528027', '0.00351012256786']
    text = transcript_of(THREE, seeded, []).rstrip() + '\n' + ''.join('Error:%s\n' % d for d in docs)
    code, r = check(capsys, THREE, printer(text), 'transcript')
    o = only(r)
    assert code == 0 and [x['documented_verdict'] for x in o['rows']] == ['exact'] * 6
    assert any("the listing's own, np.random.seed(1)'s" in n for n in o['notes'])


def test_other_weights_are_replayed_and_the_documented_texts_do_not_apply(capsys):
    ws = own_weights(THREE)
    code, txt = check(capsys, THREE, printer(transcript_of(THREE, ws, replay.replayed(THREE, ws))), 'transcript', 'text')
    assert code == 0 and "replayed from the port's own initial weights (nnspec-weights, 2 lines from line 1)" in txt
    assert 'documented text' not in txt.splitlines()[0]
    code, r = check(capsys, THREE, printer(transcript_of(THREE, ws, replay.replayed(THREE, ws))), 'transcript')
    assert {x['documented_verdict'] for x in only(r)['rows']} == {"not documented: replayed from other initial weights than the post's"}
    # the committed numbers (the seeded run) are now wrong: the port printed other weights
    code, r = check(capsys, THREE, printer(transcript_of(THREE, ws, [v['want'] for v in cases.load(THREE, 'transcript')[0]['values']])),
                    'transcript')
    assert code == 1 and only(r)['first']['where'] == 'error@0'
    assert 'though nnspec replayed the listing from the weights the port printed' in only(r)['diagnosis'][-1]


@pytest.mark.parametrize('digits', [6, 10, 14])
def test_weights_printed_with_fewer_digits_limit_the_check_and_never_pass_what_they_cannot_pin(capsys, digits):
    """the port ran from exact weights but printed them rounded: what nnspec verifies, it verifies right."""
    for id_ in (TWO,):
        ws = own_weights(id_)
        exact = replay.replayed(id_, ws)
        code, r = check(capsys, id_, printer(transcript_of(id_, ws, exact, '%%.%dg' % digits)), 'transcript')
        o = only(r)
        note = next(n for n in o['notes'] if n.startswith('the initial weights are printed with %d significant digits' % digits))
        assert o['failed'] == 0, o['first']  # an honest port is never judged wrong, only unverifiable
        assert o['checked'] + o['unverifiable'] == len(exact)
        for row in o['rows']:  # measured: a verified number is as near the exact weights' run as the tolerance says
            assert row.get('unverifiable') or abs(float(row['got']) - float(row['expected'])) <= row['tolerance']
        if digits == 6:
            assert code == 1 and o['unverifiable'] >= 3 and 'print them with 17 significant digits' in o['first']['why']
        if digits == 14:
            assert code == 0 and note.endswith('all %d are verified' % len(exact))
        bug = exact * (1 + 1e-9)  # a real difference: never conformant, whatever the digits
        code, r = check(capsys, id_, printer(transcript_of(id_, ws, bug, '%%.%dg' % digits)), 'transcript')
        assert code == 1


# the example ports: drawn with their own language's generator, checked through each route

def _route_lines(path):
    """{route: lines of code between `nnspec route: <route>` and `nnspec route end`}: what a port author adds."""
    out, route = {}, None
    for line in path.read_text().splitlines():
        m = re.search(r'nnspec route: ([\w-]+)', line)
        if m:
            route = m.group(1)
            out[route] = 0
        elif 'nnspec route end' in line:
            route = None
        elif route:
            out[route] += 1
    return out


@pytest.mark.parametrize('path', ['python/port.py', 'node/port.js', 'c/port.c'])
def test_each_route_is_at_most_five_lines_of_the_port(path):
    counts = _route_lines(EXAMPLES / path)
    assert sorted(counts) == ['preamble', 'weights-file'] and all(0 < n <= 5 for n in counts.values()), counts


def _mutated(tmp_path, path, old, new):
    """a copy of an example port with one expression replaced: a real training bug."""
    text = (EXAMPLES / path).read_text()
    assert text.count(old) == 1, old
    out = tmp_path / path.replace('/', '_')
    out.write_text(text.replace(old, new))
    return out


def _ports(tmp_path, lang):
    """(the port's command, the same port with the sigmoid derivative taken of the output again)."""
    if lang == 'python':
        bug = _mutated(tmp_path, 'python/port.py', 'e * (o * (1 - o))', 'e * (sigmoid(o) * (1 - sigmoid(o)))')
        return [sys.executable, str(EXAMPLES / 'python/port.py')], [sys.executable, str(bug)]
    if lang == 'node':
        if not HAVE_NODE:
            pytest.skip('node is not installed')
        bug = _mutated(tmp_path, 'node/port.js', 'e * (out[i][c] * (1 - out[i][c]))', 'e * (sigmoid(out[i][c]) * (1 - sigmoid(out[i][c])))')
        return ['node', str(EXAMPLES / 'node/port.js')], ['node', str(bug)]
    if not HAVE_GCC:
        pytest.skip('gcc is not installed')
    bug = _mutated(tmp_path, 'c/port.c', '#define DELTA(e, o) ((e) * ((o) * (1 - (o))))', '#define DELTA(e, o) ((e) * (sig(o) * (1 - sig(o))))')
    (tmp_path / 'bug').mkdir()
    return [build_c(tmp_path)], [build_c(tmp_path / 'bug', source=bug)]


@pytest.mark.parametrize('lang, id_, first', [('python', TWO, 'l1[0][0]'), ('node', THREE, 'error@10000'), ('c', THREE, 'error@10000'),
                                              ('c', 'trask-part2/alpha-sweep', 'alpha-0.001/error@10000')])
def test_a_port_with_its_own_generator_conforms_through_each_route_and_a_bug_is_still_named(capsys, monkeypatch, tmp_path, lang, id_, first):
    """the sigmoid derivative taken of the output again: named at its first number (error@0 comes before any update)."""
    port, buggy = _ports(tmp_path, lang)
    monkeypatch.setenv('NNSPEC_EXAMPLE_RNG', 'own')
    monkeypatch.delenv('NNSPEC_EXAMPLE_ROUTE', raising=False)
    code, r = check(capsys, id_, port, 'transcript')
    assert code == 1 and only(r)['rows'][0]['ok'] is False  # as written: another start, wrong from error@0
    for route in ('preamble', 'weights-file'):
        monkeypatch.setenv('NNSPEC_EXAMPLE_ROUTE', route)
        code, r = check(capsys, id_, port, 'transcript')
        o = only(r)
        assert code == 0, o['first']
        assert any(n.startswith("replayed from the port's own initial weights") for n in o['notes']) == (route == 'preamble')
        code, r = check(capsys, id_, buggy, 'transcript')
        o = only(r)
        assert code == 1 and o['first']['where'] == first and o['rows'][0]['ok'] == ('error' in first), (route, o['first'])


@pytest.mark.parametrize('id_', [TWO, THREE, 'trask-part2/two-layer'])
def test_the_replay_from_the_seeded_weights_is_the_committed_transcript(id_):
    """the replay's numbers come in the case's order: from the seeded weights they are the committed values."""
    values = cases.load(id_, 'transcript')[0]['values']
    got = replay.replayed(id_, {j: replay.seeded(j) for j in replay.runs(id_)})
    assert len(got) == len(values)
    assert all(tolerance.close(g, v['want'], v) for g, v in zip(got, values))


def test_a_run_that_is_chaotic_only_from_the_ports_own_weights_is_not_failed(capsys):
    # a javascript port written from the protocol alone, its own generator (mulberry32, seed 18) announced on
    # nnspec-weights lines: from those weights alpha 10's error@10000 moves by 2.6e-08 under a reversed summation,
    # a run the seeded case calls stable; its honest numbers were failed
    text = (Path(__file__).parent / 'data' / 'own_weights_alpha_sweep.txt').read_text()
    code, r = check(capsys, 'trask-part2/alpha-sweep', [sys.executable, '-c', 'import sys; sys.stdout.write(%r)' % text],
                    'transcript')
    o = r['cases'][0]
    assert code == 0 and o['chaotic'] > 0 and o['failed'] == 0, o['first']



def test_a_port_drawing_other_weights_each_run_that_prints_them_is_not_told_to_seed_them(capsys, tmp_path):
    # the preamble is the route for a port's own generator, seeded or not: its bug is named, its seeding is not.
    # the gallery's port, drawing from seed 7 on its first run and 8 on any later one (as an unseeded one would)
    gallery, ran = PORTS / 'gallery', tmp_path / 'ran'
    seeded = (gallery / 'c_derivative_preamble.py').read_text()
    again = seeded.replace('random.Random(7)', 'random.Random(8 if os.path.exists(%r) else 7); open(%r, "w")' % (
        str(ran), str(ran)))
    assert again != seeded
    code, r = check(capsys, THREE, [sys.executable, '-c', 'import os, sys; sys.path.insert(0, %r)\n%s' % (str(gallery), again)],
                    'transcript')
    said = only(r)['diagnosis']
    assert code == 1 and said[0].startswith('reproduced: ') and not any('not deterministic' in d for d in said), said
