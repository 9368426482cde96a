"""fixtures of the spec tests: the spec's entries, and goldens that know their stack."""
import pytest

from spec.golden import Golden


@pytest.fixture
def golden(data_regression, request):
    """check `data` against fixtures/<test name>.yml, recording the stack beside it."""
    return Golden(data_regression, request)
