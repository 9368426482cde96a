"""the case files: spec/cases/<mode>/<id>.json, found by id or glob, checked against their schema.

a broken case file is the suite's bug (SpecError, exit 3, naming file and
field), never the port's: beyond its schema, a tolerance is finite and not
negative, a label pattern compiles, every checkpoint and final matrix has its
tolerance, an `entry` names a spec entry, and no case file is lost (the manifest
counts them).
"""
import functools
import json
import math
import re

from nnspec import schema, spec

CASES = spec.SUITE / 'cases'
SCHEMAS = spec.SUITE / 'schema'
MODES = {'json': ('case.schema.json', 'answer-expected.schema.json'), 'transcript': ('case-transcript.schema.json', None)}
ANSWER_SCHEMA = 'answer.schema.json'
# the protocol's format strings: each file says which it follows in its `protocol` field
CASE_FORMAT, ANSWER_FORMAT, EXPECTED_FORMAT = 'nnspec-case/2', 'nnspec-answer/1', 'nnspec-expected/2'
TRANSCRIPT_FORMAT = 'nnspec-transcript/2'
# json cases of another tutorial say their `kind`: (case schema, expected schema, answer schema)
KINDS = {k: ('case-%s.schema.json' % k, 'expected-kind.schema.json', 'answer-%s.schema.json' % k)
         for k in ('miniflow', 'shamdasani')}


def case_path(id_, mode='json'):
    return CASES / mode / (id_ + '.json')


def expected_path(id_):
    return CASES / 'json' / (id_ + '.expected.json')


def ids(mode):
    """every case id of a mode, sorted; none at all, or fewer than the manifest counts, is the suite's bug."""
    root = CASES / mode
    found = sorted(str(p.relative_to(root).with_suffix('')) for p in root.rglob('*.json')
                   if not p.name.endswith('.expected.json'))
    listed = 0
    if root.parent == spec.SUITE / 'cases' and spec.MANIFEST.exists():  # the suite's own, not a copy
        listed = spec.load_json(spec.MANIFEST).get('cases', {}).get(mode, 0)
    if not found or len(found) < listed:
        raise spec.SpecError('%s: %d %s case files, %s lists %d (under %s)' % (root, len(found), mode, spec.MANIFEST.name,
                                                                             listed, spec._where()))
    return found


def glob(pattern):
    """a --case glob as an re2 pattern: linear-time, however many stars (a run of two or more is `**`)."""
    import re2
    parts = re.split(r'(\*\*+|\*|\?)', pattern)
    rx = ''.join('.*' if p.startswith('**') else {'*': '[^/]*', '?': '[^/]'}.get(p, re.escape(p)) for p in parts)
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(rx, options)
    except re2.error:  # too large for re2's memory bound: no id is that long
        return None


# the tutorials added after the trask listings, each its own namespace: a glob reaches their ids only when its
# first /-part is the tutorial's name, so a glob written before they came (`**/two-layer`) keeps its meaning
NAMESPACES = ('miniflow', 'shamdasani')


def namespace(id_):
    """the namespace an id lives in: a later tutorial's name, or None (the trask listings, quick/ included)."""
    first = id_.split('/', 1)[0]
    return first if first in NAMESPACES else None


def match(pattern, mode, extra=()):
    """the ids a --case names: an exact id, or a glob (`*` stays inside one /-part unless `**`) within the
    namespace it names (NAMESPACES): `**/two-layer` is the trask listings' two-layer cases, `miniflow/**` MiniFlow's.
    extra: ids beyond the case files' (generated cases), after them."""
    known = ids(mode) + list(extra)
    if pattern in known:
        return [pattern]
    rx, named = glob(pattern), namespace(pattern)
    return [i for i in known if rx is not None and rx.fullmatch(i)  and namespace(i) == named]


def outside(pattern, mode):
    """the namespaces whose ids the glob would match had it named them (for the hint when it matches none)."""
    rx, named = glob(pattern), namespace(pattern)
    return sorted({namespace(i) for i in ids(mode) if rx is not None and rx.fullmatch(i) and namespace(i) != named} - {None})


def every(mode):
    """every id of a mode, in every namespace: what no --case means for --list."""
    return ids(mode)


def _checked(path, schema_name, doc=None):
    return spec.validate(path, spec.load_json(path) if doc is None else doc, SCHEMAS / schema_name)


def _tolerance(path, where, tol):
    for key in ('rtol', 'atol'):
        v = tol.get(key)
        if not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise spec.SpecError('%s: field %s.%s: %r is not a finite tolerance of 0 or more' % (path, where, key, v))


