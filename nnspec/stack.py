"""the stack a result was measured on: python, numpy, blas and its kernel, cpu."""
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


def numpy_cpu_features():
    """every cpu feature numpy's simd code may use here (NPY_DISABLE_CPU_FEATURES takes some away)."""
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as f
    except ImportError:
        try:
            from numpy.core._multiarray_umath import __cpu_features__ as f
        except ImportError:
            return []
    return sorted(k for k, v in f.items() if v)


def cpu_features():
    return [k for k in numpy_cpu_features() if k.startswith(('AVX512F', 'AVX2', 'FMA3', 'AVX512_SKX'))]


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
    }


def kernel_key(stack=None):
    """what decides the last bits of every run: the blas, its kernel, the cpu (numpy's own simd exp).

    numpy's version is left out on purpose: numpy 2.0.2, 2.4.6 and 2.5.5 gave
    bit-identical runs here, so a numpy that changes them should be noticed.
    OPENBLAS_L2_SIZE is left out too: 512 and unset gave bit-identical runs here.
    a stack whose kernel could not be read is told by OPENBLAS_CORETYPE instead.
    """
    s = stack or describe()
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
