"""lint the suite itself: schema, unique ids, sources that exist, causes for every finding.

it catches whatever report, measure and check would trip on: every entry is
measured (unknown run, quantity, index, printer, claim), every case file is
loaded, and the manifest must list exactly the values files and entries there are.
"""
import re

from nnspec import claims, inventory, kernels, measure, runs, spec
from nnspec.conformance import cases

SEEDS, SEEDS_SET = spec.seeds()  # named by the user: missing is a problem, not a skip
PLAIN = re.compile(r'^(should|must|it |test )', re.I)


def _norm(text):
    return ' '.join(text.split())


def problems(directory=None, seeds=None):
    """every problem of the spec data, as 'file: id: problem' strings (empty when clean)."""
    out, seeds = [], seeds or SEEDS
    try:
        docs = spec.documents(directory)
    except spec.SpecError as e:
        return [str(e)]
    out += _manifest(docs) + _cases() + inventory.problems() if directory is None else []
    if SEEDS_SET and seeds is SEEDS and not seeds.is_dir():
        out.append('NNSPEC_SEEDS=%s: not a directory: the quoted lines cannot be checked' % seeds)
    out += _kernels(docs, directory)
    texts = {}
    for name, doc in docs.items():
        for e in doc['entries']:
            where = '%s: %s' % (name, e['id'])
            try:
                measure.checked(name, e)
            except spec.SpecError as err:
                out.append(str(err))
            src = e['source']
            if src['document'] not in (doc['document'], 'README.md'):
                out.append('%s: source document %s is neither %s nor the seeds README' % (where, src['document'], doc['document']))
            if e.get('claim'):
                if e['claim'] not in claims.CLAIMS:
                    out.append('%s: unknown claim check %r' % (where, e['claim']))
                if PLAIN.match(e['description']):
                    out.append('%s: description should state the fact, not start %r' % (where, e['description'].split()[0]))
            else:
                for key in ('run', 'quantity', 'printer', 'documented'):
                    if key not in e:
                        out.append('%s: a value entry needs %r' % (where, key))
                if e.get('run') not in runs.RUNS:
                    out.append('%s: unknown reference run %r' % (where, e.get('run')))
            if e.get('documented', '') is None:
                if src['line'] is not None:
                    out.append('%s: unreadable but quotes a line' % where)
            elif not src['line']:
                out.append('%s: no quoted line' % where)
            elif e.get('documented') and e['documented'] not in src['line']:
                out.append('%s: documented %r is not in its quoted line' % (where, e['documented']))
            status = e['verdict']['status']
            if status in ('off', 'fails', 'unreadable') and not e.get('cause'):
                out.append('%s: verdict %s without a cause' % (where, status))
            if src['line'] and seeds.is_dir():
                path = seeds / src['document']
                if not path.is_file():
                    out.append('%s: source %s not found in %s' % (where, src['document'], seeds))
                    continue
                if path not in texts:
                    texts[path] = _norm(path.read_text(encoding='utf-8'))
                if _norm(src['line']) not in texts[path]:
                    out.append('%s: quoted line not found in %s: %r' % (where, src['document'], src['line'][:60]))
    return out


def not_checked(directory=None, seeds=None):
    """the checks lint could not make here, in words (empty when it made them all)."""
    seeds = seeds or SEEDS
    out = [] if spec.CHECKOUT else ['the goldens: an installed nnspec carries none (lint in a checkout counts them)']
    if seeds.is_dir():
        return out
    try:
        quoted = sum(1 for _, e in spec.entries(directory) if e['source']['line'])
    except spec.SpecError:
        return out
    return out + ['the quoted lines of %d entries: no seed documents at %s (set NNSPEC_SEEDS to their directory)'
                  % (quoted, seeds)]


def _kernels(docs, directory):
    """each recorded kernel's file loads, is named for its kernel, and names only entries there are."""
    try:
        found = kernels.recorded(kernels.directory(directory), lost=directory is not None)  # else inventory says it
    except spec.SpecError as e:
        return [str(e)]
    ids = {e['id'] for d in docs.values() for e in d['entries']}
    return ['%s: field "verdicts": no entry %r' % (path, i) for path, doc in found.values() for i in sorted(set(doc['verdicts']) - ids)]


def _manifest(docs):
    """the manifest lists every values file with its entry count: nothing lost, nothing unlisted."""
    try:
        listed = spec.manifest()
    except spec.SpecError as e:
        return [str(e)]
    have = {name: len(doc['entries']) for name, doc in docs.items()}
    if listed == have:
        return []
    return ['%s: field "values" lists %s, the values directory holds %s (after adding entries: nnspec lint --write-manifest)'
            % (spec.MANIFEST, listed, have)]


def _cases():
    """every case file loads, and the manifest counts them all."""
    out = []
    for mode in cases.MODES:
        try:
            found = cases.ids(mode)
        except spec.SpecError as e:
            out.append(str(e))
            continue
        listed = spec.load_json(spec.MANIFEST).get('cases', {}).get(mode)
        if listed != len(found):
            out.append('%s: field "cases.%s" lists %s, there are %d (after adding cases: nnspec lint --write-manifest)'
                       % (spec.MANIFEST, mode, listed, len(found)))
        for id_ in found:
            try:
                cases.load(id_, mode)
            except spec.SpecError as e:
                out.append(str(e))
    return out


def write_manifest():
    """record the values files with their entry counts, the case files, kernel files and goldens, as they are now."""
    doc = inventory.record(spec.load_json(spec.MANIFEST) if spec.MANIFEST.exists() else {})
    doc['values'] = {p.name: len(spec.load_document(p)['entries']) for p in sorted(spec.VALUES.glob('*.json'))}
    doc['cases'] = {mode: len(list(p for p in (cases.CASES / mode).rglob('*.json') if not p.name.endswith('.expected.json')))
                    for mode in cases.MODES}
    spec.write_document(spec.MANIFEST, doc)
