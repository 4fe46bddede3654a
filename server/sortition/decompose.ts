import { quotaIndex, type Problem } from './model';
import { profileIndex, type Pricing } from './pricing';

/**
 * Route 1's decomposition, first attempt (leximin.ts): the target expected seats x* (the
 * relaxation's LEXIMIN, relaxed.ts) written as a mixture of panels by Carathéodory's method on
 * the relaxation's polytope, with no linear program:
 *
 * 1. take a panel P on the smallest face of the polytope that holds x: no seat for a profile whose
 *    x_t is 0, all of its seats u_t for a profile whose x_t is u_t, exactly the count x gives a
 *    quota that x fills to its floor or ceiling;
 * 2. give P the largest weight θ such that x' = (x − θP)/(1 − θ) stays in the polytope: x' is on
 *    a smaller face (one more profile at 0 or at its ceiling, or one more quota at a bound);
 * 3. go on with x' and the remaining weight, until P = x.
 *
 * At most one step per profile and per quota. The panel of step 1 is the previous one, repaired
 * by the moves of the local search (one seat from a profile to another, or an exchange of two
 * seats for two with the same categories pairwise) that remove what breaks the new face; HiGHS's
 * MIP only when no single move does. The polytope's faces need not hold a panel (its vertices
 * need not be whole numbers): then it stops, and the column generation goes on from the panels
 * found (their mixture already reaches most of the targets).
 */
export interface Decomposition {
  panels: number[][];
  /** The weight of each panel (they add up to 1 − rest). */
  weights: number[];
  /** The weight not yet given (0 when x* is reached). */
  rest: number;
  steps: number;
  mips: number;
}

/** Seats counted as 0 (or as the ceiling) below this distance. */
const EPS = 1e-9;
/** The remaining weight under which the decomposition is complete. */
const DONE = 1e-12;

