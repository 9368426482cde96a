/* nnspec example port in c: the trask listings, both protocol modes.
 *   json mode:       port < case.json > answer.json
 *   transcript mode: port trask-part1/three-layer   (or NNSPEC_CASE=... port)
 * build: gcc -O2 -std=c99 -o port port.c -lm
 * -DREVERSE sums every dot product backwards, -DEXPL takes exp in long
 * double: the variants docs/check.md measures the sensitive runs' spread with.
 * NNSPEC_EXAMPLE_RNG=own draws the weights with srand(1)/rand() instead, as a port written without
 * numpy; NNSPEC_EXAMPLE_ROUTE=preamble|weights-file then turns on the lines that make such a port
 * checkable (spec/protocol/transcript.md, Replay from the port's own start). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R 8    /* rows */
#define I 8    /* inputs */
#define H 64   /* hidden */

typedef struct {
  int rows, in, hidden, nw, iters, every, plus, counts;
  double alpha, X[R][I], y[R], w0[I][H], w1[H];
} net;

/* ---- mt19937 and numpy's random(): seed mode, see spec/PROTOCOL.md ---- */
static uint32_t mt[624]; static int mti;
static void seed(uint32_t s) {
  mt[0] = s;
  for (mti = 1; mti < 624; mti++) mt[mti] = 1812433253u * (mt[mti-1] ^ (mt[mti-1] >> 30)) + mti;
}
static uint32_t next32(void) {
  if (mti >= 624) {
    for (int k = 0; k < 624; k++) {
      uint32_t y = (mt[k] & 0x80000000u) | (mt[(k+1) % 624] & 0x7fffffffu);
      mt[k] = mt[(k+397) % 624] ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfu : 0);
    }
    mti = 0;
  }
  uint32_t y = mt[mti++];
  y ^= y >> 11; y ^= (y << 7) & 0x9d2c5680u; y ^= (y << 15) & 0xefc60000u; y ^= y >> 18;
  return y;
}
static double random53(void) {
  uint32_t a = next32() >> 5, b = next32() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}
static const char *W0 = "synapse_0", *W1 = "synapse_1";  /* the listing's names of the weights (part 1: syn0, syn1) */
static int example(const char *var, const char *value) { const char *e = getenv(var); return e && !strcmp(e, value); }
static const char *find(const char *js, const char *key);
static int numbers(const char *p, double *out, int max);
static double uniform(int own) { return own ? (double)rand() / RAND_MAX : random53(); }
static void draw(net *n) {  /* numpy's draws (seed mode), or c's own generator seeded once; then the routes */
  static int seeded; int own = example("NNSPEC_EXAMPLE_RNG", "own");
  if (!own) seed(1); else if (!seeded++) srand(1);
  for (int i = 0; i < n->in; i++) for (int h = 0; h < n->hidden; h++) n->w0[i][h] = 2 * uniform(own) - 1;
  if (n->nw == 2) for (int h = 0; h < n->hidden; h++) n->w1[h] = 2 * uniform(own) - 1;
  /* nnspec route: weights-file */
  if (example("NNSPEC_EXAMPLE_ROUTE", "weights-file")) {
    static char js[1 << 16], key[32]; FILE *f = fopen(getenv("NNSPEC_WEIGHTS"), "r"); js[fread(js, 1, sizeof js - 1, f)] = 0; fclose(f);
    snprintf(key, sizeof key, "\"alpha-%g\"", n->alpha); const char *p = strstr(js, key) ? strstr(js, key) : js; double b[I * H];
    numbers(find(p, W0), b, I * H); for (int k = 0; k < n->in * n->hidden; k++) n->w0[k / n->hidden][k % n->hidden] = b[k];
    if (n->nw == 2) numbers(find(p, W1), n->w1, H); }
  /* nnspec route end */
  /* nnspec route: preamble */
  if (example("NNSPEC_EXAMPLE_ROUTE", "preamble")) {
    printf("nnspec-weights %s", W0); for (int k = 0; k < n->in * n->hidden; k++) printf(" %a", n->w0[k / n->hidden][k % n->hidden]);
    if (n->nw == 2) { printf("\nnnspec-weights %s", W1); for (int h = 0; h < n->hidden; h++) printf(" %a", n->w1[h]); } printf("\n"); }
  /* nnspec route end */
}

