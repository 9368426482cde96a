"""nnspec: the reproduction report, goldens, the suite's lint, and conformance of other ports.

exit codes: 0 all as recorded; 1 a verdict changed / lint found problems /
not conformant; 2 the port could not be run; 3 nnspec's own data is broken.
"""
import argparse
import importlib
import importlib.util
import subprocess
import sys

from nnspec import spec

OK, CHANGED, PORT_BROKEN, SUITE_BROKEN = 0, 1, 2, 3


def cmd_report(args):
    from nnspec import progress, report, runs
    with progress.Line() as line, runs.watching(lambda name, k, n: line.show('computing %s (%d of %d)...' % (name, k, n))):
        rows = report.rows()
    out = {'text': lambda: report.text(rows, args.show), 'json': lambda: report.as_json(rows),
           'markdown': lambda: report.markdown(rows)}[args.format]()
    print(out)
    return CHANGED if any(r['changed'] for r in rows) else OK


def cmd_lint(args):
    from nnspec import lint
    found = lint.problems()
    for p in found:
        print(p)
    print('%d problems' % len(found))
    return SUITE_BROKEN if found else OK


def cmd_measure(args):
    from nnspec.measure import remeasure
    changes, _ = remeasure(write=args.write)
    for name, id_, old, new in changes:
        print('%s: %s: %s -> %s' % (name, id_, old, new))
    print('%d verdicts %s' % (len(changes), 'rewritten' if args.write else 'differ (use --write to record them)'))
    return CHANGED if changes and not args.write else OK


def cmd_regen(args):
    """rewrite the goldens through pytest-regressions; the old ones stay if anything fails first."""
    cmd = [sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', str(spec.ROOT / 'spec' / 'test_goldens.py'),
           '--force-regen', '-k', args.k or '']
    fixtures = spec.ROOT / 'fixtures'
    before = {p.name: p.read_bytes() for p in fixtures.glob('*.yml')}
    try:
        done = subprocess.run(cmd, cwd=str(spec.ROOT), timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print('regeneration timed out after %ds; goldens not written by an unfinished test are unchanged' % args.timeout)
        return SUITE_BROKEN
    after = {p.name: p.read_bytes() for p in fixtures.glob('*.yml')}
    rewritten = sorted(n for n in after if before.get(n) != after[n])
    # pytest-regressions fails every test whose golden it rewrote: that is the success case here
    print('%d goldens rewritten%s' % (len(rewritten), ': ' + ', '.join(rewritten) if rewritten else ''))
    if rewritten:
        print('review them with `git diff fixtures/` before committing')
    return OK if done.returncode in (0, 1) else SUITE_BROKEN


EVIDENCE = {  # the evidence jobs: nnspec.evidence.<name>, each with its own arguments
    'matrix': 'the report on every python x numpy wheel x openblas kernel (docs/matrix.md)',
    'sensitivity': 'every documented value under equivalent arithmetics (spec/sensitivity.json)',
    'originals': 'the python 2 originals on cpython 2.7 + numpy 1.13.3 (docs/originals.md)',
    'pictures': 'the pictures in docs/img',
    'mutate': 'one changed operator per listing: does the spec catch it?',
}


def _evidence(name):
    def run(args):
        module = importlib.import_module('nnspec.evidence.' + name)
        return module.main(args.rest) or OK
    return run


def parser():
    p = argparse.ArgumentParser(prog='nnspec', description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest='command')
    r = sub.add_parser('report', help='print the reproduction report (the default)')
    r.add_argument('--format', choices=['text', 'json', 'markdown'], default='text')
    r.add_argument('--show', choices=['all', 'findings'], default='all', help='findings: only what is off, lost or changed')
    r.set_defaults(fn=cmd_report)
    lint = sub.add_parser('lint', help='lint the spec data itself')
    lint.set_defaults(fn=cmd_lint)
    m = sub.add_parser('measure', help='re-measure the verdicts on this stack')
    m.add_argument('--write', action='store_true', help='record them in spec/values (documented texts untouched)')
    m.set_defaults(fn=cmd_measure)
    g = sub.add_parser('regen', help='regenerate the goldens in fixtures/ (pytest --force-regen)')
    g.add_argument('-k', help='only goldens whose test matches this pytest -k expression')
    g.add_argument('--timeout', type=int, default=1800)
    g.set_defaults(fn=cmd_regen)
    for name, what in EVIDENCE.items():
        e = sub.add_parser(name, help=what, add_help=False)
        e.add_argument('rest', nargs=argparse.REMAINDER, help='its own arguments (nnspec %s --help)' % name)
        e.set_defaults(fn=_evidence(name))
    if importlib.util.find_spec('nnspec.check') is not None:  # conformance of other ports
        from nnspec import check
        c = sub.add_parser('check', help='check another port for conformance')
        check.add_arguments(c)
        c.set_defaults(fn=check.run)
    return p


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] and argv[0] in EVIDENCE:  # their own parsers take every argument, --help too
        return _evidence(argv[0])(argparse.Namespace(rest=argv[1:]))
    args = parser().parse_args(argv)
    if not getattr(args, 'fn', None):
        args = parser().parse_args(['report'] + argv)
    try:
        return args.fn(args)
    except spec.SpecError as e:
        print('nnspec: the suite\'s own data is broken: %s' % e, file=sys.stderr)
        return SUITE_BROKEN


if __name__ == '__main__':
    sys.exit(main())
