/**
 * Bounded nonlinear least squares for a noisy simulator run under common random numbers: a
 * Levenberg–Marquardt iteration on residuals r(x), x in the unit box [0, 1]^n, with
 * - a Jacobian by forward differences (one batch of n evaluations), kept up to date between
 *   recomputations by Broyden's rank-one secant update (the many-parameter form of the secant
 *   search drift-range.ts uses for one intercept), so most steps cost one evaluation;
 * - bounds by an active set: a parameter at a bound whose gradient points out of the box is held
 *   there for the step, and every trial point is clamped into the box;
 * - damping raised after a step that does not lower the sum of squares and lowered after one
 *   that does; after two failures in a row the Jacobian is recomputed at the best point.
 * It stops when every residual is within `goal`, when the budget of evaluations is spent, or when
 * no step from a freshly computed Jacobian helps (stalled). The same inputs give the same
 * sequence of points: the caller's evaluations are the only source of numbers.
 */

export interface FitPoint {
  readonly x: readonly number[];
  readonly r: readonly number[];
  /** Sum of squared residuals. */
  readonly ss: number;
}

export interface BoundedFitOptions {
  /** Most evaluations (points) in all. */
  readonly budget: number;
  /** Stop when every |residual| is at most this. */
  readonly goal: number;
  /** Forward-difference step in the unit box. Default 0.05. */
  readonly step?: number;
}

export type FitStop = "met" | "budget" | "stalled";

export interface BoundedFitResult {
  readonly best: FitPoint;
  /** The Jacobian (rows: residuals; columns: x) as last known at the best point; null if never computed. */
  readonly jacobian: number[][] | null;
  readonly evaluations: number;
  readonly stop: FitStop;
}

/** Evaluates a batch of points (in order); `kind` says why (start, jacobian, step) for the caller's record. */
export type BatchEvaluator = (xs: readonly (readonly number[])[], kind: "start" | "jacobian" | "step") => Promise<readonly (readonly number[])[]>;

const sumSquares = (r: readonly number[]): number => r.reduce((a, b) => a + b * b, 0);
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
/** A coordinate this close to a bound counts as at it. */
const AT_BOUND = 1e-9;

export async function boundedLeastSquares(evaluate: BatchEvaluator, x0: readonly number[], options: BoundedFitOptions): Promise<BoundedFitResult> {
  const n = x0.length;
  const h = options.step ?? 0.05;
  const start = x0.map(clamp01);
  const r0 = (await evaluate([start], "start"))[0]!;
  let evaluations = 1;
  let best: FitPoint = { x: start, r: [...r0], ss: sumSquares(r0) };
  let J: number[][] | null = null;
  let bestJ: number[][] | null = null;
  let fresh = false; // J was computed by differences at `best` and not yet moved from
  let lambda = 1e-3;
  let fails = 0;
  const met = (p: FitPoint): boolean => p.r.every((v) => Math.abs(v) <= options.goal);

  for (;;) {
    if (met(best)) return { best, jacobian: bestJ, evaluations, stop: "met" };
    if (J === null || (fails >= 2 && !fresh)) {
      if (evaluations + n > options.budget) return { best, jacobian: bestJ ?? J, evaluations, stop: "budget" };
      const xs = Array.from({ length: n }, (_, j) => {
        const x = [...best.x];
        x[j] = x[j]! + h <= 1 ? x[j]! + h : x[j]! - h;
        return x;
      });
      const rs = await evaluate(xs, "jacobian");
      evaluations += n;
      J = best.r.map((ri, i) => xs.map((x, j) => (rs[j]![i]! - ri) / (x[j]! - best.x[j]!)));
      bestJ = J.map((row) => [...row]);
      fresh = true;
      fails = 0;
    }
    if (evaluations + 1 > options.budget) return { best, jacobian: bestJ, evaluations, stop: "budget" };
    const delta = dampedStep(J, best, lambda);
    const trial = best.x.map((x, j) => clamp01(x + delta[j]!));
    const s = trial.map((x, j) => x - best.x[j]!);
    const ss = s.reduce((a, b) => a + b * b, 0);
    if (ss < 1e-16) {
      // Nothing left to move within the box: the gradient points out of it at every free coordinate.
      if (fresh) return { best, jacobian: bestJ, evaluations, stop: "stalled" };
      J = null;
      continue;
    }
    const rt = (await evaluate([trial], "step"))[0]!;
    evaluations++;
    // Broyden's update: J + (Δr − J s) sᵀ / sᵀs.
    const from: number[][] = J;
    const Js: number[] = from.map((row) => row.reduce((a, v, j) => a + v * s[j]!, 0));
    J = from.map((row, i) => row.map((v, j) => v + ((rt[i]! - best.r[i]! - Js[i]!) * s[j]!) / ss));
    const point: FitPoint = { x: trial, r: [...rt], ss: sumSquares(rt) };
    if (point.ss < best.ss) {
      best = point;
      bestJ = J.map((row) => [...row]);
      lambda = Math.max(lambda / 3, 1e-7);
      fails = 0;
      fresh = false;
    } else {
      lambda *= 4;
      fails++;
      if (fresh && fails >= 5) return { best, jacobian: bestJ, evaluations, stop: "stalled" };
    }
  }
}

/**
 * The Levenberg–Marquardt step from `p`: (AFF + λ·diag(AFF)) δF = −gF with A = JᵀJ, g = Jᵀr, over
 * the free coordinates F (those not at a bound with the gradient pushing outward); others 0.
 */
export function dampedStep(J: readonly (readonly number[])[], p: FitPoint, lambda: number): number[] {
  const n = p.x.length;
  const g = Array.from({ length: n }, (_, j) => J.reduce((a, row, i) => a + row[j]! * p.r[i]!, 0));
  const free = Array.from({ length: n }, (_, j) => j).filter((j) => !((p.x[j]! <= AT_BOUND && g[j]! > 0) || (p.x[j]! >= 1 - AT_BOUND && g[j]! < 0)));
  const delta = new Array<number>(n).fill(0);
  if (free.length === 0) return delta;
  const A = free.map((a) => free.map((b) => J.reduce((s, row) => s + row[a]! * row[b]!, 0)));
  const scale = Math.max(1e-12, ...A.map((row, k) => row[k]!));
  A.forEach((row, k) => (row[k] = row[k]! + lambda * Math.max(row[k]!, 1e-9 * scale)));
  const solved = solve(
    A,
    free.map((j) => -g[j]!),
  );
  free.forEach((j, k) => (delta[j] = Number.isFinite(solved[k]!) ? solved[k]! : 0));
  return delta;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A small and square); a singular system gives zeros where undetermined. */
export function solve(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[pivot]![c]!)) pivot = r;
    [M[c], M[pivot]] = [M[pivot]!, M[c]!];
    const d = M[c]![c]!;
    if (Math.abs(d) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / d;
      if (f !== 0) for (let k = c; k <= n; k++) M[r]![k] = M[r]![k]! - f * M[c]![k]!;
    }
  }
  return M.map((row, i) => (Math.abs(row[i]!) < 1e-300 ? 0 : row[n]! / row[i]!));
}
