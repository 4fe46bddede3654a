import type { Highs, Model } from 'highs';
import { meetsQuotas, quotaIndex, type Problem } from './model';

/**
 * The pricing problem of the LEXIMIN column generation (leximin.ts): the panel — seats per
 * profile — that meets the quotas with the largest Σ w_t n_t (w ≥ 0, the master's dual prices).
 * An integer program with one variable per profile and one row per quota.
 *
 * HiGHS's branch and cut solves it exactly but costs a tenth of a second or more per call, and a
 * lottery needs thousands of panels; so a local search in plain JavaScript is asked first, and
 * the MIP only when the search finds nothing better than the master already has:
 * - **moves**: one seat from profile a to profile b (when the quotas they differ on have slack),
 *   or an **exchange** of two seats for two — a and c out, b and d in, with the same categories
 *   as a pair in every stratum, so every quota count stays the same. Quotas are usually exact
 *   (⌊s·k⌋ = ⌈s·k⌉), where single moves are impossible and exchanges are what moves;
 * - a move must bring in a profile of positive weight (others gain nothing), which keeps the
 *   search small: the dual prices are sparse;
 * - the exact step: first the linear relaxation (its value bounds every panel's, and often proves
 *   that no panel improves the master), then the MIP, stopped at the first panel above the target.
 * `within` is the MIP with tighter bounds that Carathéodory's steps (decompose.ts) fall back on.
 */
export interface Pricing {
  /** Seats a profile can take at most (its size, the seats, its categories' ceilings). */
  upper: number[];
  /** Some panel that meets the quotas, or undefined when none does. */
  feasible(): number[] | undefined;
  /** The local search from a panel meeting the quotas: a panel at least as heavy. */
  improve(start: readonly number[], weights: readonly number[]): number[];
  /** A panel of weight above `target` if there is one (exact), else undefined. */
  exact(weights: readonly number[], target: number, start: readonly number[]): number[] | undefined;
  /** Some panel within tighter bounds (seats per profile, quota counts), heavy for `weights`; undefined when none is. */
  within(colLower: readonly number[], colUpper: readonly number[], rowLower: readonly number[], rowUpper: readonly number[], weights: readonly number[]): number[] | undefined;
  stats: { searches: number; relaxations: number; mips: number };
  dispose(): void;
}

/** Moves allowed to one local search. */
const MAX_MOVES = 200;
/** Profiles a search tries to bring in: the heaviest (the dual prices are sparse, and the search stays fast). */
const MAX_HEAVY = 60;
const GAIN = 1e-12;

/**
 * What the searches need to know of the profiles: each one's ceiling, its quota rows, and its
 * categories as one number (mixed radix) with the profile of each such number (-1: none), to find
 * the partners of an exchange.
 */
export interface ProfileIndex {
  upper: number[];
  cats: number[][];
  rows: number[][];
  radix: number[];
  code: number[];
  profileOf: Int32Array;
  mins: number[];
  maxs: number[];
}

export function profileIndex(problem: Problem): ProfileIndex {
  const idx = quotaIndex(problem.strata);
  const upper = problem.profiles.map((p) => Math.min(p.members.length, problem.seats, ...p.categories.map((c, s) => problem.quotas[idx[s]![c]!]!.max)));
  const cats = problem.profiles.map((p) => p.categories);
  const rows = cats.map((c) => c.map((v, s) => idx[s]![v]!));
  const radix: number[] = [];
  let codes = 1;
  for (const st of problem.strata) {
    radix.push(codes);
    codes *= st.categories.length;
  }
  const code = cats.map((c) => c.reduce((n, v, s) => n + v * radix[s]!, 0));
  const profileOf = new Int32Array(codes).fill(-1);
  code.forEach((k, t) => { profileOf[k] = t; });
  return { upper, cats, rows, radix, code, profileOf, mins: problem.quotas.map((q) => q.min), maxs: problem.quotas.map((q) => q.max) };
}