export function decompose(problem: Problem, pricing: Pricing, targets: readonly number[], opts: { start?: readonly number[]; checkTime?: () => void; onStep?: (assigned: number, panels: number) => void } = {}): Decomposition {
  const T = problem.profiles.length;
  const S = problem.strata.length;
  const Q = problem.quotas.length;
  const { upper, cats, rows, radix, code, profileOf, mins, maxs } = profileIndex(problem);
  const x = targets.map((p, t) => Math.min(upper[t]!, Math.max(0, p * problem.profiles[t]!.members.length)));
  const xq = new Float64Array(Q);
  const stratumOf = quotaIndex(problem.strata).flatMap((r, s) => r.map(() => s));
  // the face: each profile's and each quota's bounds for the next panel
  const lo = new Array<number>(T).fill(0);
  const hi = [...upper];
  const rlo = [...mins];
  const rhi = [...maxs];
  const out: Decomposition = { panels: [], weights: [], rest: 1, steps: 0, mips: 0 };
  const face = () => {
    xq.fill(0);
    for (let t = 0; t < T; t++) {
      if (x[t]! <= EPS) x[t] = 0;
      if (x[t]! >= upper[t]! - EPS) x[t] = upper[t]!;
      if (x[t] === 0) hi[t] = 0;
      if (x[t] === upper[t]) lo[t] = upper[t]!;
      for (const r of rows[t]!) xq[r]! += x[t]!;
    }
    for (let q = 0; q < Q; q++) {
      if (xq[q]! <= mins[q]! + EPS) rhi[q] = mins[q]!;
      if (xq[q]! >= maxs[q]! - EPS) rlo[q] = maxs[q]!;
    }
  };

  let panel: number[] | undefined;
  while (out.rest > DONE) {
    opts.checkTime?.();
    face();
    // the previous panel repaired (the first one: a panel meeting the quotas), else the MIP
    panel = panel ? repair(panel) : opts.start && repair(opts.start);
    if (!panel) {
      out.mips += 1;
      panel = pricing.within(lo, hi, rlo, rhi, x);
      if (!panel) break;
    }
    // the largest step that keeps x' in the polytope
    let theta = 1;
    const fill = new Array<number>(Q).fill(0);
    for (let t = 0; t < T; t++) {
      const n = panel[t]!;
      if (n > 0) theta = Math.min(theta, x[t]! / n);
      if (n < upper[t]!) theta = Math.min(theta, (upper[t]! - x[t]!) / (upper[t]! - n));
      for (const r of rows[t]!) fill[r]! += n;
    }
    for (let q = 0; q < Q; q++) {
      const X = xq[q]!;
      const n = fill[q]!;
      if (n < X && n < maxs[q]!) theta = Math.min(theta, (maxs[q]! - X) / (maxs[q]! - n));
      if (n > X && n > mins[q]!) theta = Math.min(theta, (X - mins[q]!) / (n - mins[q]!));
    }
    out.steps += 1;
    out.panels.push(panel);
    if (theta >= 1 - 1e-12) {
      out.weights.push(out.rest);
      out.rest = 0;
      break;
    }
    out.weights.push(out.rest * theta);
    out.rest *= 1 - theta;
    for (let t = 0; t < T; t++) x[t] = (x[t]! - theta * panel[t]!) / (1 - theta);
    if (out.steps % 50 === 0) opts.onStep?.(1 - out.rest, out.panels.length);
  }
  return out;

  /** The panel moved onto the face by single moves and exchanges, each removing the most of what breaks it; undefined when stuck. */
  function repair(start: readonly number[]): number[] | undefined {
    const n = [...start];
    const fill = new Array<number>(Q).fill(0);
    n.forEach((k, t) => { for (const r of rows[t]!) fill[r]! += k; });
    const dist = (v: number, a: number, b: number) => (v < a ? a - v : v > b ? v - b : 0);
    // change in the distance to the face if profile t gains d seats (its quota rows too)
    const gainOf = (t: number, d: number) => {
      const v = n[t]! + d;
      return v < 0 || v > upper[t]! ? 1e9 : dist(v, lo[t]!, hi[t]!) - dist(n[t]!, lo[t]!, hi[t]!);
    };
    const rowsGain = (into: readonly number[], from: readonly number[]) => {
      const d = new Map<number, number>();
      for (const t of into) for (const r of rows[t]!) d.set(r, (d.get(r) ?? 0) + 1);
      for (const t of from) for (const r of rows[t]!) d.set(r, (d.get(r) ?? 0) - 1);
      let g = 0;
      for (const [r, k] of d) if (k !== 0) g += dist(fill[r]! + k, rlo[r]!, rhi[r]!) - dist(fill[r]!, rlo[r]!, rhi[r]!);
      return g;
    };
    const apply = (into: readonly number[], from: readonly number[]) => {
      for (const t of from) {
        n[t]! -= 1;
        for (const r of rows[t]!) fill[r]! -= 1;
      }
      for (const t of into) {
        n[t]! += 1;
        for (const r of rows[t]!) fill[r]! += 1;
      }
    };
    const broken = () => {
      const bad: number[] = [];
      for (let t = 0; t < T; t++) if (n[t]! < lo[t]! || n[t]! > hi[t]!) bad.push(t);
      const badRows: number[] = [];
      for (let q = 0; q < Q; q++) if (fill[q]! < rlo[q]! || fill[q]! > rhi[q]!) badRows.push(q);
      return { bad, badRows };
    };
    const support = () => n.flatMap((k, t) => (k > 0 ? [t] : []));
    const delta = new Array<number>(S);
    for (let guard = 0; guard < 4 * problem.seats; guard++) {
      const { bad, badRows } = broken();
      if (bad.length === 0 && badRows.length === 0) return n;
      let best = 0;
      let bestX = -Infinity;
      let into: number[] = [];
      let from: number[] = [];
      const consider = (i: readonly number[], f: readonly number[]) => {
        // a profile both in and out: no change for it
        let g = 0;
        const byT = new Map<number, number>();
        for (const t of i) byT.set(t, (byT.get(t) ?? 0) + 1);
        for (const t of f) byT.set(t, (byT.get(t) ?? 0) - 1);
        for (const [t, d] of byT) if (d !== 0) g += gainOf(t, d);
        g += rowsGain(i, f);
        if (g > -0.5) return;
        const xs = i.reduce((s, t) => s + x[t]!, 0) - f.reduce((s, t) => s + x[t]!, 0);
        if (g < best - 1e-9 || (g <= best + 1e-9 && xs > bestX)) {
          best = g;
          bestX = xs;
          into = [...i];
          from = [...f];
        }
      };
      const sup = support();
      const pairs = (a: number, b: number, anchorOut: boolean) => {
        // exchanges with the same categories pairwise: anchorOut — a and b leave, two enter; else a and b enter, two leave
        const ca = cats[a]!;
        const cb = cats[b]!;
        let nd = 0;
        for (let s = 0; s < S; s++) if (ca[s] !== cb[s]) delta[nd++] = (cb[s]! - ca[s]!) * radix[s]!;
        if (nd < 2) return;
        const sum = code[a]! + code[b]!;
        for (let mask = 1; mask < 1 << (nd - 1); mask++) {
          let k = code[a]!;
          for (let i = 1; i < nd; i++) if ((mask >> (i - 1)) & 1) k += delta[i]!;
          const c = profileOf[k]!;
          const d = profileOf[sum - k]!;
          if (c < 0 || d < 0) continue;
          if (anchorOut) consider([c, d], [a, b]);
          else consider([a, b], [c, d]);
        }
      };
      for (const t0 of bad) {
        if (n[t0]! > hi[t0]!) {
          for (let b = 0; b < T; b++) if (b !== t0) consider([b], [t0]);
          for (const c of sup) if (c !== t0 || n[t0]! >= 2) pairs(t0, c, true);
        } else {
          for (const a of sup) if (a !== t0) consider([t0], [a]);
          for (let d = 0; d < T; d++) pairs(t0, d, false);
        }
      }
      for (const q of badRows) {
        // a seat from one category of the quota's stratum to another, the other answers kept
        const s = stratumOf[q]!;
        for (const a of sup) {
          for (let v = 0; v < problem.strata[s]!.categories.length; v++) {
            if (v === cats[a]![s]) continue;
            const b = profileOf[code[a]! + (v - cats[a]![s]!) * radix[s]!]!;
            if (b >= 0) consider([b], [a]);
          }
        }
      }
      if (into.length === 0) return undefined;
      apply(into, from);
    }
    return undefined;
  }
}
