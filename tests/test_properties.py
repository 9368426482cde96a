"""property tests (hypothesis, fixed seed, bounded examples): the number reader, the printers, the json
answer checker and the spec-data loader never raise on odd input and keep their promises on any float."""
import json
import math
import time

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnspec import spec
from nnspec.conformance import cases
from nnspec.conformance.json_mode import trask
from nnspec.conformance.transcript_mode import labels, numbers
from nnspec.conformance.port_process import Run
from nnspec.printing import py3_str, render
from nnspec.reference.printers import py2_str

SETTINGS = settings(derandomize=True, max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
finite = st.floats(allow_nan=False, allow_infinity=False)
QUICK = 'quick/trask-part1/three-layer'
ALPHA_VALUES = cases.load('trask-part2/alpha-sweep', 'transcript')[0]['values']


@SETTINGS
@given(finite, st.sampled_from(['%r', '%.12g', '%e', 'hex']), st.sampled_from([' ', ', ', '[', '\n', ': ']))
def test_the_reader_gets_back_every_printed_float(x, fmt, sep):
    text = x.hex() if fmt == 'hex' else (repr(x) if fmt == '%r' else fmt % x)
    got = numbers.tokens('Error after 10 iterations' + sep + text + sep, [r'Error\s+after\s+[\d,_]+\s+iterations?'])
    assert [t.text for t in got] == [text]
    assert abs(got[0].value - x) <= numbers.half_unit(text) * (1 + 1e-9)


@SETTINGS
@given(st.text(alphabet='0123456789.eExXpP+-_ abcnaif\n,[]', max_size=300))
def test_the_reader_never_raises_and_every_token_is_a_number(text):
    for t in numbers.tokens(text):
        assert isinstance(t.value, float) and t.line >= 1 and t.column >= 1
        assert not math.isnan(t.value) or t.text.lstrip('+-').lower() == 'nan'


@SETTINGS
@given(finite)
def test_the_printers_round_trip(x):
    assert float(py3_str(x)) == x
    assert abs(float(py2_str(np.float64(x))) - x) <= numbers.half_unit(py2_str(np.float64(x))) * 1.0001 + abs(x) * 1e-15
    assert render('py2-str', np.array([[x]]), [0, 0]) == py2_str(np.float64(x))


@SETTINGS
@given(st.one_of(finite, st.integers(min_value=-10 ** 400, max_value=10 ** 400).map(str),
                 st.sampled_from(['1e400', '-1e400', '0e400', '1' + '0' * 5000, '"0.5"', 'null', 'true', '[]'])))
def test_the_answer_checker_gives_a_verdict_for_any_number(number):
    case, expected = cases.load(QUICK, 'json')
    answer = expected['answer']
    text = json.dumps(answer).replace(repr(answer['checkpoints'][1]['error']), str(number), 1)
    out = trask.check(case, expected, Run(argv=['port'], stdout=text.encode(), returncode=0))
    assert out.code in (0, 1, 2)


json_values = st.recursive(st.none() | st.booleans() | finite | st.integers() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                           max_leaves=10)


@SETTINGS
@given(st.one_of(json_values.map(json.dumps), st.text(max_size=80), st.binary(max_size=80)))
def test_the_spec_loader_reads_or_names_the_file(tmp_path, content):
    path = tmp_path / 'doc.json'
    path.write_bytes(content if isinstance(content, bytes) else content.encode('utf-8', 'surrogatepass'))
    try:
        spec.load_json(path)
    except spec.SpecError as e:
        assert str(path) in str(e)


def _glob_reference(pattern, id_):
    """a --case glob, by dynamic programming: `**` any text, `*` any text within a /-part, `?` one character of one."""
    import re as re_
    parts = [p for p in re_.split(r'(\*\*+|\*|\?)', pattern) if p]
    reach = {0}
    for p in parts:
        nxt = set()
        for i in reach:
            if p.startswith('**'):
                nxt |= set(range(i, len(id_) + 1))
            elif p == '*':
                j = i
                nxt.add(j)
                while j < len(id_) and id_[j] != '/':
                    j += 1
                    nxt.add(j)
            elif p == '?':
                if i < len(id_) and id_[i] != '/':
                    nxt.add(i + 1)
            elif id_.startswith(p, i):
                nxt.add(i + len(p))
        reach = nxt
    return len(id_) in reach


@SETTINGS
@given(st.text(alphabet='*?/ab-.', max_size=60), st.text(alphabet='/ab-.', max_size=40))
def test_a_case_glob_matches_as_documented_in_linear_time(pattern, id_):
    started = time.perf_counter()
    rx = cases.glob(pattern)
    got = rx is not None and bool(rx.fullmatch(id_))
    assert got == _glob_reference(pattern, id_)
    assert time.perf_counter() - started < 0.5


@settings(SETTINGS, max_examples=30)
@given(st.lists(st.sampled_from(['Training', 'With', 'Alpha', ' ', '\t', ':', '0.01', '1e', 'x', '\n']), max_size=200),
       st.integers(min_value=0, max_value=40000), st.sampled_from(['x', ':', ': x', '\n', '']))
def test_the_alpha_label_check_is_linear_on_any_output(pieces, spaces, tail):
    text = ''.join(pieces) * 20 + 'Training With Alpha' + ' \t'[spaces % 2] * spaces + tail
    started = time.perf_counter()
    labels.alpha_problem(text, ALPHA_VALUES)
    assert time.perf_counter() - started < 1.0


HOSTILE = ['\x1b', '\x1b]0;owned\x07', '\x1b[2J', '\x9b', '\x07', '\x00', '\r', '\n', '\t', '|', '<', '&', '"', ']]>',
           '<![CDATA[', '\ud800', '\udfff', '\ud83d', '\u202e', '\u2066', '\u2028', '\ufffe', '\uffff', '\x85', '−', '数']
hostile = st.lists(st.characters(exclude_categories=()) | st.sampled_from(HOSTILE), max_size=20).map(''.join)


def _raw(text):
    """characters a report must never carry raw: controls but newline and tab, c1, surrogates, bidi overrides."""
    return [c for c in text if (ord(c) < 32 and c not in '\n\t') or 0x7f <= ord(c) <= 0x9f or 0xd800 <= ord(c) <= 0xdfff
            or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]


@st.composite
def outcomes(draw):
    """finished outcomes whose every text (case id, problem, stderr, notes, rows) may be hostile."""
    from nnspec import exit_codes
    from nnspec.conformance import outcome
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        o = outcome.Outcome(draw(hostile), draw(st.sampled_from(['json', 'transcript'])))
        for k in range(draw(st.integers(min_value=0, max_value=3))):
            o.rows.append(outcome.row(draw(hostile), draw(hostile | finite.map(repr)), draw(hostile | finite.map(repr)),
                                      draw(st.booleans()), why=draw(hostile), line=k + 1))
        o.notes = draw(st.lists(hostile, max_size=2))
        o = outcome.finish(o, draw(st.none() | hostile))
        o.diagnosis += draw(st.lists(hostile, max_size=2))
        code = draw(st.sampled_from([None, exit_codes.PORT_BROKEN, exit_codes.SUITE_BROKEN, outcome.UNSUPPORTED]))
        if code is not None:
            o = outcome.broken(o, draw(hostile), code)
            o.stderr = draw(hostile)
        o.port_seconds, o.seconds = draw(st.none() | finite), draw(st.none() | finite)
        out.append(o)
    return out


@SETTINGS
@given(outcomes())
def test_report_writers_show_any_text_and_never_pass_a_control_on(found):
    import xml.etree.ElementTree as ET
    from nnspec.conformance import formats
    from nnspec.conformance.shown import printable
    for fmt, write in sorted(formats.FORMATS.items()):
        text = write(found)
        assert not _raw(text), (fmt, _raw(text))
        text.encode('utf-8')  # strict: no lone surrogate left
        if fmt == 'junit':
            cases_ = list(ET.fromstring(text).iter('testcase'))
            assert [c.get('name') for c in cases_] == [printable(o.case) for o in found] and text.isascii()
        elif fmt == 'json':
            doc = json.loads(text, parse_constant=lambda c: 1 / 0)
            assert [c['problem'] for c in doc['cases']] == [o.problem and printable(o.problem) for o in found]
        elif fmt == 'markdown':
            assert len(text.split('\n')) == len(found) + 4  # header, rule, a row per case, blank, summary
