"""the whole test session keeps the reference runs in a cache folder of its own, never a developer's.

set before any test and any xdist worker starts, so workers and the `nnspec` processes tests
start share it; removed at the end. the tests of the cache itself use folders of their own.
"""
import os
import shutil
import tempfile


def pytest_configure(config):
    if os.environ.get('PYTEST_XDIST_WORKER'):  # its controller made the folder, and the worker inherits it
        return
    config.nnspec_cache = (tempfile.mkdtemp(prefix='nnspec-test-cache-'), os.environ.get('NNSPEC_CACHE_DIR'))
    os.environ['NNSPEC_CACHE_DIR'] = config.nnspec_cache[0]


def pytest_unconfigure(config):
    made = getattr(config, 'nnspec_cache', None)
    if made:
        shutil.rmtree(made[0], ignore_errors=True)
        if made[1] is None:
            os.environ.pop('NNSPEC_CACHE_DIR', None)
        else:
            os.environ['NNSPEC_CACHE_DIR'] = made[1]
