"""json schema validation by `jsonschema`, the reference implementation, for the spec's published schemas.

two things on top: an integer is an int (1.0 is not an index, as python
reads it), and a schema is checked before use, with a guard against a $ref
that leads back to itself without reading anything (jsonschema would recurse
until python's stack runs out).
"""
import jsonschema

_Base = jsonschema.Draft202012Validator
_TYPES = _Base.TYPE_CHECKER.redefine('integer', lambda _, v: isinstance(v, int) and not isinstance(v, bool))
Validator = jsonschema.validators.extend(_Base, type_checker=_TYPES)


def _pointer(root, ref):
    node = root
    for part in ref[1:].lstrip('/').split('/') if ref != '#' else []:
        part = part.replace('~1', '/').replace('~0', '~')
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _ref_cycle(root):
    """a `$ref` chain that comes back to where it started, as 'a -> b -> a', or None."""
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get('$ref'), str):
                refs.append(node['$ref'])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(root)
    for start in refs:
        chain, ref = [start], start
        while ref.startswith('#'):
            try:
                target = _pointer(root, ref)
            except (KeyError, IndexError, ValueError, TypeError):
                break  # a dangling ref: check_schema's business
            ref = target.get('$ref') if isinstance(target, dict) else None
            if not isinstance(ref, str):
                break
            if ref in chain:
                return ' -> '.join(chain + [ref])
            chain.append(ref)
    return None


def problems(schema):
    """why a schema cannot be used, as strings (empty when sound)."""
    if not isinstance(schema, dict):
        return ['not a json schema (an object)']
    try:
        Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        return ['%s: %s' % (_path(e.absolute_path), e.message)]
    cycle = _ref_cycle(schema)
    return ['$ref cycle: %s' % cycle] if cycle else []


def _path(parts):
    return '$' + ''.join('[%d]' % p if isinstance(p, int) else '.%s' % p for p in parts)


def _message(e):
    if e.validator == 'required':  # "'x' is a required property" -> "missing 'x'"
        return 'missing ' + e.message.rsplit(' is a required property', 1)[0]
    return e.message


def errors(value, schema):
    """every way `value` breaks `schema`, as '$.path: problem' strings (the schema checked by `problems` first)."""
    try:
        found = sorted(Validator(schema).iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
        return ['%s: %s' % (_path(e.absolute_path), _message(e)) for e in found]
    except RecursionError:  # a cycle the guard did not see (through allOf and the like)
        return ['$: the schema recurses without end ($ref cycle)']
