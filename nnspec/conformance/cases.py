"""the case files: spec/cases/<mode>/<id>.json, found by id or glob, checked against their schema.

a broken case file is the suite's bug (SpecError, exit 3), never the port's.
"""
import re

from nnspec import schema, spec

CASES = spec.ROOT / 'spec' / 'cases'
SCHEMAS = spec.ROOT / 'spec' / 'schema'
MODES = {'json': ('case.schema.json', 'answer-expected.schema.json'), 'transcript': ('case-transcript.schema.json', None)}
ANSWER = 'answer.schema.json'
# json cases of another tutorial say their `kind`: (case schema, expected schema, answer schema)
KINDS = {k: ('case-%s.schema.json' % k, 'expected-kind.schema.json', 'answer-%s.schema.json' % k)
         for k in ('miniflow', 'shamdasani')}


def case_path(id_, mode='json'):
    return CASES / mode / (id_ + '.json')


def expected_path(id_):
    return CASES / 'json' / (id_ + '.expected.json')


def ids(mode):
    """every case id of a mode, sorted."""
    root = CASES / mode
    return sorted(str(p.relative_to(root).with_suffix('')) for p in root.rglob('*.json')
                  if not p.name.endswith('.expected.json'))


def match(pattern, mode):
    """the ids a --case names: an exact id, or a glob (`*` stays inside one /-part unless `**`)."""
    known = ids(mode)
    if pattern in known:
        return [pattern]
    parts = re.split(r'(\*\*|\*|\?)', pattern)
    rx = ''.join({'**': '.*', '*': '[^/]*', '?': '[^/]'}.get(p, re.escape(p)) for p in parts)
    return [i for i in known if re.fullmatch(rx, i)]


def _checked(path, schema_name, doc=None):
    doc = spec.load_json(path) if doc is None else doc
    problems = schema.errors(doc, spec.load_json(SCHEMAS / schema_name))
    if problems:
        raise spec.SpecError('%s: does not match %s:\n  %s' % (path, schema_name, '\n  '.join(problems[:10])))
    return doc


def _schemas(doc, mode):
    """(case, expected, answer) schema names for a case document."""
    kind = doc.get('kind') if isinstance(doc, dict) and mode == 'json' else None
    if kind is None:
        return MODES[mode] + (ANSWER,)
    if kind not in KINDS:
        raise spec.SpecError('unknown case kind %r (known: %s)' % (kind, ', '.join(sorted(KINDS))))
    return KINDS[kind]


def load(id_, mode):
    """(case, expected) for json mode, (transcript, None) for transcript mode."""
    raw = spec.load_json(case_path(id_, mode))
    case_schema, expected_schema, answer_schema = _schemas(raw, mode)
    case = _checked(case_path(id_, mode), case_schema, raw)
    if case['id'] != id_:
        raise spec.SpecError('%s: says it is case %r' % (case_path(id_, mode), case['id']))
    expected = None
    if expected_schema:
        expected = _checked(expected_path(id_), expected_schema)
        problems = answer_errors(expected['answer'], case.get('kind'))
        if problems:
            raise spec.SpecError('%s: answer does not match %s:\n  %s' % (expected_path(id_), answer_schema, '\n  '.join(problems[:10])))
    return case, expected


def answer_errors(answer, kind=None):
    """how an answer breaks its schema (answer.schema.json, or its kind's): a port's, or the expected one."""
    return schema.errors(answer, spec.load_json(SCHEMAS / (KINDS[kind][2] if kind else ANSWER)))
