"""the pages, rendered from jinja2 templates (nnspec/web/templates, package data): the report, the index, a post.

each page stands alone: its stylesheet and script inline, its pictures data: uris, and a content security
policy that lets the browser load nothing else. the same inputs give the same bytes (no clock, no random).
"""
import base64
import re
from collections import Counter

import jinja2

from nnspec import __version__, spec
from nnspec.web import deviations as by_cause, marks, model, worked

COLUMNS = [('post', 'Post', 'text'), ('section', 'Section', 'text'), ('id', 'Entry', 'text'),
           ('documented', 'Documented', 'text'), ('measured', 'Prints now', 'text'), ('kind', 'Verdict', 'text'),
           ('digits', 'Digits', 'number'), ('cause', 'Cause', 'text')]


def _environment():
    return jinja2.Environment(loader=jinja2.PackageLoader('nnspec.web', 'templates'),
                              autoescape=jinja2.select_autoescape(['j2', 'html']), undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)


ENV = _environment()
ENV.filters['repr_float'] = lambda v: repr(float(v)) if isinstance(v, (int, float)) else v


def _render(name, **values):
    return ENV.get_template(name).render(kinds=model.KINDS, version=__version__, **values)


def pictures():
    """[(alt, data uri)] of the checkout's docs/img pictures, alt text from docs/pictures.md; none without a checkout."""
    if spec.CHECKOUT is None:
        return []
    img, notes = spec.CHECKOUT / 'docs' / 'img', spec.CHECKOUT / 'docs' / 'pictures.md'
    alts = dict((m.group(2), m.group(1)) for m in re.finditer(r'!\[([^\]]+)\]\(img/([^)]+\.png)\)',
                                                              notes.read_text(encoding='utf-8'))) if notes.is_file() else {}
    return [(alts.get(p.name, p.stem.replace('-', ' ')), 'data:image/png;base64,' + base64.b64encode(p.read_bytes()).decode('ascii'))
            for p in sorted(img.glob('*.png'))] if img.is_dir() else []


def report(entries, nav=None):
    """the report page: per-post bars, the table with its filters, the deviations by cause, the stack, the pictures."""
    deviations = by_cause.groups(entries)
    return _render('report.html.j2', entries=entries, posts=model.summary(entries), deviations=deviations,
                   cause_index={g['cause']: i + 1 for i, g in enumerate(deviations) if g['cause'] != '(no cause recorded)'},
                   all_kinds=Counter(e['kind'] for e in entries), columns=COLUMNS, notes=model.stack_notes(),
                   changed=sum(e['changed'] for e in entries), apart=sum(not e['comparable'] for e in entries),
                   pictures=pictures(), nav=nav)


def nav(prefix='', more=()):
    """the site's links, from a page `prefix` deep: the posts, the report, and the pages this site has (`more`)."""
    return [(prefix + href, label) for href, label in [('index.html', 'The posts'), ('report.html', 'The report')] + list(more)]


def index(entries, full_text, more=(), about=None):
    return _render('index.html.j2', posts=model.summary(entries), total=len(entries), full_text=full_text,
                   nav=nav('', more), more=list(more), about=about or {})


def _quoted_lines(entries):
    """the post's text when it may not be carried: each section's heading, then its quoted lines, once each."""
    out, seen, section = [], set(), None
    for e in entries:
        if e['section'] != section:
            section = e['section']
            out.append('\n\u00a7 %s\n' % section if section else '\n')
        key = (e['section'], e['line'])
        if e['line'] and key not in seen:
            seen.add(key)
            out.append(e['line'] + '\n')
    return ''.join(out).lstrip('\n')


def _split(e):
    """a gap's quoted line around its number: (before, number, after); a claim, or a number not in it, marks it whole."""
    line, want = e['line'] or '', e['documented'] or ''
    at = line.find(want) if want else -1
    return ('', line, '') if at < 0 else (line[:at], want, line[at + len(want):])


def segments(text, entries):
    """the text's segments (nnspec.web.marks.place), each gap with its quoted line split around its number."""
    return [('gap', seg[1]) + _split(seg[1]) if seg[0] == 'gap' else seg for seg in marks.place(text, entries)]


def post(summary, entries, link, document, text=None, more=()):
    """one post's page: `text` (the local copy of the post) annotated, or, without it, its quoted lines; a post
    with a worked example (nnspec.web.worked) also shows its chain beside the one its own inputs give."""
    full_text = text is not None
    body = text if full_text else _quoted_lines(entries)
    lang = 'zh' if summary['post'] in ('trask-part1-zh', 'miniflow') else 'en'
    worked_run, steps = worked.chain(summary['post'], entries)
    return _render('post.html.j2', post=summary, link=link, document=document['document'], state=document['state'],
                   full_text=full_text, segments=segments(body, entries), doc_lang=lang,
                   worked_run=worked_run, steps=steps, nav=nav('../', more))


def ports_matrix(ports_, columns, rows, notes, more):
    from nnspec.web import ports
    return _render('ports.html.j2', columns=columns, rows=rows, notes=notes, verdicts=ports.VERDICTS,
                   not_run=ports.NOT_RUN, nav=nav('', more))


def port(p, more):
    from nnspec.web import ports
    return _render('port.html.j2', port=p, protocol=ports.PROTOCOL, report_link='reports/%s.json' % p['slug'],
                   nav=nav('../', more))


def cases_index(cases, ports_, passing, more):
    return _render('cases.html.j2', cases=cases, ports=ports_, passing=passing, nav=nav('', more))


def case(c, ports_, passing, more):
    from nnspec.web import ports
    return _render('case.html.j2', case=c, ports=ports_, passing=passing, verdicts=ports.VERDICTS,
                   case_anchor=model.slug(c['key']), nav=nav('../', more))


def stacks(m, why, more):
    return _render('stacks.html.j2', m=m, why=why, nav=nav('', more))
