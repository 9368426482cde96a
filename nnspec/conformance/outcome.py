"""what checking one case gives: a verdict, an exit code, and the rows behind it.

a row is one number. it is judged (ok or not), or not judged: `chaotic` (a
sensitive run's number that honest arithmetics move past the stable tolerance;
segments verify the run instead) or `unverifiable` (printed with fewer digits
than the listing's printer gives it: never ok). a case is conformant only when
every judged number is ok, no number is unverifiable, and at least one was judged.
"""
from __future__ import annotations  # the fields' `X | None` on python 3.9

import dataclasses

from nnspec.agreement import relative_digits
from nnspec.conformance import diagnosis
from nnspec.exit_codes import CONFORMANT, NOT_CONFORMANT, PORT_BROKEN, SUITE_BROKEN

UNSUPPORTED = -1  # the port said "not this case": counted apart, below conformant, so it raises no exit code
STATUS = {CONFORMANT: 'conformant', NOT_CONFORMANT: 'not conformant', PORT_BROKEN: 'port broken',
          SUITE_BROKEN: 'suite broken', UNSUPPORTED: 'unsupported'}


@dataclasses.dataclass
class Row:
    """one compared number, or what stands in for one (a missing checkpoint, a wrong shape, a node out of order)."""
    where: str  # what was compared: 'error@100', 'synapse_0[1][2]', 'segment@0+100: error@0', 'order[3]'
    expected: str  # the reference's value as text (the double's repr), or what was expected instead ('shape 3x4')
    got: str  # what the port gave, as text ('missing' when it gave nothing there)
    ok: bool  # the verdict on this number; a chaotic row is ok (reported, not judged), an unverifiable one never
    distance: float | None = None  # got - expected, when both are numbers
    tolerance: float | None = None  # the largest distance allowed there
    why: str | None = None  # why the number is not ok, or why it is not judged
    digits: int | None = None  # digits got and expected share (17: equal); None: not two numbers, or expected near 0
    printed_digits: int | None = None  # json mode: significant digits the port wrote the number with
    iteration: int | None = None  # json mode: the iteration of a checkpoint's error
    line: int | None = None  # transcript mode: the port's stdout line the number is on
    documented: str | None = None  # transcript mode: the post's documented text of this number, when it has one
    documented_verdict: str | None = None  # transcript mode: how it compares with that text ('exact', ...)
    chaotic: bool = False  # a sensitive run's number honest arithmetics move past the tolerance: reported, not judged
    unverifiable: bool = False  # printed (or replayed from weights printed) too coarsely to verify: never ok


@dataclasses.dataclass
class Expectation:
    """what a port's expectations file expects of a case (nnspec.expectations), and whether it did that."""
    outcome: str  # the status expected; 'conformant' for a case the file does not name
    reason: str | None  # the file's reason; None when the file does not name the case
    result: str  # 'as expected', 'changed', or 'conformant now' (expected otherwise)
    fails: bool  # this case fails the check: a change, or conformant now under --strict


