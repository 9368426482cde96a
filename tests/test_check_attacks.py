"""wrong ports that nnspec check once called conformant (or unsupported), each now rejected with its cause."""
import json
import math

from nnspec.conformance import cases
from nnspec.conformance.transcript_mode import numbers
from tests.checking import check, fake, only

QUICK = 'quick/trask-part1/three-layer'
THREE = 'trask-part1/three-layer'
PRINTED = ['0.496410031903', '0.00858452565325', '0.00578945986251', '0.00462917677677',
           '0.00395876528027', '0.00351012256786']  # the listing's own printout


def printer(text, status=0):
    return fake('import sys; sys.stdout.write(%r); sys.exit(%d)' % (text, status))


def expected(id_=QUICK):
    return json.loads(cases.expected_path(id_).read_text())['answer']


def test_a_unicode_minus_is_a_minus(capsys):
    # .NET (sv-SE, fi-FI), ICU and swift print U+2212: it was skipped as text, so -0.4964 read as 0.4964 and passed
    assert [t.value for t in numbers.tokens('\u22120.5 [\uff0d2, \ufe633e-1]')] == [-0.5, -2.0, -0.3]
    code, r = check(capsys, THREE, printer(''.join('Error:\u2212%s\n' % t for t in PRINTED)), 'transcript')
    o = only(r)
    assert code == 1 and o['failed'] == 6 and o['first']['got'] == '-0.496410031903'
    assert o['diagnosis'][0].startswith("sign: every number that is off is the reference's own value negated")


def test_colour_codes_neither_read_nor_hide_numbers(capsys):
    assert [t.text for t in numbers.tokens('\x1b[1;32mError:\x1b[0m\x1b[33m0.25\x1b[0m \x1b]0;title 7\x07')] == ['0.25']
    code, r = check(capsys, THREE, printer(''.join('Error:\x1b[32m%s\x1b[0m\n' % t for t in PRINTED)), 'transcript')
    assert code == 0 and only(r)['checked'] == 6  # it was "the port printed no numbers"


def test_exit_77_after_an_answer_is_not_unsupported(capsys):
    # a wrong answer, then "not this case": it was counted unsupported, raising no exit code next to a conformant case
    wrong = expected()
    wrong['checkpoints'][1]['error'] *= 2
    code, r = check(capsys, QUICK, printer(json.dumps(wrong), 77))
    assert code == 2 and only(r)['status'] == 'port broken' and 'yet it printed an answer' in only(r)['problem']
    code, r = check(capsys, THREE, printer(''.join('Error:%s\n' % t for t in PRINTED), 77), 'transcript')
    assert code == 2 and 'yet it printed 6 numbers on stdout' in only(r)['problem']
    # the control: "not this case" said plainly is still unsupported, in both modes
    for case, mode, said in [(QUICK, 'json', '{"unsupported": "no hidden layer yet"}'), (QUICK, 'json', ''),
                             (THREE, 'transcript', 'my port: not yet\n')]:
        code, r = check(capsys, case, printer(said, 77), mode)
        assert code == 2 and only(r)['status'] == 'unsupported', said


def test_a_key_given_twice_is_not_an_answer(capsys):
    # python keeps the last "checkpoints" (right), other json readers the first (wrong): it passed
    right = expected()
    wrong = [dict(c, error=c['error'] * 2) for c in right['checkpoints']]
    text = '{"protocol": "nnspec-answer/1", "checkpoints": %s, "final": %s, "checkpoints": %s}' % (
        json.dumps(wrong), json.dumps(right['final']), json.dumps(right['checkpoints']))
    code, r = check(capsys, QUICK, printer(text))
    assert code == 2 and 'gives the key "checkpoints" twice' in only(r)['problem']


def test_shamdasani_checkpoints_are_one_each_in_order(capsys):
    right = expected('shamdasani/train')
    doubled = dict(right, checkpoints=[dict(c, loss=c['loss'] * 3) for c in right['checkpoints']] + right['checkpoints'])
    code, r = check(capsys, 'shamdasani/train', printer(json.dumps(doubled)))
    assert code == 1 and only(r)['first']['where'] == 'loss@0'  # it passed: the later, right loss@0 won
    shuffled = dict(right, checkpoints=right['checkpoints'][::-1])
    code, r = check(capsys, 'shamdasani/train', printer(json.dumps(shuffled)))
    assert code == 1 and only(r)['first']['why'] == 'checkpoint 0 is iteration 999, expected 0 (one per checkpoint, in order)'
    code, r = check(capsys, 'shamdasani/train', printer(json.dumps(right)))
    assert code == 0  # the control


def saturated_two_layer():
    """weights that saturate every sigmoid of Part 1's two-layer listing: nothing trains, whatever the loop."""
    low = 1 / (1 + math.exp(100))  # rows [0,0,1] and [0,1,1] reach -100, the others +100: sigmoid 1.0 exactly
    return 'nnspec-weights syn0 [[200.0], [0.0], [-100.0]]\nOutput After Training:\n%s\n' % json.dumps([[low], [low], [1.0], [1.0]])


