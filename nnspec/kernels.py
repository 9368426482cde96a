"""verdicts per blas kernel: which recorded verdict a number is held to on this stack.

the kernel's summation order shows in the printed digits of the sensitive runs
(hidden 4, alpha 100, error@10000: 0.125476983853 on SkylakeX, ...854 on
Haswell), so a verdict is a kernel's verdict: a kernel here is the arithmetic
probed (stack.kernel_key(): summation trees and fma, the blas, numpy's exp loop),
not the kernel's name. spec/values holds the reference kernel's (its
`measured_on`); spec/kernels/<kernel>.json holds another kernel's, only where it
differs. `nnspec measure --write` on a kernel records it there.

on a kernel nobody recorded, a number that moves with the kernel (its verdict
differs on some recorded kernel, or spec/sensitivity.json classes it sensitive)
has no verdict to be held to: it is measured and shown, named as not comparable,
never counted as a pass or a change. a claim is held to its status there (its
measured text quotes numbers of the run). every other number is held as recorded.
"""
from pathlib import Path

from nnspec import inventory, spec, stack

SCHEMA = spec.SUITE / 'schema' / 'kernel.schema.json'
SENSITIVITY = spec.SUITE / 'sensitivity.json'


def directory(values=None):
    """spec/kernels beside the values directory (a copy of spec/values in a test has its own)."""
    return Path(values or spec.VALUES).parent / 'kernels'


def recorded(where, lost=True):
    """{kernel_key: (path, document)} for every recorded kernel other than the reference; one the manifest lists
    and the suite's directory lacks is a SpecError (its numbers would silently go uncompared), unless the caller
    reports lost files itself (lost=False)."""
    if lost:
        inventory.check_kernels(where)
    out = {}
    for path in sorted(Path(where).glob('*.json')) if Path(where).is_dir() else []:
        doc = spec.validate(path, spec.load_json(path), SCHEMA)
        key = stack.kernel_key(doc['measured_on'])
        if path.stem != stack.kernel_name(doc['measured_on']):
            raise spec.SpecError('%s: field "measured_on": names kernel %s, the file is named for another' % (path, key))
        out[key] = (path, doc)
    return out


def sensitive_ids():
    if not SENSITIVITY.exists():
        return set()
    return {r['id'] for r in spec.load_json(SENSITIVITY)['entries'] if r['class'] == 'sensitive'}


class Expectation:
    """the verdicts this stack's kernel is held to."""

    def __init__(self, docs, where, key=None):
        self.key = key or stack.kernel_key()
        self.where = Path(where)
        refs = {stack.kernel_key(d['measured_on']) for d in docs.values() if d.get('measured_on')}
        if len(refs) > 1:
            raise spec.SpecError('%s: field "measured_on": the values files were measured on %d kernels (%s); '
                                 'measure them together' % (spec.VALUES, len(refs), ', '.join(sorted(refs))))
        self.reference = refs.pop() if refs else self.key
        self.kernels = recorded(self.where)
        self.overlay, self.moving = {}, set()
        if self.key == self.reference:
            self.status = 'reference'
        elif self.key in self.kernels:
            self.status = 'recorded'
            self.overlay = self.kernels[self.key][1]['verdicts']
        else:
            self.status = 'not recorded'
            self.moving = sensitive_ids().union(*(set(d['verdicts']) for _, d in self.kernels.values()))

    def verdict(self, entry):
        """the recorded verdict of this kernel, or None: the number moves with kernels and this one is not recorded."""
        if self.status == 'not recorded' and entry.get('claim'):
            return {'status': entry['verdict']['status']}
        if entry['id'] in self.moving:
            return None
        return self.overlay.get(entry['id'], entry['verdict'])

    def differs(self, entry, now):
        """does the verdict measured now differ from the one held? (never, when none is held)"""
        held = self.verdict(entry)
        if held is None:
            return False
        return now['status'] != held['status'] if set(held) == {'status'} else now != held

    def describe(self):
        if self.status == 'reference':
            return 'kernel %s: the reference, verdicts in spec/values' % self.key
        if self.status == 'recorded':
            return 'kernel %s: recorded in spec/kernels/%s' % (self.key, self.kernels[self.key][0].name)
        return ('kernel %s: not recorded; the numbers that move with the kernel are measured, not compared'
                % self.key)

    def advice(self):
        """what a maintainer may do about this kernel, or None."""
        if self.status == 'not recorded':
            return 'for maintainers: `nnspec measure --write` on this stack records its verdicts in spec/kernels/'
        return None

    def file_for(self, docs, now):
        """{path: document} recording this (non-reference) kernel: its verdicts where they differ from the reference's."""
        diffs = {e['id']: now[e['id']] for d in docs.values() for e in d['entries'] if now[e['id']] != e['verdict']}
        path = self.where / (stack.kernel_name() + '.json')
        if path.exists() and spec.load_json(path).get('verdicts') == diffs:
            return {}  # the same verdicts: measured_on stays the stack (coretype) that first recorded this arithmetic
        doc = {'about': 'the verdicts of one blas kernel where they differ from the reference kernel\'s (spec/values); '
                        'written by `nnspec measure --write` on it',
               'measured_on': stack.describe(), 'verdicts': diffs}
        return {path: spec.validate(path, doc, SCHEMA)}


def expectation(values=None):
    values = values or spec.VALUES
    return Expectation(spec.documents(values), directory(values))
