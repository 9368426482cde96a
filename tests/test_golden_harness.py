"""the golden helper: corrupt or missing goldens, verdict guards, the stack beside each golden."""
import types

import pytest
import yaml

from spec import golden as golden_mod


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
    options = {'force_regen': regen, 'regen_all': False}
    request = types.SimpleNamespace(node=types.SimpleNamespace(name=name),
                                    config=types.SimpleNamespace(getoption=lambda k, d=None: options.get(k, d)))
    fake = FakeRegression(write)
    g = golden_mod.Golden(fake, request)
    g.path.parent.mkdir(parents=True, exist_ok=True)
    return g, fake


def _on_kernel(monkeypatch, key):
    """as if this stack ran another blas kernel: `key` (a kernel_key)."""
    from nnspec import kernels, spec
    monkeypatch.setattr(golden_mod.kernels, 'expectation', lambda: kernels.Expectation(spec.documents(), kernels.directory(), key=key))


def test_a_corrupt_golden_fails_with_its_name(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch)
    g.path.write_text('a: [1, 2\nb: }', encoding='utf-8')
    with pytest.raises(pytest.fail.Exception, match=r'golden .*test_x\.yml is corrupt'):
        g.check({'a': 1.0})


def test_a_golden_with_unsafe_tags_is_refused(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch)
    g.path.write_text('a: !!python/object/apply:os.system ["true"]\n', encoding='utf-8')
    with pytest.raises(pytest.fail.Exception, match='is corrupt'):
        g.check({'a': 1.0})


def test_a_difference_names_the_first_quantity_and_digits(tmp_path, monkeypatch):
    g, fake = _golden(tmp_path, monkeypatch)
    g.path.write_text(yaml.safe_dump({'error@0': 0.125476983855, 'w': [[1.0, 2.0]]}), encoding='utf-8')
    with pytest.raises(pytest.fail.Exception, match=r'/error@0: golden 0.125476983855, now 0.125476983853 \(11 digits agree\)'):
        g.check({'error@0': 0.125476983853, 'w': [[1.0, 2.0]]})
    assert fake.calls == 0


def test_a_new_golden_records_its_stack(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch, regen=True, write=True)
    with pytest.raises(pytest.fail.Exception, match='golden .*test_x.yml created'):  # as pytest-regressions does
        g.check({'a': 0.1})
    provenance = yaml.safe_load(g.stack_path.read_text(encoding='utf-8'))
    assert provenance['numpy'] and 'OPENBLAS_CORETYPE' in provenance and provenance['python']


def test_an_unchanged_golden_keeps_its_stack_file(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch, write=False)
    g.path.write_text(yaml.safe_dump({'a': 0.1}), encoding='utf-8')
    # same kernel, another numpy: compared, and the recorded stack is left as it was
    recorded = yaml.safe_dump(dict(golden_mod.stack.describe(), numpy='1.0-old'))
    g.stack_path.write_text(recorded, encoding='utf-8')
    g.check({'a': 0.1})
    assert g.stack_path.read_text(encoding='utf-8') == recorded


def test_a_foreign_kernel_skips_with_both_kernels_named(tmp_path, monkeypatch):
    g, _ = _golden(tmp_path, monkeypatch)
    g.path.write_text(yaml.safe_dump({'a': 0.1}), encoding='utf-8')
    other = dict(golden_mod.stack.describe(), blas_kernel='Imaginary')
    g.stack_path.write_text(yaml.safe_dump(other), encoding='utf-8')
    with pytest.raises(pytest.skip.Exception, match='Imaginary'):
        g.check({'a': 0.2})


def test_another_kernel_keeps_its_goldens_in_a_folder_of_its_own(tmp_path, monkeypatch):
    _on_kernel(monkeypatch, 'x86_64|openblas|Imaginary|AVX2')
    g, _ = _golden(tmp_path, monkeypatch)
    assert g.path == tmp_path / 'kernels' / 'x86_64-openblas-Imaginary-AVX2' / 'test_x.yml'
    (tmp_path / 'test_x.yml').write_text(yaml.safe_dump({'a': 0.1}), encoding='utf-8')  # the reference kernel's
    with pytest.raises(pytest.skip.Exception, match=r'no golden for kernel x86_64\|openblas\|Imaginary.*nnspec regen'):
        g.check({'a': 0.2})
    g, _ = _golden(tmp_path, monkeypatch, regen=True, write=True)
    with pytest.raises(pytest.fail.Exception, match='created'):
        g.check({'a': 0.2})
    assert yaml.safe_load(g.path.read_text(encoding='utf-8')) == {'a': 0.2}
    assert yaml.safe_load((tmp_path / 'test_x.yml').read_text(encoding='utf-8')) == {'a': 0.1}  # untouched
    g, _ = _golden(tmp_path, monkeypatch)
    with pytest.raises(pytest.fail.Exception, match='differs'):
        g.check({'a': 0.3})


def test_the_reference_kernel_keeps_its_goldens_in_fixtures(tmp_path, monkeypatch):
    from nnspec import spec, stack
    reference = {stack.kernel_key(d['measured_on']) for d in spec.documents().values()}.pop()
    _on_kernel(monkeypatch, reference)
    g, _ = _golden(tmp_path, monkeypatch)
    assert g.path == tmp_path / 'test_x.yml'


def test_regeneration_that_changes_a_verdict_is_refused_and_writes_nothing(tmp_path, monkeypatch):
    g, fake = _golden(tmp_path, monkeypatch, regen=True, write=True)
    entry = {'id': 'x/y', 'run': 'r', 'verdict': {'status': 'reproduced'}}
    monkeypatch.setattr(golden_mod.spec, 'entries', lambda: [('f.json', entry)])
    monkeypatch.setattr(golden_mod, 'measure', lambda e: {'status': 'off'})
    with pytest.raises(pytest.fail.Exception, match='changes 1 documented verdicts .*not rewritten'):
        g.check({'a': 1.0}, run='r')
    assert fake.calls == 0 and not g.path.exists()


def test_plain_turns_numpy_into_exact_python_floats():
    import numpy as np
    out = golden_mod.plain({'a': np.float64(0.1), 'b': np.array([[1, 2]]), 'c': [(3, np.float64(4.5))]})
    assert out == {'a': 0.1, 'b': [[1.0, 2.0]], 'c': [[3.0, 4.5]]}
    assert type(out['a']) is float
