"""a port's expectations: case id -> the outcome it is expected to have, and why; kept beside the port's code.

    nnspec check --case 'quick/**' --write-expectations nnspec-expectations.yaml -- ./port
    nnspec check --case 'quick/**' --expectations nnspec-expectations.yaml [--strict] -- ./port

--write-expectations records each case's outcome (yaml for .yaml/.yml, json for .json), keeping the
reasons already in the file where a case's outcome is unchanged. --expectations checks against one:
a case that does what the file expects passes whatever its verdict; any other change fails the check
(exit 1, or the case's own code when it broke), except a case that becomes conformant, which fails
only under --strict. a case the file does not name is expected conformant. a file that does not load,
breaks its schema (spec/schema/expectations.schema.json), is of another mode or names a case the check
does not run is a usage error (exit 2) before any port runs. yaml is read with safe_load.
"""
import json
from pathlib import Path

import yaml

from nnspec import atomic, schema, spec
from nnspec.conformance import cases, formats
from nnspec.conformance.outcome import STATUS, UNSUPPORTED, Expectation
from nnspec.conformance.shown import printable
from nnspec.exit_codes import CHANGED, CONFORMANT, PORT_BROKEN, SUITE_BROKEN

PROTOCOL = 'nnspec-expectations/1'
FORMATS = {'.json': 'json', '.yaml': 'yaml', '.yml': 'yaml'}
OUTCOMES = [STATUS[c] for c in (CONFORMANT, CHANGED, PORT_BROKEN, UNSUPPORTED)]  # a broken suite is never expected
AS_EXPECTED, CONFORMANT_NOW, CHANGED_WORD = 'as expected', 'conformant now', 'changed'
HEADER = ('# nnspec check\'s expectations of this port: the outcome each case is expected to have. only a change\n'
          '# against them fails the check (with --strict, also a case that becomes conformant). edit the reasons;\n'
          '# nnspec check --write-expectations FILE rewrites the outcomes and keeps a reason where its outcome stays.\n')


class Invalid(Exception):
    """an expectations file that cannot be used as asked: a usage error (exit 2), naming the file."""


def file_format(path):
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise Invalid('%s: an expectations file is yaml (.yaml, .yml) or json (.json), named so' % path)
    return fmt


class _UniqueKeys(yaml.SafeLoader):
    """yaml's safe loader, refusing a key given twice in one mapping (yaml would keep the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # the safe loader's own error follows
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, 'duplicate key %r' % (key,), key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _unique_pairs(path):
    def pairs(items):
        keys = [k for k, _ in items]
        twice = next((k for k in keys if keys.count(k) > 1), None)
        if twice is not None:
            raise Invalid('%s: duplicate key %r in one object (json keeps only the last)' % (path, twice))
        return dict(items)
    return pairs


def _parse(path, text, fmt):
    if fmt == 'json':
        try:
            return json.loads(text, object_pairs_hook=_unique_pairs(path))
        except json.JSONDecodeError as e:
            raise Invalid('%s:%d:%d: malformed json: %s' % (path, e.lineno, e.colno, e.msg))
    try:
        return yaml.load(text, Loader=_UniqueKeys)  # noqa: S506 -- a SafeLoader: plain data only
    except yaml.YAMLError as e:
        mark = getattr(e, 'problem_mark', None)
        where = ':%d:%d' % (mark.line + 1, mark.column + 1) if mark else ''
        raise Invalid('%s%s: malformed yaml: %s' % (path, where, getattr(e, 'problem', None) or e))


def read(path):
    """the file's document, checked against its schema; Invalid naming the file for every way it is not one."""
    fmt = file_format(path)
    try:
        text = Path(path).read_bytes().decode('utf-8')
    except FileNotFoundError:
        raise Invalid('%s: no such expectations file (nnspec check --write-expectations %s writes one)' % (path, path))
    except IsADirectoryError:
        raise Invalid('%s: a directory, not an expectations file' % path)
    except UnicodeDecodeError as e:
        raise Invalid('%s: not utf-8 (%s)' % (path, e))
    except OSError as e:
        raise Invalid('%s: cannot be read: %s' % (path, e.strerror or e))
    doc = _parse(path, text, fmt)
    if isinstance(doc, dict) and isinstance(doc.get('cases'), dict) and any(not isinstance(k, str) for k in doc['cases']):
        raise Invalid('%s: case ids are text; %r is not' % (path, next(k for k in doc['cases'] if not isinstance(k, str))))
    problems = schema.errors(doc, spec.load_schema(spec.SUITE / 'schema' / 'expectations.schema.json'))
    if problems:
        raise Invalid('%s: not an nnspec expectations file (%s): %s' % (path, PROTOCOL, '; '.join(problems[:5]) +
                                                                       ('; ...' if len(problems) > 5 else '')))
    return doc


