"""a post's worked example beside the corrected one: each step the author computed by hand, the post's number,
the number the post's own inputs give (the reference's worked run, printed to the decimals the post shows) and
the verdict. every figure comes from the pages' entries (spec/values and the report's rows), none is typed here.
"""
from nnspec import listings as L

WORKED = (L.SHAMDASANI_WORKED,)  # the runs that recompute a post's hand-worked example


def chain(post, entries):
    """(the worked run's name, [step]) for `post`'s page, or (None, []): its entries of a worked run, in file order."""
    listing = next((w for w in WORKED if w.document == post), None)
    if listing is None:
        return None, []
    steps = [{'step': e['id'].rsplit('/', 1)[-1], 'id': e['id'], 'anchor': e['anchor'], 'line': e['line'],
              'documented': e['documented'], 'computed': e['measured'], 'kind': e['kind'], 'status': e['status'],
              'digits': e['digits']}
             for e in entries if e.get('run') == listing.run]
    return listing.run, steps
