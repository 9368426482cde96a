"""every reference listing, described once: the one table the registries of nnspec are views of.

a listing is a program of nnspec/reference (`module`) whose quantities nnspec.runs names `run`.
the trask listings (`hidden` set) are one loop: forward through sigmoid layers, error `output - y`
(or `y - output`, bit for bit the same numbers negated), delta through `s*(1-s)` of the layer's
output, `w -= alpha * layer.T.dot(delta)`; a sweep runs it once per alpha of ALPHAS. views:
nnspec.runs.RUNS, nnspec.portable's goldens, nnspec.evidence.variants.RUNS and training.TRAINED,
nnspec.evidence.originals, nnspec.conformance.networks (json cases), transcript_mode.printed (transcript
cases) and conformance.tolerance.SENSITIVE. this module imports nothing of nnspec: everything may read it.
"""
import importlib
from dataclasses import dataclass, field
from typing import Optional

ALPHAS = (0.001, 0.01, 0.1, 1, 10, 100, 1000)  # part 2's sweeps, as the listings write them


def label(alpha):
    """an alpha as quantity names and case ids write it: 'alpha-%s' % label(0.001) is 'alpha-0.001'."""
    return '%g' % alpha


ALPHA_LABELS = tuple(label(a) for a in ALPHAS)

PART1_X = ((0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1))
XOR_Y = ((0,), (1,), (1,), (0,))
COPY_Y = ((0,), (0,), (1,), (1,))
GD_X = ((0, 1), (0, 1), (1, 0), (1, 0))

# the patterns of a transcript's label lines whose numbers are not values
LABEL_ALPHA = r'Training\s+With\s+Alpha\s*:?\s*[-+]?[\d.]+(?:e[-+]?\d+)?'
LABEL_ERROR_AFTER = r'Error\s+after\s+[\d,_]+\s+iterations?'
LABEL_SYNAPSE = r'Synapse\s+\d+'


@dataclass(frozen=True, eq=False)
class Listing:
    run: str                       # nnspec.runs' name of its quantities
    module: str = ''               # the program of nnspec/reference that computes them (default: `run`)
    case: Optional[str] = None     # the conformance case id (a sweep's: one per alpha, '<case>/alpha-<alpha>')
    source: str = ''               # where the post prints it
    hidden: Optional[int] = None   # a trask loop's hidden layer size (0: none); None: not a trask loop
    alphas: tuple = ()             # a sweep's alphas, or the one alpha of a single run
    sweep: bool = False            # one run per alpha: quantities 'alpha-<alpha>/...'
    error_sign: str = 'y - output'  # 'output - y': the update is `w -= alpha*...`, else `w += alpha*...`
    iterations: int = 0
    every: int = 10000             # the error is recorded every `every` iterations
    X: tuple = field(default=PART1_X, repr=False)  # a trask loop's inputs and targets, one row an example
    y: tuple = field(default=XOR_Y, repr=False)
    weights: tuple = ()            # the listing's names of its weight matrices, first layer first
    output: Optional[str] = None   # the listing's name of its last forward pass, when a quantity
    errors: bool = False           # its quantities hold the error every `every` iterations, 'error@<j>'
    direction_counts: bool = False  # the closer look's counts of update sign flips, one per weight
    printer: Optional[str] = None  # what a transcript case reads its printed values with (nnspec.printing)
    printed: tuple = ()            # what it prints, in order: 'output', 'errors', 'weights' (per alpha of a sweep)
    labels: tuple = ()             # the label patterns of its printout
    sensitive: dict = field(default_factory=dict)  # alpha -> why: runs honest arithmetics move past any tight tolerance
    document: str = ''             # the post: spec/values/<document>.json documents its printed values
    original: bool = False         # a python 2 original in reference/original (nnspec.evidence.originals)
    printout: bool = False         # its documents print it: the printout is rebuilt from the spec entries

    def __post_init__(self):
        object.__setattr__(self, 'module', self.module or self.run)

    @property
    def checkpoints(self):
        """the iterations whose error the listing records."""
        return range(0, self.iterations, self.every)

    @property
    def final(self):
        """the quantities it keeps after training beside its errors: a sweep's per alpha."""
        if self.direction_counts:
            return tuple(k for w in self.weights for k in (w, w + '_direction_count'))
        return self.weights + ((self.output,) if self.output else ())

    def reference(self):
        """its program: the module of nnspec/reference named `module`, imported."""
        return importlib.import_module('nnspec.reference.' + self.module)

    def subrun(self, alpha):
        """'<case>/alpha-<alpha>' of a sweep, the case id of a single run."""
        return '%s/alpha-%s' % (self.case, label(alpha)) if self.sweep else self.case


