"""a case as its page shows it: what nnspec sends the port, what it checks in the answer, and the tolerance.

read from the case files through nnspec.conformance.cases (so a broken one is the suite's error, exit 3).
"""
import json

from nnspec.conformance import cases
from nnspec.web import ports

SHOWN = 16000  # characters of a json document shown in full; a longer one is named, not inlined


def _shape(v):
    if isinstance(v, list) and v and isinstance(v[0], list):
        return '%d\u00d7%d' % (len(v), len(v[0]))
    if isinstance(v, list):
        return '%d' % len(v)
    return 'one number' if isinstance(v, (int, float)) else type(v).__name__


def _checks(answer):
    """[(what, detail)] of a reference answer: its checkpoints, its final matrices, its other fields."""
    out = []
    for key, v in answer.items():
        if key == 'protocol':
            continue
        if key == 'checkpoints':
            names = [k for k in v[0] if k != 'iteration'] if v else []
            its = [c['iteration'] for c in v]
            out.append(('checkpoints', '%d of %s, at iterations %d to %d' % (len(v), ', '.join(names), its[0], its[-1])
                        if v else 'none'))
        elif isinstance(v, dict):
            out.append((key, ', '.join('%s (%s)' % (k, _shape(m)) for k, m in v.items())))
        else:
            out.append((key, '%s: %s' % (_shape(v), ', '.join(map(str, v))) if isinstance(v, list) and len(v) <= 12
                        else _shape(v)))
    return out


def _tolerances(tol):
    """[(what, rtol, atol)] of a json case's tolerance: one flat pair, or the error's and each final matrix's."""
    if 'rtol' in tol:
        return [('every number', tol['rtol'], tol['atol'])]
    out = []
    error = tol.get('error')
    if isinstance(error, list):
        pairs = sorted({(t['rtol'], t['atol']) for t in error})
        out += [('error (%d checkpoints)' % sum((t['rtol'], t['atol']) == p for t in error), p[0], p[1]) for p in pairs]
    elif error:
        out.append(('error, every checkpoint', error['rtol'], error['atol']))
    out += [('final %s' % k, t['rtol'], t['atol']) for k, t in (tol.get('final') or {}).items()]
    return out


def _document(doc, where):
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    return (text, None) if len(text) <= SHOWN else (None, '%d characters: read it in %s' % (len(text), where))


def describe(id_, mode):
    """{id, mode, page, source, sends, checks, tolerances, sensitive, why, document, answer, values} of one case."""
    case, expected = cases.load(id_, mode)
    out = {'id': id_, 'mode': mode, 'key': ports.case_key(mode, id_), 'page': ports.case_page(mode, id_)}
    if mode == 'transcript':
        values = case['values']
        out.update(source='the listing %s, run as written' % case['run'], kind='transcript',
                   sends=[('stdin', 'nothing: the port runs as a program and prints what the listing prints'),
                          ('labels', ', '.join(case['labels']) or 'none: every number printed is a value')],
                   checks=[('printed numbers', '%d, in the listing\'s order' % len(values))],
                   tolerances=sorted({('printed value', v['rtol'], v['atol']) for v in values}),
                   sensitive=False, why='', document=None, document_note=None, answer=None, answer_note=None,
                   values=values, segments=0)
        return out
    tol = expected['tolerance']
    doc, doc_note = _document(case, 'spec/cases/json/%s.json' % id_)
    answer, answer_note = _document(expected['answer'], 'spec/cases/json/%s.expected.json' % id_)
    sends = [('source', case.get('source', ''))] + [(k, json.dumps(case[k], ensure_ascii=False)) for k in
                                                     ('network', 'iterations', 'report', 'scale', 'feed') if k in case]
    sends += [(k, _shape(case[k])) for k in ('X', 'y') if k in case]
    if case.get('initial_weights'):
        sends.append(('initial weights', ', '.join('%s (%s)' % (k, _shape(m)) for k, m in case['initial_weights'].items())))
    if case.get('nodes'):
        sends.append(('nodes', ', '.join('%s = %s(%s)' % (n['name'], n['op'], ', '.join(n['inputs'])) for n in case['nodes'])))
    out.update(source=case.get('source', ''), kind=case.get('kind', 'trask'), sends=sends, checks=_checks(expected['answer']),
               tolerances=_tolerances(tol), sensitive=tol.get('sensitive', False), why=tol.get('why', ''),
               document=doc, document_note=doc_note, answer=answer, answer_note=answer_note, values=None,
               segments=len(expected.get('segments') or []))
    return out


def every():
    """every case of both modes, json mode first, each in the suite's order."""
    return [describe(i, mode) for mode in ('json', 'transcript') for i in cases.ids(mode)]
