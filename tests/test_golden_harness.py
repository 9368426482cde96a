"""the golden helper: portable and native goldens, corrupt or missing files, verdict guards, the stack beside
each golden, and a skipped golden failing the session."""
import os
import subprocess
import sys
import types

import pytest
import yaml

from nnspec import spec
from tests import golden as golden_mod


class FakeRegression:
    """stands in for data_regression: writes the file when asked, as --force-regen would."""
    def __init__(self, write):
        self.write = write
        self.calls = 0

    def check(self, data, fullpath):
        self.calls += 1
        if self.write:
            fullpath.write_text(yaml.safe_dump(data), encoding='utf-8')


def _golden(tmp_path, monkeypatch, name='test_x', regen=False, write=False):
    monkeypatch.setattr(golden_mod, 'FIXTURES', tmp_path)
    monkeypatch.setattr(golden_mod.spec, 'entries', lambda: [])  # no documented verdicts to guard: no reference run
    options = {'force_regen': regen, 'regen_all': False}
    node = types.SimpleNamespace(name=name, user_properties=[])
    request = types.SimpleNamespace(node=node, config=types.SimpleNamespace(getoption=lambda k, d=None: options.get(k, d)))
    fake = FakeRegression(write)
    g = golden_mod.Golden(fake, request)
    g.path = tmp_path / 'portable' / (g.name + '.yml')
    g.path.parent.mkdir(parents=True, exist_ok=True)
    return g, fake


def _native(tmp_path, monkeypatch, portable_data, name='test_golden_x', **kw):
    """a native golden test whose portable golden holds `portable_data`."""
    g, fake = _golden(tmp_path, monkeypatch, name=name, **kw)
    (tmp_path / 'portable' / (name.replace('test_golden', 'test_portable') + '.yml')).write_text(
        yaml.safe_dump(portable_data), encoding='utf-8')
    return g, fake


def _says(g):
    return [how for key, how in g.request.node.user_properties if key == 'golden']


def test_a_corrupt_golden_fails_with_its_name(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch)
    g.path.write_text('a: [1, 2\nb: }', encoding='utf-8')
    with pytest.raises(pytest.fail.Exception, match=r'golden .*test_x\.yml is corrupt'):
        g.check_portable({'a': 1.0})


def test_a_golden_with_unsafe_tags_is_refused(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch)
    g.path.write_text('a: !!python/object/apply:os.system ["true"]\n', encoding='utf-8')
    with pytest.raises(pytest.fail.Exception, match='is corrupt'):
        g.check_portable({'a': 1.0})


def test_a_difference_names_the_first_quantity_and_digits(tmp_path, monkeypatch):
    g, fake = _golden(tmp_path, monkeypatch)
    g.path.write_text(yaml.safe_dump({'error@0': 0.125476983855, 'w': [[1.0, 2.0]]}), encoding='utf-8')
    with pytest.raises(pytest.fail.Exception, match=r'/error@0: golden 0.125476983855, now 0.125476983853 \(11 digits agree\)'):
        g.check_portable({'error@0': 0.125476983853, 'w': [[1.0, 2.0]]})
    assert fake.calls == 0


def test_a_new_golden_records_its_stack(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch, regen=True, write=True)
    with pytest.raises(pytest.fail.Exception, match='golden .*test_x.yml created'):  # as pytest-regressions does
        g.check_portable({'a': 0.1})
    provenance = yaml.safe_load(g.path.with_suffix('.stack.yml').read_text(encoding='utf-8'))
    assert provenance['numpy'] and 'OPENBLAS_CORETYPE' in provenance and provenance['python']


def test_an_unchanged_golden_keeps_its_stack_file(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch, write=False)
    g.path.write_text(yaml.safe_dump({'a': 0.1}), encoding='utf-8')
    # another numpy: compared, and the recorded stack is left as it was
    recorded = yaml.safe_dump(dict(golden_mod.stack.describe(), numpy='1.0-old'))
    g.path.with_suffix('.stack.yml').write_text(recorded, encoding='utf-8')
    g.check_portable({'a': 0.1})
    assert g.path.with_suffix('.stack.yml').read_text(encoding='utf-8') == recorded


def test_a_native_run_without_a_native_golden_is_held_to_the_portable_one(tmp_path, monkeypatch):
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1, 'w': [1.0, 2.0]})
    g.check_native({'a': 0.1 * (1 + 1e-13), 'w': [1.0, 2.0]}, 'r')  # stable: within the stable tolerance
    assert _says(g) == ['native: held to the portable golden (no native golden for this arithmetic, %s)'
                        % golden_mod.native_folder().name]
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1, 'w': [1.0, 2.0]})
    with pytest.raises(pytest.fail.Exception, match=r'not held to its portable golden .*r/w: .* times the stable tolerance'):
        g.check_native({'a': 0.1, 'w': [1.0, 2.0 * (1 + 1e-9)]}, 'r')
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1})
    with pytest.raises(pytest.fail.Exception, match='quantities differ'):
        g.check_native({'b': 0.1}, 'r')
    g, _ = _golden(tmp_path, monkeypatch, name='test_golden_y')
    with pytest.raises(pytest.fail.Exception, match=r'no portable golden .*test_portable_y\.yml'):
        g.check_native({'a': 0.1}, 'r')


