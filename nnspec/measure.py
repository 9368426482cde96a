"""re-measure every verdict and write it into the spec files (documented texts untouched).

an entry the reference cannot measure (unknown run, quantity, index, printer,
claim) is the suite's broken data: a SpecError naming file, entry and field.
on another blas kernel than the reference one, the verdicts are compared with
that kernel's (nnspec.kernels), and --write records the kernel in spec/kernels
instead of touching spec/values. --write is all or nothing: every file is checked and written to a temporary
first, then all are moved in together (nnspec.atomic).
"""
from nnspec import claims, inventory, kernels, printing, runs, spec, stack
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


def runs_read(documents):
    """the runs the documents' verdicts read, in order: the value entries' runs and the claims' (nnspec.claims.READS).

    an unknown run or claim is left out here: measuring it names the problem."""
    out = {}
    for doc in documents.values():
        for e in doc['entries']:
            if e.get('claim'):
                out.update(dict.fromkeys(claims.READS.get(e['claim'], ())))
            elif e.get('documented') is not None and e.get('run') in runs.RUNS:
                out[e['run']] = None
    return list(out)


def prepare(directory=None, jobs=1, shown=False):
    """compute every run the documents in `directory` read, on `jobs` processes (nnspec.runs.prepare)."""
    runs.prepare(runs_read(spec.documents(directory, unmeasured=True)), jobs, shown)


def checked(name, entry):
    """the entry's verdict now, or a SpecError naming file, entry and field."""
    try:
        if entry.get('claim') and entry['claim'] not in claims.CLAIMS:
            raise KeyError('unknown claim check %r' % entry['claim'])
        return measure(entry)
    except (KeyError, IndexError, ValueError, TypeError) as e:
        field = _field(entry)
        missing = type(e) is KeyError and e.args == (field,) and field not in entry  # a KeyError says only 'documented'
        raise spec.SpecError('%s: entry %s: field %r: %s' % (name, entry.get('id'), field, 'missing' if missing else e)) from None


def remeasure(directory=None, write=False):
    """(changes, documents): verdicts that differ from the ones this kernel is held to; writes them if asked.

    a number with no verdict on this kernel (it moves with kernels, and this one is not
    recorded) is no change; --write records the kernel, and then it has one.
    """
    directory = spec.Path(directory or spec.VALUES)
    found = spec.documents(directory, unmeasured=True)
    expect = kernels.Expectation(found, kernels.directory(directory))
    changes, now = [], {}
    for name, doc in found.items():
        for e in doc['entries']:
            now[e['id']] = checked(name, e)
            if e['verdict'] is None:  # a new entry, added without one (docs/spec-data.md)
                changes.append((name, e['id'], None, now[e['id']]))
            elif expect.differs(e, now[e['id']]):
                changes.append((name, e['id'], expect.verdict(e), now[e['id']]))
    new = [(name, id_) for name, id_, old, _ in changes if old is None]
    if new and write and expect.status != 'reference':
        raise spec.SpecError('%s: entry %s has no verdict yet: a new entry is measured on the reference kernel (%s, the '
                             '`measured_on` of spec/values), this stack runs %s' % (new[0][0], new[0][1], expect.reference,
                                                                                     expect.key))
    if expect.status != 'reference':
        docs = expect.file_for(found, now)
        listed = spec.load_json(spec.MANIFEST) if spec.MANIFEST.exists() else None
        for path in list(docs):  # a kernel the suite records is listed in its manifest, in the same write
            if listed is not None and path.parent.resolve() == inventory.KERNELS.resolve() \
                    and path.name not in listed.get('kernels', []):
                listed['kernels'] = sorted(listed.get('kernels', []) + [path.name])
                docs[spec.MANIFEST] = listed
    else:
        docs = {}
        for name, doc in found.items():
            if all(e.get('verdict') == now[e['id']] for e in doc['entries']):
                continue  # measured_on stays the stack that recorded them: another of this arithmetic changes nothing
            for e in doc['entries']:
                e['verdict'] = now[e['id']]
            doc['measured_on'] = stack.describe()
            docs[directory / name] = spec.validate(directory / name, doc, spec.SCHEMA)
    if write:
        for path in docs:
            path.parent.mkdir(exist_ok=True)
        spec.write_documents(docs)
    return changes, docs
