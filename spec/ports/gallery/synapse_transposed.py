"""bug: a shape bug: the port keeps synapse_0 as hidden x input (4x3) and returns it so, where the case asks
input x hidden (3x4). its training is right: every number of synapse_0 is there, transposed."""
from common import T, answer, read_case, train

case, ws = read_case()
net = case['network']
errors, out, _ = train(case['X'], case['y'], ws, net['alpha'], case['iterations'], case['report']['every'])
answer(case, [T(ws[0])] + ws[1:], errors, out)  # bug: synapse_0 transposed
