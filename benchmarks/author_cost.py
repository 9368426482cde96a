"""the cost of the author's emulated arithmetic beside the bare compute of the same runs.

    python3 benchmarks/author_cost.py [--variant author-2015]

times nnspec.runs' reference runs (numpy + the installed blas) and the same runs under
nnspec.evidence.author (per-site summation trees, correctly rounded exp), for every run of
part 1 and part 2 with documented values, and prints each ratio; then all of them at once as
nnspec.evidence.forensics computes them (one batch per hidden size). cpu seconds of this process:
the machine may be shared. prints figures; asserts nothing.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nnspec import runs  # noqa: E402
from nnspec.evidence import training  # noqa: E402

NAMES = ['trask_part1_two_layer', 'trask_part1_three_layer', 'trask_part2_alpha_sweep',
         'trask_part2_closer_look', 'trask_part2_hidden_size']


def timed(fn):
    t = time.process_time()
    fn()
    return time.process_time() - t


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--variant', default='author-2015')
    args = p.parse_args(argv)
    total_bare = total_emulated = 0.0
    print('%-28s %8s %9s %6s' % ('run', 'bare s', 'emulated', 'ratio'), '(cpu s)')
    for name in NAMES:
        bare = timed(lambda: runs.RUNS[name]())
        emulated = timed(lambda: training.run(name, args.variant))
        total_bare, total_emulated = total_bare + bare, total_emulated + emulated
        print('%-28s %8.1f %9.1f %6.2f' % (name, bare, emulated, emulated / bare))
    print('%-28s %8.1f %9.1f %6.2f' % ('all, one by one', total_bare, total_emulated, total_emulated / total_bare))
    batched = timed(lambda: training.runs([(name, args.variant) for name in NAMES]))
    print('%-28s %8.1f %9.1f %6.2f' % ('all, batched', total_bare, batched, batched / total_bare))


if __name__ == '__main__':
    main()
