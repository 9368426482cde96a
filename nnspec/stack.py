"""the stack a result was measured on: python, numpy, blas and its kernel, cpu."""
import os
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


def cpu_features():
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as f
    except ImportError:
        try:
            from numpy.core._multiarray_umath import __cpu_features__ as f
        except ImportError:
            return []
    return sorted(k for k, v in f.items() if v and k.startswith(('AVX512F', 'AVX2', 'FMA3', 'AVX512_SKX')))


def describe():
    """a dict that names the stack; recorded beside every golden and verdict."""
    return {
        'python': platform.python_version(),
        'implementation': platform.python_implementation(),
        'numpy': np.__version__,
        'blas': blas(),
        'OPENBLAS_CORETYPE': os.environ.get('OPENBLAS_CORETYPE', 'unset'),
        'OPENBLAS_L2_SIZE': os.environ.get('OPENBLAS_L2_SIZE', 'unset'),
        'machine': platform.machine(),
        'cpu_features': ' '.join(cpu_features()),
        'platform': sys.platform,
    }


def kernel_key(stack=None):
    """what decides the last bits of every run: the blas, its kernel, the cpu.

    numpy's version is left out on purpose: numpy 2.0.2, 2.4.6 and 2.5.5 gave
    bit-identical runs here, so a numpy that changes them should be noticed.
    """
    s = stack or describe()
    blas_name = str(s.get('blas', '?')).split(' ')[0]
    return '%s|%s|%s|%s' % (s.get('machine', '?'), blas_name, s.get('OPENBLAS_CORETYPE', '?'), s.get('cpu_features', '?'))
