"""the installed tool carries its suite: a wheel and an sdist, each installed in a clean venv, run from an empty folder.

slow (a build, two venvs, pip from the package index, two reports): the `packaging` tox env runs it
(pytest -m packaging); the per-python envs deselect it.
"""
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from nnspec import __version__, spec
from nnspec.conformance import cases
from nnspec.web import site
from tests import workflow

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
    matrix = zipfile.ZipFile(str(dist['wheel'])).read('nnspec/suite/matrix.json')  # the file, not its link
    assert matrix == (ROOT / 'docs' / 'matrix.json').read_bytes()
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
    done = _run([bin_ / 'python', '-m', 'nnspec.generate_cases.trask_json', '--quick'], cwd=empty)  # would write the wheel's cases
    assert done.returncode == 2 and 'needs a checkout' in done.stderr, (done.returncode, done.stderr)


def test_an_example_port_conforms(installed):
    kind, bin_, empty = installed
    port = bin_.parent / 'lib'
    port = next(port.glob('python3*/site-packages/nnspec/suite/ports/examples/python/port.py'))
    done = _run([bin_ / 'nnspec', 'check', '--mode', 'json', '--case', 'quick/trask-part1/*', '--',
                 bin_ / 'python', port], cwd=empty)
    assert done.returncode == 0, done.stdout + done.stderr
    assert '2 cases: 2 conformant' in done.stdout


def test_generated_cases_are_drawn_and_judged_from_the_installed_tool(installed):
    # the generator and the reference ship in the package: the same bytes as the checkout's golden, and the example
    # port of each tutorial conformant on them
    kind, bin_, empty = installed
    draw = ('import sys; from nnspec.conformance import cases, generated\n'
            'sys.stdout.write("\\n".join(cases.sent(generated.load(i)[0]).decode() for i in generated.ids(4711, 1)) + "\\n")')
    done = _run([bin_ / 'python', '-c', draw], cwd=empty)
    assert done.returncode == 0 and done.stdout == (ROOT / 'fixtures' / 'generated' / 'seed-4711.json').read_text(), done.stderr
    examples = next((bin_.parent / 'lib').glob('python3*/site-packages/nnspec/suite/ports/examples/python'))
    for tutorial, port in (('trask', 'port.py'), ('miniflow', 'miniflow.py'), ('shamdasani', 'shamdasani.py')):
        done = _run([bin_ / 'nnspec', 'check', '--seed', '4711', '--generated', '2', '--case', tutorial + '/generated/**', '--',
                     bin_ / 'python', examples / port], cwd=empty)
        assert done.returncode == 0 and '2 cases: 2 conformant' in done.stdout, done.stdout + done.stderr


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


WORKFLOW = ROOT / 'docs' / 'ci' / 'port-check.yml'


