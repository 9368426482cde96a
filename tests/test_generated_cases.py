"""generated cases (nnspec check --seed): the same bytes from the same seed everywhere, valid cases, every MiniFlow
node type fanning out; the example ports conform, the gallery's wrong ports and a replaying port are caught."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from nnspec import schema, spec
from nnspec.conformance import cases, generated
from nnspec.conformance.generated import miniflow as generated_miniflow
from tests.checking import HAVE_GCC, HAVE_NODE, PORTS, build_c

GOLDEN = spec.ROOT / 'fixtures' / 'generated' / 'seed-4711.json'
EXAMPLES = PORTS / 'examples'
# the example ports by tutorial: (command, needs)
PORTS_OF = {
    'trask': [([sys.executable, str(EXAMPLES / 'python' / 'port.py')], None), (['node', str(EXAMPLES / 'node' / 'port.js')], 'node'),
              (None, 'gcc')],
    'miniflow': [([sys.executable, str(EXAMPLES / 'python' / 'miniflow.py')], None),
                 (['node', str(EXAMPLES / 'node' / 'miniflow.js')], 'node')],
    'shamdasani': [([sys.executable, str(EXAMPLES / 'python' / 'shamdasani.py')], None),
                   (['node', str(EXAMPLES / 'node' / 'shamdasani.js')], 'node')],
}
SEEDS = (1, 4711, 2 ** 32 - 1)
BYTES = ('import sys; sys.path.insert(0, %r); from nnspec.conformance import cases, generated\n'
         'sys.stdout.write("\\n".join(cases.sent(generated.load(i)[0]).decode() for i in generated.ids(4711, 1)))'
         % str(spec.PACKAGE.parent))


def tutorial_of(id_):
    return id_.split('/')[0] if id_.split('/')[0] in ('miniflow', 'shamdasani') else 'trask'


def run_check(*argv):
    """(exit code, stdout, stderr) of `python -m nnspec check ...` as a process (the cases drawn in it)."""
    done = subprocess.run([sys.executable, '-m', 'nnspec', 'check', *argv], cwd=str(spec.PACKAGE.parent), capture_output=True,
                          text=True, timeout=900)
    return done.returncode, done.stdout, done.stderr


def report(*argv):
    code, out, err = run_check('--format', 'json', *argv)
    assert out, err
    return code, json.loads(out)


def statuses(doc):
    return {c['case']: c['status'] for c in doc['cases']}


def drawn_bytes(env=None):
    done = subprocess.run([sys.executable, '-c', BYTES], capture_output=True, timeout=600, env=dict(os.environ, **(env or {})))
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_the_same_seed_draws_the_same_bytes_in_any_process_and_on_another_cpu():
    # another hash seed, and numpy's exp and openblas as on an avx2-only amd machine: the draws kept are the same
    here = drawn_bytes({'PYTHONHASHSEED': '1'})
    assert here == drawn_bytes({'PYTHONHASHSEED': '2', 'NPY_DISABLE_CPU_FEATURES': 'X86_V4 AVX512_ICL AVX512_SPR',
                                'OPENBLAS_CORETYPE': 'Haswell'})
    assert len(here.splitlines()) == 3 and all(json.loads(line)['id'].endswith('/generated/4711/0') for line in here.splitlines())


def test_the_same_seed_draws_the_golden_bytes(file_regression):
    # the cases of seed 4711 as written by the generator (--force-regen rewrites them): any python, numpy or machine
    # that draws other bytes fails here
    text = '\n'.join(cases.sent(generated.load(i)[0]).decode() for i in generated.ids(4711, 1)) + '\n'
    file_regression.check(text, fullpath=GOLDEN)


def test_different_seeds_and_indices_draw_different_cases():
    seen = {}
    for seed in (1, 2):
        for id_ in generated.ids(seed, 2):
            case = generated.load(id_)[0]
            key = json.dumps({k: v for k, v in case.items() if k not in ('id', 'source')}, sort_keys=True)
            assert key not in seen, (id_, seen.get(key))
            seen[key] = id_
    assert len(seen) == 12


def test_ids_parse_and_the_draw_depends_on_the_id_alone():
    assert generated.ids(7, 2) == ['trask/generated/7/0', 'trask/generated/7/1', 'miniflow/generated/7/0',
                                   'miniflow/generated/7/1', 'shamdasani/generated/7/0', 'shamdasani/generated/7/1']
    assert generated.parse('miniflow/generated/7/1') == ('miniflow', 7, 1)
    assert [generated.parse(i) for i in ('quick/trask-part1/three-layer', 'trask/generated/07/1', 'mnist/generated/7/1',
                                         'trask/generated/%d/0' % 2 ** 32)] == [None] * 4
    assert generated.ids(7, 1)[0] in generated.ids(7, 5)  # more cases per tutorial keep the first ones


@pytest.mark.parametrize('seed', SEEDS)
def test_every_case_and_expected_answer_is_valid_against_the_committed_schemas(seed):
    for id_ in generated.ids(seed, 3):
        case, expected = generated.load(id_)
        case_schema, expected_schema, answer_schema = cases._schemas(case, 'json')
        assert schema.errors(case, spec.load_schema(cases.SCHEMAS / case_schema)) == [], id_
        assert schema.errors(expected, spec.load_schema(cases.SCHEMAS / expected_schema)) == [], id_
        assert schema.errors(expected['answer'], spec.load_schema(cases.SCHEMAS / answer_schema)) == [], id_
        assert 'segments' not in case and not expected['tolerance']['sensitive']


def test_no_kept_draw_reaches_a_sigmoids_overflow():
    # miniflow/generated/77/1's first graph grew past exp's range (a sigmoid of -709 and less: an OverflowError in a
    # plain-python port, which the protocol leaves out); every kept draw stays within the bound
    from nnspec.conformance.generated import honest
    for id_ in ['miniflow/generated/77/1'] + generated.ids(4711, 2):
        assert honest.largest(generated.load(id_)[1]['answer']) <= honest.BOUND == 100, id_


def test_a_generator_that_breaks_the_case_schema_is_nnspecs_bug(monkeypatch, capsys):
    from nnspec import cli
    from nnspec.conformance.generated import shamdasani
    real = shamdasani.case_document
    monkeypatch.setattr(shamdasani, 'case_document', lambda *a: dict(real(*a), scale={'X': 'X', 'y': 'y'}))
    monkeypatch.setattr(generated, '_cache', {})
    code = cli.main(['check', '--seed', '12', '--generated', '1', '--case', 'shamdasani/generated/**', '--format', 'json', '--',
                     sys.executable, '-c', 'print(1)'])
    case = json.loads(capsys.readouterr().out)['cases'][0]
    assert code == 3 and case['status'] == 'suite broken'
    assert '<generated case shamdasani/generated/12/0>: does not match case-shamdasani.schema.json' in case['problem']


@pytest.mark.parametrize('seed', SEEDS)
def test_every_miniflow_case_fans_out_every_summing_node_type_and_reaches_the_cost(seed):
    for id_ in generated.ids(seed, 4)[4:8]:
        case, expected = generated.load(id_)
        graph = {'nodes': case['nodes']}
        assert generated_miniflow.fanned(graph) >= {'Input', 'Linear', 'Sigmoid', 'Add'}, id_
        used = {i for n in case['nodes'] for i in n['inputs']}
        assert [n['name'] for n in case['nodes'] if n['name'] not in used] == ['cost'], id_
        assert case['report'] == ['order', 'forward', 'gradients', 'trained']


def test_the_fan_out_check_sees_a_chain_fan_out_nothing():
    chain = {'nodes': [{'name': 'X', 'op': 'Input', 'inputs': []}, {'name': 's', 'op': 'Sigmoid', 'inputs': ['X']},
                       {'name': 'y', 'op': 'Input', 'inputs': []}, {'name': 'cost', 'op': 'MSE', 'inputs': ['y', 's']}]}
    assert generated_miniflow.fanned(chain) == set()


def test_list_and_case_globs_pick_generated_ids(capsys):
    code, out, err = run_check('--list', '--seed', '4711', '--generated', '2')
    assert code == 0 and out.split() == generated.ids(4711, 2), err
    code, out, _ = run_check('--list', '--seed', '4711', '--generated', '2', '--case', 'miniflow/**')
    assert code == 0 and out.split() == cases.match('miniflow/**', 'json') + ['miniflow/generated/4711/0',
                                                                             'miniflow/generated/4711/1']
    code, out, _ = run_check('--list', '--seed', '4711', '--case', 'trask/generated/4711/7')
    assert code == 0 and out.split() == ['trask/generated/4711/7']
    code, _, err = run_check('--seed', '4711', '--case', 'trask/generated/4711/8', '--', sys.executable, '-c', 'print(1)')
    assert code == 2 and "no json case matches 'trask/generated/4711/8'" in err


@pytest.mark.parametrize('argv, said', [
    (['--generated', '3', '--list'], '--generated K draws K cases per tutorial from --seed N: give --seed too'),
    (['--seed', '1', '--mode', 'transcript', '--list'], '--seed draws json cases'),
    (['--seed', '-1', '--list'], 'a seed is from 0 to 4294967295'),
    (['--seed', '4294967296', '--list'], 'a seed is from 0 to 4294967295'),
])
def test_seed_usage_errors(argv, said):
    code, out, err = run_check(*argv)
    assert code == 2 and said in err and not out


def test_nnspec_check_imports_no_numpy_to_list_generated_ids():
    probe = ('import sys, contextlib, io; sys.path.insert(0, %r); import nnspec.check; from nnspec import cli\n'
             'with contextlib.redirect_stdout(io.StringIO()): cli.main(["check", "--list", "--seed", "3"])\n'
             'print(sorted({m.split(".")[0] for m in sys.modules} & {"numpy"}))' % str(spec.PACKAGE.parent))
    done = subprocess.run([sys.executable, '-c', probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == '[]', done.stderr


@pytest.mark.heavy
def test_the_seed_is_in_every_report_format():
    python = [sys.executable, str(EXAMPLES / 'python' / 'shamdasani.py')]
    argv = ['--seed', '99', '--generated', '1', '--case', 'shamdasani/**', '--']
    code, doc = report(*argv, *python)
    assert code == 0 and doc['protocol'] == 'nnspec-check-report/4' and doc['generated'] == {'seed': 99, 'count': 1}
    assert schema.errors(doc, spec.load_schema(spec.SUITE / 'schema' / 'check-report.schema.json')) == []
    said = 'generated cases: seed 99, 1 per tutorial (nnspec check --mode json --seed 99 --generated 1 draws the same cases)'
    for fmt in ('text', 'markdown'):
        assert said in run_check('--format', fmt, *argv, *python)[1]
    suite = ET.fromstring(run_check('--format', 'junit', *argv, *python)[1])
    assert {p.get('name'): p.get('value') for p in suite.find('properties')} == {'nnspec.seed': '99', 'nnspec.generated': '1'}
    _, doc = report('--case', 'shamdasani/train', '--mode', 'json', '--', *python)
    assert doc['generated'] is None and 'generated cases' not in run_check('--case', 'shamdasani/train', '--mode', 'json',
                                                                             '--', *python)[1]


@pytest.fixture(scope='module')
def c_port(tmp_path_factory):
    if not HAVE_GCC:
        pytest.skip('gcc is not installed: the c example port is not checked on generated cases')
    return [build_c(tmp_path_factory.mktemp('c'))]


@pytest.mark.heavy
@pytest.mark.parametrize('tutorial, k', [(t, k) for t in PORTS_OF for k in range(len(PORTS_OF[t]))],
                         ids=['%s-%d' % (t, k) for t in PORTS_OF for k in range(len(PORTS_OF[t]))])
def test_every_example_port_conforms_on_generated_cases(request, tutorial, k):
    command, needs = PORTS_OF[tutorial][k]
    if needs == 'node' and not HAVE_NODE:
        pytest.skip('node is not installed: the node example port is not checked on generated cases')
    command = command or request.getfixturevalue('c_port')
    for seed in SEEDS:
        code, doc = report('--seed', str(seed), '--generated', '3', '--case', '%s/generated/**' % tutorial, '-j', '2', '--',
                           *command)
        assert code == 0 and set(statuses(doc).values()) == {'conformant'}, [c['problem'] or c['first'] for c in doc['cases']]
        assert len(doc['cases']) == 3


GALLERY = [g for g in json.loads((PORTS / 'gallery' / 'gallery.json').read_text())['ports'] if g.get('mode', 'json') == 'json']
# the ports whose bug breaks them on a drawn graph rather than giving wrong numbers, and why
CRASHES = {'miniflow_discovery_order.py': 'a node run before its inputs finds no value in them: the port fails'}


@pytest.mark.heavy
@pytest.mark.parametrize('entry', GALLERY, ids=[g['port'] for g in GALLERY])
def test_every_json_gallery_port_is_caught_on_its_tutorials_generated_cases(entry):
    tutorial = tutorial_of(entry['case'])
    code, doc = report('--seed', '4711', '--generated', '4', '--case', '%s/generated/**' % tutorial, '-j', '2', '--',
                       sys.executable, str(PORTS / 'gallery' / entry['port']))
    found = set(statuses(doc).values())
    assert code != 0 and ('not conformant' in found or entry['port'] in CRASHES and 'port broken' in found), found


@pytest.mark.heavy
def test_a_port_replaying_the_committed_answers_passes_them_and_fails_every_generated_case():
    replaying = [sys.executable, str(spec.ROOT / 'tests' / 'replaying_port.py')]
    committed = ['quick/trask-part1/three-layer', 'other-data/trask/hidden-five', 'miniflow/network/fan-out',
                 'shamdasani/other-data']
    code, doc = report('--mode', 'json', *[a for c in committed for a in ('--case', c)], '--', *replaying)
    assert code == 0 and len(doc['cases']) == 4
    code, doc = report('--seed', '4711', '--generated', '2', '-j', '2', '--', *replaying)
    assert code == 1 and set(statuses(doc).values()) == {'not conformant'} and len(doc['cases']) == 6
