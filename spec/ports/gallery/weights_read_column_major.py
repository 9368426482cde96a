"""bug: initial_weights read in another order: each matrix's numbers flattened row by row, then read into the
port's matrix column by column (a flat array indexed [column][row], julia's column-major reshape). the loop is
right; its start is not the case's."""
from common import answer, read_case, train

case, ws = read_case()
net = case['network']
flat = [[v for row in w for v in row] for w in ws]
ws = [[[f[c * len(w) + r] for c in range(len(w[0]))] for r in range(len(w))] for f, w in zip(flat, ws)]  # bug
errors, out, _ = train(case['X'], case['y'], ws, net['alpha'], case['iterations'], case['report']['every'])
answer(case, ws, errors, out)