@dataclasses.dataclass
class Outcome:
    """checking one case: its verdict (code), the rows behind it, and what the report says of them."""
    case: str  # the case id
    mode: str  # 'json' or 'transcript'
    code: int = CONFORMANT  # 0 conformant, 1 not conformant, 2 port broken, 3 suite broken, -1 unsupported (STATUS)
    problem: str | None = None  # why the case has no verdict (broken, unsupported: the port's reason); None when judged
    rows: list[Row] = dataclasses.field(default_factory=list)  # every number compared, in the listing's order
    checked: int = 0  # rows judged: neither chaotic nor unverifiable
    failed: int = 0  # judged rows that are not ok
    chaotic: int = 0  # chaotic rows: reported, not judged
    unverifiable: int = 0  # unverifiable rows: never ok
    first: Row | None = None  # the first row that is not ok: where the port diverged
    setup: bool = False  # the diagnosis finds the port not computing the listing's run at all (every number off)
    diagnosis: list[str] = dataclasses.field(default_factory=list)  # the cause, in words (empty when conformant)
    notes: list[str] = dataclasses.field(default_factory=list)  # what else to know: sensitive run, replay, ...
    segments: int = 0  # json mode: restart segments run and judged
    worst_digits: int | None = None  # the fewest digits a judged number shares with the reference's
    port_seconds: float | None = None  # in the port's processes, segments included; None: not read
    seconds: float | None = None  # seconds checking the case, the port's included
    wrong_label: str | None = None  # transcript mode: the port labels its numbers with another alpha than the listing's
    missing_numbers: int = 0  # transcript mode: numbers the listing prints that the port did not
    extra_numbers: int = 0  # transcript mode: numbers printed after the listing's last one
    extra_line: int | None = None  # transcript mode: the stdout line of the first extra number
    stderr: str | None = None  # a broken port's last stderr lines (a broken segment's own); None: not read
    expectation: Expectation | None = None  # against --expectations; None without one

    @property
    def status(self):
        """the verdict in words: 'conformant', 'not conformant', 'port broken', 'suite broken', 'unsupported'."""
        return STATUS[self.code]

    def to_dict(self):
        """the case's object in the json report: every field, and its status after its code."""
        fields = dataclasses.asdict(self)
        return {**{k: fields.pop(k) for k in ('case', 'mode', 'code')}, 'status': self.status, **fields}

    @classmethod
    def from_dict(cls, doc):
        """an outcome from its object in a json report (to_dict's inverse)."""
        doc = {k: v for k, v in doc.items() if k != 'status'}
        rows = [Row(**r) for r in doc.pop('rows')]
        first = Row(**doc.pop('first')) if doc.get('first') else doc.pop('first')
        expectation = doc.pop('expectation', None)
        return cls(rows=rows, first=first, expectation=Expectation(**expectation) if expectation else None, **doc)


def broken(out, problem, code=PORT_BROKEN):
    """the port could not be run or broke the protocol (2), or nnspec's data is broken (3)."""
    out.code, out.problem = code, problem
    return out


def stdout_text(out, run_, if_empty):
    """(the port's stdout as text, None), or (None, a broken outcome) when there is none to read."""
    if run_.problem:
        return None, broken(out, 'the port %s' % run_.problem)
    try:
        text = run_.stdout.decode('utf-8')
    except UnicodeDecodeError as e:
        line = run_.stdout[:e.start].count(b'\n') + 1
        return None, broken(out, 'stdout is not utf-8: byte 0x%02x at offset %d (line %d)' % (run_.stdout[e.start], e.start, line))
    if not text.strip():
        return None, broken(out, if_empty)
    return text, None


def _numeric(x):
    try:
        float(x)
        return not isinstance(x, bool)
    except (TypeError, ValueError):
        return False


def row(where, expected, got, ok, **fields):
    """one compared number: where (a quantity name), the texts, the verdict, the digits they share."""
    return Row(where, expected, got, ok, digits=relative_digits(expected, got) if _numeric(expected) and _numeric(got) else None,
               **fields)


def judged(rows):
    return [r for r in rows if not r.chaotic and not r.unverifiable]


def finish(out, extra_problem=None):
    """count, find the first failure, and let the diagnosis name the cause."""
    rows = out.rows
    judge = judged(rows)
    out.checked = len(judge)
    out.failed = sum(not r.ok for r in judge)
    out.chaotic = sum(r.chaotic for r in rows)
    out.unverifiable = sum(r.unverifiable for r in rows)
    out.first = next((r for r in rows if not r.ok), None)
    out.worst_digits = min((r.digits for r in judge if r.digits is not None), default=None)
    if extra_problem:
        out.notes.insert(0, extra_problem)
    if out.failed or out.unverifiable or extra_problem or not judge:
        out.code = NOT_CONFORMANT
    out.diagnosis = diagnosis.explain(out, judge)
    out.setup = any(d.startswith('setup') for d in out.diagnosis)
    return out
