"""transcript mode from the port's own start: its printed initial weights, or the weights file nnspec gives it.

preamble: a port that draws with its own generator prints its weights
(preamble.py); nnspec replays the listing from them with its numpy mirror
(mirror.simulate), per run (a sweep: per alpha), and checks the port's
numbers against the replay with compare.check as usual. the committed
case's chaotic flags stay (the replay's own honest spread is not measured);
the posts' documented texts are another run's: not compared. weights printed
with too few digits to pin their doubles: the listing is replayed also from
within their rounding, and a number that moves by more than a hundredth of its
tolerance there is unverifiable. weights file: NNSPEC_WEIGHTS names a json
file of the case's own initial weights under the listing's names.
"""
import dataclasses

import numpy as np

from nnspec import spec
from nnspec.conformance import cases, iteration_count, mirror, networks, outcome, porting_bugs, tolerance
from nnspec.conformance.diagnosis import REPLAYED
from nnspec.conformance.json_mode import kind_bugs, segments
from nnspec.numerics import LISTING
from nnspec.conformance.transcript_mode import compare, numbers, preamble, printed, untrained, weights_file
from nnspec.conformance.tolerance import MARGIN

PERTURBATIONS = 3  # replays from within the rounding: every weight +h, then two random signs


def runs(id_):
    """the json case ids of a transcript's runs, in printed order (a sweep: one per alpha)."""
    return list(dict.fromkeys(printed.json_case(id_, w) for _, _, w, _ in printed.LISTINGS[id_][3]))


def seeded(json_id):
    w = cases.load(json_id, 'json')[0]['initial_weights']
    return [np.array(w['synapse_%d' % k], dtype=float) for k in range(len(w))]


def weights_document(id_):
    """what NNSPEC_WEIGHTS holds: the listing's matrices under its names; a sweep's keyed `alpha-<a>`."""
    nets = networks.all_listings()
    one = {j: {n: w.tolist() for n, w in zip(nets[j]['listing_names'], seeded(j))} for j in runs(id_)}
    return next(iter(one.values())) if len(one) == 1 else {'alpha-%g' % nets[j]['alpha']: v for j, v in one.items()}


def weights_env(id_):
    """{'NNSPEC_WEIGHTS': path} for a trask transcript case (weights_file.py); {} for any other."""
    if id_ not in printed.LISTINGS:
        return {}
    return {'NNSPEC_WEIGHTS': weights_file.path(id_, lambda: weights_document(id_))}


def results(weights, frozen=(), variant=LISTING):
    """{json id: the listing's run} from {json id: [matrices]}."""
    nets = networks.all_listings()
    with np.errstate(over='ignore', invalid='ignore'):  # exp(-x) overflows to inf, the sigmoid to 0: as numpy's listing
        # does; weights near the largest double overflow the products to nan (check() refuses those)
        return {j: mirror.simulate(nets[j], weights=ws, frozen=frozen, variant=variant) for j, ws in weights.items()}


def flat(id_, runs_):
    """every number the transcript prints, from {json id: run}, in printed order."""
    out = []
    for _, name, where, checkpoint in printed.LISTINGS[id_][3]:
        r = runs_[printed.json_case(id_, where)]
        a = np.asarray(r['errors'][checkpoint][1] if name == 'error' else r[name], dtype=float)
        out += [float(a[i]) for i in np.ndindex(a.shape)]
    return np.array(out)


def replayed(id_, weights, frozen=()):
    """every number the transcript prints, replayed from {json id: [matrices]}, in printed order."""
    return flat(id_, results(weights, frozen))


def chaos(id_, weights, values, base, only):
    """mark which numbers of the runs `only` (json ids) are chaotic from these weights: the honest variants
    (json_mode.segments) replayed from them move them past a hundredth of their tolerance. another start makes
    other numbers chaotic than the seeded run's, so the seeded case's marks are not enough."""
    center, moved = flat(id_, base), np.zeros(len(values))
    for variant in segments.VARIANTS:
        moved = np.maximum(moved, np.abs(flat(id_, dict(base, **results({j: weights[j] for j in only}, variant=variant)))
                                          - center))
    for v, m, j in zip(values, moved, run_of_each(id_, base)):
        if j in only and m > MARGIN * tolerance.allowed(v['want'], v):
            v['chaotic'] = float(m)


def run_of_each(id_, runs_):
    """the json id of each printed number, in printed order."""
    layout = [printed.json_case(id_, where) for _, _, where, _ in printed.LISTINGS[id_][3]]
    return [j for j, n in zip(layout, _counts(id_, runs_)) for _ in range(n)]


def _counts(id_, runs_):
    """how many numbers each printed quantity is."""
    out = []
    for _, name, where, checkpoint in printed.LISTINGS[id_][3]:
        r = runs_[printed.json_case(id_, where)]
        out.append(1 if name == 'error' else int(np.asarray(r[name]).size))
    return out


