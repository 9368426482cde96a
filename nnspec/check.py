"""nnspec check: conformance of another port, in any language, run as a program.

    nnspec check --case trask-part1/three-layer -- ./port            (transcript mode)
    nnspec check --mode json --case 'quick/**' -- node port.js        (json mode)

one process per case, an argument list (never a shell), a time limit and an
output cap per case. `{case}` in the command becomes the case id; the port
also gets NNSPEC_CASE and NNSPEC_MODE in its environment. a port may answer
"not this case" (exit status 77, or the json answer {"unsupported": reason}):
unsupported, counted apart. exit 0 conformant (unsupported cases aside),
1 not conformant, 2 the port could not be run or broke the protocol (or no
case matched, or every case was unsupported), 3 nnspec's own case data is
broken. -j runs cases in threads (the work is in the port's process); the
report keeps case order. protocol: spec/PROTOCOL.md; how-to: docs/check.md.
"""
import argparse
import json
import sys
import time

from nnspec import spec
from nnspec.conformance import answers, cases, many, outcome, report, runner, transcript

UNSUPPORTED_EXIT = 77  # the port's "not this case", in either mode (automake's skip status)


def add_arguments(p):
    p.add_argument('--case', action='append', help='a case id or glob (`*` within a part, `**` across), e.g. trask-part2/*; '
                   'repeat it for more (their union, in the order given)')
    p.add_argument('--mode', choices=['transcript', 'json'],
                   help='transcript (the default): the port prints what the listing prints; json: case on stdin, answer on stdout')
    p.add_argument('--list', action='store_true', help='print the case ids (of --mode, of --case), one a line, and exit')
    p.add_argument('-j', '--jobs', type=_positive, default=1, help='cases run at once (default 1); the report keeps case order')
    p.add_argument('--format', choices=sorted(report.FORMATS), default='text', help='junit: JUnit XML for ci systems')
    p.add_argument('--timeout', type=float, default=600.0, help='seconds per case (default 600: about 4x the slowest case, the hidden-size transcript, in the example ports)')
    p.add_argument('--max-output', type=int, default=runner.MAX_OUTPUT, help='bytes of stdout per case (default 4 MiB)')
    p.add_argument('port', nargs=argparse.REMAINDER, help='-- then the port command and its arguments')


def check_one(id_, args, command):
    started = time.perf_counter()
    try:
        case, expected = cases.load(id_, args.mode)
    except spec.SpecError as e:
        return outcome.broken(outcome.new(id_, args.mode), str(e), outcome.SUITE_BROKEN)
    stdin = json.dumps(case).encode() if args.mode == 'json' else b''
    argv = [part.replace('{case}', id_) for part in command]
    ran = runner.run(argv, stdin, timeout=args.timeout, max_output=args.max_output,
                     env={'NNSPEC_CASE': id_, 'NNSPEC_MODE': args.mode})
    if ran.returncode == UNSUPPORTED_EXIT:
        return outcome.broken(outcome.new(id_, args.mode), _exit_77(ran), outcome.UNSUPPORTED)
    try:
        out = answers.check(case, expected, ran) if args.mode == 'json' else transcript.check(case, ran)
    except spec.SpecError as e:
        return outcome.broken(outcome.new(id_, args.mode), str(e), outcome.SUITE_BROKEN)
    except Exception as e:  # noqa: BLE001 -- a bad port must never meet a traceback; this is our bug
        return outcome.broken(outcome.new(id_, args.mode), 'nnspec failed checking this case (a bug in nnspec): %r' % e,
                              outcome.SUITE_BROKEN)
    if out['code'] == outcome.PORT_BROKEN:
        out['stderr'] = runner.stderr_tail(ran)
    out['seconds'] = time.perf_counter() - started
    return out


def _positive(text):
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError('at least 1, got %d' % n)
    return n


def _exit_77(ran):
    said = runner.stderr_tail(ran, lines=1)
    return 'the port exited with status %d (not this case)%s' % (UNSUPPORTED_EXIT, ': ' + said if said else '')


def listing(args):
    ids = []
    for mode in [args.mode] if args.mode else sorted(cases.MODES):
        ids += [i for i in many.selected(args.case or ['**'], mode)[0] if i not in ids]
    print('\n'.join(ids))
    return outcome.CONFORMANT if ids else outcome.PORT_BROKEN


def check_all(ids, args, command, jobs=1, stream=None):
    """check_one for every id, jobs at a time, outcomes in case order (many.run_all)."""
    return many.run_all(lambda id_: check_one(id_, args, command), ids, jobs, stream)


def run(args):
    if args.list:
        return listing(args)
    args.mode = args.mode or 'transcript'
    command = args.port[1:] if args.port[:1] == ['--'] else args.port
    if not args.case:
        print('nnspec check: no --case: name one or more (nnspec check --list prints them)', file=sys.stderr)
        return outcome.PORT_BROKEN
    if not command:
        print('nnspec check: no port command: put it after --, e.g. nnspec check --case trask-part1/three-layer -- ./port',
              file=sys.stderr)
        return outcome.PORT_BROKEN
    ids, unmatched = many.selected(args.case, args.mode)
    if unmatched:
        unmatched, known, other = unmatched[0], cases.ids(args.mode), 'json' if args.mode == 'transcript' else 'transcript'
        hint = ' (it names %s cases: add --mode %s)' % (other, other) if cases.match(unmatched, other) else ''
        print('nnspec check: no %s case matches %r%s; known: %s' % (args.mode, unmatched, hint, ', '.join(known[:12]) +
                                                                 (', ...' if len(known) > 12 else '')), file=sys.stderr)
        return outcome.PORT_BROKEN
    outcomes = check_all(ids, args, command, args.jobs)
    print(report.FORMATS[args.format](outcomes))
    return many.exit_code(outcomes)
