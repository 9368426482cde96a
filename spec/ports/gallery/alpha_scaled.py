"""bug: alpha off by one part in ten thousand (alpha * 1.0001). in a sensitive run, honest rounding
moves the full run's numbers by more than that: the restart segments must still catch it."""
import json
import sys

import common  # noqa: F401 -- puts the example port on the path
from port import answer

case = json.load(sys.stdin)
case['network']['alpha'] *= 1.0001  # bug
json.dump(answer(case), sys.stdout)
