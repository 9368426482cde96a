"""nnspec: the reproduction report, goldens, the suite's lint, and conformance of other ports.

exit codes: 0 all as recorded; 1 a verdict changed / lint found problems /
not conformant; 2 the port could not be run, or a command cannot run as asked (a
maintainer's command outside a checkout, or without its test tooling); 3 nnspec's own data is broken.
"""
import argparse
import importlib
import importlib.util
import os
import re
import signal
import subprocess
import sys
import tempfile

from nnspec import parallel, signals, spec
from nnspec.arguments import at_most, count
from nnspec.exit_codes import CHANGED, OK, SUITE_BROKEN, USAGE


def cmd_report(args):
    from nnspec import measure, report
    measure.prepare(jobs=args.jobs, shown=True)
    rows = report.rows()
    kernel = report.kernel_line()
    out = {'text': lambda: report.text(rows, args.show, kernel, report.advice()),
           'json': lambda: report.as_json(rows, kernel),
           'markdown': lambda: report.markdown(rows, args.show, kernel),
           'html': lambda: _html_report(rows)}[args.format]()
    if args.output:  # whole or not at all: a reader of the file never sees half a report
        from nnspec import atomic
        atomic.write(args.output, out + '\n')
    else:
        print(out)
    return CHANGED if any(r['changed'] for r in rows) else OK


def _html_report(rows):
    from nnspec.web import model, pages
    return pages.report(model.entries(rows)).rstrip('\n')


def cmd_site(args):
    from nnspec import measure
    from nnspec.web import ports, site
    measure.prepare(jobs=args.jobs, shown=True)
    try:
        with tempfile.TemporaryDirectory(prefix='nnspec-site-') as scratch:
            reports, names, port_notes = _site_ports(args, scratch)
            written, notes = site.write(args.out, publish=args.publish, seeds=args.seeds, port_reports=reports,
                                        port_names=names, port_notes=port_notes)
    except (site.SeedsMissing, ports.BadReport) as e:  # before anything is written
        print('nnspec site: %s' % e, file=sys.stderr)
        return USAGE
    for path, size in written:
        print('%-32s %8d bytes' % (os.path.join(args.out, path), size))
    for note in notes + port_notes:
        print('note: ' + note)
    return OK


def _site_ports(args, scratch):
    """(report paths, their names or None, notes): the --ports files, after the examples' reports (--examples)."""
    from nnspec.web import examples, ports
    given = list(args.ports or [])
    if not args.examples:
        return given, None, []
    print('checking the example and gallery ports (nnspec check, %d at a time) ...' % args.jobs, file=sys.stderr)
    paths, names, notes = examples.reports(scratch, jobs=args.jobs)
    names += ports.report_names(given) if given else []
    return paths + given, names, notes


def cmd_lint(args):
    from nnspec import lint
    if args.write_manifest:
        spec.checkout('nnspec lint --write-manifest')
        lint.write_manifest()
        print('%s rewritten' % spec.MANIFEST.relative_to(spec.ROOT))
    found, skipped = lint.problems(), lint.not_checked()
    for p in found:
        print(p)
    for s in skipped:
        print('not checked: ' + s)
    print('%d problems%s' % (len(found), '; %d check%s not made (above)' % (len(skipped), 's' * (len(skipped) > 1))
                             if skipped else ''))
    return SUITE_BROKEN if found else OK


def cmd_measure(args):
    from nnspec import measure, report
    if args.write:
        spec.checkout('nnspec measure --write')
    print('verdicts of ' + report.kernel_line())
    try:
        measure.prepare(jobs=args.jobs, shown=True)
        changes, docs = measure.remeasure(write=args.write)
    except signals.Interrupted as e:  # writes are all or nothing: all happened, or none
        written = getattr(e, 'written', None)
        print('nnspec measure: stopped by %s: %s' % (e.name, 'after every file was written: %s' % ', '.join(
            os.path.relpath(str(p), str(spec.ROOT)) for p in written) if written else 'no values file changed'),
            file=sys.stderr)
        return e.code
    for name, id_, old, new in changes:
        print('%s: %s: %s -> %s' % (name, id_, old, new))
    print('%d verdicts %s' % (len(changes), 'rewritten' if args.write else 'differ (use --write to record them)'))
    if args.write:
        print('written: %s' % ', '.join(os.path.relpath(str(p), str(spec.ROOT)) for p in sorted(docs)))
    return CHANGED if changes and not args.write else OK


def _failures(junit):
    """(test, first line of its failure) for every failed or erroring test of a junit xml file."""
    import xml.etree.ElementTree as ET
    try:
        cases = ET.parse(junit).getroot().iter('testcase')
    except (OSError, ET.ParseError):
        return [('pytest', 'no test report written')]
    out = []
    for case in cases:
        for bad in case:
            if bad.tag in ('failure', 'error'):
                text = (bad.get('message') or bad.text or '').strip()
                out.append((case.get('name'), text.splitlines()[0] if text else bad.tag))
    return out


