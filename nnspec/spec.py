"""the spec data: one json file of documented values per source document."""
import json
import os
from pathlib import Path

from nnspec import schema

ROOT = Path(os.environ.get('NNSPEC_ROOT') or Path(__file__).resolve().parents[1])
VALUES = ROOT / 'spec' / 'values'
SCHEMA = ROOT / 'spec' / 'schema' / 'values.schema.json'


class SpecError(Exception):
    """the suite's own data is broken: a bug in nnspec, not in what it checks."""


def load_json(path):
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    except FileNotFoundError:
        raise SpecError('%s: missing' % path)
    except UnicodeDecodeError as e:
        raise SpecError('%s: not utf-8 (%s)' % (path, e))
    except json.JSONDecodeError as e:
        raise SpecError('%s:%d:%d: malformed json: %s' % (path, e.lineno, e.colno, e.msg))


def load_document(path):
    """one values file, checked against the schema."""
    doc = load_json(path)
    problems = schema.errors(doc, load_json(SCHEMA))
    if problems:
        raise SpecError('%s: does not match %s:\n  %s' % (path, SCHEMA.name, '\n  '.join(problems[:20])))
    return doc


def documents(directory=None):
    """{file name: document} for every values file."""
    directory = Path(directory or VALUES)
    paths = sorted(directory.glob('*.json'))
    if not paths:
        raise SpecError('%s: no values files' % directory)
    return {p.name: load_document(p) for p in paths}


def entries(directory=None):
    """every entry of every document, in file order, with its file name."""
    return [(name, e) for name, doc in documents(directory).items() for e in doc['entries']]


def write_document(path, doc):
    """write atomically: a crash mid-write leaves the old file."""
    path = Path(path)
    tmp = path.with_suffix('.json.tmp')
    with open(tmp, 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write('\n')
    os.replace(tmp, path)
