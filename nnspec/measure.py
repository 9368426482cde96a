"""re-measure every verdict and write it into the spec files (documented texts untouched)."""
from nnspec import spec, stack
from nnspec.verdict import measure


def remeasure(directory=None, write=False):
    """(changes, documents): verdicts that differ from the recorded ones; writes them if asked."""
    directory = directory or spec.VALUES
    changes = []
    docs = {}
    for path in sorted(spec.Path(directory).glob('*.json')):
        doc = spec.load_json(path)
        for e in doc['entries']:
            now = measure(e)
            if e.get('verdict') != now:
                changes.append((path.name, e['id'], e.get('verdict'), now))
                e['verdict'] = now
        doc['measured_on'] = stack.describe()
        docs[path] = doc
    if write:
        for path, doc in docs.items():
            problems = spec.schema.errors(doc, spec.load_json(spec.SCHEMA))
            if problems:
                raise spec.SpecError('%s: would not match the schema: %s' % (path, problems[:5]))
        for path, doc in docs.items():
            spec.write_document(path, doc)
    return changes, docs
