"""seed mode as spec/PROTOCOL.md describes it, checked against numpy with an independent mt19937."""
import json
import re
from pathlib import Path

import numpy as np
import pytest

from tests import mt19937

ROOT = Path(__file__).resolve().parents[1]


def random_doubles(seed, count):
    words = mt19937.genrand(seed)
    return [((next(words) >> 5) * 67108864 + (next(words) >> 6)) / 9007199254740992 for _ in range(count)]


@pytest.mark.parametrize('seed', [1, 0, 12345, 2 ** 32 - 1])
def test_description_matches_numpy_across_the_twist(seed):
    # 700 doubles = 1400 words: crosses the 624-word twist twice
    np.random.seed(seed)
    assert random_doubles(seed, 700) == np.random.random(700).tolist()


def test_shapes_fill_row_major_in_draw_order():
    np.random.seed(1)
    s0, s1 = 2 * np.random.random((3, 4)) - 1, 2 * np.random.random((4, 1)) - 1
    u = random_doubles(1, 16)
    assert s0.tolist() == [[2 * x - 1 for x in u[r * 4:r * 4 + 4]] for r in range(3)]
    assert s1.tolist() == [[2 * x - 1] for x in u[12:16]]


def test_published_initial_weights_are_the_seed_mode_draws():
    paths = sorted((ROOT / 'spec' / 'cases' / 'json').rglob('*.json'))
    cases = [json.loads(p.read_text()) for p in paths if not p.name.endswith('.expected.json')]
    cases = [c for c in cases if 'kind' not in c]  # the trask cases: shamdasani's randn is tests/test_check_shamdasani.py
    assert len(cases) > 30
    for case in cases:
        u = iter(random_doubles(case['seed']['numpy_seed'], 200))
        for d in case['seed']['draws']:
            rows, cols = d['shape']
            drawn = [[2 * next(u) - 1 for _ in range(cols)] for _ in range(rows)]
            assert case['initial_weights'][d['name']] == drawn, (case['id'], d['name'])


def test_protocol_quotes_the_first_draws():
    text = (ROOT / 'spec' / 'PROTOCOL.md').read_text()
    quoted = re.search(r'The first draws for seed 1 are `u = ([^`]*)`', text).group(1)
    assert [float(x) for x in quoted.split(',')] == random_doubles(1, 3)
    assert '(a >> 5) * 67108864 + (b >> 6)) / 9007199254740992' in text
