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
from nnspec.conformance.testing import check, only
from nnspec.conformance.transcript import _render


@pytest.mark.parametrize('id_', cases.ids('transcript'))
def test_the_listing_prints_every_number_with_its_own_printer(capsys, id_):
    doc, _ = cases.load(id_, 'transcript')
    code, r = check(capsys, id_, [sys.executable, '-m', 'reference.' + doc['run']], 'transcript')
    o = only(r)
    assert code == 0 and o['checked'] + o['chaotic'] == len(doc['values']) and not o.get('extra_numbers'), o['first']
    ref = runs.run(doc['run'])
    for value, row in zip(doc['values'], o['rows']):
        a = np.asarray(ref[value['quantity']], dtype=float)
        mine = float(a[tuple(value['index'])] if value['index'] else a)
        assert row['got'] == _render(value['printer'], mine), (value['quantity'], value['index'])
    documented = [x for x in o['rows'] if x.get('documented') is not None]
    assert all(x['documented_verdict'] == 'exact' or 'off' in x['documented_verdict'] or x.get('chaotic') for x in documented)
