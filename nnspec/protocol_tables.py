"""the protocol's field tables, generated from the JSON Schemas' `description`s.

a table is the block of `|` lines under `<!-- fields: <schema file> -->` in
spec/PROTOCOL.md or spec/protocol/*.md (`<!-- fields: <schema file>, joined: a b; c d -->`
puts fields a, b in one row and c, d in another). every property with a
description is a row (`network.layers`, `values[].want`); an object without one
stands for its properties, which then need descriptions of their own; a property
under a documented one may instead be named in that description. so each field's
meaning is written once, in its schema, and the tables cannot drift from it.

    python3 -m nnspec.protocol_tables           # rewrite the tables in place
    python3 -m nnspec.protocol_tables --check   # exit 1 when a table is stale
"""
import argparse
import re
import sys

from nnspec import atomic, spec

SCHEMAS = spec.SUITE / 'schema'
BLOCK = re.compile(r'(<!-- fields: (?P<schema>[\w.-]+)(?:, joined: (?P<joined>[\w. ;\[\]]+))? -->\n)(?:\|.*\n)*')
HEADER = '| field | meaning |\n| --- | --- |\n'


def documents():
    """the protocol documents that may hold field tables: the core and its appendices."""
    return [spec.SUITE / 'PROTOCOL.md'] + sorted((spec.SUITE / 'protocol').glob('*.md'))


def _properties(node):
    """a schema node's named properties, with those of an `if`/`then` branch (the answer's `unsupported`)."""
    props = dict(node.get('properties', {}))
    for branch in ('then', 'else'):
        for name, sub in node.get(branch, {}).get('properties', {}).items():
            props.setdefault(name, sub)
    return props


def _children(node):
    """(separator, properties) of what a property holds: an object's, or the objects of an array."""
    if _properties(node):
        return '.', _properties(node)
    items = node.get('items')
    if isinstance(items, dict) and _properties(items):
        return '[].', _properties(items)
    return '', {}


def fields(schema, where='schema'):
    """[(path, description)] of a schema's documented properties, in schema order; raises on an undocumented one."""
    out = []

    def walk(node, prefix, documented_by):
        for name, sub in _properties(node).items():
            path = prefix + name
            if 'description' in sub:
                out.append((path, sub['description']))
                holder = sub['description']
            elif documented_by is not None and re.search(r'(?<![\w])%s(?![\w])' % re.escape(name), documented_by):
                holder = documented_by
            elif _children(sub)[1]:
                holder = None  # an object without a description stands for its properties
            else:
                raise ValueError('%s: field %s has no description, and is not named in its parent\'s' % (where, path))
            sep, _ = _children(sub)
            walk(sub if sep == '.' else sub.get('items', {}), path + sep, holder)

    walk(schema, '', None)
    return out


def _cell(text):
    return text.replace('|', '\\|').replace('\n', ' ')


def table(schema_name, joined=''):
    """the markdown table of one schema's fields; `joined` ('a b; c d') puts fields in one row each group."""
    rows = fields(spec.load_schema(SCHEMAS / schema_name), schema_name)
    groups = [g.split() for g in joined.split(';') if g.strip()]
    unknown = sorted({f for g in groups for f in g} - {path for path, _ in rows})
    if unknown:
        raise ValueError('%s: joined fields that are not rows: %s' % (schema_name, ', '.join(unknown)))
    lead = {g[0]: g for g in groups}
    text = dict(rows)
    out = []
    for path, _ in rows:
        group = lead.get(path) or ([] if any(path in g for g in groups) else [path])
        if group:
            out.append('| %s | %s |\n' % (', '.join('`%s`' % f for f in group), _cell('; '.join(text[f] for f in group))))
    return HEADER + ''.join(out)


def render(text):
    """a document's text with every field table regenerated."""
    return BLOCK.sub(lambda m: m.group(1) + table(m.group('schema'), m.group('joined') or ''), text)


def stale():
    """the documents whose tables differ from their schemas'."""
    return [p for p in documents() if render(p.read_text(encoding='utf-8')) != p.read_text(encoding='utf-8')]


def main(argv=None):
    p = argparse.ArgumentParser(prog='python3 -m nnspec.protocol_tables', description=__doc__.splitlines()[0])
    p.add_argument('--check', action='store_true', help='only say which documents are stale (exit 1 if any)')
    args = p.parse_args(argv)
    old = stale()
    for path in old:
        print('%s: field tables %s' % (path.relative_to(spec.SUITE.parent), 'stale' if args.check else 'rewritten'))
        if not args.check:
            atomic.write(path, render(path.read_text(encoding='utf-8')))
    return 1 if args.check and old else 0


if __name__ == '__main__':
    sys.exit(main())
