"""mutation check: one changed operator or constant in a listing must make the spec fail.

python -m nnspec.evidence.mutate [-j N] [-k FILE]: copies the repository to a temporary
folder per mutation, applies it to reference/, runs the spec tests there
(pytest spec -x: documented verdicts and goldens; no shell, time limit) and
prints the first test that caught it.
"""
import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from nnspec import listings as L, spec
from nnspec.spec import ROOT

# the spec tests: every documented verdict, every golden, every printout
SPEC_TESTS = ['tests/test_values.py', 'tests/test_goldens.py', 'tests/test_printouts.py']


def _file(listing):
    """the file of nnspec/reference that computes a listing (nnspec.listings)."""
    return listing.module + '.py'


# (file, text in the listing, mutated text)
MUTATIONS = [
    (_file(L.PART1_TWO_LAYER), 'return x*(1-x)', 'return x*(1+x)'),
    (_file(L.PART1_TWO_LAYER), 'syn0 = 2*np.random.random((3,1)) - 1', 'syn0 = 2*np.random.random((3,1)) + 1'),
    (_file(L.THREE_LAYER), 'l2_error = y - l2', 'l2_error = l2 - y'),
    (_file(L.THREE_LAYER), 'if (j% 10000) == 0:', 'if (j% 10000) == 1:'),
    (_file(L.THREE_LAYER), 'return 1/(1+np.exp(-x))', 'return 1/(2+np.exp(-x))'),
    (_file(L.ALPHA_SWEEP), 'synapse_1 -= alpha * (layer_1.T.dot(layer_2_delta))',
     'synapse_1 += alpha * (layer_1.T.dot(layer_2_delta))'),
    (_file(L.ALPHA_SWEEP), 'layer_2_delta = layer_2_error*sigmoid_output_to_derivative(layer_2)',
     'layer_2_delta = layer_2_error*layer_2*(1-layer_2)'),
    (_file(L.CLOSER_LOOK), 'if(j > 0):', 'if(j > 1):'),
    (_file(L.CLOSER_LOOK), 'synapse_0 += alpha * synapse_0_weight_update', 'synapse_0 += alpha * 1.01 * synapse_0_weight_update'),
    (_file(L.HIDDEN_SIZE), 'hiddenSize = 32', 'hiddenSize = 31'),
    (_file(L.HIDDEN_SIZE), 'synapse_0 -= alpha * (layer_0.T.dot(layer_1_delta))',
     'synapse_0 -= (alpha * layer_0.T).dot(layer_1_delta)'),
    ('miniflow.py', 'self.value = np.mean(self.diff**2)', 'self.value = np.sum(self.diff**2)'),
    ('miniflow.py', 'return 1. / (1. + np.exp(-x))', 'return 1. / (1. + np.exp(x))'),
    (_file(L.SHAMDASANI), 'self.hiddenSize = 3', 'self.hiddenSize = 4'),
    (_file(L.SHAMDASANI), 'return s * (1 - s)', 'return s * (1 - s) * 1.0001'),
    (_file(L.SHAMDASANI), 'self.W2 += self.z2.T.dot(self.o_delta)', 'self.W2 += self.z2.T.dot(self.o_delta) * 0.5'),
    # the printing paths: what `python -m reference.<run>` prints (tests/test_printouts.py)
    (_file(L.CLOSER_LOOK), 'print("Error:" + py2_str(error))', 'print("Error:" - py2_str(error))'),
    (_file(L.CLOSER_LOOK), 'print(r[\'synapse_0\'])', 'print(r[\'synapse_1\'])'),
    (_file(L.THREE_LAYER), 'print("Error:" + py2_str(error))', 'print("Error:" + str(error))'),
    (_file(L.PART1_TWO_LAYER), 'print(np113_str(l1))', 'print(np113_str(l1[:3]))'),
    (_file(L.ALPHA_SWEEP), 'print("\\nTraining With Alpha:" + str(alpha))', 'print("\\nTraining With Alpha:" + str(alpha) + " 1")'),
    (_file(L.HIDDEN_SIZE), '" iterations:" +py2_str(error))', '" iterations:" +py2_str(error) + "0")'),
    (_file(L.PART2_TWO_LAYER), 'print(np113_str(layer_1))', 'print(np113_str(layer_1[::-1]))'),
]


def try_one(mutation, timeout):
    name, old, new = mutation
    with tempfile.TemporaryDirectory(prefix='nnspec-mutant-') as tmp:
        copy = Path(tmp) / 'repo'
        shutil.copytree(str(ROOT), str(copy), symlinks=True, ignore=shutil.ignore_patterns('.git', '.tox', '.venv*', '__pycache__'))
        path = copy / 'reference' / name
        text = path.read_text(encoding='utf-8')
        if text.count(old) != 1:
            return mutation, 'not applied: %r found %d times' % (old, text.count(old)), 0.0
        path.write_text(text.replace(old, new), encoding='utf-8')
        start = time.time()
        env = {'NNSPEC_ROOT': str(copy), 'PYTHONPATH': str(copy), 'PATH': '/usr/bin:/bin'}
        try:
            done = subprocess.run([sys.executable, '-m', 'pytest', '-x', '-q', '-p', 'no:cacheprovider'] + SPEC_TESTS,
                                  cwd=str(copy), env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return mutation, 'timed out', time.time() - start
        failed = [l.split()[1] for l in done.stdout.splitlines() if l.startswith('FAILED')]
        if done.returncode == 1 and failed:
            return mutation, 'caught by %s' % failed[0], time.time() - start
        return mutation, 'MISSED (pytest exit %d) %s' % (done.returncode, done.stdout.strip()[-200:]), time.time() - start


def main(argv=None):
    p = argparse.ArgumentParser(prog='nnspec mutate', description=__doc__.splitlines()[0])
    p.add_argument('-j', type=int, default=1, help='mutants at once')
    p.add_argument('--timeout', type=int, default=900, help='seconds for one mutant\'s spec tests (default 900)')
    p.add_argument('-k', default='', help='only mutations of files whose name contains this')
    args = p.parse_args(argv)
    spec.checkout('nnspec mutate')
    if importlib.util.find_spec('pytest') is None:  # every mutant would read as missed
        raise spec.NeedsCheckout("nnspec mutate runs the spec tests: pytest is not installed (pip install 'nnspec[test]')")
    chosen = [m for m in MUTATIONS if args.k in m[0]]
    missed = 0
    with ThreadPoolExecutor(args.j) as pool:
        for (name, old, new), result, seconds in pool.map(lambda m: try_one(m, args.timeout), chosen):
            missed += not result.startswith('caught')
            print('%-28s %-58s -> %s  [%.0fs]' % (name, new[:58], result, seconds), flush=True)
    print('%d of %d mutations caught' % (len(chosen) - missed, len(chosen)))
    return 1 if missed else 0


if __name__ == '__main__':
    sys.exit(main())
