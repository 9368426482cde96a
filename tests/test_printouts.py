"""every listing's printing path, pinned: `python -m reference.<run>` checked as a port, in transcript mode.

the spec tests hold the reference's floats; this holds what the listings print of them: each number printed
is the listing's printer applied to the reference's float (computed here, in process), and the printout is
conformant. a changed print statement (a label, a printer, a value printed twice) fails here.
"""
import sys

import numpy as np
import pytest

from nnspec import runs
from nnspec.conformance import cases
from tests.checking import check, only
from nnspec.conformance.transcript_mode.compare import _render, listing_text
from nnspec.printing import render

# ports and whole listings run as programs: the same on every python, run once in ci (tox -e heavy)
pytestmark = pytest.mark.heavy


@pytest.mark.parametrize('id_', cases.ids('transcript'))
def test_the_listing_prints_every_number_with_its_own_printer(capsys, id_):
    doc, _ = cases.load(id_, 'transcript')
    code, r = check(capsys, id_, [sys.executable, '-m', 'reference.' + doc['run']], 'transcript')
    o = only(r)
    assert code == 0 and o['checked'] + o['chaotic'] == len(doc['values']) and not o.get('extra_numbers'), o['first']
    ref = runs.run(doc['run'])
    for value, row in zip(doc['values'], o['rows']):
        if value['quantity'] not in ref:  # a quiz's inputs (python ints), a loop's printout (shamdasani's every
            # iteration): the case holds them, and the listing prints them in its format
            assert float(row['got']) == value['want'] or row['got'] == listing_text(value), value['quantity']
            continue
        raw = ref[value['quantity']]  # the whole array: numpy's print of an element depends on the others
        text = render(value['printer'], np.asarray(raw), value['index']) if value['index'] else _render(value['printer'], raw)
        assert row['got'] == text, (value['quantity'], value['index'])
    documented = [x for x in o['rows'] if x.get('documented') is not None]
    # byte-exact, or the listing's format of the same value ('-9.' where the notes typed '-9'), or off as recorded
    assert all(x['documented_verdict'] == 'exact' or x['documented_verdict'].startswith("the listing's format")
               or 'off' in x['documented_verdict'] or x.get('chaotic') for x in documented), documented
