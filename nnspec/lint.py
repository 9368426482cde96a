"""lint the suite itself: schema, unique ids, sources that exist, causes for every finding."""
import os
import re
from pathlib import Path

from nnspec import claims, runs, spec

SEEDS = Path(os.environ.get('NNSPEC_SEEDS') or spec.ROOT.parent / 'shared' / 'seeds')
PLAIN = re.compile(r'^(should|must|it |test )', re.I)


def _norm(text):
    return ' '.join(text.split())


def problems(directory=None, seeds=SEEDS):
    """every problem of the spec data, as 'file: id: problem' strings (empty when clean)."""
    out = []
    try:
        docs = spec.documents(directory)
    except spec.SpecError as e:
        return [str(e)]
    seen = {}
    texts = {}
    for name, doc in docs.items():
        for e in doc['entries']:
            where = '%s: %s' % (name, e['id'])
            if e['id'] in seen:
                out.append('%s: duplicate id (first in %s)' % (where, seen[e['id']]))
            seen[e['id']] = name
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