def rounding_spread(id_, weights, halves, center):
    """how far each number moves when the weights move within their printed rounding (halves: per weight)."""
    signs, worst = np.random.default_rng(0), np.zeros(len(center))
    for k in range(PERTURBATIONS):
        moved = {j: [w + h * (1.0 if k == 0 else signs.choice([-1.0, 1.0], size=w.shape)) for w, h in zip(ws, halves[j])]
                 for j, ws in weights.items()}
        worst = np.maximum(worst, np.abs(replayed(id_, moved) - center))
    return worst


def _matrices(sets, ids, of):
    return {j: [np.array([[of(t) for t in row] for row in m], dtype=float) for m in s] for j, s in zip(ids, sets)}


def check(case, ran, **kw):
    """compare.check, replayed from the port's printed initial weights when it printed them."""
    id_ = case['id']
    try:
        text = None if ran.problem or id_ not in printed.LISTINGS else ran.stdout.decode('utf-8')
    except UnicodeDecodeError:
        text = None  # compare.check says where
    clean, found = preamble.extract(text) if text else (None, None)
    if not found:
        return _reproduced(compare.check(case, ran, **kw), case['values'], None)
    ran, ids = dataclasses.replace(ran, stdout=clean.encode('utf-8')), runs(id_)
    names, start = networks.all_listings()[ids[0]]['listing_names'], seeded(ids[0])
    try:
        sets = preamble.sets(found, names, [w.shape for w in start], len(ids))
    except preamble.Bad as e:
        return outcome.broken(outcome.Outcome(id_, 'transcript'), str(e))
    weights = _matrices(sets, ids, lambda t: t.value)
    lines = sorted(line for v in found.values() for line, _ in v)
    where = 'nnspec-weights on line %d' % lines[0] if len(lines) == 1 else 'nnspec-weights, %d lines from line %d' % (
        len(lines), lines[0])
    if all(np.array_equal(a, b) for j in ids for a, b in zip(weights[j], seeded(j))):
        out = compare.check(case, ran, **kw)
        out.notes.append('the port printed its initial weights (%s): the listing\'s own, np.random.seed(1)\'s' % where)
        return _reproduced(out, case['values'], None)
    base = results(weights)
    center = flat(id_, base)
    if len(center) != len(case['values']):
        raise spec.SpecError('%s: the replay gives %d numbers, the case lists %d' % (id_, len(center), len(case['values'])))
    if not np.all(np.isfinite(center)) or _sums_overflow(weights):
        return outcome.broken(outcome.Outcome(id_, 'transcript'), _overflowed(case, center, weights, where))
    values = [dict(v, want=float(w), entry=None) for v, w in zip(case['values'], center)]
    notes = [REPLAYED + ' (%s): nnspec ran the listing from them (its numpy mirror) '
             'and checks every later number against that run; a run with a number off is replayed under the honest '
             'variants too, and what they move is chaotic, not judged; the '
             'posts\' documented texts are another run\'s, so no number is held to them' % where]
    tokens, limit = [t for s in sets for m in s for row in m for t in row], None
    if not preamble.exact(tokens):
        spread = rounding_spread(id_, weights, _matrices(sets, ids, lambda t: numbers.half_unit(t.text)), center)
        pinned = _pinned(case, ran, kw, values, spread)
        if pinned:
            notes.append(pinned)
        else:
            notes.append(_mark_rounding_unverifiable(values, spread, preamble.most_digits(tokens)))
            limit = 'precision: ' + notes[-1]
    blind = untrained.synapses(id_, weights, values, center, replayed)
    if blind:
        notes.append(untrained.mark(blind, names, weights, values))
        limit = 'untrained: ' + notes[-1]
    out = compare.check(dict(case, values=values), ran, **kw)
    off = {j for r, j in zip(out.rows, run_of_each(id_, base)) if not r.ok and not r.unverifiable and not r.chaotic}
    if off and not blind:  # from these weights, is what is off only chaos? the honest variants of those runs say
        chaos(id_, weights, values, base, off)
        out = compare.check(dict(case, values=values), ran, **kw)
    short = [r for r in out.rows if r.unverifiable]
    if short and all(r.why.startswith('the initial weights') for r in short):  # not the port's own printing
        out.diagnosis = [d if not d.startswith('precision: ') else limit for d in out.diagnosis]
    for r, v in zip(out.rows, case['values']):
        if v['entry']:
            r.documented_verdict = 'not documented: replayed from other initial weights than the post\'s'
    if out.setup:
        out.diagnosis = [d for d in out.diagnosis if not d.startswith('setup')] + [
            'every number is off, from the first (%s), though nnspec replayed the listing from the weights the port '
            'printed: its forward pass or error measure differs, or it did not train from those weights'
            % out.first.where]
    first_number = min((r.line for r in out.rows if r.line), default=None)
    if out.code and first_number and lines[0] > first_number:
        out.diagnosis.insert(0, 'late weights: the nnspec-weights lines come after the port\'s first number (line %d, '
                                'the weights from line %d): printed after training, they may hold the trained weights; '
                                'print them before training' % (first_number, lines[0]))
    out.notes[:0] = notes
    return _reproduced(out, values, weights) if not blind else out


