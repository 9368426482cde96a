"""every readable value of part 1 and part 2 under the author's arithmetic (docs/forensics.md).

python -m nnspec.evidence.forensics [--write] [--variant author-2015]
python -m nnspec.evidence.forensics grid|flips [...]   the experiments (nnspec.evidence.grid, .flips)
prints each value the variant does not print as documented, and the count; --write
records, on every entry this stack's verdict calls off, the variant's verdict in its
`author_2015` field (spec/values; documented texts and verdicts untouched). about 15 s.
"""
import argparse
import importlib
import sys

from nnspec import spec
from nnspec.agreement import digits_of_agreement
from nnspec.evidence import author, training
from nnspec.printing import render
from nnspec.spec import reading


def verdicts(variant='author-2015', log=print):
    """{entry id: verdict under `variant`} for every readable part 1 and part 2 value."""
    entries = [e for _, e in spec.entries() if str(e.get('run', '')).startswith('trask') and e.get('documented')]
    names = sorted({e['run'] for e in entries})
    log('running %s under %s, one batch per hidden size' % (', '.join(names), variant))
    got = {name: q for (name, _), q in training.runs([(name, variant) for name in names]).items()}
    out = {}
    for e in entries:
        text = render(e['printer'], got[e['run']][e['quantity']], e.get('index'), reading(e))
        out[e['id']] = ({'status': 'reproduced', 'measured': text} if text == reading(e) else
                        {'status': 'off', 'measured': text, 'digits': digits_of_agreement(reading(e), text)})
    return out


def write(found):
    """the author_2015 field of every entry off on this stack; nothing else changes."""
    for path in sorted(spec.VALUES.glob('*.json')):
        doc = spec.load_json(path)
        touched = False
        for e in doc['entries']:
            if e['verdict']['status'] == 'off' and e['id'] in found:
                touched |= e.get('author_2015') != found[e['id']]
                e['author_2015'] = found[e['id']]
        if touched:
            spec.write_document(path, doc)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (['grid'], ['flips']):
        return importlib.import_module('nnspec.evidence.' + argv[0]).main(argv[1:])
    p = argparse.ArgumentParser(prog='python -m nnspec.evidence.forensics', description=__doc__.splitlines()[0])
    p.add_argument('--variant', default='author-2015', choices=sorted(author.EXPS))
    p.add_argument('--write', action='store_true', help='record author-2015 verdicts in spec/values')
    args = p.parse_args(argv)
    found = verdicts(args.variant, log=lambda m: print(m, file=sys.stderr))
    off = {i: v for i, v in found.items() if v['status'] == 'off'}
    for i, v in sorted(off.items()):
        print('%-62s %-18s %d digits' % (i, v['measured'], v['digits']))
    print('%s: %d of %d readable part 1 and part 2 values print as documented' % (
        args.variant, len(found) - len(off), len(found)))
    if args.write:
        if args.variant != 'author-2015':
            p.error('only author-2015 is recorded in the spec; the hypothesis stays in docs/forensics.md')
        write(found)
    return 0


if __name__ == '__main__':
    sys.exit(main())
