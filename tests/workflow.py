"""a github actions job run here as the runner runs it: its `run:` steps in order, in bash, with the env it sets.

what this stands in for: `actions/checkout` (the repository is the working directory), `actions/setup-python`
(the caller's PATH puts a python first), `actions/upload-artifact` and `actions/upload-pages-artifact` (their
`path`, read back by the caller), `actions/download-artifact` (the caller puts the files at its `path` first),
`actions/configure-pages` and `actions/deploy-pages` (nothing to do here), and `actions/cache` (a folder of saved
caches beside the workspace: the exact key, else the newest under a `restore-keys` prefix, copied to its `path`;
saved after a green job that missed the exact key). the event it plays is a push: a job's `if` is taken as true,
and a `${{ github.* }}` expression is left as written in a stood-in action's `with`. a step runs as github runs a
bash step (`bash --noprofile --norc -eo pipefail FILE`), its outputs written to $GITHUB_OUTPUT (`name=value`
lines) and read as `${{ steps.ID.outputs.NAME }}` in a later step's `with` and `env`; after a failed step only
those with `if: always()` run, and the job is red. anything else a workflow might use is refused, not ignored.
"""
import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

ACTIONS = ('actions/checkout@', 'actions/setup-python@', 'actions/upload-artifact@', 'actions/download-artifact@',
           'actions/configure-pages@', 'actions/upload-pages-artifact@', 'actions/deploy-pages@', 'actions/cache@')
STEP = {'name', 'id', 'uses', 'with', 'run', 'if', 'env'}
JOB = {'if', 'runs-on', 'timeout-minutes', 'environment', 'env', 'steps'}
ALWAYS = (None, 'always()', '${{ always() }}')
EXPRESSION = re.compile(r'\$\{\{\s*env\.(\w+)\s*\}\}')
OUTPUT = re.compile(r'\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}')
KEY = re.compile(r'[\w.-]+')
CONTEXT = re.compile(r'\$\{\{\s*github\.[^}]*\}\}')


def load(path):
    doc = yaml.safe_load(Path(path).read_text())
    (job,) = doc['jobs'].values()
    assert set(job) <= JOB, 'job keys this runner does not know: %s' % sorted(set(job) - JOB)
    return doc, job


def _expand(text, env, outputs):
    """`${{ env.NAME }}` and `${{ steps.ID.outputs.NAME }}` filled in; a `${{ github.* }}` (the run's context, for
    the action) left as written."""
    out = EXPRESSION.sub(lambda m: env[m.group(1)], text)
    out = OUTPUT.sub(lambda m: outputs[m.group(1)][m.group(2)], out)
    assert '${{' not in CONTEXT.sub('', out), 'an expression this runner does not know: %s' % text
    return out


def _outputs(path):
    """{name: value} of a step's $GITHUB_OUTPUT file (`name=value` lines; the multi-line form is refused)."""
    lines = Path(path).read_text().splitlines() if Path(path).is_file() else []
    assert not [line for line in lines if '<<' in line.split('=', 1)[0]], 'a multi-line output this runner does not read'
    return dict(line.split('=', 1) for line in lines if line)


def _restore(caches, given):
    """actions/cache: the saved folder of `key`, else the newest under a restore-keys prefix, copied to `path`;
    whether the key itself was found."""
    key, target = given['key'], Path(given['path'])
    assert KEY.fullmatch(key), 'a cache key this runner does not store: %r' % key
    saved = sorted(caches.iterdir(), key=lambda p: p.stat().st_mtime_ns) if caches.is_dir() else []
    prefixes = [p for p in given.get('restore-keys', '').splitlines() if p.strip()]
    found = next((p for p in saved if p.name == key), None) or \
        next((p for prefix in prefixes for p in reversed(saved) if p.name.startswith(prefix.strip())), None)
    if found is not None:
        shutil.rmtree(str(target), ignore_errors=True)
        shutil.copytree(str(found), str(target))
    return found is not None and found.name == key


def run(path, workspace, env, edits=None, timeout=600):
    """(green, [(step name, 'ok' | 'failed' | 'skipped' | 'action', output)]) of the workflow's one job.

    env: the machine's (PATH); edits: the workflow's env as a user would edit it (each name must be one of its own)."""
    doc, job = load(path)
    own = {k: str(v) for k, v in {**doc.get('env', {}), **job.get('env', {})}.items()}
    assert set(edits or {}) <= set(own), 'not the workflow\'s own: %s' % sorted(set(edits) - set(own))
    temp = Path(workspace).parent / 'runner-temp'  # the runner's, empty at each job's start
    shutil.rmtree(str(temp), ignore_errors=True)
    temp.mkdir()
    env = {**env, **own, **(edits or {}), 'CI': 'true', 'GITHUB_ACTIONS': 'true', 'GITHUB_WORKSPACE': str(workspace),
           'GITHUB_REPOSITORY': 'scratch/' + Path(workspace).name, 'RUNNER_TEMP': str(temp)}
    caches = Path(workspace).parent / 'actions-cache'  # actions/cache's store: kept from one job to the next
    green, log, outputs, save = True, [], {}, []
    for k, step in enumerate(job['steps']):
        name = step.get('name') or step.get('uses') or 'step %d' % k
        assert step.get('if') in ALWAYS, '%s: a condition this runner does not know: %s' % (name, step['if'])
        assert set(step) <= STEP, '%s: keys this runner does not know' % name
        if not green and step.get('if') is None:
            log.append((name, 'skipped', ''))
            continue
        if 'uses' in step:
            assert step['uses'].startswith(ACTIONS), '%s: an action this runner does not stand in for' % name
            given = {k: _expand(str(v), env, outputs) for k, v in step.get('with', {}).items()}
            if step['uses'].startswith('actions/cache@'):
                hit = _restore(caches, given)
                outputs[step.get('id', '')] = {'cache-hit': str(hit).lower()}
                save += [] if hit else [given]
            log.append((name, 'action', given))
            continue
        script = Path(workspace).parent / ('step-%d.sh' % k)
        script.write_text(step['run'])
        written = temp / ('output-%d' % k)
        done = subprocess.run(['bash', '--noprofile', '--norc', '-eo', 'pipefail', str(script)], cwd=str(workspace),
                              env={**env, 'GITHUB_OUTPUT': str(written),
                                   **{n: _expand(str(v), env, outputs) for n, v in step.get('env', {}).items()}},
                              capture_output=True, text=True, timeout=timeout)
        green = green and done.returncode == 0
        outputs[step.get('id', '')] = _outputs(written)
        log.append((name, 'ok' if done.returncode == 0 else 'failed', done.stdout + done.stderr))
    for given in save if green else []:  # actions/cache's post step: only after a green job
        if Path(given['path']).is_dir():
            shutil.rmtree(str(caches / given['key']), ignore_errors=True)
            shutil.copytree(given['path'], str(caches / given['key']))
            os.utime(str(caches / given['key']))  # saved now: the newest under its prefix
    return green, log
