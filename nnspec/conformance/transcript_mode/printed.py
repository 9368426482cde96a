"""what each trask listing prints, in order: the quantity behind each printed number, and the json case it comes from.

transcript mode reads a port's numbers in this order; case generation writes
the transcript cases from it.
"""
from nnspec import listings


def _printed(listing):
    """[(quantity, answer name, json case (a sweep's alpha, else the case id), checkpoint)] in printed order."""
    out = []
    for alpha in listing.alphas if listing.sweep else [None]:
        prefix, where = ('alpha-%s/' % listings.label(alpha), alpha) if listing.sweep else ('', listing.case)
        for what in listing.printed:
            if what == 'output':
                out.append((prefix + listing.output, 'output', where, None))
            elif what == 'errors':
                out += [(prefix + 'error@%d' % j, 'error', where, k) for k, j in enumerate(listing.checkpoints)]
            else:
                out += [(prefix + q, q, where, None) for q in listing.final]
    return out


# id: (run, printer, labels, [(quantity, answer name, json case (alpha or id), checkpoint)])
LISTINGS = {l.case: (l.run, l.printer, list(l.labels), _printed(l)) for l in listings.TRANSCRIPTS}


def json_case(id_, where):
    """the json case a transcript quantity comes from: its id, or the sweep's alpha."""
    return where if isinstance(where, str) else 'trask-part2/%s/alpha-%g' % (id_.split('/')[1], where)
