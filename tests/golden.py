"""goldens: reference outputs at full precision, one yaml per test, with the stack that wrote them.

every run has two goldens (the rule: nnspec.portable's docstring, README's Goldens):
  fixtures/portable/test_portable_<run>.yml   the run under the portable arithmetic
      (author-2015: named sums, no fma, no blas, exp correctly rounded): bit for bit on
      every machine;
  fixtures/native/<arithmetic>/test_golden_<run>.yml   the native run (numpy, its blas)
      of one arithmetic: stack.arithmetic(), the probed summation trees and fma, the blas
      and its version, numpy's cpu dispatch; key.yml in the folder spells it out.
the native run is held to its portable golden on every stack (stable runs to the stable
tolerance, sensitive ones to their floors of digits), and bit for bit to its native
golden where one is recorded for this stack's arithmetic. nothing is skipped.
<test>.stack.yml beside each golden records the stack that wrote it.
"""
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
import yaml

from nnspec import atomic, kernels, portable, spec, stack
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
        self.regen = request.config.getoption('force_regen', False) or request.config.getoption('regen_all', False)

    def _says(self, how):
        """what this golden test compared (the session's summary counts them: tests/conftest.py)."""
        self.request.node.user_properties.append(('golden', how))

    def _load(self, path):
        try:
            return yaml.load(path.read_bytes().decode('utf-8'), Loader=_NoAliases)
        except UnicodeDecodeError as e:
            pytest.fail('golden %s is not utf-8: byte 0x%02x at offset %d\nrestore it from git, or rewrite it with '
                        '`nnspec regen`' % (_short(path), e.object[e.start], e.start), pytrace=False)
        except yaml.YAMLError as e:
            pytest.fail('golden %s is corrupt: %s\nrestore it from git, or rewrite it with `nnspec regen`'
                        % (_short(path), str(e).replace('\n', ' ')), pytrace=False)

    def check_portable(self, data):
        """the portable run, bit for bit against fixtures/portable/<test>.yml."""
        path = FIXTURES / 'portable' / (self.name + '.yml')
        data = plain(data)
        if self.regen or not path.exists():
            self._write(path, data)
        self._compare(path, data)
        self._says('portable: bit for bit')

    def check_native(self, data, run, alpha=None):
        """the native run: held to its portable golden, and bit for bit to its native golden if this
        stack's arithmetic has one."""
        data = plain(data)
        changed = [e['id'] for _, e in spec.entries() if e.get('run') == run and self.expect.differs(e, measure(e))]
        if changed:
            pytest.fail('this run changes %d documented verdicts (%s ...): golden not %s; '
                        'see `nnspec report --show findings`' % (len(changed), changed[0], 'rewritten' if self.regen else 'compared'),
                        pytrace=False)
        port = FIXTURES / 'portable' / (re.sub(r'^test_golden', 'test_portable', self.name) + '.yml')
        if not port.exists():
            pytest.fail('no portable golden %s: `nnspec regen` writes it' % _short(port), pytrace=False)
        problems = portable.held(portable.subrun(run, alpha), data, self._load(port))
        if problems:
            pytest.fail('the native run is not held to its portable golden %s (%d quantities): %s; rule: nnspec.portable'
                        % (port.name, len(problems), '; '.join(problems[:3])), pytrace=False)
        folder = native_folder()
        path = folder / (self.name + '.yml')
        if self.regen:
            self._write_key(folder)
            self._write(path, data)
        if not path.exists() and folder.is_dir():  # the arithmetic is recorded: a golden missing from it is lost
            pytest.fail('native golden %s is missing from its recorded arithmetic %s: restore it from git, or '
                        '`nnspec regen`' % (path.name, _short(folder)), pytrace=False)
        if not path.exists():
            self._says('native: held to the portable golden (no native golden for this arithmetic, %s)' % folder.name)
            return
        self._check_key(folder)
        self._compare(path, data)
        self._says('native: bit for bit (%s), and held to the portable golden' % folder.name)

    def _write_key(self, folder):
        key, text = folder / 'key.yml', _yaml(stack.arithmetic())
        if not key.exists() or yaml.safe_load(key.read_bytes()) != stack.arithmetic():  # the key, not its line breaks
            folder.mkdir(parents=True, exist_ok=True)
            atomic.write_all({key: text})

    def _check_key(self, folder):
        recorded = self._load(folder / 'key.yml') if (folder / 'key.yml').exists() else None
        if recorded != stack.arithmetic():
            pytest.fail('%s: key.yml %s: the folder is named for this stack\'s arithmetic, its key is not that '
                        'arithmetic; rewrite it with `nnspec regen`' % (_short(folder), 'missing' if recorded is None else 'differs'),
                        pytrace=False)

    def _compare(self, path, data):
        diff = _first_difference(self._load(path), data)
        if diff:
            pytest.fail('golden %s differs: %s' % (_short(path), diff), pytrace=False)

    def _write(self, path, data):
        """pytest-regressions writes in place: let it write a temporary, then move it in atomically with
        its stack. an unchanged golden is left alone."""
        before = path.read_bytes() if path.exists() else None
        with tempfile.TemporaryDirectory() as scratch:
            written = Path(scratch) / path.name
            try:
                self.data_regression.check(data, fullpath=written)
            except pytest.fail.Exception:
                pass  # "file not found, created": the temporary is written
            new = written.read_bytes()
        if new == before:
            return
        files = {path: new, path.with_suffix('.stack.yml'): _yaml(stack.describe())}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_all(files, then=lambda: _log(path.name))  # logged before a held signal stops the run
        except OSError as e:
            pytest.fail('golden %s not written: %s' % (_short(path), e), pytrace=False)
        pytest.fail('golden %s %s: review it with `git diff fixtures/`' % (
            _short(path), 'rewritten' if before is not None else 'created'), pytrace=False)


def _yaml(data):
    return yaml.safe_dump(data, default_flow_style=False, sort_keys=True, width=1000).encode('utf-8')


def native_folder():
    """fixtures/native/<this stack's arithmetic>/"""
    return FIXTURES / 'native' / stack.arithmetic_name()
