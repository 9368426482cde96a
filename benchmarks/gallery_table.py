"""every gallery port checked, as a markdown table: what nnspec says of each.

    python3 benchmarks/gallery_table.py [--only WORD]

runs `nnspec check` on each entry of spec/ports/gallery/gallery.json (every
tutorial's) and prints one row per entry: the port, its case and mode, the
verdict, the named cause (the diagnosis's first line, shortened) and the
digits of agreement of the first wrong number. a benchmark prints what it
finds; the gallery test (tests/test_check_gallery.py) is what asserts.
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GALLERY = ROOT / 'spec' / 'ports' / 'gallery'
TIMEOUT = 900  # seconds per port: the slowest gallery entries replay whole listings
SHORT = 110  # characters of the named cause kept


def check(entry):
    """the json report's one case for a gallery entry, or a stand-in saying why there is none."""
    mode = entry.get('mode', 'json')
    command = [sys.executable, '-m', 'nnspec', 'check', '--mode', mode, '--case', entry['case'], '--format', 'json',
               '--', sys.executable, str(GALLERY / entry['port'])]
    try:
        ran = subprocess.run(command, cwd=str(ROOT), capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {'status': 'timed out after %d s' % TIMEOUT, 'diagnosis': [], 'first': None}
    try:
        return json.loads(ran.stdout)['cases'][0]
    except (ValueError, KeyError, IndexError):
        return {'status': 'no report (exit %d): %s' % (ran.returncode, ran.stderr.decode()[-200:]), 'diagnosis': [],
                'first': None}


def shortened(text):
    text = text.replace('|', '\\|')
    return text if len(text) <= SHORT else text[:SHORT - 3].rstrip() + '...'


def row(entry, case):
    first = case.get('first') or {}
    named = (case.get('diagnosis') or [case.get('problem') or ''])[0]
    digits = first.get('digits')
    return '| `%s` | %s%s | %s | %s | %s |' % (
        entry['port'], entry['case'], '' if entry.get('mode', 'json') == 'json' else ' (transcript)', case['status'],
        shortened(named) or '-', '-' if not first else first['where'] + ': ' + ('-' if digits is None else str(digits)))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--only', help='the entries whose port name holds this word')
    a = p.parse_args()
    gallery = json.loads((GALLERY / 'gallery.json').read_text())['ports']
    print('| port | case | verdict | named cause | first wrong: digits |')
    print('| --- | --- | --- | --- | --- |')
    for entry in gallery:
        if a.only and a.only not in entry['port']:
            continue
        print(row(entry, check(entry)), flush=True)


if __name__ == '__main__':
    main()
