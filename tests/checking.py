"""for the check tests: run `nnspec check` in process, fake ports as `python -c`, build the c port."""
import json
import shutil
import subprocess
import sys

from nnspec import cli
from nnspec import spec
from nnspec.conformance import tolerance

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
