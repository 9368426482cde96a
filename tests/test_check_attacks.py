"""wrong ports that nnspec check once called conformant (or unsupported), each now rejected with its cause."""
import json
import math

from nnspec.conformance import cases, numbers
from nnspec.conformance.testing import check, fake, only

QUICK = 'quick/trask-part1/three-layer'
THREE = 'trask-part1/three-layer'
PRINTED = ['0.496410031903', '0.00858452565325', '0.00578945986251', '0.00462917677677',
           '0.00395876528027', '0.00351012256786']  # the listing's own printout


def printer(text, status=0):
    return fake('import sys; sys.stdout.write(%r); sys.exit(%d)' % (text, status))


def expected(id_=QUICK):
    return json.loads(cases.expected_path(id_).read_text())['answer']


def test_a_unicode_minus_is_a_minus(capsys):
    # .NET (sv-SE, fi-FI), ICU and swift print U+2212: it was skipped as text, so -0.4964 read as 0.4964 and passed
    assert [t.value for t in numbers.tokens('\u22120.5 [\uff0d2, \ufe633e-1]')] == [-0.5, -2.0, -0.3]
    code, r = check(capsys, THREE, printer(''.join('Error:\u2212%s\n' % t for t in PRINTED)), 'transcript')
    o = only(r)
    assert code == 1 and o['failed'] == 6 and o['first']['got'] == '-0.496410031903'
    assert o['diagnosis'][0].startswith("sign: every number that is off is the reference's own value negated")


def test_colour_codes_neither_read_nor_hide_numbers(capsys):
    assert [t.text for t in numbers.tokens('\x1b[1;32mError:\x1b[0m\x1b[33m0.25\x1b[0m \x1b]0;title 7\x07')] == ['0.25']
    code, r = check(capsys, THREE, printer(''.join('Error:\x1b[32m%s\x1b[0m\n' % t for t in PRINTED)), 'transcript')
    assert code == 0 and only(r)['checked'] == 6  # it was "the port printed no numbers"
