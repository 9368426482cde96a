"""every documented number, printed by the listing's own printer, against its recorded verdict.

reproduced: the printer writes the documented text exactly. off: it does not,
and no fewer digits agree than recorded. unreadable: nothing to compare.
claims: the check holds or fails as recorded.
"""
import numpy as np
import pytest

from nnspec import runs, spec
from nnspec.verdict import measure

ENTRIES = spec.entries()


@pytest.mark.parametrize('entry', [e for _, e in ENTRIES], ids=[e['id'] for _, e in ENTRIES])
def test_verdict(entry):
    recorded, now = entry['verdict'], measure(entry)
    status = recorded['status']
    if status == 'reproduced':
        assert now['status'] == 'reproduced', 'documented %r, the reference prints %r' % (entry['documented'], now.get('measured'))
    elif status == 'off':
        assert now['status'] != 'reproduced', 'now reproduces on this stack: record it with `nnspec measure --write`'
        assert now['digits'] >= recorded['digits'], 'worse than recorded: %d digits agree, %d recorded (prints %r)' % (
            now['digits'], recorded['digits'], now['measured'])
    elif status == 'unreadable':
        # the document lost it; the reference must still compute it, for the report and the ports
        value = runs.value(entry['run'], entry['quantity'], entry.get('index'))
        assert np.isfinite(value), '%s: the reference gives %r' % (entry['id'], value)
    else:
        assert now['status'] == status, 'claim %s: recorded %s, now %s (%s)' % (entry['id'], status, now['status'], now.get('measured'))
