"""the listings a port can be checked against, as parameters of one network: a view of nnspec.listings.

every trask listing is the same loop: forward through sigmoid layers, error
`output - y` (or `y - output`, bit for bit the same numbers negated), delta
through `s*(1-s)` of the layer's output, `w -= alpha * layer.T.dot(delta)`.
"""
from nnspec import listings


def _net(listing, alpha):
    layers = [len(listing.X[0])] + ([listing.hidden] if listing.hidden else []) + [1]
    return {'run': listing.run, 'source': listing.source, 'layers': layers, 'alpha': alpha,
            'iterations': listing.iterations, 'every': listing.every, 'X': [list(r) for r in listing.X],
            'y': [list(r) for r in listing.y], 'error_sign': listing.error_sign,
            'direction_counts': listing.direction_counts, 'listing_names': list(listing.weights)}


def all_listings():
    """{case id: network parameters} for every listing with a training loop: the single runs, then the
    sweeps alpha by alpha."""
    out = {l.case: _net(l, l.alphas[0]) for l in listings.CASES if not l.sweep}
    for alpha in listings.ALPHAS:
        out.update((l.subrun(alpha), _net(l, alpha)) for l in listings.SWEEPS)
    return out


# short variants for quick checks: same network, 1,000 iterations, a checkpoint every 100
QUICK = ['trask-part1/two-layer', 'trask-part1/three-layer', 'trask-part2/thirteen-lines',
         'trask-part2/alpha-sweep/alpha-10', 'trask-part2/closer-look/alpha-10',
         'trask-part2/hidden-size/alpha-10', 'trask-part2/alpha-sweep/alpha-100',
         'trask-part2/alpha-sweep/alpha-1000']


def quick_listings():
    full = all_listings()
    return {'quick/' + k: dict(full[k], iterations=1000, every=100) for k in QUICK}