def _edited(text, old, new):
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_port_repository_runs_the_copied_workflow_green_then_red_when_it_regresses(dist, tmp_path):
    # a scratch port repository: the example python port of part 1 only (part 1 has no learning rate, so it
    # ignores the cases' alpha and runs part 2 wrong), and the workflow copied where github looks for it
    repo = tmp_path / 'my-port'
    (repo / '.github' / 'workflows').mkdir(parents=True)
    copied = repo / '.github' / 'workflows' / 'nnspec.yml'
    shutil.copy(str(WORKFLOW), str(copied))
    example = (spec.SUITE / 'ports' / 'examples' / 'python' / 'port.py').read_text()
    part1 = _edited(example, "net['alpha']", '1')
    (repo / 'port.py').write_text(part1)
    python = tmp_path / 'python'  # what actions/setup-python gives: a python first on the PATH, nnspec not installed
    venv.create(str(python), with_pip=True)
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH' and not k.startswith('NNSPEC_')}
    env['PATH'] = str(python / 'bin') + os.pathsep + env['PATH']
    install = {'NNSPEC_INSTALL': str(dist['wheel'])}  # the placeholder, filled in

    def job(**edits):
        green, log = workflow.run(copied, repo, env, {**install, **edits})
        steps = {name: (state, out) for name, state, out in log}
        out = repo / steps['upload the report and the badge'][1]['path']  # the artifact's files
        return green, steps, json.loads((out / 'report.json').read_text()), json.loads((out / 'badge.json').read_text())

    # without its expectations file the job is red, and says how to write one
    green, log = workflow.run(copied, repo, env, install)
    assert not green and 'nnspec check --write-expectations nnspec-expectations.yaml writes one' in dict(
        (n, o) for n, _, o in log)['check the port against its expectations']
    # the author writes them with the command the workflow's header gives
    command = re.search(r'^#\s+(nnspec check .*--write-expectations .*)$', WORKFLOW.read_text(), re.M).group(1)
    done = _run(shlex.split(command), cwd=repo, env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]

    green, steps, report, badge = job()
    assert green, steps
    assert report['summary'] == '8 cases: 2 conformant, 6 not conformant'
    assert report['expectations']['summary'] == 'expectations (nnspec-expectations.yaml): 8 as expected'
    assert badge == {'schemaVersion': 1, 'label': 'nnspec', 'message': 'quick · 2/8', 'color': 'brightgreen'}
    assert (repo / 'nnspec-out' / 'badge.svg').read_text().startswith('<svg')

    (repo / 'port.py').write_text(_edited(part1, 'row[c] -= alpha', 'row[c] += alpha'))  # a regression in part 1
    green, steps, report, badge = job()
    assert not green and steps['check the port against its expectations'][0] == 'failed'
    assert steps["the verdict, in the log and the job's summary"][0] == 'ok'  # if: always(): the report is shown
    assert '- changed quick/trask-part1/two-layer: expected conformant, now not conformant' in steps[
        "the verdict, in the log and the job's summary"][1]
    assert badge['color'] == 'red' and badge['message'] == 'quick · 0/8'

    (repo / 'port.py').write_text(example)  # part 2 ported: its cases expected to fail now pass
    green, steps, report, badge = job()
    assert green and report['expectations']['summary'] == ('expectations (nnspec-expectations.yaml): 2 as expected, '
                                                            '6 conformant now')
    green, steps, report, badge = job(NNSPEC_STRICT='true')
    assert not green and report['expectations']['strict'] and badge['color'] == 'red'
    assert badge['message'] == 'quick · 8/8'


