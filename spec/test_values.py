"""every documented number, printed by the listing's own printer, against its recorded verdict.

reproduced: the printer writes the documented text exactly. off: it does not,
and no fewer digits agree than recorded. unreadable: nothing to compare, but the
reference still computes the value. claims: the check holds or fails as recorded.

verdicts are recorded on one stack (`measured_on` in each values file). on a
stack with another blas kernel or cpu, a value that spec/sensitivity.json
classes as sensitive (its printed digits move under equivalent arithmetic) is
skipped, named; every other value is held to its verdict everywhere.
"""
import numpy as np
import pytest

from nnspec import runs, spec, stack
from nnspec.verdict import measure

DOCUMENTS = spec.documents()
ENTRIES = [(name, e) for name, doc in DOCUMENTS.items() for e in doc['entries']]
SENSITIVITY = spec.ROOT / 'spec' / 'sensitivity.json'
CLASSES = ({r['id']: r['class'] for r in spec.load_json(SENSITIVITY)['entries']}
           if SENSITIVITY.exists() else {})


def _foreign(name):
    recorded = DOCUMENTS[name].get('measured_on')
    return recorded is not None and stack.kernel_key(recorded) != stack.kernel_key()


@pytest.mark.parametrize('name, entry', ENTRIES, ids=[e['id'] for _, e in ENTRIES])
def test_verdict(name, entry):
    if _foreign(name) and CLASSES.get(entry['id']) == 'sensitive':
        pytest.skip('sensitive value; verdict recorded under kernel %s, this stack runs %s'
                    % (stack.kernel_key(DOCUMENTS[name]['measured_on']), stack.kernel_key()))
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
