"""the entries as the pages show them: the report's rows joined with their source, spread and stacks.

every entry gets one kind, the mark a reader sees (colour and word): reproduced, sensitive (off here, and
its printed text moves with the arithmetic), post-error (off under every arithmetic: the post is wrong),
off, lost (the ocr lost it), holds and fails (claims). the verdict itself is the report's, measured now.
"""
import json
import re
from collections import Counter, OrderedDict

from nnspec import report, spec, stack
from nnspec.web import stacks as matrix

KINDS = OrderedDict([  # kind: (legend word, what it means)
    ('reproduced', ('reproduced', 'the reference prints the documented text exactly')),
    ('sensitive', ('off here, sensitive', 'off on this arithmetic; the printed text moves with the summation order or exp')),
    ('post-error', ('error in the post', 'off under every honest arithmetic: the post itself is wrong')),
    ('off', ('off', 'the reference prints other digits')),
    ('lost', ('lost to the OCR', 'the copy of the post lost this number')),
    ('holds', ('claim holds', "the post's statement is true of the reference")),
    ('fails', ('claim fails', "the post's statement is not true of the reference")),
])
POSTS = spec.SUITE / 'posts.json'
POSTS_SCHEMA = spec.SUITE / 'schema' / 'posts.schema.json'


def kind(status, sensitivity):
    if status == 'unreadable':
        return 'lost'
    if status == 'off':
        return {'sensitive': 'sensitive', 'off-everywhere': 'post-error'}.get(sensitivity, 'off')
    return status


def posts():
    """{values file: {post, copy, note}} from spec/posts.json, checked against its schema."""
    return spec.validate(POSTS, spec.load_json(POSTS), POSTS_SCHEMA)['posts']


def _sensitivity():
    path = spec.SUITE / 'sensitivity.json'
    return {e['id']: e for e in spec.load_json(path)['entries']} if path.is_file() else {}


def _matrix():
    """{id: ([stacks where it reproduces or holds], stacks measured)} from the stacks matrix (docs/matrix.json), else {}."""
    doc = matrix.document()
    if doc is None:
        return {}
    out = {}
    for e in doc.get('entries', []):
        out[e['id']] = ([s for s, text in e['measured'].items() if text == e['documented']], len(e['measured']))
    for c in doc.get('claims', []):
        out[c['id']] = ([s for s, status in c['status'].items() if status == 'holds'], len(c['status']))
    return out


def plain(cause):
    """(the cause's first sentence, the technical rest): the card shows the first and folds the rest."""
    m = re.search(r'[.;] (?=\S)', cause)
    return (cause, '') if not m or m.end() > len(cause) - 2 else (cause[:m.start() + 1], cause[m.end():])


def slug(text):
    return re.sub(r'[^A-Za-z0-9]+', '-', text).strip('-').lower()


def entries(rows=None):
    """one dict per entry, in file order: the report's row, its source, kind, spread and stacks."""
    rows = report.rows() if rows is None else rows
    source = {e['id']: e for _, e in spec.entries()}
    spread, stacks, anchors = _sensitivity(), _matrix(), set()
    out = []
    for r in rows:
        e, now = source[r['id']], r['now']
        s = spread.get(r['id'], {})
        anchor = slug(r['id'])
        while anchor in anchors:
            anchor += '-'
        anchors.add(anchor)
        short, detail = plain(r['cause']) if now['status'] not in ('reproduced', 'holds') else ('', '')
        good, measured_on = stacks.get(r['id'], (None, 0))
        out.append({
            'id': r['id'], 'anchor': anchor, 'file': r['file'], 'post': r['file'][:-len('.json')],
            'section': r['section'], 'line': e['source']['line'], 'document': e['source']['document'],
            'documented': e.get('documented'), 'claim': e.get('description') if e.get('claim') else None,
            'printer': r['printer'], 'run': e.get('run'), 'status': now['status'], 'measured': now.get('measured', ''),
            'digits': now.get('digits'), 'distance': now.get('distance'),
            'kind': kind(now['status'], s.get('class')), 'sensitivity': s.get('class'),
            'spread': (s['min'], s['max']) if s.get('min') not in (None, s.get('max')) else None,
            'changed': r['changed'], 'comparable': r['comparable'], 'recorded': (r['recorded'] or {}).get('status'),
            'cause': r['cause'] if now['status'] not in ('reproduced', 'holds') else '', 'cause_short': short,
            'cause_detail': detail, 'author_2015': r['author_2015'],
            'stacks': good, 'stacks_measured': measured_on,
        })
    return out


def summary(entries_):
    """[(post, title, Counter of kinds)] in file order, and the whole."""
    docs = spec.documents()
    per = OrderedDict()
    for e in entries_:
        per.setdefault(e['file'], Counter())[e['kind']] += 1
    return [{'file': f, 'post': f[:-len('.json')], 'title': docs[f]['title'], 'kinds': c, 'total': sum(c.values())}
            for f, c in per.items()]


def stack_notes():
    """(stack items, the kernel line, the maintainer's advice)."""
    items = [(k, v) for k, v in stack.describe().items() if k != 'arithmetic']
    arithmetic = stack.describe().get('arithmetic') or {}
    sites = arithmetic.get('sites') or {} if isinstance(arithmetic, dict) else {}
    return {'items': items, 'sites': sorted(sites.items()), 'kernel': report.kernel_line(), 'advice': report.advice()}


def as_data(entries_):
    """the entries as the pages' embedded json (the report's filters read it): compact, sorted keys."""
    keep = ('id', 'post', 'kind', 'status')
    return json.dumps([{k: e[k] for k in keep} for e in entries_], sort_keys=True, separators=(',', ':'))
