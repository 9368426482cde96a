"""the command line's number arguments: a value out of range is a usage error (exit 2), said before anything runs."""
import argparse


def at_most(kind, ceiling):
    """an argparse type: a finite number above zero and at most `ceiling` (seconds, bytes)."""
    def parse(text):
        try:
            v = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError('%r is not a number' % text)
        if not 0 < v <= ceiling:  # also refuses nan
            raise argparse.ArgumentTypeError('%r: must be above 0 and at most %g' % (text, ceiling))
        return v
    parse.__name__ = kind.__name__
    return parse


def count(text):
    """an argparse type: a whole number, at least 1 (processes, cases at once)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError('%r is not a whole number' % text)
    if n < 1:
        raise argparse.ArgumentTypeError('at least 1, got %d' % n)
    return n