export function pricingModel(highs: Highs, problem: Problem): Pricing {
  const T = problem.profiles.length;
  const S = problem.strata.length;
  const Q = problem.quotas.length;
  const { upper, cats, rows, radix, code, profileOf, mins, maxs } = profileIndex(problem);
  const stats = { searches: 0, relaxations: 0, mips: 0 };

  const improve = (start: readonly number[], weights: readonly number[]): number[] => {
    stats.searches += 1;
    const counts = [...start];
    const fill = new Array<number>(Q).fill(0);
    counts.forEach((n, t) => { for (const r of rows[t]!) fill[r]! += n; });
    const heavy: number[] = [];
    for (let t = 0; t < T; t++) if (weights[t]! > 0) heavy.push(t);
    heavy.sort((a, b) => weights[b]! - weights[a]! || a - b);
    heavy.length = Math.min(heavy.length, MAX_HEAVY);
    const delta = new Array<number>(S);
    const move = (out: readonly number[], into: readonly number[]) => {
      for (const t of out) {
        counts[t]! -= 1;
        for (const r of rows[t]!) fill[r]! -= 1;
      }
      for (const t of into) {
        counts[t]! += 1;
        for (const r of rows[t]!) fill[r]! += 1;
      }
    };
    let moves = 0;
    for (let moved = true; moved && moves < MAX_MOVES;) {
      moved = false;
      // each heavy profile in turn, heaviest first: its best move, made at once
      for (const b of heavy) {
        const wb = weights[b]!;
        if (counts[b]! >= upper[b]!) continue;
        let best = GAIN;
        let out: number[] = [];
        let into: number[] = [];
        const rb = rows[b]!;
        // single moves a → b
        for (let a = 0; a < T; a++) {
          if (counts[a] === 0 || a === b || wb - weights[a]! <= best) continue;
          const ra = rows[a]!;
          let ok = true;
          for (let s = 0; s < S && ok; s++) if (ra[s] !== rb[s]) ok = fill[ra[s]!]! - 1 >= mins[ra[s]!]! && fill[rb[s]!]! + 1 <= maxs[rb[s]!]!;
          if (ok) {
            best = wb - weights[a]!;
            out = [a];
            into = [b];
          }
        }
        // exchanges {a, c} → {b, d}: per stratum, {a_s, c_s} = {b_s, d_s}, so every quota count stays
        const cb = cats[b]!;
        const kb = code[b]!;
        for (let d = 0; d < T; d++) {
          const wd = weights[d]!;
          if (wb + wd <= best || (d === b ? counts[b]! + 2 > upper[b]! : counts[d]! >= upper[d]!)) continue;
          const cd = cats[d]!;
          let nd = 0;
          for (let s = 0; s < S; s++) if (cb[s] !== cd[s]) delta[nd++] = (cd[s]! - cb[s]!) * radix[s]!;
          if (nd < 2) continue; // a single move does the same
          const kbd = kb + code[d]!;
          // a keeps b's category on the first differing stratum (the other half swaps a and c)
          for (let mask = 0; mask < 1 << (nd - 1); mask++) {
            let ka = kb;
            for (let i = 1; i < nd; i++) if ((mask >> (i - 1)) & 1) ka += delta[i]!;
            const a = profileOf[ka]!;
            if (a < 0 || counts[a] === 0 || a === d) continue;
            const c = profileOf[kbd - ka]!;
            if (c < 0 || c === b || counts[c]! < (c === a ? 2 : 1)) continue;
            const gain = wb + wd - weights[a]! - weights[c]!;
            if (gain > best) {
              best = gain;
              out = [a, c];
              into = [b, d];
            }
          }
        }
        if (out.length > 0) {
          move(out, into);
          moved = true;
          if (++moves >= MAX_MOVES) break;
        }
      }
    }
    return counts;
  };

  // the exact step: HiGHS, the relaxation then the MIP, both kept between calls (only the objective changes)
  const starts = [0];
  const indices: number[] = [];
  for (const r of rows) {
    indices.push(0, ...r.map((q) => 1 + q));
    starts.push(indices.length);
  }
  const data = {
    numCols: T, numRows: 1 + Q, sense: highs.constants.objectiveSense.maximize,
    colCost: new Array<number>(T).fill(0), colLower: new Array<number>(T).fill(0), colUpper: upper,
    rowLower: [problem.seats, ...mins], rowUpper: [problem.seats, ...maxs],
    matrix: { format: 'csc' as const, numRows: 1 + Q, numCols: T, starts, indices, values: indices.map(() => 1) },
  };
  const { modelStatus } = highs.constants;
  const mip: Model = highs.createModel();
  // the model is small and changes only its objective: HiGHS's presolve costs more than it saves
  mip.options.set({ output_flag: false, mip_rel_gap: 1e-6, presolve: 'off' });
  mip.passModel({ ...data, integrality: new Array<number>(T).fill(highs.constants.variableType.integer) as never });
  const lp: Model = highs.createModel();
  lp.options.set({ output_flag: false, presolve: 'off' });
  lp.passModel(data);
  const setCosts = (m: Model, weights: readonly number[]) => {
    if (T > 0) m.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, weights);
  };
  const runMip = (weights: readonly number[], start?: readonly number[]): number[] | undefined => {
    stats.mips += 1;
    setCosts(mip, weights);
    if (start) mip.setSolution({ colValue: start });
    mip.run();
    const status = mip.getModelStatus();
    if (status === modelStatus.infeasible) return undefined;
    if (status !== modelStatus.optimal && status !== modelStatus.objectiveTarget) throw new Error(`pricing MIP: status ${status}`);
    const counts = Array.from(mip.getSolution().colValue, (v) => Math.round(v));
    if (!meetsQuotas(problem, counts)) throw new Error('internal: the pricing MIP returned a panel that misses a quota');
    return counts;
  };

  return {
    upper,
    stats,
    improve,
    feasible: () => runMip(new Array<number>(T).fill(0)),
    within(colLower, colUpper, rowLower, rowUpper, weights) {
      // a MIP of its own over the profiles that may take a seat (often few: HiGHS's presolve, which
      // would drop the others, costs more here); any heavy panel will do, hence a loose gap
      // (measured on the bench pools: 30 % rather than 5 % saves a fifth; 100 % takes twice the
      // MIPs, and no objective at all leaves Carathéodory stuck far from the end)
      stats.mips += 1;
      const cols: number[] = [];
      for (let t = 0; t < T; t++) if (colUpper[t]! > 0) cols.push(t);
      const st = [0];
      const ix: number[] = [];
      for (const t of cols) {
        ix.push(0, ...rows[t]!.map((q) => 1 + q));
        st.push(ix.length);
      }
      const m: Model = highs.createModel();
      try {
        m.options.set({ output_flag: false, mip_rel_gap: 0.3, presolve: 'off' });
        m.passModel({
          numCols: cols.length, numRows: 1 + Q, sense: highs.constants.objectiveSense.maximize,
          colCost: cols.map((t) => weights[t]!), colLower: cols.map((t) => colLower[t]!), colUpper: cols.map((t) => colUpper[t]!),
          rowLower: [problem.seats, ...rowLower], rowUpper: [problem.seats, ...rowUpper],
          matrix: { format: 'csc', numRows: 1 + Q, numCols: cols.length, starts: st, indices: ix, values: ix.map(() => 1) },
          integrality: cols.map(() => highs.constants.variableType.integer) as never,
        });
        m.run();
        const status = m.getModelStatus();
        if (status === modelStatus.infeasible) return undefined;
        if (status !== modelStatus.optimal) throw new Error(`pricing MIP: status ${status}`);
        const counts = new Array<number>(T).fill(0);
        const v = m.getSolution().colValue;
        cols.forEach((t, i) => { counts[t] = Math.round(v[i]!); });
        if (!meetsQuotas(problem, counts)) throw new Error('internal: the pricing MIP returned a panel that misses a quota');
        return counts;
      } finally {
        m.dispose();
      }
    },
    exact(weights, target, start) {
      stats.relaxations += 1;
      setCosts(lp, weights);
      lp.run();
      if (lp.getModelStatus() === modelStatus.optimal && lp.getObjectiveValue() <= target) return undefined;
      mip.options.set({ objective_target: target, objective_bound: target });
      try {
        const p = runMip(weights, start);
        return p && valueOf(p, weights) > target ? p : undefined;
      } finally {
        mip.options.set({ objective_target: -1e300, objective_bound: 1e300 });
      }
    },
    dispose: () => {
      mip.dispose();
      lp.dispose();
    },
  };
}

export const valueOf = (counts: readonly number[], weights: readonly number[]): number => counts.reduce((s, n, t) => s + n * weights[t]!, 0);
