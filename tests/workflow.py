"""a github actions job run here as the runner runs it: its `run:` steps in order, in bash, with the env it sets.

what this stands in for: `actions/checkout` (the repository is the working directory), `actions/setup-python`
(the caller's PATH puts a python first), `actions/upload-artifact` and `actions/upload-pages-artifact` (their
`path`, read back by the caller), `actions/download-artifact` (the caller puts the files at its `path` first),
and `actions/configure-pages` and `actions/deploy-pages` (nothing to do here). the event it plays is a push: a
job's `if` is taken as true, and a `${{ github.* }}` expression is left as written in a stood-in action's `with`.
a step runs as github runs a bash step (`bash --noprofile --norc -eo pipefail FILE`); after a failed step only
those with `if: always()` run, and the job is red. anything else a workflow might use is refused, not ignored.
"""
import re
import shutil
import subprocess
from pathlib import Path

import yaml

ACTIONS = ('actions/checkout@', 'actions/setup-python@', 'actions/upload-artifact@', 'actions/download-artifact@',
           'actions/configure-pages@', 'actions/upload-pages-artifact@', 'actions/deploy-pages@')
STEP = {'name', 'id', 'uses', 'with', 'run', 'if', 'env'}
JOB = {'if', 'runs-on', 'timeout-minutes', 'environment', 'env', 'steps'}
ALWAYS = (None, 'always()', '${{ always() }}')
EXPRESSION = re.compile(r'\$\{\{\s*env\.(\w+)\s*\}\}')
CONTEXT = re.compile(r'\$\{\{\s*github\.[^}]*\}\}')


def load(path):
    doc = yaml.safe_load(Path(path).read_text())
    (job,) = doc['jobs'].values()
    assert set(job) <= JOB, 'job keys this runner does not know: %s' % sorted(set(job) - JOB)
    return doc, job


def _expand(text, env):
    """`${{ env.NAME }}` filled in; a `${{ github.* }}` (the run's context, for the action) left as written."""
    out = EXPRESSION.sub(lambda m: env[m.group(1)], text)
    assert '${{' not in CONTEXT.sub('', out), 'an expression this runner does not know: %s' % text
    return out


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
    green, log = True, []
    for k, step in enumerate(job['steps']):
        name = step.get('name') or step.get('uses') or 'step %d' % k
        assert step.get('if') in ALWAYS, '%s: a condition this runner does not know: %s' % (name, step['if'])
        assert set(step) <= STEP, '%s: keys this runner does not know' % name
        if not green and step.get('if') is None:
            log.append((name, 'skipped', ''))
            continue
        if 'uses' in step:
            assert step['uses'].startswith(ACTIONS), '%s: an action this runner does not stand in for' % name
            log.append((name, 'action', {k: _expand(str(v), env) for k, v in step.get('with', {}).items()}))
            continue
        script = Path(workspace).parent / ('step-%d.sh' % k)
        script.write_text(step['run'])
        done = subprocess.run(['bash', '--noprofile', '--norc', '-eo', 'pipefail', str(script)], cwd=str(workspace),
                              env={**env, **{n: str(v) for n, v in step.get('env', {}).items()}}, capture_output=True,
                              text=True, timeout=timeout)
        green = green and done.returncode == 0
        log.append((name, 'ok' if done.returncode == 0 else 'failed', done.stdout + done.stderr))
    return green, log
