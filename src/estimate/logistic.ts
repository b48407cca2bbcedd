/**
 * Logistic regression by maximum likelihood: Newton–Raphson (for the logit link this is IRLS /
 * Fisher scoring) with step halving, a Cholesky solve that names an aliased column, and checks
 * for separation (the likelihood then has no maximum and the estimates run off to infinity).
 *
 * Why hand-written: the npm packages found (`ml-logistic-regression`: gradient descent for a fixed
 * number of steps, no standard errors; `glm`: an unmaintained statsmodels port without types,
 * separation checks or covariance) do not give maximum-likelihood estimates with their
 * uncertainty. The linear algebra needed is one p × p Cholesky, p ≈ 45.
 *
 * The design is stored sparsely: every term (intercept, a numeric column, a factor) puts at most
 * one non-zero in a row, so a row is `slots` (column, value) pairs and an iteration costs
 * O(n · slots²) plus O(p³), not O(n · p²). Factors use treatment coding internally (reference =
 * the most frequent level); other codings are linear functions of these coefficients (`contrast`).
 */

export type Term =
  | { readonly kind: "intercept" }
  | { readonly kind: "numeric"; readonly name: string; readonly values: Float64Array }
  | { readonly kind: "factor"; readonly name: string; readonly levels: readonly string[]; readonly index: Int32Array };

export interface Design {
  readonly n: number;
  readonly y: Uint8Array;
  /** Column names: "(intercept)", the numeric names, "<factor> <level>". */
  readonly names: readonly string[];
  readonly slots: number;
  /** Row i's non-zeros are col[i·slots + k] (−1 = none) with value val[i·slots + k]. */
  readonly col: Int32Array;
  readonly val: Float64Array;
  /** For each factor: its name, levels with their row counts, the reference, each level's column (−1 for the reference and unobserved levels) and each row's level. */
  readonly factors: ReadonlyArray<{ name: string; levels: string[]; counts: number[]; reference: number; column: number[]; index: Int32Array }>;
}

/** Builds the sparse design; factor levels with no rows get no column. */
export function buildDesign(y: Uint8Array, terms: readonly Term[]): Design {
  const n = y.length;
  const slots = terms.length;
  const col = new Int32Array(n * slots).fill(-1);
  const val = new Float64Array(n * slots);
  const names: string[] = [];
  const factors: Array<Design["factors"][number]> = [];
  terms.forEach((term, k) => {
    if (term.kind === "intercept" || term.kind === "numeric") {
      const c = names.length;
      names.push(term.kind === "intercept" ? "(intercept)" : term.name);
      for (let i = 0; i < n; i++) {
        col[i * slots + k] = c;
        val[i * slots + k] = term.kind === "intercept" ? 1 : term.values[i]!;
      }
      return;
    }
    const counts = new Array<number>(term.levels.length).fill(0);
    for (let i = 0; i < n; i++) counts[term.index[i]!]!++;
    let reference = 0;
    counts.forEach((c, j) => {
      if (c > counts[reference]!) reference = j;
    });
    const column = counts.map((c, j) => {
      if (c === 0 || j === reference) return -1;
      names.push(`${term.name} ${term.levels[j]!}`);
      return names.length - 1;
    });
    factors.push({ name: term.name, levels: [...term.levels], counts, reference, column, index: term.index });
    for (let i = 0; i < n; i++) {
      const c = column[term.index[i]!]!;
      if (c >= 0) {
        col[i * slots + k] = c;
        val[i * slots + k] = 1;
      }
    }
  });
  return { n, y, names, slots, col, val, factors };
}

export type FitResult =
  | {
      readonly status: "converged";
      readonly beta: Float64Array;
      /** Inverse of the observed information, p × p row-major (0 for a fixed coefficient; empty when not asked for). */
      readonly cov: Float64Array;
      readonly logLik: number;
      readonly iterations: number;
      readonly eta: Float64Array;
    }
  | { readonly status: "separation"; readonly rows: number; readonly iterations: number }
  | { readonly status: "not_converged"; readonly iterations: number }
  | { readonly status: "singular"; readonly column: string };

export interface FitOptions {
  /** Hold one coefficient at a value (for a profile likelihood). */
  readonly fixed?: { readonly column: number; readonly value: number };
  readonly start?: Float64Array;
  readonly maxIterations?: number;
  /** Compute the covariance matrix (default true; a profile's refits need only the likelihood). */
  readonly covariance?: boolean;
}

