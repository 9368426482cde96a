"""every documented number, printed by the listing's own printer, against its recorded verdict.

reproduced: the printer writes the documented text exactly. off: it does not,
and no fewer digits agree than recorded. unreadable: nothing to compare, but the
reference still computes the value. claims: the check holds or fails as recorded.

verdicts are a blas kernel's (nnspec.kernels): the reference kernel's in
spec/values, another recorded kernel's in spec/kernels. on a kernel nobody
recorded, a value that moves with the kernel (spec/sensitivity.json classes it
sensitive, or a recorded kernel prints it otherwise) is skipped, named; every
other value is held to its verdict everywhere.
"""
import numpy as np
import pytest

from nnspec import kernels, runs, spec
from nnspec.verdict import measure

DOCUMENTS = spec.documents()
ENTRIES = [(name, e) for name, doc in DOCUMENTS.items() for e in doc['entries']]
EXPECT = kernels.Expectation(DOCUMENTS, kernels.directory())


@pytest.mark.parametrize('name, entry', ENTRIES, ids=[e['id'] for _, e in ENTRIES])
def test_verdict(name, entry):
    recorded = EXPECT.verdict(entry)
    if recorded is None:
        pytest.skip('moves with the blas kernel; ' + EXPECT.describe())
    now = measure(entry)
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
