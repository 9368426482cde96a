import sys

from nnspec.cli import main

sys.exit(main())