def cmd_cache(args):
    from nnspec import cache, runs
    if args.action == 'clear':
        where, removed = cache.clear()
        print('run cache %s: %d entries removed' % (where or 'off (NNSPEC_CACHE=off)', removed))
        return OK
    where, entries, size, mine = cache.info(runs.fingerprint())
    if where is None:
        print('run cache: off (NNSPEC_CACHE=off)')
        return OK
    print('run cache: %s (NNSPEC_CACHE_DIR, else the user cache folder)' % where)
    print('entries: %d, %.1f MB' % (entries, size / 1e6))
    print('kept for this stack and code (%s...): %d of %d runs%s' % (runs.fingerprint()[:12], len(mine), len(runs.RUNS),
                                                                     ': ' + ', '.join(mine) if mine else ''))
    return OK


def cmd_regen(args):
    """rewrite the goldens through pytest-regressions: each atomically, and this regen names only its own."""
    root = spec.checkout('nnspec regen')
    goldens = root / 'tests' / 'test_goldens.py'
    if not goldens.is_file():  # a mistyped NNSPEC_ROOT: named, before pytest is started in a folder that is not there
        raise spec.SpecError('%s: missing (under %s): nnspec regen runs it' % (goldens, spec._where()))
    _needs('pytest', 'nnspec regen')
    _needs('pytest_regressions', 'nnspec regen')
    with tempfile.TemporaryDirectory() as scratch:
        log, junit = os.path.join(scratch, 'rewritten'), os.path.join(scratch, 'junit.xml')
        cmd = [sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', str(goldens),
               '--force-regen', '-k', args.k or '', '--junitxml', junit]
        proc = subprocess.Popen(cmd, cwd=str(root), env=dict(os.environ, NNSPEC_REGEN_LOG=log), start_new_session=True)
        stopped = None
        try:
            proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            stopped = 'timed out after %gs' % args.timeout
        except signals.Interrupted as e:
            stopped = 'stopped by %s' % e.name
            code = e.code
        finally:
            signals.end_group(proc, first=signal.SIGINT)  # sigint: its goldens are written atomically
        rewritten = sorted(set(open(log, encoding='utf-8').read().split())) if os.path.exists(log) else []
        failures = [] if stopped else _failures(junit)
    print('%d goldens rewritten%s' % (len(rewritten), ': ' + ', '.join(rewritten) if rewritten else ''))
    if rewritten:
        print('review them with `git diff fixtures/`')
    if stopped:
        print('nnspec regen: %s; only the goldens listed above were rewritten, every other is unchanged' % stopped, file=sys.stderr)
        return code if 'stopped' in stopped else SUITE_BROKEN
    if proc.returncode == 5:
        print('nnspec regen: -k %r matches no golden test' % args.k, file=sys.stderr)
        return USAGE
    if proc.returncode == 4:  # pytest's usage error: here, a -k it cannot parse (it said why above)
        print('nnspec regen: -k %r is not an expression pytest reads (nothing rewritten)' % args.k, file=sys.stderr)
        return USAGE
    # pytest-regressions fails every test whose golden it rewrote: that is the success case here
    failed = [(t, why) for t, why in failures if not re.match(r'(Failed: )?golden \S+ (rewritten|created):', why)]
    for test, why in failed:
        print('nnspec regen: %s: %s' % (test, why), file=sys.stderr)
    if any('documented verdicts' in why for _, why in failed):
        return CHANGED
    return SUITE_BROKEN if failed or proc.returncode not in (0, 1) else OK


EVIDENCE = {  # the evidence jobs: nnspec.evidence.<name>, each with its own arguments
    'matrix': 'the report on every python x numpy wheel x openblas kernel (docs/matrix.md)',
    'sensitivity': 'every documented value under equivalent arithmetics (spec/sensitivity.json)',
    'originals': 'the python 2 originals on cpython 2.7 + numpy 1.13.3 (docs/originals.md)',
    'pictures': 'the pictures in docs/img',
    'mutate': 'one changed operator per listing: does the spec catch it?',
    'blas': "this numpy's summation tree and fma at each np.dot of the listings, beside the author's",
    'spread': 'how far native stacks run from the portable goldens (spec/portable.json)',
}


def _needs(module, what):
    """a maintainer's command without its test tooling says so, rather than failing inside it."""
    if importlib.util.find_spec(module) is None:
        raise spec.NeedsCheckout("%s needs %s, which is not installed: pip install 'nnspec[test]'" % (what, module))


def _evidence(name):
    def run(args):
        module = importlib.import_module('nnspec.evidence.' + name)
        return module.main(args.rest) or OK
    return run


