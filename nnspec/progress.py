"""progress for long jobs, on stderr (stdout is the result's alone).

Line: one line rewritten in place, only when the stream is a terminal; piped, redirected or
captured (ci logs, tests) it writes nothing. Steps: a job of n steps with its elapsed time,
on a terminal that line, elsewhere a plain line per step, so a log shows it too.
"""
import sys
import time


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


class Steps:
    """`with Steps(n) as steps: steps.done('computed x')` -> `nnspec: computed x (1 of n, 3 s)`.

    note(text) writes a line of its own, terminal or not; quiet=True writes notes only.
    tick(text) refreshes the terminal line between steps (the elapsed time moves).
    """

    def __init__(self, total, stream=None, quiet=False, clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.line = Line(self.stream)
        self.total, self.done_, self.quiet, self.clock = total, 0, quiet, clock
        self.start = clock()

    def elapsed(self):
        return '%.0f s' % (self.clock() - self.start)

    def note(self, text):
        self.line.close()
        self.stream.write('nnspec: %s\n' % text)
        self.stream.flush()

    def done(self, text, count=1, lasting=False):
        """count steps done; lasting: said on a line of its own on a terminal too."""
        self.done_ += count
        if self.quiet:
            return
        said = '%s (%d of %d, %s)' % (text, self.done_, self.total, self.elapsed())
        if self.line.on and not lasting:
            self.line.show(said)
        else:
            self.note(said)

    def tick(self, text):
        if not self.quiet:
            self.line.show('%s (%d of %d done, %s)' % (text, self.done_, self.total, self.elapsed()))

    def close(self):
        self.line.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
