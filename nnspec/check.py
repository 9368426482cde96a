"""nnspec check: conformance of another port, in any language, run as a program.

    nnspec check --case trask-part1/three-layer -- ./port            (transcript mode)
    nnspec check --mode json --case 'quick/**' -- node port.js        (json mode)

one process per case, an argument list (never a shell), a time limit and an
output cap per case. `{case}` in the command becomes the case id; the port
also gets NNSPEC_CASE and NNSPEC_MODE in its environment. exit 0 conformant,
1 not conformant, 2 the port could not be run or broke the protocol (or no
case matched), 3 nnspec's own case data is broken. protocol: spec/PROTOCOL.md.
"""
import argparse
import json
import sys
import time

from nnspec import signals, spec
from nnspec.conformance import answers, cases, diagnosis, kinds, outcome, replay, report, runner


def _limit(kind, ceiling):
    """an argparse type: a finite number above zero (a usage error otherwise, exit 2)."""
    def parse(text):
        try:
            v = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError('%r is not a number' % text)
        if not 0 < v <= ceiling:  # also refuses nan
            raise argparse.ArgumentTypeError('%r: must be above 0 and at most %g' % (text, ceiling))
        return v
    parse.__name__ = kind.__name__
    return parse


def add_arguments(p):
    p.add_argument('--case', required=True, help='a case id or glob (`*` within a part, `**` across), e.g. trask-part2/*')
    p.add_argument('--mode', choices=['transcript', 'json'], default='transcript',
                   help='transcript: the port prints what the listing prints; json: case on stdin, answer on stdout')
    p.add_argument('--format', choices=sorted(report.FORMATS), default='text')
    p.add_argument('--timeout', type=_limit(float, 1e7), default=600.0, help='seconds per case (default 600: about 4x the slowest case, the hidden-size transcript, in the example ports)')
    p.add_argument('--max-output', type=_limit(int, 2 ** 40), default=runner.MAX_OUTPUT, help='bytes of stdout per case (default 4 MiB)')
    p.add_argument('--label', action='append', default=[], metavar='REGEX',
                   help='transcript mode: text whose numbers are not values (e.g. "Error at \\d+"); repeatable')
    p.add_argument('--allow-trailing', action='store_true',
                   help='transcript mode: numbers printed after the listing\'s last one are reported, not failed')
    p.add_argument('port', nargs=argparse.REMAINDER, help='-- then the port command and its arguments')


def check_one(id_, args, command):
    started = time.perf_counter()
    try:
        case, expected = cases.load(id_, args.mode)
        weights = {} if args.mode == 'json' else replay.weights_env(id_)  # NNSPEC_WEIGHTS: the case's initial weights
    except spec.SpecError as e:
        return outcome.broken(outcome.new(id_, args.mode), str(e), outcome.SUITE_BROKEN)
    def run_port(doc=None):
        """the port once: on a case document (json mode; segments carry their own id), or on nothing."""
        cid = doc['id'] if doc else id_
        stdin = json.dumps({k: v for k, v in doc.items() if k != 'segments'}).encode() if doc else b''
        return runner.run([part.replace('{case}', cid) for part in command], stdin, timeout=args.timeout,
                          max_output=args.max_output, env={'NNSPEC_CASE': cid, 'NNSPEC_MODE': args.mode, **weights})

    json_mode = args.mode == 'json'
    ran = run_port(case if json_mode else None)
    try:
        if not json_mode:
            out = replay.check(case, ran, labels=args.label, allow_trailing=args.allow_trailing)
        elif 'kind' in case:  # a case of another tutorial says its kind
            out = kinds.check(case, expected, ran)
        else:
            out = answers.check(case, expected, ran, run_port)
        if out['code'] == outcome.NOT_CONFORMANT:
            diagnosis.determinism(out, ran, lambda: run_port(case if json_mode else None))
    except spec.SpecError as e:
        return outcome.broken(outcome.new(id_, args.mode), str(e), outcome.SUITE_BROKEN)
    except Exception as e:  # noqa: BLE001 -- a bad port must never meet a traceback; this is our bug
        return outcome.broken(outcome.new(id_, args.mode), 'nnspec failed checking this case (a bug in nnspec): %r' % e,
                              outcome.SUITE_BROKEN)
    if out['code'] == outcome.PORT_BROKEN:
        out['stderr'] = runner.stderr_tail(ran)
    out['seconds'] = time.perf_counter() - started
    return out


def run(args):
    command = args.port[1:] if args.port[:1] == ['--'] else args.port
    if not command:
        print('nnspec check: no port command: put it after --, e.g. nnspec check --case trask-part1/three-layer -- ./port',
              file=sys.stderr)
        return outcome.PORT_BROKEN
    ids = cases.match(args.case, args.mode)
    if not ids:
        known, other = cases.ids(args.mode), 'json' if args.mode == 'transcript' else 'transcript'
        hint = ' (it names %s cases: add --mode %s)' % (other, other) if cases.match(args.case, other) else ''
        print('nnspec check: no %s case matches %r%s; known: %s' % (args.mode, args.case, hint, ', '.join(known[:12]) +
                                                                 (', ...' if len(known) > 12 else '')), file=sys.stderr)
        return outcome.PORT_BROKEN
    outcomes = []
    try:
        for i in ids:
            outcomes.append(check_one(i, args, command))
    except signals.Interrupted as e:  # the runner has ended the port's process group on its way out
        print('nnspec check: %s during case %s: its port was ended; %d of %d cases checked before, no verdict'
              % (e.name, ids[len(outcomes)], len(outcomes), len(ids)), file=sys.stderr)
        return e.code
    print(report.FORMATS[args.format](outcomes))
    return max(o['code'] for o in outcomes)
