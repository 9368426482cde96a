"""a port that computes nothing: it prints the committed expected answer of the case it is given (found by
NNSPEC_CASE or the case's id under spec/cases/json), or else that of the nearest committed case of its kind
(the same shapes where one has them). conformant on every committed json case; generated cases catch it."""
import json
import os
import sys
from pathlib import Path

CASES = Path(__file__).resolve().parent.parent / 'spec' / 'cases' / 'json'


def expected(id_):
    path = CASES / (id_ + '.expected.json')
    return json.loads(path.read_text(encoding='utf-8')) if path.is_file() else None


def shape(case):
    """what a committed case must share with this one to be its nearest: kind, sizes, iterations, report."""
    if case.get('kind') == 'miniflow':
        return [case['kind'], len(case['nodes']), 'train' in case]
    sizes = case['network'].get('layers') or sorted(case['network'].items())
    return [case.get('kind'), sizes, len(case['X']), case['iterations'], case['report']]


def nearest(case):
    """the committed case of the case's kind sharing the most of its shape (the first by id on a tie)."""
    mine, best = shape(case), None
    for path in sorted(CASES.rglob('*.json')):
        if path.name.endswith('.expected.json'):
            continue
        theirs = json.loads(path.read_text(encoding='utf-8'))
        if theirs.get('kind') != case.get('kind'):
            continue
        score = sum(a == b for a, b in zip(mine, shape(theirs)))
        if best is None or score > best[0]:
            best = (score, str(path.relative_to(CASES))[:-len('.json')])
    return best[1]


case = json.load(sys.stdin)
segment = case.get('segment')
id_ = segment['of'] if segment else os.environ.get('NNSPEC_CASE') or case['id']
doc = expected(id_) or expected(nearest(case))
answer = next(s['answer'] for s in doc['segments'] if s['from'] == segment['from']) if segment else doc['answer']
json.dump(answer, sys.stdout)
print()
