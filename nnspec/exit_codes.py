"""nnspec's exit codes: one set for every command, `nnspec check` included.

0 all as recorded (check: every case conformant); 1 a verdict changed (check:
not conformant); 2 the port could not be run or broke the protocol, or a
command cannot run as asked; 3 nnspec's own data is broken.
"""
OK = 0  # all as recorded
CHANGED = 1  # a verdict changed
PORT_BROKEN = 2  # the port could not be run, or broke the protocol
USAGE = 2  # a command that cannot run as asked: argparse's own code
SUITE_BROKEN = 3  # nnspec's own data is broken

CONFORMANT = OK  # nnspec check's words for the same codes
NOT_CONFORMANT = CHANGED
