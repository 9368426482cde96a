"""case generation, maintainer tooling: writes spec/cases from the reference (trask_json, transcripts,
miniflow, shamdasani). nnspec check never imports it; run each module with python3 -m in a checkout."""
import sys

from nnspec import spec
from nnspec.exit_codes import USAGE


def in_checkout(module):
    """stop with exit 2 unless the case files being written are a checkout's (an installed nnspec's are not)."""
    try:
        spec.checkout('python3 -m nnspec.generate_cases.' + module)
    except spec.NeedsCheckout as e:
        print('nnspec: %s' % e, file=sys.stderr)
        sys.exit(USAGE)