def test_initial_weights_that_train_nothing_verify_nothing(capsys):
    # a port drawing c's 2*rand()-1 without /RAND_MAX saturates its sigmoids: any loop, right or wrong, prints these
    # numbers, and the replay from its printed weights agreed with every one of them
    code, r = check(capsys, 'trask-part1/two-layer', printer(saturated_two_layer()), 'transcript')
    o = only(r)
    assert code == 1 and o['checked'] == 0 and o['unverifiable'] == 4
    assert any(d.startswith('untrained: the initial weights make a run whose numbers do not show the training of syn0')
               for d in o['diagnosis']), o['diagnosis']


def test_a_carriage_return_progress_display_is_named(capsys):
    text = ''.join('training %d%%\r' % p for p in range(0, 100, 25)) + '\n' + ''.join('Error:%s\n' % t for t in PRINTED)
    code, r = check(capsys, THREE, printer(text), 'transcript')
    assert code == 1 and only(r)['diagnosis'][0].startswith('carriage return: stdout line 1 overwrites itself')
    code, r = check(capsys, THREE, printer(''.join('Error:%s\r\n' % t for t in PRINTED)), 'transcript')
    assert code == 0  # crlf line ends are not overwrites


def test_a_restart_segment_cannot_be_dodged(capsys):
    # the full run answered, every segment refused: the case is broken, never unsupported nor conformant
    sensitive = 'quick/trask-part2/alpha-sweep/alpha-100'
    for refuse, says in [('print(json.dumps({"unsupported": "no segments"}))', 'the port answered unsupported (no segments)'),
                         ('sys.exit(77)', 'the port exited with status 77')]:
        source = ('import json, sys\ncase = json.load(sys.stdin)\nif "segment" in case:\n    %s\nelse:\n    print(%r)'
                  % (refuse, json.dumps(expected(sensitive))))
        code, r = check(capsys, sensitive, fake(source))
        assert code == 2 and only(r)['problem'].startswith('segment@0+10: ' + says), only(r)['problem']


def closer_look(counts='%r'):
    """the closer-look transcript from its case's values: `Error at <j> <error>` lines, each matrix a row a line."""
    doc, _ = cases.load('trask-part2/closer-look', 'transcript')
    lines, row = [], None
    for v in doc['values']:
        if '/error@' in v['quantity']:
            lines.append('Error at %s %r' % (v['quantity'].split('@')[1], v['want']))
            continue
        text = (counts if v['quantity'].endswith('_count') else '%r') % v['want']
        if v['index'][1] == 0:
            row = []
            lines.append(row)
        row.append(text)
    return '\n'.join(l if isinstance(l, str) else '[%s]' % ' '.join(l) for l in lines) + '\n'


def test_iterations_beside_errors_and_integer_counts_are_told_apart(capsys):
    # an honest port: `Error at 10000 0.49...` and direction counts printed as integers (`[0 0 1 1]`); the iteration
    # 0 of the second alpha was matched to a count 0 in a row of the first, and 65 numbers read off by one
    code, r = check(capsys, 'trask-part2/closer-look', printer(closer_look('%d')), 'transcript')
    o = only(r)
    assert code == 0 and o['checked'] == 229, o['first']
    assert o['notes'][0].startswith('label numbers: the 42 iteration numbers (0, 10000, 20000, ...)')


def test_weights_printed_after_training_are_named(capsys):
    # python's print after the loop shows the weights it trained in place, not those it started from
    text = 'Output After Training:\n[[0.1], [0.2], [0.9], [0.8]]\nnnspec-weights syn0 [[0.25], [-0.5], [0.125]]\n'
    code, r = check(capsys, 'trask-part1/two-layer', printer(text), 'transcript')
    assert code == 1 and only(r)['diagnosis'][0].startswith("late weights: the nnspec-weights lines come after the port's "
                                                           'first number (line 2, the weights from line 3)')


def sweep(alphas, label='Training With Alpha:%s'):
    """the alpha-sweep transcript from its case's values, one run per alpha of `alphas` (its errors, in order)."""
    doc, _ = cases.load('trask-part2/alpha-sweep', 'transcript')
    runs = {}
    for v in doc['values']:
        runs.setdefault(v['quantity'].split('/')[0], []).append(v['want'])
    return ''.join('\n%s\n' % (label % a) + ''.join('Error after %d iterations:%r\n' % (k * 10000, e)
                                                   for k, e in enumerate(runs['alpha-' + a])) for a in alphas)


def test_a_sweep_that_runs_the_wrong_alpha_is_named(capsys):
    # a typo in the alpha list (10 twice, no 100): alpha 100's numbers past error@0 are chaotic, never judged, so
    # alpha 10's run in their place (0.0031 where 0.1255 belongs) passed
    listing = ['0.001', '0.01', '0.1', '1', '10', '100', '1000']
    code, r = check(capsys, 'trask-part2/alpha-sweep', printer(sweep(listing[:5] + ['10', '1000'])), 'transcript')
    o = only(r)
    assert code == 1 and o['failed'] == 0 and o['wrong_label'].startswith(
        'line 42 prints "Training With Alpha:10" where the listing\'s run 6 is alpha 100')
    for text in [sweep(listing), sweep(listing, 'next run%.0s')]:  # the controls: the listing's labels, or none
        code, r = check(capsys, 'trask-part2/alpha-sweep', printer(text), 'transcript')
        assert code == 0 and only(r)['checked'] == 37
