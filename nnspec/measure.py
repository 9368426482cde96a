"""re-measure every verdict and write it into the spec files (documented texts untouched).

an entry the reference cannot measure (unknown run, quantity, index, printer,
claim) is the suite's broken data: a SpecError naming file, entry and field.
--write is all or nothing: every file is checked and written to a temporary
first, then all are moved in together (nnspec.atomic).
"""
from nnspec import claims, printing, runs, spec, stack
from nnspec.verdict import measure


def _field(entry):
    if entry.get('claim'):
        return 'claim'
    for key in ('run', 'quantity', 'printer', 'documented'):
        if key not in entry:
            return key
    if entry['run'] not in runs.RUNS:
        return 'run'
    if entry['printer'] not in printing.PRINTERS:
        return 'printer'
    return 'quantity' if entry['quantity'] not in runs.run(entry['run']) else 'index'


def checked(name, entry):
    """the entry's verdict now, or a SpecError naming file, entry and field."""
    try:
        if entry.get('claim') and entry['claim'] not in claims.CLAIMS:
            raise KeyError('unknown claim check %r' % entry['claim'])
        return measure(entry)
    except (KeyError, IndexError, ValueError, TypeError) as e:
        raise spec.SpecError('%s: entry %s: field %r: %s' % (name, entry.get('id'), _field(entry), e)) from None


def remeasure(directory=None, write=False):
    """(changes, documents): verdicts that differ from the recorded ones; writes them if asked."""
    directory = spec.Path(directory or spec.VALUES)
    changes = []
    docs = {}
    for name, doc in spec.documents(directory).items():
        for e in doc['entries']:
            now = checked(name, e)
            if e.get('verdict') != now:
                changes.append((name, e['id'], e.get('verdict'), now))
                e['verdict'] = now
        doc['measured_on'] = stack.describe()
        docs[directory / name] = spec.validate(directory / name, doc, spec.SCHEMA)
    if write:
        spec.write_documents(docs)
    return changes, docs
