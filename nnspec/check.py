"""nnspec check: conformance of another port, in any language, run as a program.

    nnspec check --case trask-part1/three-layer -- ./port            (transcript mode)
    nnspec check --mode json --case 'quick/**' -- node port.js        (json mode)
    nnspec check --mode json --seed 4711 -- ./port                    (json cases drawn from a seed)

one process per case, an argument list (never a shell), a time limit and an
output cap per case. `{case}` in the command becomes the case id; the port
also gets NNSPEC_CASE and NNSPEC_MODE in its environment. a port may answer
"not this case" (exit status 77, or the json answer {"unsupported": reason}):
unsupported, counted apart. exit 0 conformant (unsupported cases aside),
1 not conformant, 2 the port could not be run or broke the protocol (or no
case matched, or every case was unsupported), 3 nnspec's own case data is
broken. -j runs cases in threads (the work is in the port's process); the
report keeps case order. against a port's expectations file (--expectations,
nnspec/expectations.py) only a change fails; --badge/--badge-json write a badge
(nnspec/badge.py). --seed N draws json cases of every tutorial (conformance/generated: --generated K per
tutorial), their expected answers computed by the reference as the check runs; the report records the seed.
protocol: spec/PROTOCOL.md; how-to: docs/check.md.
"""
import argparse
import json
import os
import sys
import tempfile
import time

from nnspec import signals, spec
from nnspec.arguments import at_most, count
from nnspec.conformance import cases, formats, generated, many, outcome, port_process, shown
from nnspec.exit_codes import CONFORMANT, NOT_CONFORMANT, PORT_BROKEN, SUITE_BROKEN, USAGE

UNSUPPORTED_EXIT = 77  # the port's "not this case", in either mode (automake's skip status)


def add_arguments(p):
    p.add_argument('--case', action='append', help='a case id or glob (`*` within a part, `**` across), e.g. trask-part2/*; '
                   'repeat it for more (their union, in the order given)')
    p.add_argument('--mode', choices=['transcript', 'json'],
                   help='transcript (the default): the port prints what the listing prints; json: case on stdin, answer on stdout')
    p.add_argument('--list', action='store_true', help='print the case ids (of --mode, of --case), one a line, and exit')
    p.add_argument('--seed', type=_seed, help='json mode: draw cases of every tutorial from this seed (0 to %d), ids '
                   '<tutorial>/generated/<seed>/<k>; their expected answers are computed as the check runs. without '
                   '--case, every drawn case; --case globs pick among them and the committed cases' % generated.MAX_SEED)
    p.add_argument('--generated', type=at_most(int, 10000), metavar='K', help='with --seed: cases drawn per tutorial '
                   '(default %d)' % generated.DEFAULT_COUNT)
    p.add_argument('-j', '--jobs', type=count, default=1, help='cases run at once (default 1); the report keeps case order')
    p.add_argument('--format', choices=sorted(formats.FORMATS), default='text', help='junit: JUnit XML for ci systems')
    p.add_argument('--timeout', type=at_most(float, 1e7), default=600.0, help='seconds per case (default 600: about 4x the slowest case, the hidden-size transcript, in the example ports)')
    p.add_argument('--max-output', type=at_most(int, 2 ** 40), default=port_process.MAX_OUTPUT, help='bytes of stdout per case (default 4 MiB)')
    p.add_argument('--label', action='append', default=[], metavar='REGEX',
                   help='transcript mode: text whose numbers are not values (e.g. "Error at \\d+"); repeatable')
    p.add_argument('--allow-trailing', action='store_true',
                   help='transcript mode: numbers printed after the listing\'s last one are reported, not failed')
    e = p.add_mutually_exclusive_group()
    e.add_argument('--expectations', metavar='FILE', help='the port\'s expectations (yaml or json): a case that does what '
                   'they expect passes, whatever its verdict; only a change fails')
    e.add_argument('--write-expectations', metavar='FILE', help='write each case\'s outcome as the port\'s expectations '
                   '(.yaml, .yml or .json), keeping the reasons of the cases whose outcome stays')
    p.add_argument('--strict', action='store_true', help='with --expectations: a case that becomes conformant fails too')
    p.add_argument('--badge', metavar='FILE.svg', help='write a badge: "nnspec | <cases> · <conformant>/<cases>", '
                   'coloured by the exit code (0 green, 1 red, 2 grey); none when nnspec\'s own data is broken')
    p.add_argument('--badge-json', metavar='FILE.json', help='the same badge as a shields.io endpoint json')
    p.add_argument('--badge-name', metavar='NAME', help='what the badge calls the cases (default: their ids\' common prefix)')
    p.add_argument('port', nargs=argparse.REMAINDER, help='-- then the port command and its arguments')


