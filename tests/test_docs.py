"""the docs say what the data says: the findings table is the recorded verdicts, the README's first port is the file."""
import itertools
import re
import sys
from pathlib import Path

from nnspec import spec
from tests.checking import PORTS, check

DOCS = Path(__file__).resolve().parents[1] / 'docs'
README = Path(__file__).resolve().parents[1] / 'README.md'
COLUMNS = ['entries', 'reproduced', 'off', 'unreadable', 'holds', 'fails']


def _table(text):
    """{file or 'all': [entries, reproduced, off, unreadable, holds, fails]} from the findings' count table."""
    out = {}
    for line in text.splitlines():
        m = re.match(r'\| (?:\*\*)?`?([\w.-]+)`?(?: \([^|]*\))?(?:\*\*)? \|((?: [*\d]+ \|){6})$', line)
        if m:
            out[m.group(1)] = [int(n.strip('* ')) for n in m.group(2).strip(' |').split('|')]
    return out


def _recorded():
    out = {}
    for name, e in spec.entries():
        row = out.setdefault(name, [0] * 6)
        row[0] += 1
        row[COLUMNS.index(e['verdict']['status'])] += 1
    out['all'] = [sum(r[i] for r in out.values()) for i in range(6)]
    return out


def test_the_findings_table_is_the_recorded_verdicts():
    table = _table((DOCS / 'findings.md').read_text(encoding='utf-8'))
    assert table == _recorded()


def test_the_table_reader_reads_a_row():
    # the reader above, on a row of the table's own form: a changed figure would be read, not skipped
    assert _table('| `trask-part1.json` (seed 000, English) | 13 | 10 | 1 | 0 | 2 | 0 |\n'
                  '| **all** | **417** | **343** | **37** | **21** | **14** | **2** |') == {
        'trask-part1.json': [13, 10, 1, 0, 2, 0], 'all': [417, 343, 37, 21, 14, 2]}


def test_the_readmes_first_port_is_the_example_file():
    text = README.read_text(encoding='utf-8')
    block = re.search(r'```python\n(.*?)```', text, re.S).group(1)
    assert block == (PORTS / 'examples' / 'python' / 'first_port.py').read_text(encoding='utf-8')
    assert '(%d lines;' % len(block.splitlines()) in text


def test_the_readmes_first_port_conforms_where_it_says(capsys):
    port = [sys.executable, str(PORTS / 'examples' / 'python' / 'first_port.py')]
    code, report = check(capsys, 'quick/trask-part1/*', port)
    assert code == 0 and [c['status'] for c in report['cases']] == ['conformant', 'conformant']
    code, report = check(capsys, 'quick/trask-part2/closer-look/alpha-10', port)
    assert code == 1 and 'direction_count' in str(report['cases'][0])


def _deviations_table(text):
    """the findings' deviations table: its lines, from its header to the first line that is not a row."""
    lines = text.split('## Known deviations, and why', 1)[1].splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith('| where |'))
    return '\n'.join(itertools.takewhile(lambda line: line.startswith('|'), lines[start:]))


def test_the_deviations_table_is_the_reports_grouping_of_the_recorded_verdicts():
    from nnspec.web import deviations
    groups = deviations.groups(deviations.recorded())
    table = _deviations_table((DOCS / 'findings.md').read_text(encoding='utf-8'))
    assert table == deviations.markdown(groups), 'regenerate it: python -m nnspec.web.deviations'
    # every recorded deviation is in one row, and a row per cause
    off = [e for _, e in spec.entries() if e['verdict']['status'] not in ('reproduced', 'holds')]
    assert sum(len(g['entries']) for g in groups) == len(off) == 37 + 21 + 2  # off, lost, claims failing: the count table above
    assert len(table.splitlines()) == 2 + len({e['cause'] for e in off})
