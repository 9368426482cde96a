"""the gallery of wrong ports: each rejected, its first wrong number named."""
import json
import sys

import pytest

from nnspec.conformance.testing import PORTS, check, only

GALLERY = json.loads((PORTS / 'gallery' / 'gallery.json').read_text())['ports']


@pytest.mark.parametrize('entry', GALLERY, ids=[g['port'] for g in GALLERY])
def test_gallery_port_is_rejected_naming_its_first_wrong_number(capsys, entry):
    code, r = check(capsys, entry['case'], [sys.executable, str(PORTS / 'gallery' / entry['port'])])
    o = only(r)
    assert code == 1 and o['status'] == 'not conformant', o['problem']
    assert o['first']['where'] == entry['first_wrong']
    assert o['setup'] == entry.get('setup', False)


def test_gallery_text_report_names_the_cause(capsys):
    entry = next(g for g in GALLERY if g['port'] == 'alpha_dropped.py')
    code, text = check(capsys, entry['case'], [sys.executable, str(PORTS / 'gallery' / entry['port'])], 'json', 'text')
    assert code == 1
    # alpha 10 expected, alpha 1's error got (the last digits are the stack's)
    assert 'first diverged at error@100: expected 0.05258771580475' in text and ', got 0.45793236521017' in text
    assert '0 digits agree' in text


def test_float32_is_called_a_precision_problem_not_a_setup_problem(capsys):
    code, text = check(capsys, 'quick/trask-part1/three-layer', [sys.executable, str(PORTS / 'gallery' / 'float32.py')],
                       'json', 'text')
    assert code == 1 and 'a precision problem' in text and 'setup problem' not in text


def test_wrong_draw_order_is_a_setup_problem(capsys):
    code, text = check(capsys, 'quick/trask-part1/three-layer', [sys.executable, str(PORTS / 'gallery' / 'wrong_draw_order.py')],
                       'json', 'text')
    assert code == 1 and 'setup problem: every one of the 30 numbers is off, from the first (error@0' in text
    assert text.count('\n') < 10  # not thirty failures