def _reproduced(out, values, weights):
    """a port whose numbers are a catalogued porting bug's run (porting_bugs) is told which, first.
    weights: {json id: matrices} the port started from; None: the seeded ones."""
    if out.code != outcome.NOT_CONFORMANT:
        return out
    if out.case in printed.LISTINGS:
        said_weights = 'the weights the port printed' if weights else 'the seeded weights (np.random.seed(1))'
        weights = weights or {j: seeded(j) for j in runs(out.case)}
        said = porting_bugs.for_transcript(out.case, values, out.rows, weights) or iteration_count.for_transcript(
            out.case, values, out.rows, weights, said_weights)
    else:  # miniflow's, shamdasani's
        said = kind_bugs.for_transcript(out.case, values, out.rows)
    if said:
        out.diagnosis.insert(0, said)
    return out


def _sums_overflow(weights):
    """can a weighted sum overflow? inputs and activations lie in [-1, 1], so a column whose |w| sum is not finite
    can: then the summation order (the blas kernel) decides between inf, nan and a number, and the replay means
    nothing on any of them."""
    with np.errstate(over='ignore'):
        return any(not np.all(np.isfinite(np.sum(np.abs(w), axis=0))) for ws in weights.values() for w in ws)


def _overflowed(case, center, weights, where):
    """why weights whose replay is not finite are refused: there is nothing to check the port's numbers against."""
    largest = max(float(np.max(np.abs(w))) for ws in weights.values() for w in ws)
    if np.all(np.isfinite(center)):
        computes = 'weighted sums that overflow (the blas\'s summation order decides what they give)'
    else:
        k = int(np.argmin(np.isfinite(center)))
        computes = '%s for %s' % (float(center[k]), compare.name_of(case['values'][k]))
    return ('the initial weights the port printed (%s) cannot be replayed: the listing run from them computes %s '
            '(its largest weight is %.3g), so no number can be checked against it; print the '
            'weights the port starts from' % (where, computes, largest))


def _pinned(case, ran, kw, values, spread):
    """the note when weights printed short are the port's own doubles, else None. the rounding of the printed
    decimals moves some numbers past a hundredth of their tolerance; a port that starts elsewhere within it lands
    anywhere in that spread, one that starts from the decimals themselves ('0.12345678' is the shortest round trip
    of the double 0.12345678: a port whose weights are 8-decimal numbers prints them so) lands on their replay. so
    when every such number (two at least) is the decimals' replay within its tolerance and within a hundredth of
    its spread, no start but the decimals gives them: they are verified."""
    out = compare.check(dict(case, values=values), ran, **kw)
    moving = [(r, s) for r, v, s in zip(out.rows, values, spread) if v.get('chaotic') is None
              and s > MARGIN * tolerance.allowed(v['want'], v)]
    if out.code != outcome.CONFORMANT or len(moving) < 2 or any(
            r.distance is None or abs(r.distance) > MARGIN * s for r, s in moving):
        return None
    return ('the initial weights are printed with fewer than 17 significant digits, yet each of the %d numbers their '
            'rounding could move past a hundredth of its tolerance is the replay from the decimals as written, to within a '
            'hundredth of how far that rounding moves it (at most %.2g of that spread): the printed decimals are the doubles '
            'the port starts from, and every number is verified' % (len(moving), max(abs(r.distance) / s for r, s in moving)))


def _mark_rounding_unverifiable(values, spread, most):
    """mark what the rounding of the printed weights leaves unverifiable (spread: how far each number moves within
    it); the note that says how much."""
    moved, judged = [], [s for v, s in zip(values, spread) if v.get('chaotic') is None]
    for v, s in zip(values, spread):
        allowed = tolerance.allowed(v['want'], v)
        if s > MARGIN * allowed and v.get('chaotic') is None:
            v['unverifiable'] = ('the initial weights were printed with %d significant digits: replayed from within '
                                 'their rounding this number moves by up to %.2g, more than a hundredth of its tolerance '
                                 '(%.2g); print them with 17 significant digits or as hex floats' % (most, s, allowed))
            v['rounding_spread'] = s  # compare: a number farther off than this is off all the same
            moved.append(s)
    head = ('the initial weights are printed with %d significant digits, not enough to replay the port\'s run exactly: '
            'replayed from within their rounding (%d more runs), ' % (most, PERTURBATIONS))
    if not moved:
        return head + 'no judged number moves by more than a hundredth of its tolerance (at most %.2g): all %d are verified' % (
            max(judged, default=0), len(judged))
    return head + ('%d of the %d judged numbers move by more than a hundredth of their tolerance (up to %.2g) and are '
                   'unverifiable; %d can be verified' % (len(moved), len(judged), max(moved), len(judged) - len(moved)))
