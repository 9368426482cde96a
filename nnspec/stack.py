"""the stack a result was measured on: python, numpy, blas and its kernel, cpu."""
import functools
import hashlib
import json
import os
import re
import platform
import sys

import numpy as np


def blas():
    """numpy's blas library and version, from numpy's own build config."""
    try:
        cfg = np.show_config(mode='dicts')
        info = cfg['Build Dependencies']['blas']
        return '%s %s' % (info.get('name', '?'), info.get('version', '?'))
    except Exception:  # numpy < 1.26 has no mode='dicts'
        return 'unknown'


def blas_kernel():
    """the kernel the blas runs on this cpu, as the library itself names it (threadpoolctl asks openblas).

    OPENBLAS_CORETYPE picks one, but unset it is the cpu that picks: SkylakeX on an
    avx-512 cpu, Haswell on an avx2 one. the kernel, not the variable, decides the sums.
    """
    try:
        import threadpoolctl
        found = [i.get('architecture') for i in threadpoolctl.threadpool_info() if i.get('user_api') == 'blas']
    except Exception:  # no threadpoolctl, or a library it cannot read
        return 'unknown'
    return str(found[0]) if found and found[0] else 'unknown'


def _umath():
    try:
        from numpy._core import _multiarray_umath as m
    except ImportError:
        from numpy.core import _multiarray_umath as m
    return m


def numpy_cpu_features():
    """every cpu feature numpy's simd code may use here (NPY_DISABLE_CPU_FEATURES takes some away)."""
    return sorted(k for k, v in getattr(_umath(), '__cpu_features__', {}).items() if v)


def cpu_features():
    return [k for k in numpy_cpu_features() if k.startswith(('AVX512F', 'AVX2', 'FMA3', 'AVX512_SKX'))]


def simd():
    """the simd code numpy's float64 exp runs here, the one loop of the listings whose bits depend on the
    cpu (+, -, *, / and abs are exact ieee operations on any): its dispatch target, as numpy names it
    (X86_V4 with avx-512, X86_V3 with avx2; NPY_DISABLE_CPU_FEATURES moves it). numpy before 2.0 cannot
    say: there, the build's baseline and every dispatch target this cpu runs."""
    try:
        from numpy.lib import introspect
        return 'exp float64: %s' % introspect.opt_func_info(func_name='^exp$', signature='^float64')['exp']['dd']['current']
    except (ImportError, KeyError, TypeError, AttributeError):
        m = _umath()
        on = getattr(m, '__cpu_features__', {})
        targets = [t for t in getattr(m, '__cpu_dispatch__', []) if on.get(t)]
        return ' '.join(list(getattr(m, '__cpu_baseline__', [])) + ['|'] + targets)


def describe():
    """a dict that names the stack; recorded beside every golden and verdict."""
    return {
        'python': platform.python_version(),
        'implementation': platform.python_implementation(),
        'numpy': np.__version__,
        'blas': blas(),
        'blas_kernel': blas_kernel(),
        'OPENBLAS_CORETYPE': os.environ.get('OPENBLAS_CORETYPE', 'unset'),
        'OPENBLAS_L2_SIZE': os.environ.get('OPENBLAS_L2_SIZE', 'unset'),
        'machine': platform.machine(),
        'cpu_features': ' '.join(cpu_features()),
        'platform': sys.platform,
        'arithmetic': arithmetic(),
    }


def kernel_key(stack=None):
    """what decides the last bits of every run, and so the verdicts of the numbers that move with it: the
    arithmetic probed (stack.arithmetic(): the blas's summation tree and fma at each np.dot of the
    listings, the blas and its version, the simd loop of numpy's exp), as its name.

    numpy's version is left out on purpose: numpy 2.0.2, 2.4.6 and 2.5.5 gave bit-identical runs
    here, so a numpy that changes them should be noticed. OPENBLAS_L2_SIZE too: 512 and unset gave
    bit-identical runs. a stack recorded before the probe is told by its blas kernel and cpu features.
    """
    s = stack or describe()
    if isinstance(s.get('arithmetic'), dict):
        return arithmetic_name(s['arithmetic'])
    blas_name = str(s.get('blas', '?')).split(' ')[0]
    kernel = s.get('blas_kernel', 'unknown')
    if kernel == 'unknown':
        kernel = 'OPENBLAS_CORETYPE=%s' % s.get('OPENBLAS_CORETYPE', '?')
    return '%s|%s|%s|%s' % (s.get('machine', '?'), blas_name, kernel, s.get('cpu_features', '?'))


def key_name(key):
    """a kernel_key as a file name: x86_64-scipy-openblas-Haswell-AVX2-AVX512F-AVX512_SKX-FMA3."""
    return re.sub(r'[^A-Za-z0-9_.]+', '-', key).strip('-')


def kernel_name(stack=None):
    return key_name(kernel_key(stack))


@functools.lru_cache(maxsize=None)
def arithmetic():
    """what decides the last bits of a native run, probed rather than named: the summation tree
    and fma of numpy's blas at each np.dot of the listings (nnspec.evidence.blas), the blas and
    its version, and the cpu features numpy dispatches on. the kernel's name is left out: two
    kernels that sum alike compute alike, and one name can sum otherwise in another version."""
    from nnspec import probe
    sites = {}
    for group, hidden in probe.GROUPS.items():
        for label, (k, call) in probe.sites(hidden).items():
            try:
                tree = probe.tree(probe.lca_sizes(call, k, np.dot), k)
                sites['%s: %s' % (group, label)] = probe.render(tree) + (', fma' if probe.fma(call, k, np.dot) else '')
            except ValueError as e:  # not a summation tree: what the probe saw is the key
                sites['%s: %s' % (group, label)] = 'unreadable: %s' % e
    return {'machine': platform.machine(), 'blas': blas(), 'numpy_simd': simd(), 'sites': sites}


def arithmetic_name(key=None):
    """a native golden's folder: x86_64-scipy-openblas-0.3.31.188.0-X86_V4-1a2b3c4d (the last
    part hashes the whole key, the summation trees with it)."""
    key = key or arithmetic()
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode('utf-8')).hexdigest()[:8]
    targets = key['numpy_simd'].split(':')[-1].split('|')[-1].split()
    return key_name('%s %s %s %s' % (key['machine'], key['blas'], ' '.join(targets) or 'baseline', digest))