/** Fitted probabilities within this of 0 or 1 (|η| > 20) are taken as a sign of separation. */
const ETA_SEPARATION = 20;
/** Converged when the Newton decrement g'H⁻¹g / 2 (≈ the log-likelihood still to gain) is below this. */
const DECREMENT_TOL = 1e-10;
/** A Cholesky pivot below this fraction of its diagonal means the column is aliased with earlier ones. */
const ALIAS_TOL = 1e-9;

/** The maximum-likelihood fit of `design` (see FitResult for the outcomes). */
export function fitLogistic(design: Design, options: FitOptions = {}): FitResult {
  const { n, y, slots, col, val } = design;
  const p = design.names.length;
  const fixed = options.fixed;
  const beta = new Float64Array(p);
  if (options.start !== undefined) beta.set(options.start);
  else if (design.names[0] === "(intercept)") {
    let k = 0;
    for (let i = 0; i < n; i++) k += y[i]!;
    const share = Math.min(Math.max(k / n, 1e-6), 1 - 1e-6);
    beta[0] = Math.log(share / (1 - share));
  }
  if (fixed !== undefined) beta[fixed.column] = fixed.value;
  const eta = new Float64Array(n);
  let ll = linearPredictor(design, beta, eta);
  const g = new Float64Array(p);
  const h = new Float64Array(p * p);
  const step = new Float64Array(p);
  const trial = new Float64Array(p);
  const trialEta = new Float64Array(n);
  const maxIterations = options.maxIterations ?? 60;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    g.fill(0);
    h.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = logistic(eta[i]!);
      const w = mu * (1 - mu);
      const r = y[i]! - mu;
      const base = i * slots;
      // Columns rise with the slot (buildDesign numbers them term by term), so b ≥ a fills the upper triangle.
      for (let a = 0; a < slots; a++) {
        const ca = col[base + a]!;
        if (ca < 0) continue;
        const wa = w * val[base + a]!;
        g[ca] = g[ca]! + val[base + a]! * r;
        const row = ca * p;
        for (let b = a; b < slots; b++) {
          const cb = col[base + b]!;
          if (cb >= 0) h[row + cb] = h[row + cb]! + wa * val[base + b]!;
        }
      }
    }
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) h[b * p + a] = h[a * p + b]!;
    if (fixed !== undefined) pin(h, g, p, fixed.column);
    const factor = Float64Array.from(h);
    const bad = cholesky(factor, p);
    if (bad >= 0) {
      return maxAbs(eta) > ETA_SEPARATION / 2 ? separation(eta, iteration) : { status: "singular", column: design.names[bad]! };
    }
    step.set(g);
    cholSolve(factor, p, step);
    let decrement = 0;
    for (let a = 0; a < p; a++) decrement += g[a]! * step[a]!;
    if (decrement / 2 < DECREMENT_TOL) {
      if (maxAbs(eta) > ETA_SEPARATION) return separation(eta, iteration);
      const cov = options.covariance === false ? new Float64Array(0) : inverse(factor, p, fixed?.column);
      return { status: "converged", beta, cov, logLik: ll, iterations: iteration, eta };
    }
    // Step halving: never accept a step that lowers the likelihood.
    let scale = 1;
    let next = -Infinity;
    for (let halvings = 0; halvings < 40; halvings++) {
      for (let a = 0; a < p; a++) trial[a] = beta[a]! + scale * step[a]!;
      next = linearPredictor(design, trial, trialEta);
      if (next >= ll - 1e-12 * Math.abs(ll)) break;
      scale /= 2;
    }
    beta.set(trial);
    eta.set(trialEta);
    ll = next;
  }
  return maxAbs(eta) > ETA_SEPARATION ? separation(eta, maxIterations) : { status: "not_converged", iterations: maxIterations };
}

function separation(eta: Float64Array, iterations: number): FitResult {
  let rows = 0;
  for (let i = 0; i < eta.length; i++) if (Math.abs(eta[i]!) > ETA_SEPARATION) rows++;
  return { status: "separation", rows, iterations };
}

/** Fills `eta` = Xβ and returns the log-likelihood Σ yη − log(1 + e^η). */
function linearPredictor(design: Design, beta: Float64Array, eta: Float64Array): number {
  const { n, y, slots, col, val } = design;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let e = 0;
    const base = i * slots;
    for (let k = 0; k < slots; k++) {
      const c = col[base + k]!;
      if (c >= 0) e += val[base + k]! * beta[c]!;
    }
    eta[i] = e;
    ll += y[i]! * e - log1pExp(e);
  }
  return ll;
}

