// nnspec example port of MiniFlow in node.js: both protocol modes.
//   node miniflow.js < case.json > answer.json     json mode: a miniflow/... case
//   node miniflow.js miniflow/quizzes              transcript mode (or NNSPEC_MODE/NNSPEC_CASE)
// values are matrices (arrays of rows); a bias is a 1 x k row, added to every row; MSE's value is a number.
'use strict';

const zeros = (a) => a.map((r) => r.map(() => 0));
const plus = (a, b) => a.map((r, i) => r.map((x, j) => x + b[i % b.length][j]));  // b may be a 1 x k row
const each = (f, ...ms) => ms[0].map((r, i) => r.map((_, j) => f(...ms.map((m) => m[i][j]))));
const T = (a) => a[0].map((_, j) => a.map((row) => row[j]));
function dot(a, b) {
  return a.map((row) => b[0].map((_, j) => { let s = 0; for (let k = 0; k < b.length; k++) s += row[k] * b[k][j]; return s; }));
}

class Node {
  constructor(inbound = []) {
    this.inbound = inbound; this.outbound = []; this.value = null; this.gradients = new Map();
    for (const n of inbound) n.outbound.push(this);
  }
  fresh() { this.gradients = new Map(this.inbound.map((n) => [n, zeros(n.value)])); }
  accumulate(node, grad) { this.gradients.set(node, plus(this.gradients.get(node), grad)); }  // summed over outbound nodes
}
class Input extends Node {
  forward() {}
  backward() {
    this.gradients = new Map([[this, zeros(this.value)]]);
    for (const n of this.outbound) this.accumulate(this, n.gradients.get(this));
  }
}
class Add extends Node {
  forward() { this.value = plus(this.inbound[0].value, this.inbound[1].value); }
  backward() {
    this.fresh();
    for (const n of this.outbound) for (const m of this.inbound) this.accumulate(m, n.gradients.get(this));
  }
}
class Linear extends Node {
  forward() { const [X, W, b] = this.inbound.map((n) => n.value); this.value = plus(dot(X, W), b); }
  backward() {
    const [X, W, b] = this.inbound;
    this.fresh();
    for (const n of this.outbound) {
      const grad = n.gradients.get(this);
      this.accumulate(X, dot(grad, T(W.value)));
      this.accumulate(W, dot(T(X.value), grad));
      this.accumulate(b, [T(grad).map((col) => col.reduce((s, x) => s + x, 0))]);
    }
  }
}
class Sigmoid extends Node {
  forward() { this.value = each((x) => 1 / (1 + Math.exp(-x)), this.inbound[0].value); }
  backward() {
    this.fresh();
    for (const n of this.outbound) this.accumulate(this.inbound[0], each((s, g) => s * (1 - s) * g, this.value, n.gradients.get(this)));
  }
}
class MSE extends Node {
  forward() {
    const [y, a] = this.inbound.map((n) => n.value.flat());  // reshape(-1, 1)
    this.m = this.inbound[0].value.length;
    this.diff = y.map((u, i) => u - a[i]);
    this.value = this.diff.reduce((s, d) => s + d * d, 0) / this.diff.length;
  }
  backward() {
    this.gradients.set(this.inbound[0], this.diff.map((d) => [(2 / this.m) * d]));
    this.gradients.set(this.inbound[1], this.diff.map((d) => [(-2 / this.m) * d]));
  }
}

function topologicalSort(feed) {  // Kahn's algorithm; feed: a Map from Input node to value, in feed_dict order
  const inbound = new Map();
  const seen = [...feed.keys()];
  for (let k = 0; k < seen.length; k++) {
    for (const m of seen[k].outbound) {
      if (!inbound.has(m)) { inbound.set(m, new Set(m.inbound)); seen.push(m); }
    }
  }
  const L = [], S = [...feed.keys()];
  while (S.length) {
    const n = S.shift();  // ties: first made ready, first out
    if (n instanceof Input) n.value = feed.get(n);
    L.push(n);
    for (const m of n.outbound) {
      const left = inbound.get(m);
      left.delete(n);
      if (left.size === 0 && !S.includes(m) && !L.includes(m)) S.push(m);
    }
  }
  return L;
}

function forwardAndBackward(graph) {
  for (const n of graph) n.forward();
  for (const n of [...graph].reverse()) n.backward();
}
function sgdUpdate(trainables, learningRate = 1e-2) {
  for (const t of trainables) t.value = each((v, g) => v - learningRate * g, t.value, t.gradients.get(t));
}

const OPS = {Input, Add, Linear, Sigmoid, MSE};

function answer(kase) {
  const nodes = {}, names = new Map();
  for (const s of kase.nodes) { nodes[s.name] = new OPS[s.op](s.inputs.map((i) => nodes[i])); names.set(nodes[s.name], s.name); }
  const graph = topologicalSort(new Map(kase.feed.map((f) => [nodes[f.name], f.value])));
  const out = {protocol: 'nnspec-answer/1', order: graph.map((n) => names.get(n))};
  const train = kase.train;
  if (train) forwardAndBackward(graph); else for (const n of graph) n.forward();
  out.forward = Object.fromEntries(graph.filter((n) => !(n instanceof Input)).map((n) => [names.get(n), n.value]));
  if (train) {
    out.gradients = Object.fromEntries(graph.map((n) => [names.get(n),
      Object.fromEntries([...n.gradients].map(([k, g]) => [names.get(k), g]))]));
    const trainables = train.trainables.map((k) => nodes[k]);
    sgdUpdate(trainables, train.learning_rate);
    for (let e = 1; e < train.epochs; e++) { forwardAndBackward(graph); sgdUpdate(trainables, train.learning_rate); }
    out.trained = Object.fromEntries(train.trainables.map((k) => [k, nodes[k].value]));
  }
  return out;
}

function run(feed, output) {  // a quiz: sort, forward, the output's value
  for (const n of topologicalSort(new Map(feed))) n.forward();
  return output.value;
}

function quizzes() {  // the lesson's quizzes, printed as the lesson prints them (shortest round-trip numbers)
  let x = new Input(), y = new Input();
  const sum = run([[x, [[10]]], [y, [[5]]]], new Add([x, y]));
  console.log(`${x.value[0][0]} + ${y.value[0][0]} = ${sum[0][0]} (according to miniflow)`);
  let X = new Input(), W = new Input(), b = new Input();
  console.log(run([[X, [[6, 14, 3]]], [W, [[0.5], [0.25], [1.4]]], [b, [[2]]]], new Linear([X, W, b]))[0][0]);
  X = new Input(); W = new Input(); b = new Input();
  const f = new Linear([X, W, b]), g = new Sigmoid([f]);
  run([[X, [[-1, -2], [-1, -2]]], [W, [[2, -3], [2, -3]]], [b, [[-3, -5]]]], g);
  console.log(JSON.stringify(f.value));
  console.log(JSON.stringify(g.value));
  y = new Input(); const a = new Input();
  console.log(run([[y, [[1], [2], [3]]], [a, [[4.5], [5], [10]]]], new MSE([y, a])));
}

module.exports = {Input, Add, Linear, Sigmoid, MSE, OPS, topologicalSort, answer};

if (require.main === module) {
  const listing = process.argv[2] || (process.env.NNSPEC_MODE === 'transcript' ? process.env.NNSPEC_CASE : null);
  if (listing === 'miniflow/quizzes') quizzes();
  else if (listing) { console.error('miniflow.js: no transcript ' + listing); process.exit(2); }
  else {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => console.log(JSON.stringify(answer(JSON.parse(Buffer.concat(chunks).toString('utf8'))))));
  }
}
