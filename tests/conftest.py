"""fixtures of the spec tests (goldens that know their stack), and the goldens' line in the summary.

a skipped golden test shows in the summary line ("N golden skipped") and, with
NNSPEC_REQUIRE_GOLDENS=1 (tox sets it), fails the session: a lane that skips its goldens
has not compared them.
"""
import collections
import os

import pytest

from tests import spec_copy
from tests.golden import Golden

REQUIRE = 'NNSPEC_REQUIRE_GOLDENS'
_skipped = []
_compared = collections.Counter()


def pytest_configure(config):
    config.addinivalue_line('markers', 'golden: compares a run with its goldens (a skip fails the session under %s=1)' % REQUIRE)


@pytest.fixture
def values(tmp_path):
    """a copy of spec/values (and spec/kernels beside it) for a test to break."""
    return spec_copy.copy(tmp_path)


@pytest.fixture(scope='module')
def plt():
    """matplotlib's pyplot on the Agg backend, or a skip that says why (the pictures' tests)."""
    mpl = pytest.importorskip('matplotlib', reason="matplotlib not installed: artists unchecked (tox -e pictures, or pip install 'nnspec[pictures]')")
    mpl.use('Agg')
    import matplotlib.pyplot
    yield matplotlib.pyplot
    matplotlib.pyplot.close('all')


@pytest.fixture
def broken_case(monkeypatch):
    """broken_case(id): that case's file reads as broken (a SpecError), as nnspec's own data gone bad."""
    from nnspec import spec
    from nnspec.conformance import cases
    load = cases.load

    def break_(broken_id):
        def loading(id_, mode):
            if id_ == broken_id:
                raise spec.SpecError('%s: the case file is broken (a test)' % id_)
            return load(id_, mode)
        monkeypatch.setattr(cases, 'load', loading)
    return break_


@pytest.fixture
def golden(data_regression, request):
    """check `data` against its goldens in fixtures/, recording the stack beside each."""
    return Golden(data_regression, request)


def pytest_runtest_logreport(report):
    if 'golden' not in report.keywords:
        return
    if report.skipped:
        _skipped.append(report)
    _compared.update(how for key, how in report.user_properties if key == 'golden' and report.when == 'call')


def pytest_terminal_summary(terminalreporter):
    if not (_compared or _skipped):
        return
    terminalreporter.write_sep('-', 'goldens')
    for how, n in sorted(_compared.items()):
        terminalreporter.write_line('%d %s' % (n, how))
    if _skipped:
        terminalreporter.stats['golden skipped'] = list(_skipped)  # the summary line counts them
        terminalreporter.write_line('%d golden tests skipped%s' % (len(_skipped), ': the session fails (%s=1)' % REQUIRE
                                                                  if os.environ.get(REQUIRE) == '1' else ''), red=True)


def pytest_sessionfinish(session):
    if _skipped and os.environ.get(REQUIRE) == '1' and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
