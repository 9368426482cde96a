"""the badge nnspec check writes: a static svg and a shields.io endpoint json, coloured by the exit code."""
import json
import xml.etree.ElementTree as ET

import pytest

from nnspec import badge, cli
from nnspec.conformance import cases
from tests.checking import PART1, PART2, planned

SVG = '{http://www.w3.org/2000/svg}'


def run(capsys, tmp_path, plan, *extra, case=(PART1, PART2)):
    svg, endpoint = tmp_path / 'badge.svg', tmp_path / 'badge.json'
    argv = ['check', '--mode', 'json', '--badge', svg, '--badge-json', endpoint, *extra]
    for c in case:
        argv += ['--case', c]
    code = cli.main([str(a) for a in argv + ['--', *planned(plan)]])
    err = capsys.readouterr().err
    return code, svg, endpoint, err


def said(svg):
    """the svg's title, its aria-label, the colour of its right half, and every text it draws."""
    root = ET.parse(str(svg)).getroot()
    fills = [p.get('fill') for p in root.iter(SVG + 'path')]
    return (root.find(SVG + 'title').text, root.get('aria-label'), fills[1],
            sorted({t.text for t in root.iter(SVG + 'text')}))


@pytest.mark.parametrize('plan, code, colour, hex_', [
    ({}, 0, 'brightgreen', '#4c1'),
    ({PART2: 'off'}, 1, 'red', '#e05d44'),
    ({PART2: 'crash'}, 2, 'lightgrey', '#9f9f9f'),
])
def test_the_badge_counts_the_conformant_cases_and_is_coloured_by_the_exit_code(capsys, tmp_path, plan, code, colour, hex_):
    got, svg, endpoint, _ = run(capsys, tmp_path, plan)
    conformant = 3 - len(plan)
    message = 'quick · %d/3' % conformant
    assert got == code
    assert json.loads(endpoint.read_text()) == {'schemaVersion': 1, 'label': 'nnspec', 'message': message, 'color': colour}
    assert said(svg) == ('nnspec: ' + message, 'nnspec: ' + message, hex_, ['nnspec', message])


def test_against_expectations_the_colour_follows_the_check(capsys, tmp_path):
    expected = tmp_path / 'e.yaml'
    assert run(capsys, tmp_path, {PART2: 'off'}, '--write-expectations', expected)[0] == 0
    code, svg, endpoint, _ = run(capsys, tmp_path, {PART2: 'off'}, '--expectations', expected)
    assert code == 0 and json.loads(endpoint.read_text())['color'] == 'brightgreen'  # the expected failure: green, 2/3
    assert json.loads(endpoint.read_text())['message'] == 'quick · 2/3'
    code, svg, endpoint, _ = run(capsys, tmp_path, {}, '--expectations', expected, '--strict')
    assert code == 1 and json.loads(endpoint.read_text()) ['color'] == 'red'


def test_the_same_check_gives_the_same_bytes(capsys, tmp_path):
    _, svg, endpoint, _ = run(capsys, tmp_path, {PART2: 'off'})
    first = svg.read_bytes(), endpoint.read_bytes()
    _, svg, endpoint, _ = run(capsys, tmp_path, {PART2: 'off'})
    assert (svg.read_bytes(), endpoint.read_bytes()) == first
    assert b'nnspec-badge' in first[0]  # anybadge's mask id, numbered per process, is fixed


def test_the_badge_names_its_cases_by_their_common_prefix_or_by_badge_name(capsys, tmp_path):
    assert badge.selection(cases.match('trask-part2/**', 'json')) == 'trask-part2'
    assert badge.selection(['quick/trask-part1/two-layer', 'quick/trask-part1/three-layer']) == 'quick/trask-part1'
    assert badge.selection(['trask-part1/two-layer']) == 'trask-part1/two-layer'
    assert badge.selection(['miniflow/quiz/add', 'shamdasani/train']) == ''
    assert badge.selection(['trask-part1/two', 'trask-part1/two-layer']) == 'trask-part1'  # whole parts, not letters
    _, _, endpoint, _ = run(capsys, tmp_path, {}, case=[PART1])
    assert json.loads(endpoint.read_text())['message'] == 'quick/trask-part1 · 2/2'
    _, _, endpoint, _ = run(capsys, tmp_path, {}, case=[PART1, 'trask-part1/two-layer'])
    assert json.loads(endpoint.read_text())['message'] == '3/3'
    _, _, endpoint, _ = run(capsys, tmp_path, {}, '--badge-name', 'my port', case=[PART1])
    assert json.loads(endpoint.read_text())['message'] == 'my port · 2/2'


def test_a_broken_suite_leaves_the_badge_as_it_was(capsys, tmp_path, broken_case):
    run(capsys, tmp_path, {})
    before = (tmp_path / 'badge.svg').read_bytes(), (tmp_path / 'badge.json').read_bytes()
    broken_case(PART2)
    code, svg, endpoint, err = run(capsys, tmp_path, {})
    assert code == 3 and (svg.read_bytes(), endpoint.read_bytes()) == before
    assert '%s not written: nnspec\'s own case data is broken (exit 3)' % svg in err


@pytest.mark.parametrize('extra, message', [
    (['--badge-name', ''], "--badge-name '': a name of 1 to 60 printable characters"),
    (['--badge-name', 'a\x1b[31m'], 'a name of 1 to 60 printable characters'),
    (['--badge', 'no-such-dir/b.svg'], 'no-such-dir/b.svg: its directory'),
    (['--badge', 'b.json', '--badge-json', 'b.json'], 'one file named for two outputs: b.json, b.json'),
])
def test_badges_asked_wrongly_are_usage_errors_before_any_port_runs(capsys, tmp_path, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    ran = tmp_path / 'ran'
    code = cli.main(['check', '--mode', 'json', '--case', PART1, *extra, '--', *planned({})[:2],
                     planned({})[2] + '\nopen(%r, "w").close()' % str(ran)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and not ran.exists(), err
