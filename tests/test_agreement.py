"""digits of agreement and distance between a documented and a measured text."""
import pytest

from nnspec.agreement import digits_of_agreement, distance


@pytest.mark.parametrize('documented, measured, digits', [
    ('0.125476983855', '0.125476983853', 11),
    ('0.125476983855', '0.125476983831', 10),
    ('0.00224922117381', '0.00225381368217', 2),
    ('0.5', '0.5', 1),
    ('0.12523107366', '0.125231073660', 11),   # trailing zeros do not count against
    ('-4.66409623', '-4.66409332', 6),
    ('.85', '.86', 1),
    ('1.000553084', '0.980159694', 0),          # leading digit in another place
    ('7.6', '-7.6', 0),                         # sign differs
    ('0.0999', '0.1', 0),
    ('garbage', '0.1', 0),
])
def test_digits_of_agreement(documented, measured, digits):
    assert digits_of_agreement(documented, measured) == digits


def test_distance_is_value_minus_documented():
    assert distance('0.125476983855', 0.125476983853) == pytest.approx(-2e-12, abs=1e-15)
