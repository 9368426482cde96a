"""the spec data: one json file of documented values per source document, and the manifest that lists them."""
import atexit
import copy
import hashlib
import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from nnspec import atomic, schema

PACKAGE = Path(__file__).resolve().parent


def _suite():
    """the suite's data: $NNSPEC_ROOT/spec, else nnspec/suite (a copy of spec/ in an installed nnspec, a link to it in a checkout)."""
    if os.environ.get('NNSPEC_ROOT'):
        return Path(os.environ['NNSPEC_ROOT']) / 'spec'
    packaged = resources.files('nnspec') / 'suite'
    if isinstance(packaged, Path):  # a folder: a wheel, an sdist or an editable checkout
        return packaged.resolve()
    return _unzipped(packaged)


def _unzipped(tree):
    """a zipped install's data, copied once into a temporary folder removed at exit (the data is read as files)."""
    where = Path(tempfile.mkdtemp(prefix='nnspec-suite-'))
    atexit.register(shutil.rmtree, str(where), True)

    def copy(node, to):
        for child in node.iterdir():
            if child.is_dir():
                (to / child.name).mkdir()
                copy(child, to / child.name)
            else:
                (to / child.name).write_bytes(child.read_bytes())
    copy(tree, where)
    return where


def _checkout():
    """the repository that holds the suite's data, when there is one: goldens, docs and the evidence live there."""
    if os.environ.get('NNSPEC_ROOT'):
        return Path(os.environ['NNSPEC_ROOT'])
    root = SUITE.parent
    return root if (root / 'fixtures').is_dir() and (root / 'reference').is_dir() else None


SUITE = _suite()
CHECKOUT = _checkout()
ROOT = CHECKOUT or SUITE.parent  # paths below it that only a checkout has (fixtures/, docs/) are found missing, named
VALUES = SUITE / 'values'
SCHEMA = SUITE / 'schema' / 'values.schema.json'
MANIFEST = SUITE / 'manifest.json'


class SpecError(Exception):
    """the suite's own data is broken: a bug in nnspec, not in what it checks."""


class SettingError(ValueError):
    """an environment setting nnspec cannot use (NNSPEC_CACHE holds something else than on or off)."""


class NeedsCheckout(Exception):
    """a maintainer's command (regen, measure --write, mutate, the evidence jobs) run from an installed nnspec."""


def checkout(what):
    """the checkout's root, or NeedsCheckout saying that `what` needs one."""
    if CHECKOUT is None:
        raise NeedsCheckout('%s needs a checkout of the nnspec repository (an installed nnspec carries the spec data, '
                            'not the goldens, docs and tools): run it in a clone, or point NNSPEC_ROOT at one' % what)
    return CHECKOUT


def _where():
    """how the data was found, for a message about data not found there."""
    if os.environ.get('NNSPEC_ROOT'):
        return 'NNSPEC_ROOT=%s' % os.environ['NNSPEC_ROOT']
    if CHECKOUT:
        return 'the checkout at %s' % CHECKOUT
    return 'the installed nnspec %s at %s; reinstall it, or point NNSPEC_ROOT at a checkout' % (_version(), SUITE)


def _version():
    from nnspec import __version__
    return __version__


def _unique(path):
    def pairs(items):
        keys = [k for k, _ in items]
        for k in keys:
            if keys.count(k) > 1:
                raise SpecError('%s: duplicate key %r in one object (json keeps only the last)' % (path, k))
        return dict(items)
    return pairs


def _no_constant(path):
    def refuse(name):
        raise SpecError('%s: %s is not a number the suite may hold (json has no NaN or Infinity)' % (path, name))
    return refuse


def load_json(path):
    """a json file of the suite; every way it can be broken is a SpecError naming it."""
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f, object_pairs_hook=_unique(path), parse_constant=_no_constant(path))
    except FileNotFoundError:
        raise SpecError('%s: missing (under %s)' % (path, _where()))
    except IsADirectoryError:
        raise SpecError('%s: a directory, not a json file' % path)
    except UnicodeDecodeError as e:
        raise SpecError('%s: not utf-8 (%s)' % (path, e))
    except json.JSONDecodeError as e:
        raise SpecError('%s:%d:%d: malformed json: %s' % (path, e.lineno, e.colno, e.msg))
    except (ValueError, RecursionError) as e:  # an integer of more than 4300 digits, nesting beyond the stack
        raise SpecError('%s: unreadable json: %s' % (path, str(e)[:200]))


_CHECKED = {}  # (kind, path, sha-1 of its bytes) -> a document checked against its schema: checked once per content


