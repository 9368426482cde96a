"""spec/sensitivity.json: covers every documented value, its classes hold, stable values reproduce here.

the measurement (python -m nnspec.evidence.sensitivity --write) takes minutes and is not run here.
"""
import pytest

from nnspec.evidence import sensitivity, variants
from nnspec.verdict import measure

DATA = sensitivity.load()
ROWS = {r['id']: r for r in DATA['entries']}
ENTRIES = {e['id']: e for e in sensitivity.value_entries()}


def test_covers_every_documented_value():
    assert sorted(ROWS) == sorted(ENTRIES)
    assert len(ROWS) == len(DATA['entries'])  # no id twice


def test_every_value_was_printed_under_every_variant():
    assert sorted(DATA['variants']) == sorted(variants.VARIANTS)
    missing = [i for i, r in ROWS.items() if sorted(r['texts']) != sorted(variants.VARIANTS)]
    assert not missing, missing[:5]


def test_classes_follow_from_the_texts():
    wrong = []
    for i, r in ROWS.items():
        cls, inside = sensitivity.classify(r['texts'], r['documented'])
        lo, hi = sensitivity.spread(r['texts'])
        if (cls, lo, hi) != (r['class'], r['min'], r['max']) or (cls == 'sensitive' and inside != r['documented_in_range']):
            wrong.append(i)
    assert not wrong, wrong[:5]


def test_documented_texts_are_the_spec_readings():
    from nnspec.spec import reading
    assert all(ROWS[i]['documented'] == (reading(e) if e['documented'] is not None else None) for i, e in ENTRIES.items())


STABLE = sorted(i for i, r in ROWS.items() if r['class'] == 'stable')


@pytest.mark.parametrize('run', sorted({ROWS[i]['run'] for i in STABLE}))
def test_stable_values_reproduce_on_this_stack(run):
    # a stable value prints its documented text under every equivalent arithmetic;
    # if the live reference stops printing it, something other than rounding changed
    lost = [(i, measure(ENTRIES[i]).get('measured')) for i in STABLE if ROWS[i]['run'] == run]
    lost = [(i, m) for i, m in lost if m != ROWS[i]['documented']]
    assert not lost, lost[:5]


def test_there_are_stable_and_sensitive_values():
    classes = {r['class'] for r in ROWS.values()}
    assert {'stable', 'sensitive'} <= classes


@pytest.mark.parametrize('texts,documented,expected', [
    ({'a': '0.5', 'b': '0.5'}, '0.5', ('stable', None)),
    ({'a': '0.5', 'b': '0.5'}, '0.6', ('off-everywhere', None)),
    ({'a': '0.5', 'b': '0.7'}, '0.6', ('sensitive', True)),
    ({'a': '0.5', 'b': '0.7'}, '0.5', ('sensitive', True)),
    ({'a': '0.5', 'b': '0.7'}, '0.71', ('sensitive', False)),
    ({'a': '-2.', 'b': '-10.'}, '-3.', ('sensitive', True)),
    ({'a': '0.5', 'b': '0.7'}, None, ('unreadable', None)),
])
def test_classify(texts, documented, expected):
    assert sensitivity.classify(texts, documented) == expected