def parser():
    from nnspec import __version__
    p = argparse.ArgumentParser(prog='nnspec', description=__doc__.splitlines()[0])
    p.add_argument('--version', action='version', version='nnspec %s' % __version__)
    sub = p.add_subparsers(dest='command')
    r = sub.add_parser('report', help='print the reproduction report (the default)')
    r.add_argument('--format', choices=['text', 'json', 'markdown', 'html'], default='text',
                   help='html: one self-contained page (nothing loaded from elsewhere)')
    r.add_argument('--show', choices=['all', 'findings'], default='all', help='findings: only what is off, lost or changed')
    r.add_argument('-o', '--output', metavar='FILE', help='write the report to FILE (atomically) instead of printing it')
    r.add_argument('--jobs', type=count, default=parallel.cores(), help='processes computing the runs not in the cache (default: every core)')
    r.set_defaults(fn=cmd_report)
    w = sub.add_parser('site', help='write a static site: the annotated posts, the report as a page')
    w.add_argument('out', metavar='OUT', help='the folder to write it in (made if missing)')
    w.add_argument('--publish', action='store_true',
                   help="carry each number's quoted line and a link to its post, never the post's text")
    w.add_argument('--seeds', metavar='DIR', help='the folder of the seed documents (default: NNSPEC_SEEDS, else shared/seeds beside the checkout)')
    w.add_argument('--ports', nargs='+', metavar='REPORT.json', help='reports of nnspec check --format json: a ports x '
                   'cases matrix, a page per port (each named by its file)')
    w.add_argument('--examples', action='store_true', help='check the example ports and the gallery (nnspec check, '
                   'each with its time limits) and show them as ports')
    w.add_argument('--jobs', type=count, default=parallel.cores(), help='processes computing the runs not in the cache, '
                   'and ports checked at once with --examples (default: every core)')
    w.set_defaults(fn=cmd_site)
    lint = sub.add_parser('lint', help='lint the spec data itself')
    lint.add_argument('--write-manifest', action='store_true', help='record the values files, entry and case counts as they are now')
    lint.set_defaults(fn=cmd_lint)
    m = sub.add_parser('measure', help='re-measure the verdicts on this stack')
    m.add_argument('--write', action='store_true', help='record them in spec/values (documented texts untouched)')
    m.add_argument('--jobs', type=count, default=parallel.cores(), help='processes computing the runs not in the cache (default: every core)')
    m.set_defaults(fn=cmd_measure)
    k = sub.add_parser('cache', help='the reference runs kept on disk: where, how many; or clear them')
    k.add_argument('action', choices=['info', 'clear'])
    k.set_defaults(fn=cmd_cache)
    g = sub.add_parser('regen', help='regenerate the goldens in fixtures/ (pytest --force-regen)')
    g.add_argument('-k', help='only goldens whose test matches this pytest -k expression')
    g.add_argument('--timeout', type=at_most(float, 1e7), default=1800, help='seconds for the whole regeneration (default 1800)')
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


def _escaping_output():
    """what the locale's encoding cannot carry (lc_all=c: anything not ascii) is printed as an escape, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, 'reconfigure'):
            stream.reconfigure(errors='backslashreplace')


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None:  # started with stdout closed (`>&-`): a report would be lost without a word
        if sys.stderr is not None:
            print('nnspec: standard output is closed: nothing to write the report to (redirect it to a file)', file=sys.stderr)
        return SUITE_BROKEN
    _escaping_output()
    if argv[:1] and argv[0] in EVIDENCE:  # their own parsers take every argument, --help too
        args = argparse.Namespace(command=argv[0], rest=argv[1:], fn=_evidence(argv[0]))
    else:
        args = parser().parse_args(argv)
        if not getattr(args, 'fn', None):
            args = parser().parse_args(['report'] + argv)
    try:
        with signals.handled():
            code = args.fn(args)
            if sys.stdout is not None:  # None: started with stdout closed; print() then writes nothing
                sys.stdout.flush()  # a closed pipe or a full disk shows here, not at exit
            return code
    except spec.NeedsCheckout as e:
        print('nnspec: %s' % e, file=sys.stderr)
        return USAGE
    except spec.SpecError as e:
        print('nnspec: the suite\'s own data is broken: %s' % e, file=sys.stderr)
        return SUITE_BROKEN
    except spec.SettingError as e:
        print('nnspec: %s' % e, file=sys.stderr)
        return USAGE
    except signals.Interrupted as e:  # a command with something to say about it says it first
        print('nnspec %s: stopped by %s' % (args.command or 'report', e.name), file=sys.stderr)
        return e.code
    except BrokenPipeError:  # `nnspec report | head`: the reader has gone; so does the rest of the output
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except OSError as e:  # a read-only file or checkout, a full disk, an unwritable output: said, not a traceback
        print('nnspec %s: %s' % (args.command or 'report', e), file=sys.stderr)
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except OSError:  # the output itself cannot be written: drop it, so exit does not try again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SUITE_BROKEN


if __name__ == '__main__':
    sys.exit(main())
