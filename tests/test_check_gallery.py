"""the gallery: wrong ports (and traps for the checker), each with its verdict, first wrong number and cause."""
import json
import sys

import pytest

from nnspec.conformance import formats
from nnspec.conformance.outcome import Outcome
from tests.checking import PORTS, check, only

# ports and whole listings run as programs: the same on every python, run once in ci (tox -e heavy)
pytestmark = pytest.mark.heavy

GALLERY = json.loads((PORTS / 'gallery' / 'gallery.json').read_text())['ports']


_RUNS = {}


def run(capsys, entry, fmt):
    """(exit code, report) of the port on its case; each port runs once, its text report made from the json one."""
    key = (entry['port'], entry.get('mode', 'json'), entry['case'])
    if key not in _RUNS:
        _RUNS[key] = check(capsys, entry['case'], [sys.executable, str(PORTS / 'gallery' / entry['port'])],
                           entry.get('mode', 'json'), 'json')
    code, r = _RUNS[key]
    return code, (json.loads(json.dumps(r)) if fmt == 'json' else formats.text([Outcome.from_dict(c) for c in r['cases']]))


@pytest.mark.parametrize('entry', GALLERY, ids=[g['port'] + ('' if g.get('mode', 'json') == 'json' else ':' + g['mode']) for g in GALLERY])
def test_gallery_port_gets_its_verdict_and_its_cause(capsys, entry):
    code, r = run(capsys, entry, 'json')
    o = only(r)
    assert code == entry.get('code', 1) and o['problem'] is None, o['problem']
    if 'first_wrong' in entry:
        assert o['first']['where'] == entry['first_wrong'], o['first']
    if 'says' in entry:
        _, text = run(capsys, entry, 'text')
        assert entry['says'] in text, text


def test_alpha_dropped_names_the_numbers(capsys):
    entry = next(g for g in GALLERY if g['port'] == 'alpha_dropped.py')
    code, text = run(capsys, entry, 'text')
    assert code == 1
    # alpha 10 expected, alpha 1's error got (the last digits are the stack's)
    assert 'first diverged at error@100: expected 0.05258771580475' in text and ', got 0.45793236521017' in text
    assert '0 digits agree' in text


def test_float32_is_a_precision_problem_not_a_setup_problem(capsys):
    code, text = run(capsys, next(g for g in GALLERY if g['port'] == 'float32.py'), 'text')
    assert code == 1 and 'precision: the numbers that are off still agree to' in text and 'setup' not in text


def test_json_mode_never_blames_the_data_nnspec_sent(capsys):
    for entry in GALLERY:
        if entry.get('mode', 'json') == 'json' and entry['port'] in ('wrong_draw_order.py', 'signed_mean_float32.py'):
            code, text = run(capsys, entry, 'text')
            assert code == 1 and 'setup' not in text and 'check the data' not in text
            assert text.count('\n') < 16  # a cause, not thirty failures


def test_signed_mean_in_float32_names_both_causes(capsys):
    code, text = run(capsys, next(g for g in GALLERY if g['port'] == 'signed_mean_float32.py'), 'text')
    assert 'error measure' in text and 'float32' in text, text


def test_a_wrong_run_printed_coarsely_is_off_not_unverifiable(capsys):
    code, r = run(capsys, next(g for g in GALLERY if g['port'] == 'coarse_wrong_run.py'), 'json')
    o = only(r)
    assert code == 1 and o['failed'] == 6 and o['unverifiable'] == 0, (o['failed'], o['unverifiable'])
    assert all(x['why'].startswith('off even at the ') for x in o['rows']), [x['why'] for x in o['rows']]  # %g: 5 or 6


def test_weights_that_are_short_decimals_verify_every_number(capsys):
    code, r = run(capsys, next(g for g in GALLERY if g['port'] == 'short_decimal_weights.py'), 'json')
    o = only(r)
    assert code == 0 and o['checked'] == 6 and o['unverifiable'] == 0, o


def test_the_gallery_table_benchmark_prints_each_entrys_verdict_and_cause():
    import subprocess
    from nnspec.spec import ROOT
    ran = subprocess.run([sys.executable, str(ROOT / 'benchmarks' / 'gallery_table.py'), '--only', 'integer_division'],
                         cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    lines = ran.stdout.splitlines()
    assert lines[:2] == ['| port | case | verdict | named cause | first wrong: digits |', '| --- | --- | --- | --- | --- |']
    assert len(lines) == 3 and lines[2].startswith('| `integer_division.py` | quick/trask-part1/three-layer | not conformant | '
                                                   "reproduced: the port's numbers are what the listing computes with the "
                                                   'mean error by integer division'), ran.stdout + ran.stderr
    assert lines[2].endswith('| error@0: 0 |')
