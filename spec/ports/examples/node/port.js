// nnspec example port in node.js: the trask listings, both protocol modes.
//   node port.js < case.json > answer.json        json mode
//   node port.js trask-part1/three-layer          transcript mode (or NNSPEC_MODE/NNSPEC_CASE)
// initial weights in transcript mode come from seed mode: mt19937 as numpy draws them.
// NNSPEC_EXAMPLE_RNG=own draws them with a seeded lcg instead, as a port written without numpy;
// NNSPEC_EXAMPLE_ROUTE=preamble|weights-file then turns on the lines that make such a port checkable
// (spec/protocol/transcript.md, Replay from the port's own start).
'use strict';

function* mt19937(seed) {  // numpy's np.random.seed(seed): init_genrand, then 32-bit words
  const mt = new Uint32Array(624);
  mt[0] = seed >>> 0;
  for (let i = 1; i < 624; i++) mt[i] = (Math.imul(1812433253, mt[i - 1] ^ (mt[i - 1] >>> 30)) + i) >>> 0;
  for (;;) {
    for (let k = 0; k < 624; k++) {
      const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
      mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (let k = 0; k < 624; k++) {
      let y = mt[k];
      y ^= y >>> 11; y ^= (y << 7) & 0x9d2c5680; y ^= (y << 15) & 0xefc60000; y ^= y >>> 18;
      yield y >>> 0;
    }
  }
}

function draw(shapes, seed = 1) {  // 2*np.random.random(shape)-1 per shape, row-major
  const words = mt19937(seed);
  const random = () => ((words.next().value >>> 5) * 67108864 + (words.next().value >>> 6)) / 9007199254740992;
  return shapes.map(([r, c]) => Array.from({length: r}, () => Array.from({length: c}, () => 2 * random() - 1)));
}

const RNG = process.env.NNSPEC_EXAMPLE_RNG, ROUTE = process.env.NNSPEC_EXAMPLE_ROUTE;  // the examples' switches
let lcg = 1;  // the port's own generator (numerical recipes' lcg), seeded once
const ownRandom = () => (lcg = (Math.imul(lcg, 1664525) + 1013904223) >>> 0) / 4294967296;

function start(shapes, names, alpha) {  // one run's initial weights: numpy's draws or the port's own, then the routes
  let ws = RNG !== 'own' ? draw(shapes)
    : shapes.map(([r, c]) => Array.from({length: r}, () => Array.from({length: c}, () => 2 * ownRandom() - 1)));
  // nnspec route: weights-file
  if (ROUTE === 'weights-file') {
    const w = JSON.parse(require('fs').readFileSync(process.env.NNSPEC_WEIGHTS, 'utf8'));
    ws = names.map((n) => (w['alpha-' + alpha] || w)[n]);
  }
  // nnspec route end
  // nnspec route: preamble
  if (ROUTE === 'preamble') names.forEach((n, i) => console.log('nnspec-weights ' + n + ' ' + JSON.stringify(ws[i])));
  // nnspec route end
  return ws;
}

const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const T = (a) => a[0].map((_, j) => a.map((row) => row[j]));
function dot(a, b) {
  return a.map((row) => b[0].map((_, j) => { let s = 0; for (let k = 0; k < b.length; k++) s += row[k] * b[k][j]; return s; }));
}

function train(X, y, ws, alpha, iterations, every, counts = false) {  // error = output - y; w -= alpha * layer.T.dot(delta)
  const errors = [], count = ws.map((w) => w.map((r) => r.map(() => 0)));
  let prev = null, out = null;
  for (let j = 0; j < iterations; j++) {
    const layers = [X];
    for (const w of ws) layers.push(dot(layers[layers.length - 1], w).map((r) => r.map(sigmoid)));
    out = layers[layers.length - 1];
    const error = out.map((r, i) => r.map((o, c) => o - y[i][c]));
    if (j % every === 0) { let s = 0; for (const r of error) for (const e of r) s += Math.abs(e); errors.push(s / (error.length * error[0].length)); }
    let delta = error.map((r, i) => r.map((e, c) => e * (out[i][c] * (1 - out[i][c]))));
    const updates = [];
    for (let i = ws.length - 1; i >= 0; i--) {
      updates[i] = dot(T(layers[i]), delta);
      if (i) { const back = dot(delta, T(ws[i])); delta = back.map((r, a) => r.map((b, c) => b * (layers[i][a][c] * (1 - layers[i][a][c])))); }
    }
    ws.forEach((w, i) => w.forEach((row, r) => row.forEach((_, c) => {
      if (counts && j > 0) count[i][r][c] += (updates[i][r][c] > 0) !== (prev[i][r][c] > 0) ? 1 : 0;
      row[c] -= alpha * updates[i][r][c];
    })));
    prev = updates;
  }
  return {errors, out, count};
}

function answer(kase) {
  const net = kase.network, report = kase.report;
  const ws = net.layers.slice(1).map((_, i) => kase.initial_weights['synapse_' + i]);
  const counts = report.final.some((n) => n.endsWith('direction_count'));
  const r = train(kase.X, kase.y, ws, net.alpha, kase.iterations, report.every, counts);
  const final = {output: r.out};
  ws.forEach((w, i) => { final['synapse_' + i] = w; if (counts) final['synapse_' + i + '_direction_count'] = r.count[i]; });
  return {protocol: 'nnspec-answer/1', checkpoints: r.errors.map((e, k) => ({iteration: k * report.every, error: e})), final};
}

const XOR = [[[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], [[0], [1], [1], [0]]];
const ALPHAS = [0.001, 0.01, 0.1, 1, 10, 100, 1000];
const PART1 = ['syn0', 'syn1'], PART2 = ['synapse_0', 'synapse_1'];  // the listings' names of the weights

function transcript(listing) {
  const [X, y] = XOR;
  if (listing === 'trask-part1/three-layer') {
    for (const e of train(X, y, start([[3, 4], [4, 1]], PART1), 1, 60000, 10000).errors) console.log('Error:' + e);
  } else if (listing === 'trask-part2/alpha-sweep' || listing === 'trask-part2/hidden-size') {
    const hidden = listing.endsWith('hidden-size') ? 32 : 4;
    for (const alpha of ALPHAS) {
      const r = train(X, y, start([[3, hidden], [hidden, 1]], PART2, alpha), alpha, 60000, 10000);
      console.log('\nTraining With Alpha:' + alpha);
      r.errors.forEach((e, k) => console.log('Error after ' + k * 10000 + ' iterations:' + e));
    }
  } else if (listing === 'trask-part2/closer-look') {
    for (const alpha of ALPHAS) {
      const ws = start([[3, 4], [4, 1]], PART2, alpha);
      const r = train(X, y, ws, alpha, 60000, 10000, true);
      console.log('\nTraining With Alpha:' + alpha);
      r.errors.forEach((e) => console.log('Error:' + e));
      console.log('Synapse 0\n' + JSON.stringify(ws[0]) + '\nSynapse 0 Update Direction Changes\n' + JSON.stringify(r.count[0]));
      console.log('Synapse 1\n' + JSON.stringify(ws[1]) + '\nSynapse 1 Update Direction Changes\n' + JSON.stringify(r.count[1]));
    }
  } else if (listing === 'trask-part2/two-layer') {
    console.log('Output After Training:');
    console.log(JSON.stringify(train([[0, 1], [0, 1], [1, 0], [1, 0]], [[0], [0], [1], [1]], start([[2, 1]], PART2.slice(0, 1)), 1, 10000, 10000).out));
  } else if (listing === 'trask-part1/two-layer') {
    console.log('Output After Training:');
    console.log(JSON.stringify(train(X, [[0], [0], [1], [1]], start([[3, 1]], PART1.slice(0, 1)), 1, 10000, 10000).out));
  } else {
    console.error('port.js: no listing ' + listing); process.exit(2);
  }
}

const listing = process.argv[2] || (process.env.NNSPEC_MODE === 'transcript' ? process.env.NNSPEC_CASE : null);
if (listing) transcript(listing);
else {
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => console.log(JSON.stringify(answer(JSON.parse(Buffer.concat(chunks).toString('utf8'))))));
}