def _seed(text):
    """an argparse type: a seed, a whole number from 0 to generated.MAX_SEED."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError('%r is not a whole number' % text)
    if not 0 <= n <= generated.MAX_SEED:
        raise argparse.ArgumentTypeError('%d: a seed is from 0 to %d' % (n, generated.MAX_SEED))
    return n


def _drawn(args):
    """the generated ids --seed draws (none without it)."""
    if getattr(args, 'seed', None) is None:
        return []
    return generated.ids(args.seed, args.generated or generated.DEFAULT_COUNT)


def _seed_problem(args):
    """what is wrong with --seed and --generated as given (a usage error), or None; --seed alone means json mode."""
    if args.generated is not None and args.seed is None:
        return '--generated K draws K cases per tutorial from --seed N: give --seed too'
    if args.seed is not None:
        if args.mode == 'transcript':
            return '--seed draws json cases: it takes --mode json (or no --mode)'
        args.mode = 'json'
    return None


def _load(id_, mode):
    """(case, expected): a generated case drawn and computed now, any other read from its files."""
    return generated.load(id_) if mode == 'json' and generated.parse(id_) else cases.load(id_, mode)


def _modes():
    """the two modes and the diagnosis: they load numpy and re2, which --list and --help need not wait for."""
    from nnspec.conformance import diagnosis
    from nnspec.conformance.json_mode import kinds, trask
    from nnspec.conformance.transcript_mode import numbers, replay, weights_file
    return diagnosis, kinds, trask, numbers, replay, weights_file


def check_one(id_, args, command):
    diagnosis, kinds, trask, _, replay, _ = _modes()
    started = time.perf_counter()
    try:
        case, expected = _load(id_, args.mode)
        weights = {} if args.mode == 'json' else replay.weights_env(id_)  # NNSPEC_WEIGHTS: the case's initial weights
    except spec.SpecError as e:
        return outcome.broken(outcome.Outcome(id_, args.mode), str(e), SUITE_BROKEN)
    except OSError as e:  # the port's environment, not the port: a full or unwritable temporary directory
        return outcome.broken(outcome.Outcome(id_, args.mode), 'nnspec could not write the case\'s initial weights for the port '
                              '(NNSPEC_WEIGHTS) under %s: %s; free space there, or point TMPDIR elsewhere'
                              % (tempfile.gettempdir(), e), SUITE_BROKEN)

    def run_port(doc=None):
        """the port once: on a case document (json mode; segments carry their own id), or on nothing."""
        cid = doc['id'] if doc else id_
        stdin = cases.sent(doc) if doc else b''
        return port_process.run([part.replace('{case}', cid) for part in command], stdin, timeout=args.timeout,
                          max_output=args.max_output, env={'NNSPEC_CASE': cid, 'NNSPEC_MODE': args.mode, **weights})

    json_mode = args.mode == 'json'
    ran = run_port(case if json_mode else None)
    if ran.returncode == UNSUPPORTED_EXIT:
        said = _answered(ran, json_mode)
        if said:  # "not this case" after an answer: a wrong answer must not hide as unsupported
            return outcome.broken(outcome.Outcome(id_, args.mode), '%s, yet it printed %s: a port that runs the case exits 0, '
                                  'one that does not prints no answer' % (_exit_77(ran), said))
        return outcome.broken(outcome.Outcome(id_, args.mode), _exit_77(ran), outcome.UNSUPPORTED)
    try:
        if not json_mode:
            out = replay.check(case, ran, labels=args.label, allow_trailing=args.allow_trailing)
        elif 'kind' in case:  # a case of another tutorial says its kind
            out = kinds.check(case, expected, ran)
        else:
            out = trask.check(case, expected, ran, run_port)
        if out.code == NOT_CONFORMANT:
            diagnosis.determinism(out, ran, lambda: run_port(case if json_mode else None))
    except spec.SpecError as e:
        return outcome.broken(outcome.Outcome(id_, args.mode), str(e), SUITE_BROKEN)
    except Exception as e:  # noqa: BLE001 -- a bad port must never meet a traceback; this is our bug
        return outcome.broken(outcome.Outcome(id_, args.mode), 'nnspec failed checking this case (a bug in nnspec): %r' % e,
                              SUITE_BROKEN)
    if out.code == PORT_BROKEN and out.stderr is None:  # a restart segment that broke gave its own
        out.stderr = port_process.stderr_tail(ran)
    out.seconds = time.perf_counter() - started
    return out


def _exit_77(ran):
    said = port_process.stderr_tail(ran, lines=1)
    return 'the port exited with status %d (not this case)%s' % (UNSUPPORTED_EXIT, ': ' + said if said else '')


def _answered(ran, json_mode):
    """what a port that exited 77 printed as if it had run the case ('an answer', 'N numbers'), or None."""
    text = ran.stdout.decode('utf-8', 'replace')
    if json_mode and text.strip():
        try:
            doc = json.loads(text)
            return None if isinstance(doc, dict) and set(doc) <= {'unsupported', 'protocol'} else 'an answer'
        except ValueError:
            pass  # not json: as in transcript mode, numbers are what would make it an answer
    numbers = _modes()[3]
    found = len(numbers.tokens(text))
    return '%d number%s on stdout' % (found, 's' if found > 1 else '') if found else None


def listing(args):
    ids, drawn = [], _drawn(args)
    for mode in [args.mode] if args.mode else sorted(cases.MODES):
        found = many.selected(args.case, mode, drawn)[0] if args.case else drawn or cases.every(mode)
        ids += [i for i in found if i not in ids]
    if not ids:
        print('nnspec check: no %scase matches %s (nnspec check --list prints them all)'
              % (args.mode + ' ' if args.mode else '', ' '.join(args.case or ['**'])), file=sys.stderr)
        return PORT_BROKEN
    print('\n'.join(ids))
    return CONFORMANT


def check_all(ids, args, command, jobs=1, stream=None, started=None, running=None):
    """check_one for every id, jobs at a time, outcomes in case order (many.run_all); `started` lists the ids begun,
    `running` (a set) holds those not finished."""
    def one(id_):
        if started is not None:
            started.append(id_)
        if running is not None:
            running.add(id_)
        out = check_one(id_, args, command)
        if running is not None:
            running.discard(id_)
        return out
    with _modes()[5].for_run(lambda text: print('nnspec check: ' + shown.printable(text), file=sys.stderr)):
        return many.run_all(one, ids, jobs, stream)


def _stopped(e, ids, started, running):
    """what was going on when ctrl-c or sigterm came, truthfully: ports ended, or output being checked."""
    during = [i for i in ids if i in running] or started[-1:] or ids[:1]
    ended = getattr(e, 'ports_ended', 0)
    if ended:
        what = '%d running port%s ended' % (ended, ' was' if ended == 1 else 's were')
    else:
        what = 'no port was running (nnspec was checking %s output)' % ('its' if len(during) == 1 else 'their')
    return ('nnspec check: %s during case %s: %s; no port is started again; %d of %d cases had started, no verdict'
            % (e.name, ', '.join(during), what, len(started), len(ids)))


def run(args):
    from nnspec import expectations  # yaml: not for --list
    seed_problem = _seed_problem(args)
    if seed_problem:
        print('nnspec check: ' + seed_problem, file=sys.stderr)
        return USAGE
    if args.list:
        return listing(args)
    args.mode = args.mode or 'transcript'
    command = args.port[1:] if args.port[:1] == ['--'] else args.port
    if not args.case and args.seed is None:
        print('nnspec check: no --case: name one or more (nnspec check --list prints them)', file=sys.stderr)
        return PORT_BROKEN
    if not command:
        print('nnspec check: no port command: put it after --, e.g. nnspec check --case trask-part1/three-layer -- ./port',
              file=sys.stderr)
        return PORT_BROKEN
    bad_label = next(filter(None, map(_modes()[3].label_problem, args.label)), None)
    if bad_label:  # a usage error, before any port runs
        print('nnspec check: ' + bad_label, file=sys.stderr)
        return PORT_BROKEN
    ids, unmatched = many.selected(args.case, args.mode, _drawn(args)) if args.case else (_drawn(args), [])
    if unmatched:
        print(_unmatched(unmatched[0], args.mode), file=sys.stderr)
        return PORT_BROKEN
    asked = _asked_problem(args)
    if asked:  # a usage error, before any port runs
        print('nnspec check: ' + asked, file=sys.stderr)
        return USAGE
    try:
        expected = expectations.load(args.expectations, args.mode, ids) if args.expectations else None
        kept = expectations.previous(args.write_expectations, args.mode) if args.write_expectations else None
    except expectations.Invalid as e:
        print('nnspec check: %s' % e, file=sys.stderr)
        return USAGE
    started, running = [], set()
    try:
        outcomes = check_all(ids, args, command, args.jobs, started=started, running=running)
    except signals.Interrupted as e:  # every running port's process group was ended on the way out
        print(_stopped(e, ids, started, running), file=sys.stderr)
        return e.code
    return _judged(args, ids, outcomes, expected, kept)


def _unmatched(glob, mode):
    """why a --case glob names no case of this mode, and what would."""
    known, other = cases.ids(mode), 'json' if mode == 'transcript' else 'transcript'
    hint = ' (it names %s cases: add --mode %s)' % (other, other) if cases.match(glob, other) else ''
    beyond = cases.outside(glob, mode)
    hint += ' (a glob reaches %s only when its first part names it, e.g. %s/**)' % (
        ', '.join(t + '/' for t in beyond), beyond[0]) if beyond else ''
    return 'nnspec check: no %s case matches %r%s; known: %s' % (
        mode, glob, hint, ', '.join(known[:12]) + (', ...' if len(known) > 12 else ''))


def _judged(args, ids, outcomes, expected, kept):
    """the report, the expectations file and the badge written; the exit code, against the expectations if any."""
    from nnspec import badge, expectations
    broken = any(o.code == SUITE_BROKEN for o in outcomes)
    if args.write_expectations and not broken:
        expectations.write(args.write_expectations, outcomes, args.mode, kept)
        expected = expectations.load(args.write_expectations, args.mode, ids)
    against = None if expected is None else expectations.Against(args.expectations or args.write_expectations, args.strict)
    code = many.exit_code(outcomes) if expected is None else expectations.judge(outcomes, expected, args.strict)
    drawn = None if args.seed is None else formats.Generated(args.seed, args.generated or generated.DEFAULT_COUNT)
    print(formats.FORMATS[args.format](outcomes, against, drawn))
    for path in (args.write_expectations, args.badge, args.badge_json):
        if path and broken:
            print('nnspec check: %s not written: nnspec\'s own case data is broken (exit 3)' % path, file=sys.stderr)
    if (args.badge or args.badge_json) and not broken:
        name = args.badge_name if args.badge_name is not None else badge.selection(ids)
        badge.write(outcomes, code, name, args.badge, args.badge_json)
    return code


def _asked_problem(args):
    """what is wrong with the files asked for (expectations, badges), or None."""
    from nnspec import expectations
    if args.strict and not args.expectations:
        return '--strict needs --expectations FILE (it says which failures are expected)'
    if args.badge_name is not None and not (args.badge_name.strip() and args.badge_name.isprintable()
                                            and len(args.badge_name) <= 60):
        return '--badge-name %r: a name of 1 to 60 printable characters' % args.badge_name
    outputs = [p for p in (args.write_expectations, args.badge, args.badge_json) if p]
    if len(set(map(os.path.abspath, outputs))) < len(outputs):
        return 'one file named for two outputs: %s' % ', '.join(outputs)
    for path in outputs:
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            return '%s: its directory %s does not exist' % (path, parent)
    if args.write_expectations:
        try:
            expectations.file_format(args.write_expectations)
        except expectations.Invalid as e:
            return str(e)
    return None
