"""goldens: reference outputs at full precision, one yaml per test, with the stack that wrote them.

fixtures/<test>.yml holds the data (floats as repr, exact); fixtures/<test>.stack.yml
the stack that produced it. they are the reference kernel's (the one spec/values was
measured on). a golden is bit for bit, and the blas kernel and cpu decide the last
bits: OPENBLAS_CORETYPE=Haswell changes 27 of the 30 runs here, and the printed
digits of the sensitive ones. so another kernel's goldens live in
fixtures/kernels/<kernel>/, written by `nnspec regen` on it; on a kernel with none,
the goldens are skipped, named (the spec verdicts of spec/test_values.py still run).
"""
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
import yaml

from nnspec import atomic, kernels, spec, stack
from nnspec.agreement import digits_of_agreement
from nnspec.verdict import measure

FIXTURES = spec.ROOT / 'fixtures'


def plain(value):
    """numpy values -> python floats and nested lists, which yaml writes exactly."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    a = np.asarray(value)
    if a.ndim:
        return a.astype(float).tolist()
    return float(a)


def _first_difference(old, new, where=''):
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return '%s/%s: only in the %s' % (where, key, 'golden' if key in old else 'new run')
            found = _first_difference(old[key], new[key], '%s/%s' % (where, key))
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return '%s: %d values in the golden, %d now' % (where, len(old), len(new))
        for i, (a, b) in enumerate(zip(old, new)):
            found = _first_difference(a, b, '%s[%d]' % (where, i))
            if found:
                return found
        return None
    if old != new:
        return '%s: golden %r, now %r (%d digits agree)' % (where, old, new, digits_of_agreement(repr(old), repr(new)))
    return None


def _short(path):
    try:
        return path.relative_to(spec.ROOT)
    except ValueError:
        return path


class _NoAliases(yaml.SafeLoader):
    """safe_load, and no aliases: a golden is plain data, and a few aliased lines can expand to gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, 'a yaml alias (*%s): goldens hold plain data, aliases are refused'
                                              % event.anchor, event.start_mark)
        return super().compose_node(parent, index)


def _log(name):
    """tell `nnspec regen` (through NNSPEC_REGEN_LOG) which golden this run rewrote: it claims only its own."""
    if os.environ.get('NNSPEC_REGEN_LOG'):
        with open(os.environ['NNSPEC_REGEN_LOG'], 'a', encoding='utf-8') as f:
            f.write(name + '\n')


class Golden:
    def __init__(self, data_regression, request):
        self.data_regression = data_regression
        self.request = request
        self.name = re.sub(r'[^\w.-]+', '_', request.node.name).strip('_')
        self.expect = kernels.expectation()
        self.reference = self.expect.status == 'reference'
        folder = FIXTURES if self.reference else FIXTURES / 'kernels' / stack.key_name(self.expect.key)
        self.path = folder / (self.name + '.yml')
        self.stack_path = folder / (self.name + '.stack.yml')

    def _load(self, path):
        try:
            return yaml.load(path.read_bytes().decode('utf-8'), Loader=_NoAliases)
        except UnicodeDecodeError as e:
            pytest.fail('golden %s is not utf-8: byte 0x%02x at offset %d\nrestore it from git, or rewrite it with '
                        '`nnspec regen`' % (_short(path), e.object[e.start], e.start), pytrace=False)
        except yaml.YAMLError as e:
            pytest.fail('golden %s is corrupt: %s\nrestore it from git, or rewrite it with `nnspec regen`'
                        % (_short(path), str(e).replace('\n', ' ')), pytrace=False)

    def check(self, data, run=None):
        regen = self.request.config.getoption('force_regen', False) or self.request.config.getoption('regen_all', False)
        data = plain(data)
        if run:
            changed = [e['id'] for _, e in spec.entries() if e.get('run') == run and self.expect.differs(e, measure(e))]
            if changed:
                pytest.fail('this run changes %d documented verdicts (%s ...): golden not %s; '
                            'see `nnspec report --show findings`' % (len(changed), changed[0], 'rewritten' if regen else 'compared'),
                            pytrace=False)
        if not regen and not self.reference and not self.path.exists():
            pytest.skip('no golden for kernel %s (%s): the goldens in fixtures/ are the reference kernel\'s, %s; '
                        '`nnspec regen` on this kernel writes its own' % (self.expect.key, _short(self.path.parent),
                                                                          self.expect.reference))
        if not regen and self.path.exists():
            recorded = self._load(self.stack_path) if self.stack_path.exists() else None
            if recorded and stack.kernel_key(recorded) != stack.kernel_key():
                pytest.skip('golden written under kernel %s, this stack runs %s: full-precision goldens are not '
                            'portable across kernels (the spec verdicts still are)' % (stack.kernel_key(recorded), stack.kernel_key()))
            old = self._load(self.path)
            diff = _first_difference(old, data)
            if diff:
                pytest.fail('golden %s differs: %s' % (self.path.name, diff), pytrace=False)
            return
        self._write(data)

    def _write(self, data):
        """pytest-regressions writes in place: let it write a temporary, then move it in atomically with the stack."""
        before = self.path.read_bytes() if self.path.exists() else None
        with tempfile.TemporaryDirectory() as scratch:
            written = Path(scratch) / self.path.name
            try:
                self.data_regression.check(data, fullpath=written)
            except pytest.fail.Exception:
                pass  # "file not found, created": the temporary is written
            new = written.read_bytes()
        if new == before:
            return
        stack_yml = yaml.safe_dump(stack.describe(), default_flow_style=False, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_all({self.path: new, self.stack_path: stack_yml.encode('utf-8')})
        except OSError as e:
            pytest.fail('golden %s not written: %s' % (_short(self.path), e), pytrace=False)
        _log(self.path.name)
        pytest.fail('golden %s %s: review it with `git diff fixtures/`' % (
            _short(self.path), 'rewritten' if before is not None else 'created'), pytrace=False)