_PART1 = dict(document='trask-part1', alphas=(1,), original=True)
_PART2 = dict(document='trask-part2', error_sign='output - y', original=True)
_SWEEP = dict(_PART2, hidden=4, alphas=ALPHAS, sweep=True, iterations=60000, weights=('synapse_0', 'synapse_1'),
              errors=True, printout=True)
_HUNDRED = 'hidden 4, alpha 100: the error moves in the 11th digit, weights in the 6th'
_THOUSAND = 'alpha 1000: the sigmoids saturate; weights move in the 2nd digit, errors pinned at 0.5'

ELEVEN_LINES = Listing(
    'trask_part1_eleven_lines', case='trask-part1/eleven-lines', source='Part 1, the 11-line listing (nnspec seeds it with 1)',
    hidden=4, iterations=60000, weights=('syn0', 'syn1'), output='l2', **_PART1)
PART1_TWO_LAYER = Listing(
    'trask_part1_two_layer', case='trask-part1/two-layer', source='Part 1, 2 layer neural network',
    hidden=0, iterations=10000, y=COPY_Y, weights=('syn0',), output='l1',
    printer='numpy-1.13-array', printed=('output',), printout=True, **_PART1)
THREE_LAYER = Listing(
    'trask_part1_three_layer', case='trask-part1/three-layer', source='Part 1, 3 layer neural network',
    hidden=4, iterations=60000, weights=('syn0', 'syn1'), errors=True,
    printer='py2-str', printed=('errors',), printout=True, **_PART1)
THIRTEEN_LINES = Listing(
    'trask_part2_thirteen_lines', case='trask-part2/thirteen-lines', source='Part 2, the 13-line listing (nnspec seeds it with 1)',
    hidden=4, alphas=(0.5,), iterations=60000, weights=('synapse_0', 'synapse_1'), output='layer_2', **_PART2)
PART2_TWO_LAYER = Listing(
    'trask_part2_two_layer', case='trask-part2/two-layer', source='Part 2, 2 layer neural network (gradient descent)',
    hidden=0, alphas=(1,), iterations=10000, X=GD_X, y=COPY_Y, weights=('synapse_0',), output='layer_1',
    printer='numpy-1.13-array', printed=('output',), **_PART2)
ALPHA_SWEEP = Listing(
    'trask_part2_alpha_sweep', case='trask-part2/alpha-sweep', source='Part 2, improvement 1: alpha',
    printer='py2-str', printed=('errors',), labels=(LABEL_ALPHA, LABEL_ERROR_AFTER),
    sensitive={100: _HUNDRED, 1000: _THOUSAND}, **_SWEEP)
CLOSER_LOOK = Listing(
    'trask_part2_closer_look', case='trask-part2/closer-look', source="Part 2, let's take a closer look",
    direction_counts=True, printer='numpy-1.13-array', printed=('errors', 'weights'), labels=(LABEL_ALPHA, LABEL_SYNAPSE),
    sensitive={100: _HUNDRED, 1000: _THOUSAND}, **dict(_SWEEP, error_sign='y - output'))
HIDDEN_SIZE = Listing(
    'trask_part2_hidden_size', case='trask-part2/hidden-size', source='Part 2, improvement 2: hidden size',
    printer='py2-str', printed=('errors',), labels=(LABEL_ALPHA, LABEL_ERROR_AFTER), sensitive={
        10: 'hidden 32, alpha 10: error@10000 moves in the 3rd digit (0.0022356 to 0.0022538 on one machine)'},
    **dict(_SWEEP, hidden=32))
MINIFLOW_QUIZZES = Listing('miniflow_quizzes', document='miniflow')
MINIFLOW_WORKED = Listing('miniflow_worked', document='miniflow')
SHAMDASANI = Listing('shamdasani', document='shamdasani', original=True)
SHAMDASANI_WORKED = Listing('shamdasani_worked', module='shamdasani', document='shamdasani')

# in the order nnspec.runs computes and lists them
ALL = (ELEVEN_LINES, PART1_TWO_LAYER, THREE_LAYER, THIRTEEN_LINES, PART2_TWO_LAYER, ALPHA_SWEEP, CLOSER_LOOK,
       HIDDEN_SIZE, MINIFLOW_QUIZZES, MINIFLOW_WORKED, SHAMDASANI, SHAMDASANI_WORKED)
BY_RUN = {listing.run: listing for listing in ALL}
TRAINED = tuple(listing for listing in ALL if listing.hidden)  # the trask loops with a hidden layer
SWEEPS = tuple(listing for listing in ALL if listing.sweep)
CASES = tuple(listing for listing in ALL if listing.case)      # a trask loop: a json case
TRANSCRIPTS = tuple(listing for listing in ALL if listing.printer)  # what it prints is a transcript case
