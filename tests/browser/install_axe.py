"""install axe-core for the browser lane: `npm ci` of tests/browser/package.json and its lockfile, in a folder of its own.

usage: python tests/browser/install_axe.py DIR   (tox env browser: DIR is in the env's folder, not the checkout)
"""
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv):
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    target = Path(argv[0])
    target.mkdir(parents=True, exist_ok=True)
    for name in ('package.json', 'package-lock.json'):
        shutil.copyfile(str(HERE / name), str(target / name))
    npm = shutil.which('npm')
    if npm is None:
        print('install_axe: npm is not on PATH: the browser lane needs node and npm for axe-core', file=sys.stderr)
        return 1
    done = subprocess.run([npm, 'ci', '--no-audit', '--no-fund', '--ignore-scripts'], cwd=str(target), timeout=300)
    if done.returncode == 0 and not (target / 'node_modules' / 'axe-core' / 'axe.min.js').is_file():
        print('install_axe: npm ci ran, but %s has no node_modules/axe-core/axe.min.js' % target, file=sys.stderr)
        return 1
    return done.returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
