// nnspec example port of Shamdasani's network in node.js: json mode, the case's initial weights.
//   node shamdasani.js < case.json > answer.json
'use strict';

const sigmoid = (s) => 1 / (1 + Math.exp(-s));
const T = (a) => a[0].map((_, j) => a.map((row) => row[j]));
const each = (f, ...ms) => ms[0].map((r, i) => r.map((_, j) => f(...ms.map((m) => m[i][j]))));
function dot(a, b) {
  return a.map((row) => b[0].map((_, j) => { let s = 0; for (let k = 0; k < b.length; k++) s += row[k] * b[k][j]; return s; }));
}

function answer(kase) {
  const top = T(kase.X).map((col) => Math.max(...col));
  const X = kase.X.map((row) => row.map((x, j) => x / top[j]));  // X / np.amax(X, axis=0)
  const y = kase.y.map((row) => row.map((v) => v / 100));
  let {W1, W2} = kase.initial_weights, o;
  const checkpoints = [], every = kase.report.every;
  for (let i = 0; i < kase.iterations; i++) {
    const z2 = each(sigmoid, dot(X, W1));  // forward
    o = each(sigmoid, dot(z2, W2));
    if (i % every === 0) {
      let sum = 0;
      for (let r = 0; r < y.length; r++) sum += (y[r][0] - o[r][0]) ** 2;
      checkpoints.push({iteration: i, loss: sum / y.length});  // mean(square(y - o))
    }
    const oDelta = each((t, p) => (t - p) * (p * (1 - p)), y, o);  // backward
    const z2Delta = each((e, s) => e * (s * (1 - s)), dot(oDelta, T(W2)), z2);
    W1 = each((a, b) => a + b, W1, dot(T(X), z2Delta));
    W2 = each((a, b) => a + b, W2, dot(T(z2), oDelta));
  }
  return {protocol: 'nnspec-answer/1', checkpoints, final: {W1, W2, output: o}};
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => console.log(JSON.stringify(answer(JSON.parse(Buffer.concat(chunks).toString('utf8'))))));
