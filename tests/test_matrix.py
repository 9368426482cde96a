"""nnspec.evidence.matrix: the stacks it covers, how it reads reports, and the committed docs/matrix.*."""
import json

import pytest

from nnspec import spec
from nnspec.evidence import matrix


def fake_report(change=None):
    """a report as `nnspec report --format json` writes it, from the recorded verdicts."""
    rows = []
    for _, e in spec.entries():
        now = dict(e['verdict'])
        if change and e['id'] in change:
            now = {'status': 'off', 'measured': change[e['id']], 'digits': 3}
        rows.append({'id': e['id'], 'now': now})
    return {'stack': {'python': '3.x', 'numpy': 'n'}, 'entries': rows}


SENSITIVE = 'trask-part2/hidden-size/alpha-10/error@10000'
STABLE = 'trask-part2/hidden-size/alpha-1/error@10000'
NUMPY = 'trask-part2/alpha-sweep/alpha-100/error@10000'


@pytest.fixture(scope='module')
def data():
    documented = {e['id']: e.get('documented') for _, e in spec.entries()}
    results = {
        'a': dict(python='3.11', numpy='2', kernel='inherited', **fake_report({SENSITIVE: documented[SENSITIVE]})),
        'b': dict(python='3.11', numpy='2', kernel='Haswell', **fake_report({SENSITIVE: '0.00224'})),
        'd': dict(python='3.11', numpy='1', kernel='inherited', **fake_report({SENSITIVE: documented[SENSITIVE],
                                                                               NUMPY: '0.125476983854'})),
        'c': dict(python='3.13', numpy='1.26.4', kernel='inherited', error='no wheel'),
    }
    return matrix.build(results)


def test_stacks_cover_python_3_9_to_3_13_oldest_and_newest_numpy():
    names = [s[0] for s in matrix.stacks()]
    for py in ['3.9', '3.10', '3.11', '3.12', '3.13']:
        assert len([n for n in names if n.startswith('py%s-np' % py) and n.count('-') == 1]) == 2
    kernels = {s[3] for s in matrix.stacks() if s[1:3] == ('3.11', '2.4.6')}
    assert {'unset', 'Haswell', 'Sandybridge', 'Prescott'} <= kernels
    assert any(py == '3.13' and np_.startswith('1.') for py, np_, _ in matrix.NO_WHEEL.values())


def test_values_are_split_by_where_they_reproduce(data):
    v = matrix.verdicts(data)
    ids = {k: [e['id'] for e in es] for k, es in v.items()}
    assert SENSITIVE in ids['somewhere'] and STABLE in ids['everywhere']
    assert sum(map(len, ids.values())) == len([e for _, e in spec.entries() if not e.get('claim')])
    e = [e for e in data['entries'] if e['id'] == SENSITIVE][0]
    assert e['digits'] == {'a': 12, 'b': 3, 'd': 12} and matrix.why(e, data) == 'blas kernel'
    e = [e for e in data['entries'] if e['id'] == NUMPY][0]
    assert e['digits']['d'] == 11 and matrix.why(e, data) == 'numpy'


def test_markdown_lists_moving_values_and_groups_the_rest(data):
    md = matrix.markdown(data)
    assert '| `%s` |' % SENSITIVE in md and '| `%s` |' % STABLE not in md
    assert 'trask_part2_hidden_size: ' in md and 'no wheel' in md
    assert '1 reproduce only on S1 S3 (a, d); across stacks they move with blas kernel;' in md
    assert '`%s`' % SENSITIVE in md.split('only on S1 S3')[1].splitlines()[0]


def test_a_failing_stack_is_recorded_not_raised(monkeypatch, tmp_path):
    monkeypatch.setattr(matrix, 'HOME', tmp_path)
    monkeypatch.setattr(matrix, 'venv', lambda py, np_: (_ for _ in ()).throw(RuntimeError('no python 9.9')))
    assert matrix.report('x', '9.9', '0', None) == {'error': 'no python 9.9'}


COMMITTED = spec.ROOT / 'docs' / 'matrix.json'


def test_committed_matrix_covers_every_value_and_stack():
    data = json.loads(COMMITTED.read_text(encoding='utf-8'))
    values = sorted(e['id'] for _, e in spec.entries() if not e.get('claim'))
    assert sorted(e['id'] for e in data['entries']) == values
    assert {s['name'] for s in data['stacks']} == {s[0] for s in matrix.stacks()} | set(matrix.NO_WHEEL)


def test_committed_page_is_rendered_from_the_committed_json():
    data = json.loads(COMMITTED.read_text(encoding='utf-8'))
    assert (spec.ROOT / 'docs' / 'matrix.md').read_text(encoding='utf-8') == matrix.markdown(data)
