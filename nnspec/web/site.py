"""the static site: index.html, report.html (the same bytes as `nnspec report --format html`) and a page per post.

a post's page renders the local copy of the post (the seed documents: NNSPEC_SEEDS, else shared/seeds beside
the checkout) with every documented number marked. built for publication, or where the seeds are absent, it
carries each entry's quoted line and a link to the post, never the post's text: the posts belong to their authors.
"""
from pathlib import Path

from nnspec import atomic, spec
from nnspec.web import model, pages


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


def files(entries=None, publish=False, seeds=None):
    """{relative path: bytes} of the site, and notes on what it could not carry."""
    entries = model.entries() if entries is None else entries
    folder, why = (None, 'built for publication') if publish else seeds_folder(seeds)
    docs, links, notes = spec.documents(), model.posts(), [] if folder else ['quoted lines only: %s' % why]
    out = {'index.html': pages.index(entries, full_text=folder is not None), 'report.html': pages.report(entries)}
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
        out['posts/%s.html' % summary['post']] = pages.post(summary, mine, link, doc, text)
    return {k: v.encode('utf-8') for k, v in out.items()}, notes


def write(out_dir, publish=False, seeds=None):
    """write the site under out_dir, every file at once (nnspec.atomic): [(path, bytes written)], notes."""
    built, notes = files(publish=publish, seeds=seeds)
    out_dir = Path(out_dir)
    (out_dir / 'posts').mkdir(parents=True, exist_ok=True)
    atomic.write_all({out_dir / k: v for k, v in built.items()})
    return sorted((k, len(v)) for k, v in built.items()), notes
