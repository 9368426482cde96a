"""for the check tests: run `nnspec check` in process, fake ports as `python -c`, build the c port."""
import json
import shutil
import subprocess
import sys

from nnspec import cli
from nnspec import spec
from nnspec.spec import ROOT
from nnspec.conformance import cases, tolerance

PORTS = spec.SUITE / 'ports'


def check(capsys, case, command, mode='json', fmt='json', *extra):
    """(exit code, report) of `nnspec check`; the report parsed when fmt is json."""
    code = cli.main(['check', '--case', case, '--mode', mode, '--format', fmt, *extra, '--', *command])
    out = capsys.readouterr().out
    return code, (json.loads(out) if fmt == 'json' else out)


def fake(source):
    """a port that is a few lines of python."""
    return [sys.executable, '-c', source]


def echo():
    """a port that answers every case, restart segments too, with the committed expected answer: the reference as a port."""
    return [sys.executable, '-c', 'import json, sys; sys.path.insert(0, %r); from nnspec.conformance import cases; '
            'case = json.load(sys.stdin); seg = case.get("segment"); '
            'expected = cases.load(seg["of"] if seg else case["id"], "json")[1]; '
            'json.dump(next(s["answer"] for s in expected["segments"] if s["from"] == seg["from"]) if seg else expected["answer"], '
            'sys.stdout)' % str(spec.PACKAGE.parent)]


def only(report):
    assert len(report['cases']) == 1
    return report['cases'][0]


def build_c(tmp_path, *flags, source=PORTS / 'examples' / 'c' / 'port.c'):
    exe = tmp_path / ('port' + ''.join(f.replace('-D', '_') for f in flags))
    subprocess.run(['gcc', '-O2', '-std=c99', *flags, '-o', str(exe), str(source), '-lm'], check=True)
    return str(exe)


HAVE_GCC = shutil.which('gcc') is not None
HAVE_NODE = shutil.which('node') is not None


def agree(got, want, tol, where='answer'):
    """assert a regenerated answer equals the committed one within tolerance, key by key, element by element."""
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            agree(got[k], want[k], tol, '%s.%s' % (where, k))
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), where
        for k, (g, w) in enumerate(zip(got, want)):
            agree(g, w, tol, '%s[%d]' % (where, k))
    elif isinstance(want, float):
        assert tolerance.close(got, want, tol), (where, got, want)
    else:
        assert got == want, where


# a port that answers each case with nnspec's expected answer, its errors scaled by SCALE (1: conformant)
ECHO = ('import json, os, sys, time; sys.path.insert(0, %r); from nnspec.conformance import cases\n'
        'case = json.load(sys.stdin); seg = case.get("segment")\n'
        'expected = cases.load(seg["of"] if seg else case["id"], "json")[1]  # a restart segment answers its own\n'
        'answer = next(s["answer"] for s in expected["segments"] if s["from"] == seg["from"]) if seg else expected["answer"]\n'
        'for c in answer["checkpoints"]: c["error"] *= SCALE\n' % str(ROOT))


def port(body='', scale=1):
    """the echo port, after `body` (which may exit first: 77, a crash, ...) has run with `case` in hand."""
    return fake(ECHO.replace('SCALE', repr(scale)) + body + '\njson.dump(answer, sys.stdout)')


PART1 = 'quick/trask-part1/*'
PART2 = 'quick/trask-part2/thirteen-lines'
IDS = cases.match(PART1, 'json') + [PART2]


def planned(plan):
    """the echo port, doing with each case what `plan` says: 'ok' (the default), 'off', 'unsupported', 'crash'."""
    return port('what = %r.get(case["id"], "ok")\n'
                'if what == "unsupported": sys.stderr.write("Part 1 only\\n"); sys.exit(77)\n'
                'if what == "crash": sys.exit(3)\n'
                'if what == "off":\n'
                '    for c in answer["checkpoints"]: c["error"] *= 2\n' % plan)


def report_file(path, cases_, command, mode='json'):
    """write `nnspec check --format json`'s report of `command` on the cases (ids or globs) to path: (exit code, path)."""
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(['check', '--mode', mode, '--format', 'json'] + [a for c in cases_ for a in ('--case', c)]
                        + ['--', *command])
    path.write_text(out.getvalue(), encoding='utf-8')
    return code, path