def load(path, mode, ids):
    """{case id: (expected status, reason)} of the file, for a check of `mode` that runs `ids`."""
    doc = read(path)
    if doc['mode'] != mode:
        raise Invalid('%s: expectations of %s cases; this check is --mode %s' % (path, doc['mode'], mode))
    for id_ in doc['cases']:
        if id_ not in ids:
            if id_ in cases.ids(mode):
                raise Invalid('%s: case %s is not among the cases this check runs: add it to --case, or remove it from '
                              'the file' % (path, id_))
            raise Invalid('%s: case %s: no %s case has this id (nnspec check --list --mode %s prints them)'
                          % (path, id_, mode, mode))
    return {id_: (e['expected'], e.get('reason', '')) for id_, e in doc['cases'].items()}


def _reason(o):
    """what the report says is wrong with a case, in one line: the author's to edit."""
    if o.code == CONFORMANT:
        return ''
    if o.problem:
        return printable(o.problem)
    said = formats.headline(o).split('NOT CONFORMANT: ', 1)[-1]
    if o.first:
        said += '; first diverged at %s' % o.first.where
    cause = o.diagnosis[0].split(':')[0] if o.diagnosis else ''
    if len(cause) <= 30:  # its name ('precision', 'error measure'), not a sentence
        said += '; %s' % cause if cause else ''
    return printable(said)


def document(outcomes, mode, kept=None):
    """the expectations of a run: each case's outcome, with a kept reason where its outcome is the same."""
    kept = kept or {}
    entries = {}
    for o in outcomes:
        old = kept.get(o.case)
        entries[o.case] = {'expected': o.status, 'reason': old[1] if old and old[0] == o.status else _reason(o)}
    return {'protocol': PROTOCOL, 'mode': mode, 'cases': entries}


def dump(doc, fmt):
    if fmt == 'json':
        return json.dumps(doc, indent=1, ensure_ascii=False) + '\n'
    return HEADER + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120)


def previous(path, mode):
    """the reasons of the file about to be rewritten ({} when there is none); a file that is not one is not overwritten."""
    if not Path(path).exists():
        return {}
    try:
        doc = read(path)
    except Invalid as e:
        raise Invalid('%s; not overwritten (move it away to write a new one)' % e)
    return {i: (e['expected'], e.get('reason', '')) for i, e in doc['cases'].items()} if doc['mode'] == mode else {}


def write(path, outcomes, mode, kept):
    atomic.write(path, dump(document(outcomes, mode, kept), file_format(path)))


def judge(outcomes, expected, strict):
    """each outcome's expectation set; the check's exit code against them."""
    codes = []
    for o in outcomes:
        want, reason = expected.get(o.case, (STATUS[CONFORMANT], None))
        if o.status == want:
            result, code = AS_EXPECTED, CONFORMANT
        elif o.code == CONFORMANT:
            result, code = CONFORMANT_NOW, CHANGED if strict else CONFORMANT
        else:
            result, code = CHANGED_WORD, o.code if o.code > 0 else CHANGED
        o.expectation = Expectation(want, reason, result, code != CONFORMANT)
        codes.append(SUITE_BROKEN if o.code == SUITE_BROKEN else code)
    if all(o.code == UNSUPPORTED for o in outcomes):
        return PORT_BROKEN  # as without expectations: a run where every case is unsupported checked nothing
    return max(codes)


class Against:
    """a check against an expectations file: what the reports say of it."""

    def __init__(self, path, strict):
        self.file, self.strict = str(path), strict

    def summary(self, outcomes):
        counts = {}
        for o in outcomes:
            counts[o.expectation.result] = counts.get(o.expectation.result, 0) + 1
        words = ', '.join('%d %s' % (counts[r], r) for r in (AS_EXPECTED, CHANGED_WORD, CONFORMANT_NOW) if r in counts)
        return 'expectations (%s%s): %s' % (self.file, ', --strict' if self.strict else '', words)

    def lines(self, outcomes):
        """the summary, then one line per case that is not as expected, then what to do about those conformant now."""
        out = [self.summary(outcomes)]
        for o in outcomes:
            e = o.expectation
            if e.result != AS_EXPECTED:
                out.append('  %s: %s: expected %s%s, now %s' % (e.result, o.case, e.outcome,
                                                               ' (%s)' % e.reason if e.reason else '', o.status))
        if any(o.expectation.result == CONFORMANT_NOW for o in outcomes):
            out.append('  the cases conformant now %s; nnspec check --write-expectations %s records them'
                       % ('fail under --strict' if self.strict else 'pass (--strict would fail them)', self.file))
        return [printable(s) for s in out]

    def to_dict(self, outcomes):
        return {'file': self.file, 'strict': self.strict, 'summary': printable(self.summary(outcomes))}