export function logistic(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function maxAbs(values: Float64Array): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/** Holds coefficient `c` still: its row and column of H become the identity, its gradient 0. */
function pin(h: Float64Array, g: Float64Array, p: number, c: number): void {
  for (let a = 0; a < p; a++) {
    h[a * p + c] = 0;
    h[c * p + a] = 0;
  }
  h[c * p + c] = 1;
  g[c] = 0;
}

/** In-place lower Cholesky factor of the p × p matrix `a`; returns the first aliased column, or −1. */
function cholesky(a: Float64Array, p: number): number {
  for (let j = 0; j < p; j++) {
    const diagonal = a[j * p + j]!;
    let d = diagonal;
    for (let k = 0; k < j; k++) d -= a[j * p + k]! ** 2;
    if (!(d > ALIAS_TOL * diagonal) || !(diagonal > 0)) return j;
    const root = Math.sqrt(d);
    a[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= a[i * p + k]! * a[j * p + k]!;
      a[i * p + j] = s / root;
    }
  }
  return -1;
}

/** Solves L Lᵀ x = b in place (`l` from `cholesky`). */
function cholSolve(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * b[k]!;
    b[i] = s / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * b[k]!;
    b[i] = s / l[i * p + i]!;
  }
}

function inverse(l: Float64Array, p: number, fixedColumn: number | undefined): Float64Array {
  const out = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    cholSolve(l, p, e);
    for (let i = 0; i < p; i++) out[i * p + j] = e[i]!;
  }
  if (fixedColumn !== undefined) out[fixedColumn * p + fixedColumn] = 0;
  return out;
}

/** c'β and its standard error √(c'Vc), for a linear combination `c` of a converged fit's coefficients. */
export function contrast(fit: { beta: Float64Array; cov: Float64Array }, c: Float64Array): { estimate: number; se: number } {
  const p = c.length;
  let estimate = 0;
  let variance = 0;
  for (let a = 0; a < p; a++) {
    if (c[a] === 0) continue;
    estimate += c[a]! * fit.beta[a]!;
    for (let b = 0; b < p; b++) variance += c[a]! * fit.cov[a * p + b]! * c[b]!;
  }
  return { estimate, se: Math.sqrt(Math.max(variance, 0)) };
}

/**
 * The profile-likelihood interval for coefficient `column`: the values t where
 * 2·(ℓ̂ − max ℓ with β_column = t) equals `cutoff` (3.84 for 95%). Each side is solved for the
 * signed root √(2·(ℓ̂ − ℓ_p(t))) = √cutoff, which is close to linear in t (so few refits are
 * needed): bracketed outwards from the estimate in steps of 1.2 Wald half-widths, then the
 * Illinois variant of regula falsi. Null when a side cannot be found (the profile stays below the
 * cut-off within about 20 Wald half-widths, or a refit fails).
 */
export function profileInterval(design: Design, fit: Extract<FitResult, { status: "converged" }>, column: number, cutoff: number): { low: number; high: number } | null {
  const p = design.names.length;
  const estimate = fit.beta[column]!;
  const halfWidth = Math.sqrt(fit.cov[column * p + column]! * cutoff);
  const target = Math.sqrt(cutoff);
  let start = fit.beta;
  const excess = (t: number): number | null => {
    const refit = fitLogistic(design, { fixed: { column, value: t }, start, covariance: false });
    if (refit.status !== "converged") return null;
    start = refit.beta;
    return Math.sqrt(Math.max(0, 2 * (fit.logLik - refit.logLik))) - target;
  };
  const side = (direction: 1 | -1): number | null => {
    start = fit.beta;
    let inner = estimate;
    let fInner = -target;
    for (let k = 1; k <= 16; k++) {
      const outer = estimate + direction * 1.2 * k * halfWidth;
      const fOuter = excess(outer);
      if (fOuter === null) return null;
      if (fOuter >= 0) return illinois(excess, inner, fInner, outer, fOuter);
      inner = outer;
      fInner = fOuter;
    }
    return null;
  };
  const high = side(1);
  const low = side(-1);
  return low === null || high === null ? null : { low, high };
}

function illinois(f: (t: number) => number | null, a0: number, fa0: number, b0: number, fb0: number): number | null {
  let a = a0;
  let fa = fa0;
  let b = b0;
  let fb = fb0;
  for (let i = 0; i < 100; i++) {
    const t = b - (fb * (b - a)) / (fb - fa);
    const ft = f(t);
    if (ft === null) return null;
    if (Math.abs(ft) < 1e-8 || Math.abs(b - a) < 1e-12 * (1 + Math.abs(t))) return t;
    if (ft * fb < 0) {
      a = b;
      fa = fb;
    } else {
      fa /= 2; // the Illinois step: the end kept again counts for less, so the bracket shrinks from both sides
    }
    b = t;
    fb = ft;
  }
  return null;
}