def _checked(kind, path, load):
    """load(path), memoized by the file's bytes (an edited file is a new key), a deep copy each time."""
    try:
        key = (kind, str(path), hashlib.sha1(Path(path).read_bytes()).hexdigest())
    except OSError:
        return load(path)  # load names what is wrong
    if key not in _CHECKED:
        _CHECKED[key] = load(path)
    return copy.deepcopy(_CHECKED[key])


def load_schema(path):
    """a json schema of the suite, checked before use (a $ref cycle would loop forever)."""
    return _checked('schema', path, _load_schema)


def _load_schema(path):
    doc = load_json(path)
    problems = schema.problems(doc)
    if problems:
        raise SpecError('%s: not a usable json schema: %s' % (path, '; '.join(problems[:5])))
    return doc


def validate(path, doc, schema_path):
    """a SpecError naming the file and every field that breaks its schema."""
    problems = schema.errors(doc, load_schema(schema_path))
    if problems:
        raise SpecError('%s: does not match %s:\n  %s' % (path, Path(schema_path).name, '\n  '.join(problems[:20])))
    return doc


def load_document(path, unmeasured=False):
    """one values file, checked against the schema; unmeasured: a new entry may lack its verdict (it reads None)."""
    return _checked(('values', unmeasured, str(SCHEMA), _digest(SCHEMA)), path, lambda p: _load_document(p, unmeasured))


def _digest(path):
    try:
        return hashlib.sha1(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _load_document(path, unmeasured):
    doc = load_json(path)
    new = [e for e in doc.get('entries', []) if isinstance(e, dict) and 'verdict' not in e] if unmeasured and \
        isinstance(doc, dict) and isinstance(doc.get('entries'), list) else []
    for e in new:
        e['verdict'] = {'status': 'reproduced'}  # a stand-in, for the schema only
    validate(path, doc, SCHEMA)
    for e in new:
        e['verdict'] = None
    return doc


def manifest():
    """{values file name: entry count}: what the values directory must hold, so a lost file is noticed."""
    doc = load_json(MANIFEST)
    counts = doc.get('values') if isinstance(doc, dict) else None
    if not isinstance(counts, dict) or not all(isinstance(n, int) and not isinstance(n, bool) for n in counts.values()):
        raise SpecError('%s: field "values" must map each values file to its entry count' % MANIFEST)
    return counts


def documents(directory=None, unmeasured=False):
    """{file name: document} for every values file; a file or entries lost from the manifest's list is an error.
    unmeasured: entries added without a verdict are read, their verdict None (for `nnspec measure --write`)."""
    directory = Path(directory or VALUES)
    if not directory.is_dir():
        raise SpecError('%s: no values directory (under %s)' % (directory, _where()))
    paths = sorted(directory.glob('*.json'))
    if not paths:
        raise SpecError('%s: no values files (under %s)' % (directory, _where()))
    docs = {p.name: load_document(p, unmeasured) for p in paths}
    seen = {}
    for name, doc in docs.items():
        for e in doc['entries']:
            if e['id'] in seen:
                raise SpecError('%s: field "id": duplicate id %r (first in %s)' % (directory / name, e['id'], seen[e['id']]))
            seen[e['id']] = name
    if directory.resolve() == VALUES.resolve():
        for name, count in manifest().items():
            if name not in docs:
                raise SpecError('%s: missing: %s lists it with %d entries' % (directory / name, MANIFEST.name, count))
            if len(docs[name]['entries']) < count:
                raise SpecError('%s: field "entries": %d entries, %s lists %d (entries lost)'
                                % (directory / name, len(docs[name]['entries']), MANIFEST.name, count))
    return docs


def entries(directory=None):
    """every entry of every document, in file order, with its file name."""
    return [(name, e) for name, doc in documents(directory).items() for e in doc['entries']]


def dumps(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + '\n'


def write_documents(docs):
    """{path: document} written all or nothing, atomically (nnspec.atomic)."""
    atomic.write_all({path: dumps(doc).encode('utf-8') for path, doc in docs.items()})


def write_document(path, doc):
    """write atomically: a crash mid-write leaves the old file."""
    write_documents({path: doc})


def reading(entry):
    """the text an entry is compared with: the documented text, or its recorded repair."""
    repair = entry.get('repair')
    return repair['reads'] if repair else entry['documented']


def seeds():
    """(the seed documents' folder, named by the user?): NNSPEC_SEEDS, else shared/seeds beside the repository."""
    named = os.environ.get('NNSPEC_SEEDS')
    return Path(named or ROOT.parent / 'shared' / 'seeds'), bool(named)
