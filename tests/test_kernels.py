"""verdicts per blas kernel: the reference's, a recorded kernel's differences, and what an unrecorded one cannot compare."""
import json
import shutil

import pytest

from nnspec import kernels, measure, report, spec, stack

DOCS = spec.documents()
REFERENCE = {stack.kernel_key(d['measured_on']) for d in DOCS.values()}.pop()
RECORDED = kernels.recorded(kernels.directory())
ENTRIES = {e['id']: e for _, e in spec.entries()}


def _expect(key):
    return kernels.Expectation(DOCS, kernels.directory(), key=key)


def test_the_reference_kernel_is_held_to_spec_values():
    expect = _expect(REFERENCE)
    assert expect.status == 'reference'
    assert all(expect.verdict(e) == e['verdict'] for e in ENTRIES.values())


def test_a_recorded_kernel_is_held_to_its_own_verdicts_where_they_differ():
    assert RECORDED, 'spec/kernels records no kernel'
    assert any(doc['verdicts'] for _, doc in RECORDED.values()), 'no recorded kernel differs: the overlay is untested'
    for key, (path, doc) in RECORDED.items():  # one that sums alike records no difference: held to spec/values
        expect = _expect(key)
        assert expect.status == 'recorded'
        for id_, e in ENTRIES.items():
            assert expect.verdict(e) == doc['verdicts'].get(id_, e['verdict'])
        # what differs there is what moves: sensitive values, and claims quoting the same runs' numbers
        assert {ENTRIES[i]['run'] for i in doc['verdicts'] if not ENTRIES[i].get('claim')} <= {
            'trask_part2_alpha_sweep', 'trask_part2_closer_look', 'trask_part2_hidden_size'}


def test_an_unrecorded_kernel_compares_no_number_that_moves():
    expect = _expect('x86_64|openblas|Imaginary|AVX2')
    assert expect.status == 'not recorded'
    moving = kernels.sensitive_ids().union(*(set(d['verdicts']) for _, d in RECORDED.values()))
    for id_, e in ENTRIES.items():
        held = expect.verdict(e)
        if e.get('claim'):
            assert held == {'status': e['verdict']['status']}
        elif id_ in moving:
            assert held is None
        else:
            assert held == e['verdict']
    sweep = ENTRIES['trask-part2/alpha-sweep/alpha-100/error@10000']
    assert expect.verdict(sweep) is None and not expect.differs(sweep, {'status': 'reproduced'})
    claim = next(e for e in ENTRIES.values() if e.get('claim') and e['verdict']['status'] == 'holds')
    assert not expect.differs(claim, dict(claim['verdict'], measured='other figures of this kernel'))
    assert expect.differs(claim, {'status': 'fails', 'measured': claim['verdict'].get('measured', '')})
    stable = ENTRIES['trask-part1/three-layer/error@0']
    assert expect.differs(stable, dict(stable['verdict'], measured='0.5'))


def test_a_kernel_file_named_for_another_kernel_is_refused(tmp_path):
    (path, doc), = [v for v in RECORDED.values()][:1]
    shutil.copy(str(path), str(tmp_path / 'x86_64-openblas-Imaginary-AVX2.json'))
    with pytest.raises(spec.SpecError, match='names kernel .* the file is named for another'):
        kernels.recorded(tmp_path)
    (tmp_path / 'x86_64-openblas-Imaginary-AVX2.json').write_text(json.dumps({'verdicts': {}}), encoding='utf-8')
    with pytest.raises(spec.SpecError, match='measured_on'):
        kernels.recorded(tmp_path)


@pytest.fixture
def suite(tmp_path):
    shutil.copytree(str(spec.VALUES), str(tmp_path / 'values'))
    shutil.copytree(str(kernels.directory()), str(tmp_path / 'kernels'))
    return tmp_path


def test_measure_on_an_unrecorded_kernel_records_it_and_leaves_spec_values(suite, monkeypatch):
    imaginary = dict(stack.describe(), arithmetic=dict(stack.arithmetic(), blas='imaginary-blas 0.1'))
    monkeypatch.setattr(stack, 'describe', lambda: imaginary)
    before = {p.name: p.read_bytes() for p in (suite / 'values').iterdir()}
    changes, docs = measure.remeasure(suite / 'values', write=True)
    assert changes == []  # nothing that could be compared changed
    written = suite / 'kernels' / (stack.kernel_name(imaginary) + '.json')
    assert list(docs) == [written] and written.exists()
    assert {p.name: p.read_bytes() for p in (suite / 'values').iterdir()} == before
    recorded = spec.load_json(written)
    # this stack runs the one kernel it runs: what differs from the reference is this kernel's own difference
    here = _expect(stack.kernel_key()).status
    assert here != 'reference' or recorded['verdicts'] == {}
    again = kernels.Expectation(spec.documents(suite / 'values'), suite / 'kernels', key=stack.kernel_key(imaginary))
    assert again.status == 'recorded'
    rows = report.rows(suite / 'values')
    assert not any(r['changed'] for r in rows) and all(r['comparable'] for r in rows)


def test_a_changed_stable_number_is_a_change_on_every_kernel(suite, monkeypatch):
    path = suite / 'values' / 'trask-part1.json'
    doc = json.loads(path.read_text(encoding='utf-8'))
    doc['entries'][0]['verdict'] = {'status': 'off', 'measured': 'x', 'digits': 0, 'distance': 1.0}
    path.write_text(json.dumps(doc), encoding='utf-8')
    for blas in ('imaginary-blas 0.1', stack.arithmetic()['blas']):  # an unrecorded arithmetic, and this one
        here = dict(stack.describe(), arithmetic=dict(stack.arithmetic(), blas=blas))
        monkeypatch.setattr(stack, 'describe', lambda d=here: d)
        changes, _ = measure.remeasure(suite / 'values')
        assert [c[1] for c in changes] == [doc['entries'][0]['id']], blas
        monkeypatch.undo()
