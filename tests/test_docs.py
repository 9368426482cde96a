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
    line = next(l for l in README.read_text(encoding='utf-8').splitlines() if '--seed' in l and 'first_port.py' in l)
    seed, glob = re.search(r"--seed (\d+) --case '([^']+)'", line).groups()
    code, report = check(capsys, glob, port, 'json', 'json', '--seed', seed)
    assert code == 0 and len(report['cases']) == int(re.search(r'# (\d+) cases drawn', line).group(1))


REPORT = re.compile(r'<!-- report: (\S+), (json|transcript), (\S+) [^>]*-->\n```\n(.*?)```', re.S)


def _quoted_reports():
    return REPORT.findall((DOCS / 'check.md').read_text(encoding='utf-8'))


def _quotes(quoted, text):
    """every quoted line is a line of the report, in order (a quoted line ending in ` ...`: the start of one)."""
    lines, k = text.splitlines(), 0
    for q in quoted.splitlines():
        prefix = q[:-4] if q.endswith(' ...') else None
        while k < len(lines) and not (lines[k].startswith(prefix) if prefix else lines[k] == q):
            k += 1
        if k == len(lines):
            return q
        k += 1
    return None


def test_the_reports_quoted_in_check_md_are_what_nnspec_prints(capsys):
    quoted = _quoted_reports()
    assert quoted, 'docs/check.md quotes no report under a <!-- report: ... --> line'
    for port, mode, case, block in quoted:
        code, text = check(capsys, case, [sys.executable, str(spec.ROOT / port)], mode, 'text')
        assert _quotes(block, text) is None, 'docs/check.md quotes %r, nnspec prints:\n%s' % (_quotes(block, text), text)


def test_a_changed_quote_is_caught():
    text = 'head\n  error measure: every checkpoint is off\n  first diverged at error@0: expected 0.4964\n'
    assert _quotes('head\n  error measure: every ...\n  first diverged at error@0: expected 0.4964', text) is None
    assert _quotes('head\n  error measure: every ...\n  first diverged at error@100: expected 0.4964', text) is not None
    assert _quotes('  first diverged at error@0: expected 0.4964\nhead', text) is not None  # order matters


def test_the_gallery_table_in_check_md_is_gallery_json():
    import json
    table = (DOCS / 'check.md').read_text(encoding='utf-8').split('## The gallery of wrong ports')[1].split('\n## ')[0]
    rows = re.findall(r'^\| `([\w.]+)`( \(transcript\))? \| [^|]+ \| ([^|]+) \|$', table, re.M)
    assert rows, 'no gallery rows read'
    documented = {(port, 'transcript' if t else 'json'): first for port, t, first in rows}
    gallery = json.loads((PORTS / 'gallery' / 'gallery.json').read_text())['ports']
    assert set(documented) == {(g['port'], g.get('mode', 'json')) for g in gallery}
    for g in gallery:
        if 'first_wrong' in g:
            assert g['first_wrong'] in documented[g['port'], g.get('mode', 'json')], g['port']


def test_check_md_on_the_hand_typed_miniflow_integers_is_what_nnspec_says(capsys):
    text = (DOCS / 'check.md').read_text(encoding='utf-8')
    assert "`-9` and `4`, numpy 1.13 prints `-9.` and `4.`, reported *the listing's\nformat, not byte-exact*" in text
    code, r = check(capsys, 'miniflow/quizzes', [sys.executable, '-m', 'reference.miniflow_quizzes'], 'transcript')
    rows = [x for x in r['cases'][0]['rows'] if x['where'].startswith('linear_matrix')]
    assert code == 0 and {(x['got'], x['documented']) for x in rows} == {('-9.', '-9'), ('4.', '4')}
    assert {x['documented_verdict'] for x in rows} == {"the listing's format, not byte-exact: within tolerance"}


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
