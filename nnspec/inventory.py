"""the files beyond spec/values that nnspec relies on, counted in the manifest so a lost one is noticed.

spec/kernels/<kernel>.json (a recorded kernel's verdicts) are listed by name:
without one, its numbers would silently stop being compared. the goldens are
counted per directory (every *.yml under fixtures/): without them their tests
would skip. `nnspec lint --write-manifest` records both as they are now;
`nnspec measure --write` lists a kernel file it writes.
"""
from pathlib import Path

from nnspec import spec

KERNELS = spec.SUITE / 'kernels'
FIXTURES = spec.ROOT / 'fixtures'
RESTORE = 'restore it from git'


def kernel_files(where=KERNELS):
    where = Path(where)
    return sorted(p.name for p in where.glob('*.json')) if where.is_dir() else []


def golden_counts(root=FIXTURES):
    """{directory relative to the checkout: its *.yml files} for every directory under fixtures/ that holds any."""
    counts = {}
    for p in sorted(Path(root).rglob('*.yml')) if Path(root).is_dir() else []:
        key = p.parent.relative_to(Path(root).parent).as_posix()
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _listed(key, manifest=None):
    doc = spec.load_json(manifest or spec.MANIFEST)
    return doc.get(key) if isinstance(doc, dict) else None


def lost_kernels(where=KERNELS, manifest=None):
    """the recorded kernel files the manifest lists and the directory lacks (the suite's own directory only)."""
    if Path(where).resolve() != KERNELS.resolve():
        return []
    listed = _listed('kernels', manifest) or []
    return [name for name in listed if name not in kernel_files(where)]


def check_kernels(where):
    """a SpecError when a recorded kernel's file the manifest lists is gone."""
    lost = lost_kernels(where)
    if lost:
        raise spec.SpecError(_lost_kernel(Path(where) / lost[0], spec.MANIFEST))


def _lost_kernel(path, manifest):
    return ('%s: missing: %s lists this recorded kernel (%s, or record it again with `nnspec measure --write` on that '
            'kernel)' % (path, manifest.name, RESTORE))


def problems(manifest=None, kernels=KERNELS, fixtures=FIXTURES):
    """what the manifest says of the kernel files and goldens that is not so."""
    manifest = manifest or spec.MANIFEST
    out, again = [], '(after recording or regenerating: nnspec lint --write-manifest)'
    listed = _listed('kernels', manifest)
    have = kernel_files(kernels)
    if not isinstance(listed, list):
        out.append('%s: field "kernels" must list the recorded kernel files %s' % (manifest, again))
    else:
        out += [_lost_kernel(Path(kernels) / n, manifest) for n in listed if n not in have]
        out += ['%s: a recorded kernel %s does not list %s' % (Path(kernels) / n, manifest.name, again)
                for n in have if n not in listed]
    if fixtures == FIXTURES and spec.CHECKOUT is None:  # an installed nnspec carries no goldens (lint says so)
        return out
    counts, now = _listed('goldens', manifest), golden_counts(fixtures)
    if not isinstance(counts, dict):
        out.append('%s: field "goldens" must count the golden files of each directory %s' % (manifest, again))
        return out
    for d, n in sorted(counts.items()):
        if now.get(d, 0) < n:
            out.append('%s: %d golden files, %s counts %d (goldens lost: %s, or `nnspec regen` on that kernel)'
                       % (d, now.get(d, 0), manifest.name, n, RESTORE))
        elif now[d] > n:
            out.append('%s: %d golden files, %s counts %d %s' % (d, now[d], manifest.name, n, again))
    out += ['%s: %d golden files %s does not count %s' % (d, now[d], manifest.name, again) for d in sorted(now) if d not in counts]
    return out


def record(doc, kernels=KERNELS, fixtures=FIXTURES):
    """the manifest document with the kernel files and golden counts as they are now."""
    doc['kernels'] = kernel_files(kernels)
    doc['goldens'] = golden_counts(fixtures)
    return doc
