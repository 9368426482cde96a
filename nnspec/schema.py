"""a small json-schema validator: the subset the spec's schemas use, no dependency."""
import re

TYPES = {'object': dict, 'array': list, 'string': str, 'boolean': bool, 'null': type(None)}


def _is(value, name):
    if name == 'integer':
        return isinstance(value, int) and not isinstance(value, bool)
    if name == 'number':
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def _resolve(schema, root):
    while '$ref' in schema:
        path = schema['$ref'].lstrip('#/').split('/')
        schema = root
        for part in path:
            schema = schema[part]
    return schema


def errors(value, schema, root=None, where='$'):
    """every way `value` breaks `schema`, as 'path: problem' strings."""
    root = root if root is not None else schema
    schema = _resolve(schema, root)
    out = []
    types = schema.get('type')
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_is(value, t) for t in names):
            return ['%s: expected %s, got %s' % (where, ' or '.join(names), type(value).__name__)]
    if 'if' in schema:  # if/then/else: the value's shape picks the branch it is checked against
        branch = schema.get('else' if errors(value, schema['if'], root, where) else 'then')
        out += errors(value, branch, root, where) if branch else []
    if 'enum' in schema and value not in schema['enum']:
        out.append('%s: %r is not one of %s' % (where, value, schema['enum']))
    if isinstance(value, str):
        if len(value) < schema.get('minLength', 0):
            out.append('%s: empty' % where)
        if len(value) > schema.get('maxLength', len(value)):
            out.append('%s: longer than %d characters' % (where, schema['maxLength']))
        if 'pattern' in schema and not re.search(schema['pattern'], value):
            out.append('%s: %r does not match %s' % (where, value, schema['pattern']))
    if isinstance(value, dict):
        for key in schema.get('required', []):
            if key not in value:
                out.append('%s: missing %r' % (where, key))
        props = schema.get('properties', {})
        for key, item in value.items():
            if key in props:
                out += errors(item, props[key], root, '%s.%s' % (where, key))
            elif schema.get('additionalProperties') is False:
                out.append('%s: unknown field %r' % (where, key))
    if isinstance(value, list):
        if len(value) < schema.get('minItems', 0):
            out.append('%s: fewer than %d items' % (where, schema['minItems']))
        if 'items' in schema:
            for i, item in enumerate(value):
                out += errors(item, schema['items'], root, '%s[%d]' % (where, i))
    return out
