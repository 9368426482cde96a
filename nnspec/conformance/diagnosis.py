"""why a port is not conformant, in words that name the real cause.

read from the rows as a whole, never from one number: precision is judged over
every number, json mode never blames what nnspec sent, and a transcript that is
wrong from its first number says what run the listing is and the four ways to it.
"""
from nnspec.conformance import networks
from nnspec.listings import ALPHA_LABELS

FLOAT32 = (5, 9)  # digits a float32 run keeps of a binary64 one, at best and at worst


def _checkpoint(r):
    return 'error@' in r.where or r.where.startswith('loss@')  # trask's error, shamdasani's loss


def _segment(r):
    return r.where.startswith('segment@')


def _agreeing(r):
    """'N digits', or what stands in for them: a row without digits (missing, another iteration, near zero)."""
    return '%d digits' % r.digits if r.digits is not None else r.why or 'got %s' % r.got


def _whole(text):
    try:
        return float(text).is_integer()
    except (TypeError, ValueError):
        return False


def _span(rows):
    d = sorted(r.digits or 0 for r in rows)
    return d[0], d[len(d) // 2], d[-1]


def _json_id(case_id):
    """the json case of a transcript listing, or of the first alpha of a sweep."""
    known = networks.all_listings()
    return case_id if case_id in known else next((k for k in known if k.startswith(case_id + '/')), None)


def _negated(r):
    """is the row's number the expected one with its sign flipped (within the row's tolerance)?"""
    try:
        want, got = float(r.expected), float(r.got)
    except (TypeError, ValueError):
        return False
    return want != 0 and r.tolerance is not None and abs(got + want) <= r.tolerance


def transcript_hint(case_id):
    json_id = _json_id(case_id)
    if not json_id:
        return ''
    net = networks.all_listings()[json_id]
    alphas = 'each alpha of %s' % ', '.join(ALPHA_LABELS) if json_id != case_id else 'alpha %g' % net['alpha']
    hint = (' The listing trains %s iterations at %s from the weights np.random.seed(1) draws (%s). Four ways to that run: draw '
            'them in seed mode (spec/PROTOCOL.md, Seed mode); carry the json case\'s initial_weights (spec/cases/json/%s.json); '
            'keep your own generator and print what it draws (nnspec-weights lines) or read the weights from the file '
            'NNSPEC_WEIGHTS names (spec/protocol/transcript.md): nnspec then replays the listing from them; '
            'or run json mode, which sends the data and the weights and names the first wrong quantity: nnspec check --mode json '
            '--case %s -- <port>.' % ('{:,}'.format(net['iterations']), alphas, ', then '.join(
                'synapse_%d %dx%d' % (i, a, b) for i, (a, b) in enumerate(zip(net['layers'], net['layers'][1:]))),
                json_id, json_id if json_id == case_id else case_id + '/*'))
    if net['every'] >= net['iterations']:
        hint += (' This listing prints only the output after training, so a training bug, another iteration count and '
                 'other initial weights all look alike here; json mode tells them apart.')
    return hint


def _unverifiable(rows):
    short = [r for r in rows if r.unverifiable]
    if not short:
        return []
    r = short[0]
    return ['precision: %d of %d numbers are printed with fewer significant digits than the listing prints them, so they '
            'cannot be verified (first: %s, %r on line %s: %s)' % (len(short), len(rows), r.where, r.got, r.line, r.why)]


def explain(out, judged):
    """diagnosis lines for a finished outcome (empty when conformant); judged: its rows that are judged."""
    rows = out.rows
    lines = _unverifiable(rows)
    off = [r for r in judged if not r.ok]
    if not off:
        return lines
    errors = [r for r in judged if _checkpoint(r) and not _segment(r)]
    finals = [r for r in judged if not _checkpoint(r) and not _segment(r)]
    checks = [r for r in judged if _checkpoint(r)]  # a sensitive run's restart segments' too: there it is judged
    ends = [r for r in judged if not _checkpoint(r)]
    if (checks and all(not r.ok and (r.digits or 0) < FLOAT32[0] for r in checks) and ends
            and all((r.digits or 0) >= FLOAT32[0] for r in ends)):
        lo, _, hi = _span(ends)
        lines.append('error measure: every checkpoint is off (%d digits at best), while every final number agrees to %d-%d '
                     'digits: the port trains the same network but reports another error. A checkpoint is mean(|error|), '
                     'the mean of the absolute errors over every element, taken before that iteration\'s update'
                     % (max(r.digits or 0 for r in checks), lo, hi))
        off = [r for r in off if not _checkpoint(r)] or off
    lo, mid, hi = _span(off)
    written = [r.printed_digits for r in off if r.printed_digits and not _whole(r.got)]  # 0.0 is written exactly
    outputs = [r for r in finals if r.where.startswith('output')]
    synapses = [r for r in finals if r.where.startswith(('synapse_', 'W'))]  # trask's weights, shamdasani's W1, W2
    if all(_negated(r) for r in off):
        r = off[0]
        lines.append('sign: every number that is off is the reference\'s own value negated (first: %s, expected %s, got %s): '
                     'a sign convention (error_sign, the update\'s direction) or a minus printed where the listing has none'
                     % (r.where, r.expected, r.got))
    elif (errors and all(r.ok for r in errors + synapses) and outputs and all(not r.ok for r in outputs)
          and all(r.digits is not None for r in outputs)):  # numbers, not a wrong shape
        lines.append('output: the checkpoints and the final weights agree, the output does not: final.output is the '
                     'output of the last iteration\'s forward pass, before its update, not a fresh forward pass with '
                     'the final weights')
    elif len(written) >= 0.8 * len(off) and sorted(written)[len(written) // 2] <= 9:
        lines.append('digits written: the answer writes its numbers with %d-%d significant digits (median %d), and json '
                     'mode compares at full precision: write 17 significant digits or the shortest round trip'
                     % (min(written), max(written), sorted(written)[len(written) // 2]))
    elif len(off) >= 3 and sum(FLOAT32[0] <= (r.digits or 0) <= FLOAT32[1] for r in off) >= 0.8 * len(off):
        lines.append('precision: the numbers that are off still agree to %d-%d digits (median %d), where binary64 ports '
                     'agree to 10 or more: float32 arithmetic, or a low-precision exp, gives this' % (lo, hi, mid))
    elif len(off) == len(judged) >= 3 and not lines:
        first = off[0]
        if out.mode == 'json':
            lines.append('every number is off, from the first (%s, %s): nnspec sent the data and the initial '
                         'weights, so the loop differs from its first iteration: the forward pass (sigmoid 1/(1+exp(-x)), '
                         'the product layer . synapse), the error measure, or a start from other weights than initial_weights'
                         % (first.where, _agreeing(first)))
        else:
            lines.append('setup: every number is off, from the first (%s): the port is not computing the listing\'s run.%s'
                         % (first.where, transcript_hint(out.case)))
    lines += _restart_segments(off, judged) + _rearranged(off)
    return lines


def _rearranged(off):
    """what a matrix of the wrong shape holding the expected numbers says: a layout bug, not a training one."""
    out = []
    for r in off:
        if (r.why or '').startswith('wrong shape: the expected'):
            how = r.why.split(' matrix ', 1)[1].split(' ', 1)[0]  # transposed, reshaped
            out.append('shape: %s is %s where the case asks %s: it holds the expected numbers, %s: the training is right, '
                       'the layout is not; a synapse is layers[i] rows of layers[i+1] numbers (input x output)'
                       % (r.where, r.got.replace('shape ', ''), r.expected.replace('shape ', ''), how))
    return out


def _restart_segments(off, judged):
    """what a sensitive case's restart segments say when they alone are off."""
    seg = [r for r in off if _segment(r)]
    if not seg or len(seg) != len(off):
        return []
    r = seg[0]
    start = r.where.split(':')[0]
    judged = [r for r in judged if _segment(r)]  # the rows of a sensitive case that are judged: its segments'
    errors = [r for r in judged if ': error@' in r.where]
    outputs = [r for r in judged if ': output[' in r.where]
    weights = [r for r in judged if r not in errors and r not in outputs]
    if errors and outputs and all(r.ok for r in errors + weights) and all(not r.ok and r.digits is not None for r in outputs):
        return ['output: in the restart segments, where this sensitive run is judged, the checkpoints and the final '
                'weights agree, the output does not: final.output is the output of the last iteration\'s forward pass, '
                'before its update, not a fresh forward pass with the final weights']
    if r.digits is None and 'iteration' in (r.why or ''):
        return ['%s reports other checkpoints than its case asks (%s): a restart segment is a case of its own; '
                'report every `report.every` iterations of the case sent, from iteration 0 of the segment' % (start, r.why)]
    if r.where.endswith('error@0'):
        return ['%s is off at its first number (%s): the port did not start from the segment\'s initial_weights '
                '(a case without `seed` must start from them, spec/PROTOCOL.md), or its forward pass differs' % (start, r.where)]
    return ['the full run agrees where it can be judged, but restart %s is off (%s, %s): from the reference\'s exact '
            'state the port computes something honest rounding does not explain: an operation, a constant or an order '
            'of updates differs' % (start, r.where, _agreeing(r))]


REPLAYED = 'replayed from the port\'s own initial weights'  # replay's note starts so: the port's start is its own


def determinism(out, ran, rerun):
    """run a failing port once more: output that changes between runs means unseeded weights."""
    if any(n.startswith(REPLAYED) for n in out.notes):
        return  # the port prints the weights it drew, so another run may draw others: nnspec replays what it printed
    again = rerun()
    if again.problem or ran.problem or again.stdout == ran.stdout:
        return
    a, b = ran.stdout.splitlines(), again.stdout.splitlines()
    line = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b))) + 1
    out.diagnosis.insert(0, 'not deterministic: the port printed something else when run again (first at line %d): '
                            'its initial weights are not seeded. Seed it the listing\'s way (np.random.seed(1), '
                            'spec/PROTOCOL.md, Seed mode) or start from the case\'s initial_weights' % line)
