"""progress for long jobs: one line on stderr, rewritten in place, and only when stderr is a terminal.

piped, redirected or captured (ci logs, tests), it writes nothing at all.
"""
import sys


def is_terminal(stream):
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Line:
    """`with Line() as line: line.show('computing x (1 of 3)...')`; the line is wiped at the end."""

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.on = is_terminal(self.stream)
        self.width = 0

    def show(self, text):
        if not self.on:
            return
        self.stream.write('\r' + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def close(self):
        if self.on and self.width:
            self.stream.write('\r' + ' ' * self.width + '\r')
            self.stream.flush()
            self.width = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
