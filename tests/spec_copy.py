"""a copy of the spec data for a test to break: the values and the other kernels' verdicts, and an edit of one file."""
import json
import shutil

from nnspec import spec


def copy(tmp_path):
    """tmp_path/values and tmp_path/kernels, copies of spec/values and spec/kernels; the values folder."""
    d = tmp_path / 'values'
    shutil.copytree(str(spec.VALUES), str(d))
    shutil.copytree(str(spec.VALUES.parent / 'kernels'), str(tmp_path / 'kernels'))  # the verdicts of other kernels
    return d


def edit(path, fn):
    """fn(document) applied to the json file at path, written back."""
    doc = json.loads(path.read_text(encoding='utf-8'))
    fn(doc)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding='utf-8')
