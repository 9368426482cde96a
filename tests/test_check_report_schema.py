"""the json check report against its schema (spec/schema/check-report.schema.json), on real reports of real ports."""
import dataclasses
import sys

import pytest

from nnspec import schema, spec
from nnspec.conformance import formats
from nnspec.conformance.outcome import Outcome, Row
from tests.checking import PORTS, check, echo, fake, only

SCHEMA = spec.load_schema(spec.SUITE / 'schema' / 'check-report.schema.json')
CASE = SCHEMA['properties']['cases']['items']
ROW = CASE['properties']['rows']['items']
EXAMPLE = [sys.executable, str(PORTS / 'examples' / 'python' / 'port.py')]
QUICK = 'quick/trask-part1/three-layer'


def gallery(port):
    return [sys.executable, str(PORTS / 'gallery' / port)]


# (case, mode, port, exit code, status): one of each kind of case object a report holds
REPORTS = {
    'json conformant': (QUICK, 'json', EXAMPLE, 0, 'conformant'),
    'json not conformant': (QUICK, 'json', gallery('update_sign_flipped.py'), 1, 'not conformant'),
    'json sensitive, with restart segments': ('quick/trask-part2/alpha-sweep/alpha-100', 'json', echo(), 0, 'conformant'),
    'miniflow not conformant': ('miniflow/network/two-layer', 'json', gallery('miniflow_mse_without_2_over_m.py'), 1,
                                'not conformant'),
    'transcript conformant': ('trask-part1/two-layer', 'transcript', EXAMPLE, 0, 'conformant'),
    'transcript with trailing output': ('trask-part1/three-layer', 'transcript', gallery('trailing_output.py'), 1,
                                        'not conformant'),
    'unsupported': (QUICK, 'json', fake('import sys; sys.stderr.write("not yet\\n"); sys.exit(77)'), 2, 'unsupported'),
    'broken port': (QUICK, 'json', fake('import sys; print("not json"); sys.stderr.write("Traceback\\n"); sys.exit(1)'), 2,
                    'port broken'),
}


def errors(doc):
    return schema.errors(doc, SCHEMA)


@pytest.mark.parametrize('kind', REPORTS)
def test_a_real_report_matches_the_schema(capsys, kind):
    case, mode, port, code, status = REPORTS[kind]
    got, doc = check(capsys, case, port, mode)
    assert (got, only(doc)['status']) == (code, status), only(doc)['problem'] or only(doc)['first']
    assert errors(doc) == []
    assert Outcome.from_dict(only(doc)).to_dict() == only(doc)  # the type reads back what it wrote, every field


def test_the_schema_names_every_field_of_the_types_and_no_other():
    assert list(CASE['properties']) == ['case', 'mode', 'code', 'status'] + [
        f.name for f in dataclasses.fields(Outcome)][3:]
    assert list(ROW['properties']) == [f.name for f in dataclasses.fields(Row)]
    assert CASE['required'] == list(CASE['properties']) and ROW['required'] == list(ROW['properties'])
    assert SCHEMA['properties']['protocol']['enum'] == [formats.PROTOCOL]


def test_the_schema_refuses_a_report_of_another_shape(capsys):
    _, doc = check(capsys, QUICK, fake('print("not json")'), 'json')
    assert errors(doc) == []
    o = only(doc)
    del o['stderr']  # nnspec-check-report/1: a key only some cases had
    o['rows'] = [dict(where='error@0', expected='0.5', got='0.5', ok=True, distance=0.0, tolerance=1e-12, why=None,
                      digits=17)]
    o['status'] = 'broken'
    assert errors(doc) == ["$.cases[0]: missing 'stderr'", "$.cases[0].rows[0]: missing 'printed_digits'",
                           "$.cases[0].rows[0]: missing 'iteration'", "$.cases[0].rows[0]: missing 'line'",
                           "$.cases[0].rows[0]: missing 'documented'", "$.cases[0].rows[0]: missing 'documented_verdict'",
                           "$.cases[0].rows[0]: missing 'chaotic'", "$.cases[0].rows[0]: missing 'unverifiable'",
                           "$.cases[0].status: 'broken' is not one of ['conformant', 'not conformant', 'port broken', "
                           "'suite broken', 'unsupported']"]