@functools.lru_cache(maxsize=1)
def _entry_ids():
    return frozenset(e['id'] for _, e in spec.entries())


def _transcript(path, case):
    from nnspec.conformance.transcript_mode import numbers  # re2: only for transcript cases
    for i, pattern in enumerate(case['labels']):
        try:
            numbers.label(pattern)
        except Exception as e:  # noqa: BLE001 -- re2.error, and what its binding raises for odd bytes
            raise spec.SpecError('%s: field labels[%d]: %r does not compile: %s' % (path, i, pattern, numbers.why_not(e)))
    known = _entry_ids()
    for i, v in enumerate(case['values']):
        _tolerance(path, 'values[%d]' % i, v)
        if v['entry'] is not None and v['entry'] not in known:
            raise spec.SpecError('%s: field values[%d].entry: %r names no spec entry' % (path, i, v['entry']))


def _ragged(path, expected):
    """a SpecError naming the first matrix of the expected answers whose rows differ in length."""
    answers = [('answer', expected['answer'])] + [('segments[%d].answer' % k, s.get('answer'))
                                                  for k, s in enumerate(expected.get('segments') or [])]
    for where, answer in answers:
        for name, m in ((answer or {}).get('final') or {}).items():
            lengths = sorted({len(r) for r in m if isinstance(r, list)}) if isinstance(m, list) else []
            if len(lengths) > 1:
                raise spec.SpecError('%s: field %s.final.%s: a ragged matrix (rows of %s numbers)'
                                     % (path, where, name, ', '.join(map(str, lengths))))


def _expected(path, expected):
    _ragged(path, expected)
    tol, answer = expected['tolerance'], expected['answer']
    errors = tol['error'] if isinstance(tol['error'], list) else [tol['error']] * len(answer['checkpoints'])
    if len(errors) < len(answer['checkpoints']):
        raise spec.SpecError('%s: field tolerance.error: %d tolerances for %d checkpoints'
                             % (path, len(errors), len(answer['checkpoints'])))
    for k, t in enumerate(errors):
        _tolerance(path, 'tolerance.error[%d]' % k if isinstance(tol['error'], list) else 'tolerance.error', t)
    for name in answer['final']:
        if name not in tol['final']:
            raise spec.SpecError('%s: field tolerance.final: no tolerance for %r' % (path, name))
        _tolerance(path, 'tolerance.final.%s' % name, tol['final'][name])


def _schemas(doc, mode):
    """(case, expected, answer) schema names for a case document."""
    kind = doc.get('kind') if isinstance(doc, dict) and mode == 'json' else None
    if kind is None:
        return MODES[mode] + (ANSWER_SCHEMA,)
    if kind not in KINDS:
        raise spec.SpecError('unknown case kind %r (known: %s)' % (kind, ', '.join(sorted(KINDS))))
    return KINDS[kind]


def load(id_, mode):
    """(case, expected) for json mode, (transcript, None) for transcript mode."""
    raw = spec.load_json(case_path(id_, mode))
    return validated(id_, mode, raw, lambda: spec.load_json(expected_path(id_)), case_path(id_, mode), expected_path(id_))


def validated(id_, mode, raw, expected, where, expected_where):
    """(case, expected) checked as a case file is: its schema, its id, then its expected answer (a document, or what
    reads it: json mode only); a SpecError names `where` (a file, or what stands for one: a generated case)."""
    case_schema, expected_schema, answer_schema = _schemas(raw, mode)
    case = _checked(where, case_schema, raw)
    if case['id'] != id_:
        raise spec.SpecError('%s: field id: says it is case %r' % (where, case['id']))
    if mode == 'transcript':
        _transcript(where, case)
        expected = None
    if expected_schema:
        expected = _checked(expected_where, expected_schema, expected() if callable(expected) else expected)
        problems = answer_errors(expected['answer'], case.get('kind'))
        if problems:
            raise spec.SpecError('%s: answer does not match %s:\n  %s' % (expected_where, answer_schema, '\n  '.join(problems[:10])))
        if not case.get('kind'):
            _expected(expected_where, expected)
    return case, expected


def sent(case):
    """the bytes a port reads on stdin in json mode: the case without what only its file holds (segments)."""
    return json.dumps({k: v for k, v in case.items() if k != 'segments'}).encode()


def answer_errors(answer, kind=None):
    """how an answer breaks its schema (answer.schema.json, or its kind's): a port's, or the expected one."""
    return schema.errors(answer, spec.load_schema(SCHEMAS / (KINDS[kind][2] if kind else ANSWER_SCHEMA)))
