"""the static site: index.html, report.html (the same bytes as `nnspec report --format html`), a page per post,
a page per conformance case, the stacks matrix (docs/matrix.json, carried by the suite), and with port reports
(`--ports`) the ports matrix, a page per port and each report as given (reports/).

a post's page renders the local copy of the post (the seed documents: NNSPEC_SEEDS, else shared/seeds beside
the checkout) with every documented number marked. built for publication, or where the seeds are absent, it
carries each entry's quoted line and a link to the post, never the post's text: the posts belong to their authors.
"""
from pathlib import Path

from nnspec import atomic, spec
from nnspec.web import case_pages, model, pages, ports, stacks


class SeedsMissing(Exception):
    """seeds named (--seeds or NNSPEC_SEEDS) but not there."""


def seeds_folder(named=None):
    """(folder of the seed documents or None, why not) : named, else NNSPEC_SEEDS, else shared/seeds beside the checkout."""
    default, by_user = spec.seeds()
    named = named or (default if by_user else None)
    if named:
        if not Path(named).is_dir():
            raise SeedsMissing('%s: no such folder of seed documents' % named)
        return Path(named), ''
    if spec.CHECKOUT is not None and default.is_dir():
        return default, ''
    return None, 'no seed documents found (name their folder with --seeds or NNSPEC_SEEDS)'


def files(entries=None, publish=False, seeds=None, port_reports=(), port_names=None, port_notes=()):
    """{relative path: bytes} of the site, and notes on what it could not carry. port_reports: paths of
    `nnspec check --format json` reports (ports.BadReport names a bad one: nothing is built)."""
    port_list = ports.load(list(port_reports), port_names) if port_reports else []  # a bad report: before any work
    entries = model.entries() if entries is None else entries
    folder, why = (None, 'built for publication') if publish else seeds_folder(seeds)
    docs, links, notes = spec.documents(), model.posts(), [] if folder else ['quoted lines only: %s' % why]
    matrix, no_matrix = stacks.load()
    if no_matrix:
        notes.append('no stacks page: %s' % no_matrix)
    more = [('cases.html', 'The cases')] + ([('ports.html', 'The ports')] if port_list else []) + \
        ([('stacks.html', 'The stacks')] if matrix else [])
    about = {'cases.html': 'what each conformance case sends a port and checks', 'ports.html': 'the ports checked, a verdict '
             'per case', 'stacks.html': matrix and 'the documented values on %d stacks of python, numpy and blas'
             % len(matrix['stacks'])}
    out = {'index.html': pages.index(entries, full_text=folder is not None, more=more, about=about),
           'report.html': pages.report(entries)}
    for summary in model.summary(entries):
        name = summary['file']
        doc, mine = docs[name], [e for e in entries if e['file'] == name]
        text = None
        if folder is not None:
            path = folder / doc['document']
            if path.is_file():
                text = path.read_text(encoding='utf-8')
            else:
                notes.append('%s: not in %s: its page carries the quoted lines' % (doc['document'], folder))
        link = links.get(name) or {'post': None, 'copy': None, 'note': 'the address of the post is not recorded'}
        out['posts/%s.html' % summary['post']] = pages.post(summary, mine, link, doc, text, more=more)
    every = case_pages.every()
    passing = {c['key']: ports.passing(port_list, c['key']) for c in every}
    out['cases.html'] = pages.cases_index(every, port_list, passing, more)
    for c in every:
        out[c['page']] = pages.case(c, port_list, passing[c['key']], more)
    if matrix:
        out['stacks.html'] = pages.stacks(matrix, None, more)
    raw = {}
    if port_list:
        columns, rows = ports.matrix(port_list)
        out['ports.html'] = pages.ports_matrix(port_list, columns, rows, list(port_notes), more)
        for p, path in zip(port_list, port_reports):
            out[p['page']] = pages.port(p, more)
            raw['reports/%s.json' % p['slug']] = Path(path).read_bytes()
    built = {k: v.encode('utf-8') for k, v in out.items()}
    built.update(raw)
    return built, notes


WRITTEN = '.nnspec-site'  # the files the last build wrote, one a line: a rebuild removes those it no longer writes


def write(out_dir, publish=False, seeds=None, port_reports=(), port_names=None, port_notes=()):
    """write the site under out_dir, every file at once (nnspec.atomic): [(path, bytes written)], notes."""
    built, notes = files(publish=publish, seeds=seeds, port_reports=port_reports, port_names=port_names,
                         port_notes=port_notes)
    out_dir = Path(out_dir)
    listed = out_dir / WRITTEN
    before = listed.read_text(encoding='utf-8').split('\n') if listed.is_file() else []
    for folder in sorted({(out_dir / k).parent for k in built}):
        folder.mkdir(parents=True, exist_ok=True)
    atomic.write_all(dict({out_dir / k: v for k, v in built.items()}, **{str(listed): '\n'.join(sorted(built)).encode()}))
    for k in before:  # what the last build wrote and this one does not (a port dropped): gone, and nothing else
        stale = (out_dir / k).resolve()
        if k and k not in built and stale.is_file() and out_dir.resolve() in stale.parents:
            stale.unlink()
    return sorted((k, len(v)) for k, v in built.items()), notes