/* ---- the loop ---- */
#ifdef EXPL
static double sig(double x) { return 1 / (1 + (double)expl(-(long double)x)); }
#else
static double sig(double x) { return 1 / (1 + exp(-x)); }
#endif
#ifndef ALPHA_SCALE  /* the tests' wrong port: -DALPHA_SCALE=1.0001 */
#define ALPHA_SCALE 1.0
#endif
#ifdef REWRITE  /* an honest rewrite: (error*output)*(1-output) rounds differently from the listing's parentheses */
#define DELTA(e, o) (((e) * (o)) * (1 - (o)))
#else
#define DELTA(e, o) ((e) * ((o) * (1 - (o))))
#endif
#ifdef REVERSE
#define FOR(k, n) for (int k = (n) - 1; k >= 0; k--)
#else
#define FOR(k, n) for (int k = 0; k < (n); k++)
#endif

typedef struct { double errors[1024]; int nerr; double out[R], c0[I][H], c1[H]; } result;

static void train(net *n, result *res) {
  double l1[R][H], l2[R], d2[R], d1[R][H], u1[H], u0[I][H], p1[H] = {0}, p0[I][H] = {{0}};
  int H_ = n->hidden;
  memset(res, 0, sizeof *res);
  for (int j = 0; j < n->iters; j++) {
    for (int r = 0; r < n->rows; r++) {
      for (int h = 0; h < H_; h++) { double s = 0; FOR(i, n->in) s += n->X[r][i] * n->w0[i][h]; l1[r][h] = sig(s); }
      if (n->nw == 2) { double s = 0; FOR(h, H_) s += l1[r][h] * n->w1[h]; l2[r] = sig(s); }
      else l2[r] = l1[r][0];
    }
    double e = 0;
    for (int r = 0; r < n->rows; r++) { d2[r] = n->plus ? n->y[r] - l2[r] : l2[r] - n->y[r]; e += fabs(d2[r]); }
    if (j % n->every == 0 && res->nerr < 1024) res->errors[res->nerr++] = e / n->rows;
    for (int r = 0; r < n->rows; r++) { res->out[r] = l2[r]; d2[r] = DELTA(d2[r], l2[r]); }
    if (n->nw == 1) {  /* one matrix: the delta is d2, the layer is X */
      for (int i = 0; i < n->in; i++) { double s = 0; FOR(r, n->rows) s += n->X[r][i] * d2[r]; u0[i][0] = s; }
    } else {
      for (int h = 0; h < H_; h++) {
        double s = 0; FOR(r, n->rows) s += l1[r][h] * d2[r]; u1[h] = s;
        for (int r = 0; r < n->rows; r++) d1[r][h] = d2[r] * n->w1[h] * (l1[r][h] * (1 - l1[r][h]));
      }
      for (int i = 0; i < n->in; i++) for (int h = 0; h < H_; h++) {
        double s = 0; FOR(r, n->rows) s += n->X[r][i] * d1[r][h]; u0[i][h] = s;
      }
    }
    for (int i = 0; i < n->in; i++) for (int h = 0; h < H_; h++) {
      if (n->counts && j > 0) res->c0[i][h] += (u0[i][h] > 0) != (p0[i][h] > 0);
      p0[i][h] = u0[i][h];
    }
    if (n->nw == 2) for (int h = 0; h < H_; h++) {
      if (n->counts && j > 0) res->c1[h] += (u1[h] > 0) != (p1[h] > 0);
      p1[h] = u1[h];
      n->w1[h] += n->plus ? n->alpha * u1[h] : -(n->alpha * u1[h]);
    }
    for (int i = 0; i < n->in; i++) for (int h = 0; h < H_; h++)
      n->w0[i][h] += n->plus ? n->alpha * u0[i][h] : -(n->alpha * u0[i][h]);
  }
}

