"""bug: topological_sort returns the order it discovered the nodes in (G's keys), not Kahn's L."""
import json
import sys

import common  # noqa: F401 -- puts the example ports on the path
import miniflow as mf


def topological_sort(feed_dict):
    G, nodes = {}, list(feed_dict)
    while nodes:
        n = nodes.pop(0)
        G.setdefault(n, None)
        if isinstance(n, mf.Input):
            n.value = feed_dict[n]
        for m in n.outbound_nodes:
            G.setdefault(m, None)
            nodes.append(m)
    return list(G)  # bug: breadth-first discovery, a node can come before its inputs


mf.topological_sort = topological_sort
json.dump(mf.answer(json.load(sys.stdin)), sys.stdout)
