"""is a MiniFlow port's order a topological order of its case's graph? (kinds.py judges it, kind_bugs.py reads it)."""


def order_problems(nodes, order):
    """[(position, name, why)] where `order` is not a topological order of the case's nodes."""
    inputs = {n['name']: n['inputs'] for n in nodes}
    out, seen = [], set()
    for k, name in enumerate(order):
        if name not in inputs:
            out.append((k, name, 'not a node of this case'))
        elif name in seen:
            out.append((k, name, 'listed twice'))
        elif any(i not in seen for i in inputs[name]):
            out.append((k, name, '%s before its input %s' % (name, ', '.join(i for i in inputs[name] if i not in seen))))
        seen.add(name)
    missing = [n for n in inputs if n not in seen]
    if missing:
        out.append((len(order), None, 'missing %s' % ', '.join(missing)))
    return out
