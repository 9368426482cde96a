"""the installed tool carries its suite: a wheel and an sdist, each installed in a clean venv, run from an empty folder.

slow (a build, two venvs, pip from the package index, two reports): the `packaging` tox env runs it
(pytest -m packaging); the per-python envs deselect it.
"""
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from nnspec import __version__, spec
from nnspec.conformance import cases

pytestmark = pytest.mark.packaging
ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900


def _run(cmd, cwd, timeout=TIMEOUT, env=None):
    done = subprocess.run([str(c) for c in cmd], cwd=str(cwd), capture_output=True, text=True, timeout=timeout, env=env)
    return done


@pytest.fixture(scope='module')
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp('dist')
    done = _run([sys.executable, '-m', 'build', '--outdir', out, ROOT], cwd=out)
    assert done.returncode == 0, done.stderr[-3000:]
    return {'wheel': next(out.glob('nnspec-*.whl')), 'sdist': next(out.glob('nnspec-*.tar.gz'))}


def _install(tmp, artifact):
    """a clean venv outside the checkout with `artifact` installed; its bin folder."""
    where = tmp / 'venv'
    venv.create(str(where), with_pip=True)
    done = _run([where / 'bin' / 'python', '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', artifact], cwd=tmp)
    assert done.returncode == 0, done.stderr[-3000:]
    return where / 'bin'


@pytest.fixture(scope='module', params=['wheel', 'sdist'])
def installed(request, dist, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    empty = tmp / 'empty'
    empty.mkdir()
    return request.param, _install(tmp, dist[request.param]), empty


@pytest.fixture(scope='module')
def checkout_report():
    done = _run([sys.executable, '-m', 'nnspec', 'report', '--format', 'json'], cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    return json.loads(done.stdout)


def test_the_wheel_carries_the_suite_and_no_generic_top_level(dist):
    import zipfile
    names = zipfile.ZipFile(str(dist['wheel'])).namelist()
    tops = {n.split('/')[0] for n in names if not n.startswith('nnspec-')}
    assert tops == {'nnspec'}, tops  # no `reference` or `spec` at the top of site-packages
    values = sorted(n for n in names if n.startswith('nnspec/suite/values/'))
    assert [Path(n).name for n in values] == sorted(p.name for p in spec.VALUES.glob('*.json'))
    cases = [n for n in names if n.startswith('nnspec/suite/cases/') and n.endswith('.json')]
    assert len(cases) == len(list((spec.SUITE / 'cases').rglob('*.json')))
    assert 'nnspec/suite/PROTOCOL.md' in names and any(n.endswith('licenses/LICENSE') for n in names)
    appendices = sorted(n for n in names if n.startswith('nnspec/suite/protocol/'))
    assert [Path(n).name for n in appendices] == sorted(p.name for p in (spec.SUITE / 'protocol').glob('*.md'))
    assert not [n for n in names if '/original/' in n or n.startswith('nnspec/suite/test_')]


def test_version_list_and_maintainer_commands(installed):
    kind, bin_, empty = installed
    done = _run([bin_ / 'nnspec', '--version'], cwd=empty)
    assert (done.returncode, done.stdout.strip()) == (0, 'nnspec %s' % __version__)
    listed = _run([bin_ / 'nnspec', 'check', '--list', '--mode', 'json'], cwd=empty)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == cases.ids('json')
    lint = _run([bin_ / 'nnspec', 'lint'], cwd=empty, env=dict(os.environ, NNSPEC_SEEDS=str(empty / 'no-seeds')))
    assert lint.returncode == 3 and 'NNSPEC_SEEDS=' in lint.stdout  # seeds named but missing: a problem
    lint = _run([bin_ / 'nnspec', 'lint'], cwd=empty, env={k: v for k, v in os.environ.items() if k != 'NNSPEC_SEEDS'})
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert '0 problems; 2 checks not made' in lint.stdout and 'an installed nnspec carries none' in lint.stdout
    for cmd in (['regen'], ['measure', '--write'], ['mutate']):
        done = _run([bin_ / 'nnspec'] + cmd, cwd=empty)
        assert done.returncode == 2 and 'needs a checkout' in done.stderr, (cmd, done.returncode, done.stderr)


def test_an_example_port_conforms(installed):
    kind, bin_, empty = installed
    port = bin_.parent / 'lib'
    port = next(port.glob('python3*/site-packages/nnspec/suite/ports/examples/python/port.py'))
    done = _run([bin_ / 'nnspec', 'check', '--mode', 'json', '--case', 'quick/trask-part1/*', '--',
                 bin_ / 'python', port], cwd=empty)
    assert done.returncode == 0, done.stdout + done.stderr
    assert '2 cases: 2 conformant' in done.stdout


def test_the_report_has_the_checkouts_totals(installed, checkout_report):
    kind, bin_, empty = installed
    done = _run([bin_ / 'nnspec', 'report', '--format', 'json'], cwd=empty, env=_uncached())
    assert done.returncode in (0, 1), done.stderr[-3000:]
    ours, theirs = json.loads(done.stdout), checkout_report
    assert ours['totals'] == theirs['totals']
    assert [(e['id'], e['now']) for e in ours['entries']] == [(e['id'], e['now']) for e in theirs['entries']]


def _uncached():
    """the installed tool computes its own runs: no cache shared with the checkout."""
    return dict(os.environ, NNSPEC_CACHE='off')


def test_a_zipped_nnspec_finds_its_suite(dist, installed):
    # the wheel itself on the path (zipimport): the data is read through importlib.resources
    kind, bin_, empty = installed
    if kind != 'wheel':
        pytest.skip('one zipped run is enough: the wheel is the zip')
    code = ('import sys, nnspec; assert nnspec.__file__.startswith(%r), nnspec.__file__; from nnspec import cli; '
            'sys.exit(cli.main(["check", "--mode", "json", "--case", "quick/trask-part1/*", "--", sys.executable, %r]))'
            % (str(dist['wheel']), str(spec.SUITE / 'ports' / 'examples' / 'python' / 'first_port.py')))
    done = _run([bin_ / 'python', '-c', code], cwd=empty, env=dict(os.environ, PYTHONPATH=str(dist['wheel'])))
    assert done.returncode == 0, done.stdout + done.stderr
    assert '2 cases: 2 conformant' in done.stdout


def test_the_site_and_the_html_report_from_the_installed_tool(installed, tmp_path):
    # no checkout, no seeds: each post's page carries its quoted lines, and every entry is marked on it
    kind, bin_, empty = installed
    env = {k: v for k, v in os.environ.items() if k != 'NNSPEC_SEEDS'}
    out = tmp_path / 'site'
    done = _run([bin_ / 'nnspec', 'site', out], cwd=empty, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'quoted lines only' in done.stdout
    marks = sum(p.read_text(encoding='utf-8').count('<span class="mark ') for p in (out / 'posts').glob('*.html'))
    assert marks == sum(spec.manifest().values())
    page = tmp_path / 'report.html'
    done = _run([bin_ / 'nnspec', 'report', '--format', 'html', '-o', page], cwd=empty, env=env)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert page.read_bytes() == (out / 'report.html').read_bytes()
