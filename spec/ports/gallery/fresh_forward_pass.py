"""bug: the output reported from a fresh forward pass with the final weights, not the last iteration's (the
listing prints the l2 of its last iteration, computed before that iteration's update)."""
from common import answer, dot, read_case, sigmoid, train

case, ws = read_case()
net = case['network']
errors, _, _ = train(case['X'], case['y'], ws, net['alpha'], case['iterations'], case['report']['every'])
out = case['X']
for w in ws:  # bug: a forward pass after training
    out = [[sigmoid(v) for v in r] for r in dot(out, w)]
answer(case, ws, errors, out)