def test_a_sensitive_run_is_held_to_its_floors_of_digits(tmp_path, monkeypatch):
    from nnspec import portable
    sub = 'trask_part2_hidden_size/alpha-10'
    floors = portable.floors()[sub]
    data = {q: 1.0 for q in floors}
    g, _ = _native(tmp_path, monkeypatch, data)
    worst = min(floors, key=floors.get)
    g.check_native(dict(data, **{worst: 1.0 + 0.9 * 10.0 ** -floors[worst]}), 'trask_part2_hidden_size', '10')
    strict = max(floors, key=floors.get)
    g, _ = _native(tmp_path, monkeypatch, data)
    with pytest.raises(pytest.fail.Exception, match='%s/%s: .* digits of agreement .* the floor is %d' % (sub, strict, floors[strict])):
        g.check_native(dict(data, **{strict: 1.0 + 2 * 10.0 ** -floors[strict]}), 'trask_part2_hidden_size', '10')


def test_a_recorded_native_golden_is_compared_bit_for_bit(tmp_path, monkeypatch):
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1}, regen=True, write=True)
    with pytest.raises(pytest.fail.Exception, match=r'golden .*native/.*/test_golden_x\.yml created'):
        g.check_native({'a': 0.1 * (1 + 1e-13)}, 'r')
    folder = golden_mod.native_folder()
    assert yaml.safe_load((folder / 'key.yml').read_text(encoding='utf-8')) == golden_mod.stack.arithmetic()
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1})
    g.check_native({'a': 0.1 * (1 + 1e-13)}, 'r')
    assert _says(g) == ['native: bit for bit (%s), and held to the portable golden' % folder.name]
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1})
    with pytest.raises(pytest.fail.Exception, match=r'golden .*test_golden_x\.yml differs: /a: golden .* digits agree'):
        g.check_native({'a': 0.1 * (1 + 2e-13)}, 'r')
    (folder / 'key.yml').write_text(yaml.safe_dump(dict(golden_mod.stack.arithmetic(), blas='another 0.1')), encoding='utf-8')
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1})
    with pytest.raises(pytest.fail.Exception, match='key.yml differs'):
        g.check_native({'a': 0.1 * (1 + 1e-13)}, 'r')
    (folder / 'test_golden_x.yml').unlink()  # lost from a recorded arithmetic: not quietly held to the portable one
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1})
    with pytest.raises(pytest.fail.Exception, match=r'native golden test_golden_x\.yml is missing from its recorded arithmetic'):
        g.check_native({'a': 0.1 * (1 + 1e-13)}, 'r')


def test_another_arithmetic_keeps_its_goldens_in_a_folder_of_its_own(tmp_path, monkeypatch):
    here = golden_mod.native_folder()
    other = dict(golden_mod.stack.arithmetic(), sites={'part 2, hidden 32: layer_1.dot(synapse_1)': '(p0 + p1 + ... + p31)'})
    monkeypatch.setattr(golden_mod.stack, 'arithmetic', lambda: other)
    assert golden_mod.native_folder().name != here.name
    g, _ = _native(tmp_path, monkeypatch, {'a': 0.1}, regen=True, write=True)
    with pytest.raises(pytest.fail.Exception, match='created'):
        g.check_native({'a': 0.1}, 'r')
    assert (tmp_path / 'native' / golden_mod.native_folder().name / 'test_golden_x.yml').exists()
    assert not (tmp_path / 'native' / here.name).exists()


def test_regeneration_that_changes_a_verdict_is_refused_and_writes_nothing(tmp_path, monkeypatch):
    g, fake = _golden(tmp_path, monkeypatch, regen=True, write=True)
    entry = {'id': 'x/y', 'run': 'r', 'verdict': {'status': 'reproduced'}}
    monkeypatch.setattr(golden_mod.spec, 'entries', lambda: [('f.json', entry)])
    monkeypatch.setattr(golden_mod, 'measure', lambda e: {'status': 'off'})
    with pytest.raises(pytest.fail.Exception, match='changes 1 documented verdicts .*not rewritten'):
        g.check_native({'a': 1.0}, 'r')
    assert fake.calls == 0 and not golden_mod.native_folder().exists()


def test_plain_turns_numpy_into_exact_python_floats():
    import numpy as np
    out = golden_mod.plain({'a': np.float64(0.1), 'b': np.array([[1, 2]]), 'c': [(3, np.float64(4.5))]})
    assert out == {'a': 0.1, 'b': [[1.0, 2.0]], 'c': [[3.0, 4.5]]}
    assert type(out['a']) is float


SKIPPING = """
import pytest
pytestmark = pytest.mark.golden

def test_compared():
    pass

def test_skipped():
    pytest.skip('no golden here')
"""


@pytest.mark.parametrize('required', [False, True])
def test_a_skipped_golden_shows_in_the_summary_line_and_fails_when_goldens_are_required(tmp_path, required):
    (tmp_path / 'test_some_goldens.py').write_text(SKIPPING, encoding='utf-8')
    env = dict(os.environ, PYTHONPATH=str(spec.ROOT), NNSPEC_REQUIRE_GOLDENS='1' if required else '0')
    proc = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'tests.conftest',
                           str(tmp_path)], cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=120)
    out = proc.stdout.decode('utf-8', 'replace')
    assert '1 passed, 1 skipped, 1 golden skipped' in out, out
    assert proc.returncode == (1 if required else 0), out
    assert ('the session fails (NNSPEC_REQUIRE_GOLDENS=1)' in out) == required, out
