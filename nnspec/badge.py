"""a port's badge, written by nnspec check: a static svg and a shields.io endpoint json.

label `nnspec`, message `<selection> · <conformant>/<cases>` (the selection: --badge-name, else the
case ids' common prefix); the colour is the check's exit code: 0 green, 1 red, 2 grey (a port that
could not be run, or nothing checked). a check whose own data is broken (exit 3) writes no badge.
the svg comes from anybadge (pure python) with a fixed mask id, a title and an aria-label: the same
inputs give the same bytes.
"""
import json
import xml.etree.ElementTree as ET

import anybadge

from nnspec import atomic
from nnspec.exit_codes import CHANGED, CONFORMANT, OK, PORT_BROKEN

LABEL = 'nnspec'
# shields.io's named colours and the hex it draws them with
COLOURS = {OK: ('brightgreen', '#4c1'), CHANGED: ('red', '#e05d44'), PORT_BROKEN: ('lightgrey', '#9f9f9f')}
SVG = 'http://www.w3.org/2000/svg'


def selection(ids):
    """what the cases have in common: their ids' longest common run of leading path parts ('' when none)."""
    parts = [i.split('/') for i in ids]
    common = []
    for column in zip(*parts):
        if len(set(column)) > 1:
            break
        common.append(column[0])
    return '/'.join(common)


def message(outcomes, name):
    counted = '%d/%d' % (sum(o.code == CONFORMANT for o in outcomes), len(outcomes))
    return '%s · %s' % (name, counted) if name else counted


def endpoint(text, code):
    """the shields.io endpoint document (https://shields.io/badges/endpoint-badge)."""
    return json.dumps({'schemaVersion': 1, 'label': LABEL, 'message': text, 'color': COLOURS[code][0]}, ensure_ascii=False,
                      indent=1) + '\n'


def svg(text, code):
    badge = anybadge.Badge(LABEL, text, default_color=COLOURS[code][1])
    badge.mask_str = 'nnspec-badge'  # anybadge numbers its masks per process: fixed, for the same bytes every run
    ET.register_namespace('', SVG)
    root = ET.fromstring(badge.badge_svg_text)
    root.set('role', 'img')
    root.set('aria-label', '%s: %s' % (LABEL, text))
    title = ET.Element('{%s}title' % SVG)
    title.text = '%s: %s' % (LABEL, text)
    root.insert(0, title)
    return ET.tostring(root, encoding='unicode') + '\n'


def write(outcomes, code, name, svg_path=None, json_path=None):
    """the badge files asked for, together and atomically; the message they carry."""
    text = message(outcomes, name)
    files = {}
    if svg_path:
        files[svg_path] = svg(text, code).encode('utf-8')
    if json_path:
        files[json_path] = endpoint(text, code).encode('utf-8')
    atomic.write_all(files)
    return text
