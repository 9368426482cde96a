"""the case files: spec/cases/<mode>/<id>.json, found by id or glob, checked against their schema.

a broken case file is the suite's bug (SpecError, exit 3), never the port's.
"""
import re

from nnspec import schema, spec

CASES = spec.ROOT / 'spec' / 'cases'
SCHEMAS = spec.ROOT / 'spec' / 'schema'
MODES = {'json': ('case.schema.json', 'answer-expected.schema.json'), 'transcript': ('case-transcript.schema.json', None)}
ANSWER = 'answer.schema.json'


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


def _checked(path, schema_name):
    doc = spec.load_json(path)
    problems = schema.errors(doc, spec.load_json(SCHEMAS / schema_name))
    if problems:
        raise spec.SpecError('%s: does not match %s:\n  %s' % (path, schema_name, '\n  '.join(problems[:10])))
    return doc


def load(id_, mode):
    """(case, expected) for json mode, (transcript, None) for transcript mode."""
    case_schema, expected_schema = MODES[mode]
    case = _checked(case_path(id_, mode), case_schema)
    if case['id'] != id_:
        raise spec.SpecError('%s: says it is case %r' % (case_path(id_, mode), case['id']))
    expected = None
    if expected_schema:
        expected = _checked(expected_path(id_), expected_schema)
        problems = answer_errors(expected['answer'])
        if problems:
            raise spec.SpecError('%s: answer does not match %s:\n  %s' % (expected_path(id_), ANSWER, '\n  '.join(problems[:10])))
    return case, expected


def answer_errors(answer):
    """how an answer breaks answer.schema.json (a port's, or the expected one)."""
    return schema.errors(answer, spec.load_json(SCHEMAS / ANSWER))