/* ---- json mode: a tiny reader that finds a key and reads the numbers of its value ---- */
static const char *find(const char *js, const char *key) {
  char pat[64]; snprintf(pat, sizeof pat, "\"%s\"", key);
  for (const char *p = strstr(js, pat); p; p = strstr(p + 1, pat)) {
    const char *q = p + strlen(pat);
    while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') q++;
    if (*q == ':') { q++; while (*q == ' ' || *q == '\n') q++; return q; }
  }
  fprintf(stderr, "port: the case has no \"%s\"\n", key); exit(2);
}
static int numbers(const char *p, double *out, int max) {  /* the numbers of one value, flattened */
  int n = 0, depth = 0;
  do {
    if (*p == '[') depth++;
    else if (*p == ']') depth--;
    else if (*p == '-' || (*p >= '0' && *p <= '9')) { char *e; double v = strtod(p, &e); if (n < max) out[n++] = v; p = e; continue; }
    p++;
  } while (depth > 0 && *p);
  return n;
}
static double number(const char *js, const char *key) { double v; numbers(find(js, key), &v, 1); return v; }

static void from_json(net *n, const char *js) {
  double buf[R * I + I * H], layers[3];
  int nl = numbers(find(js, "layers"), layers, 3);
  n->in = (int)layers[0]; n->nw = nl - 1; n->hidden = nl == 3 ? (int)layers[1] : 1;
  n->alpha = number(js, "alpha") * ALPHA_SCALE; n->iters = (int)number(js, "iterations"); n->every = (int)number(js, "every");
  n->plus = strncmp(find(js, "error_sign"), "\"y - output\"", 12) == 0;
  n->counts = strstr(js, "direction_count") != NULL;
  n->rows = numbers(find(js, "y"), n->y, R);
  numbers(find(js, "X"), buf, R * I);
  for (int r = 0; r < n->rows; r++) for (int i = 0; i < n->in; i++) n->X[r][i] = buf[r * n->in + i];
  numbers(find(js, "synapse_0"), buf, I * H);
  for (int i = 0; i < n->in; i++) for (int h = 0; h < n->hidden; h++) n->w0[i][h] = buf[i * n->hidden + h];
  if (n->nw == 2) numbers(find(js, "synapse_1"), n->w1, H);
}

static void matrix(const char *name, int rows, int cols, double (*at)(int, int), int last) {
  printf("\"%s\": [", name);
  for (int r = 0; r < rows; r++) {
    printf("%s[", r ? ", " : "");
    for (int c = 0; c < cols; c++) printf("%s%.17g", c ? ", " : "", at(r, c));
    printf("]");
  }
  printf("]%s", last ? "" : ", ");
}
static net *N; static result *S;
static double at_w0(int r, int c) { return N->w0[r][c]; }
static double at_w1(int r, int c) { (void)c; return N->w1[r]; }
static double at_out(int r, int c) { (void)c; return S->out[r]; }
static double at_c0(int r, int c) { return S->c0[r][c]; }
static double at_c1(int r, int c) { (void)c; return S->c1[r]; }

static void answer(net *n, result *s) {
  N = n; S = s;
  printf("{\"protocol\": \"nnspec-answer/1\", \"checkpoints\": [");
  for (int k = 0; k < s->nerr; k++) printf("%s{\"iteration\": %d, \"error\": %.17g}", k ? ", " : "", k * n->every, s->errors[k]);
  printf("], \"final\": {");
  matrix("synapse_0", n->in, n->hidden, at_w0, 0);
  if (n->nw == 2) matrix("synapse_1", n->hidden, 1, at_w1, 0);
  matrix("output", n->rows, 1, at_out, !n->counts);
  if (n->counts) { matrix("synapse_0_direction_count", n->in, n->hidden, at_c0, 0); matrix("synapse_1_direction_count", n->hidden, 1, at_c1, 1); }
  printf("}}\n");
}

/* ---- transcript mode: print what the listing prints, numbers at full precision ---- */
static const double XOR[4][4] = {{0, 0, 1, 0}, {0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 1, 0}};
static const double ALPHAS[7] = {0.001, 0.01, 0.1, 1, 10, 100, 1000};