def test_the_site_and_the_html_report_from_the_installed_tool(installed, tmp_path):
    # no checkout, no seeds: each post's page carries its quoted lines, and every entry is marked on it
    kind, bin_, empty = installed
    env = {k: v for k, v in os.environ.items() if k != 'NNSPEC_SEEDS'}
    out = tmp_path / 'site'
    done = _run([bin_ / 'nnspec', 'site', out], cwd=empty, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'quoted lines only' in done.stdout
    assert 'no stacks page' not in done.stdout and len(list((out / 'cases').glob('*.html'))) > 40
    # the suite carries the stacks matrix (spec/matrix.json, docs/matrix.json's link): the page the checkout builds
    assert (out / 'stacks.html').read_bytes() == site.files(publish=True)[0]['stacks.html']
    assert '<a href="stacks.html">' in (out / 'index.html').read_text(encoding='utf-8')
    marks = sum(p.read_text(encoding='utf-8').count('<span class="mark ') for p in (out / 'posts').glob('*.html'))
    assert marks == sum(spec.manifest().values())
    page = tmp_path / 'report.html'
    done = _run([bin_ / 'nnspec', 'report', '--format', 'html', '-o', page], cwd=empty, env=env)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert page.read_bytes() == (out / 'report.html').read_bytes()


SITE_WORKFLOW = ROOT / 'docs' / 'ci' / 'publish-site.yml'


def _check_report(port, out):
    """`nnspec check --format json` of a port (a python file) on part 1's quick cases, written to `out`."""
    done = _run([sys.executable, '-m', 'nnspec', 'check', '--mode', 'json', '--case', 'quick/trask-part1/*',
                 '--format', 'json', '--', sys.executable, port], cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(done.stdout)


def _fingerprints(folder):
    """the fingerprints (of the runs' code and stack) under which a run cache's folder keeps its runs."""
    import diskcache
    from nnspec import cache
    with diskcache.Cache(str(folder), disk=cache.BytesDisk) as kept:
        return {k.rpartition('@')[2] for k in kept.iterkeys()}


def test_a_repository_publishes_the_site_with_the_copied_workflow(dist, tmp_path):
    # a scratch port collection: the workflow copied where github looks for it; the reports of the check run
    # that started it are where download-artifact puts them (an artifact per folder, as port-check.yml
    # uploads them), and one report is kept in the repository
    repo = tmp_path / 'my-ports'
    (repo / '.github' / 'workflows').mkdir(parents=True)
    copied = repo / '.github' / 'workflows' / 'nnspec-site.yml'
    shutil.copy(str(SITE_WORKFLOW), str(copied))
    example = spec.SUITE / 'ports' / 'examples' / 'python' / 'port.py'
    flipped = tmp_path / 'flipped.py'
    flipped.write_text(_edited(example.read_text(), 'row[c] -= alpha', 'row[c] += alpha'))
    reports = repo / 'nnspec-reports'
    _check_report(example, reports / 'nnspec' / 'report.json')  # port-check.yml's artifact: this repository's port
    (reports / 'nnspec' / 'badge.json').write_text('{"schemaVersion": 1}')  # beside it in the artifact: not a port
    _check_report(example, reports / 'nnspec-python' / 'report.json')
    _check_report(flipped, reports / 'sign-flipped.json')
    python = tmp_path / 'python'  # actions/setup-python: a python first on the PATH, nnspec not installed
    venv.create(str(python), with_pip=True)
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH' and not k.startswith('NNSPEC_')}
    env['PATH'] = str(python / 'bin') + os.pathsep + env['PATH']

    def job():
        shutil.rmtree(str(repo / 'nnspec-site'), ignore_errors=True)  # each run a fresh checkout: no site from the last
        green, log = workflow.run(copied, repo, env, {'NNSPEC_INSTALL': str(dist['wheel'])})
        steps = {name: (state, out) for name, state, out in log}
        deployed = steps['actions/upload-pages-artifact@v3']
        return green, steps, repo / deployed[1]['path'] if deployed[0] == 'action' else None

    green, steps, site = job()
    assert green, steps
    assert [s for s, _ in steps.values()] == ['action'] * 3 + ['ok', 'ok', 'action', 'ok'] + ['action'] * 3
    cached = steps['the reference runs of the last publish'][1]  # actions/cache: the runs nnspec keeps
    computed = re.findall(r'nnspec: computed (\w+)', steps['build the site'][1])  # nothing kept yet: each computed
    assert 'shamdasani_worked' in computed and len(computed) == len(set(computed))
    saved = repo.parent / 'actions-cache' / cached['key'] / 'runs'  # saved after the green job, under its key:
    (fingerprint,) = _fingerprints(saved)  # nnspec's version, the python, and the fingerprint the runs are kept by
    assert cached['key'] == 'nnspec-runs-%s-py%s-%s' % (__version__, platform.python_version(), fingerprint[:16])
    assert cached['restore-keys'] == 'nnspec-runs-%s-py%s-' % (__version__, platform.python_version())
    assert steps['the port reports of the check that ran'][1]['path'] == 'nnspec-reports'
    assert {p.name for p in site.iterdir()} >= {'index.html', 'report.html', 'cases.html', 'ports.html'}
    marks = sum(p.read_text(encoding='utf-8').count('<span class="mark ') for p in (site / 'posts').glob('*.html'))
    assert marks == sum(spec.manifest().values())
    assert 'built for publication' in steps['build the site'][1]  # the quoted lines and a link, never a post's text
    assert sorted(p.name for p in (site / 'ports').glob('*.html')) == ['my-ports.html', 'python.html',
                                                                       'sign-flipped.html']
    matrix = (site / 'ports.html').read_text(encoding='utf-8')
    rows = dict(re.findall(r'<tr data-port="([^"]+)">\s*<th[^>]*>.*?</th><td class="counts">([^<]+)</td>', matrix))
    assert rows == {'my-ports': '2 cases: 2 conformant', 'python': '2 cases: 2 conformant',
                    'sign-flipped': '2 cases: 2 not conformant'}

    shutil.rmtree(str(reports))  # no reports (nnspec's own site, or a push before any check): no ports page
    green, steps, site = job()
    assert green, steps
    assert (site / 'index.html').is_file() and not (site / 'ports.html').exists()
    assert 'read all %d runs from the run cache in %s' % (len(computed), cached['path']) in steps['build the site'][1]
    assert not re.findall(r'nnspec: computed', steps['build the site'][1])  # the last publish's runs, read back

    (reports / 'nnspec-broken').mkdir(parents=True)
    (reports / 'nnspec-broken' / 'report.json').write_text('{"protocol": "something else"}')
    green, steps, site = job()  # a report that is not one: red, and nothing is deployed
    assert not green and steps['build the site'][0] == 'failed' and site is None
    assert 'broken.json: not a report of nnspec check' in steps['build the site'][1]
    assert [steps[s][0] for s in list(steps)[-3:]] == ['skipped'] * 3