static void listing(net *n, int hidden, double alpha, int plus) {
  memset(n, 0, sizeof *n);
  n->rows = 4; n->in = 3; n->nw = 2; n->hidden = hidden; n->alpha = alpha; n->iters = 60000; n->every = 10000; n->plus = plus;
  for (int r = 0; r < 4; r++) { for (int i = 0; i < 3; i++) n->X[r][i] = XOR[r][i]; n->y[r] = XOR[r][3]; }
}

static void rows(int r_, int c_, double (*at)(int, int)) {  /* [[a, b], [c, d]]: any bracketing reads */
  for (int r = 0; r < r_; r++) {
    printf("%s[", r ? " " : "[");
    for (int c = 0; c < c_; c++) printf("%s%.17g", c ? " " : "", at(r, c));
    printf("]%s\n", r == r_ - 1 ? "]" : "");
  }
}

static int transcript(const char *id) {
  static net n; static result s;
  if (!strcmp(id, "trask-part1/three-layer")) {
    W0 = "syn0"; W1 = "syn1"; listing(&n, 4, 1, 1); draw(&n); train(&n, &s);
    for (int k = 0; k < s.nerr; k++) printf("Error:%.17g\n", s.errors[k]);
  } else if (!strcmp(id, "trask-part2/alpha-sweep") || !strcmp(id, "trask-part2/hidden-size")) {
    for (int a = 0; a < 7; a++) {
      listing(&n, id[12] == 'h' ? 32 : 4, ALPHAS[a], 0); draw(&n); train(&n, &s);
      printf("\nTraining With Alpha:%g\n", ALPHAS[a]);
      for (int k = 0; k < s.nerr; k++) printf("Error after %d iterations:%.17g\n", k * 10000, s.errors[k]);
    }
  } else if (!strcmp(id, "trask-part2/closer-look")) {
    for (int a = 0; a < 7; a++) {
      listing(&n, 4, ALPHAS[a], 1); n.counts = 1; draw(&n); train(&n, &s);
      printf("\nTraining With Alpha:%g\n", ALPHAS[a]);
      for (int k = 0; k < s.nerr; k++) printf("Error:%.17g\n", s.errors[k]);
      N = &n; S = &s;
      printf("Synapse 0\n"); rows(3, 4, at_w0);
      printf("Synapse 0 Update Direction Changes\n"); rows(3, 4, at_c0);
      printf("Synapse 1\n"); rows(4, 1, at_w1);
      printf("Synapse 1 Update Direction Changes\n"); rows(4, 1, at_c1);
    }
  } else if (!strcmp(id, "trask-part2/two-layer")) {
    static const double GD[4][3] = {{0, 1, 0}, {0, 1, 0}, {1, 0, 1}, {1, 0, 1}};
    listing(&n, 1, 1, 0); n.nw = 1; n.in = 2; n.iters = 10000;
    for (int r = 0; r < 4; r++) { n.X[r][0] = GD[r][0]; n.X[r][1] = GD[r][1]; n.y[r] = GD[r][2]; }
    draw(&n); train(&n, &s);
    printf("Output After Training:\n");
    N = &n; S = &s; rows(4, 1, at_out);
  } else if (!strcmp(id, "trask-part1/two-layer")) {
    W0 = "syn0"; listing(&n, 1, 1, 1); n.nw = 1; n.iters = 10000;
    for (int r = 0; r < 4; r++) n.y[r] = r >= 2;
    draw(&n); train(&n, &s);
    printf("Output After Training:\n");
    for (int r = 0; r < 4; r++) printf("%s%.17g%s\n", r ? " [" : "[[", s.out[r], r == 3 ? "]]" : "]");
  } else {
    fprintf(stderr, "port: no listing %s\n", id); return 2;
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *id = argc > 1 ? argv[1] : getenv("NNSPEC_MODE") && !strcmp(getenv("NNSPEC_MODE"), "transcript") ? getenv("NNSPEC_CASE") : NULL;
  if (id) return transcript(id);
  static char js[1 << 20]; static net n; static result s;
  size_t len = fread(js, 1, sizeof js - 1, stdin); js[len] = 0;
  from_json(&n, js); train(&n, &s); answer(&n, &s);
  return 0;
}
