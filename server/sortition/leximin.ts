import highsLoader, { type Highs, type Model } from 'highs';
import { meetsQuotas, obviousInfeasibility, quotaIndex, type Problem } from './model';

/**
 * LEXIMIN (Flanigan, Hennig, Hoffmann, Procaccia, Gölz, « Fair algorithms for selecting citizens'
 * assemblies », Nature 596, 2021), over profiles (volunteers with the same answers, who must get
 * the same probability): among all lotteries over panels that meet the quotas, the one whose
 * smallest selection probability is as large as possible, then the second smallest, and so on.
 *
 * Column generation, as in the paper: a master LP over the panels found so far maximises the
 * lowest probability z of the profiles not yet fixed (those fixed keep at least their level); its
 * dual prices y give each profile a weight, and a pricing MIP looks for the panel of largest
 * weight Σ y_t n_t / c_t. While that exceeds the price of the convexity row the panel improves
 * the master and joins it; when none does, z is optimal over all panels, and the profiles with a
 * positive price are at z in every optimal lottery: they are fixed there, and the next stage
 * raises the others. Both programs are solved by HiGHS (package `highs`, WebAssembly).
 *
 * The lottery is then rounded to whole weights out of WEIGHT_TOTAL: the published probabilities
 * are those of the rounded lottery, exactly what the draw does.
 */
export const WEIGHT_TOTAL = 1_000_000_000_000;
export const ALGORITHM = 'leximin-v1';

export interface WeightedPanel {
  /** Seats per profile, in the problem's profile order. */
  counts: number[];
  /** Out of WEIGHT_TOTAL. */
  weight: number;
}

export interface Distribution {
  algorithm: string;
  total: number;
  panels: WeightedPanel[];
  /** Selection probability of each member of each profile (exact, from the whole weights). */
  probabilities: number[];
  stats: { stages: number; panelsGenerated: number; pricingCalls: number; exactCalls: number; ms: number };
}

export interface Progress {
  phase: 'feasibility' | 'initial' | 'leximin' | 'rounding';
  profiles: number;
  fixed: number;
  panels: number;
  /** The level of the last stage (the minimum probability once the first stage is done). */
  level: number | null;
}

export class InfeasibleQuotas extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InfeasibleQuotas';
  }
}

let runtime: Promise<Highs> | undefined;
const solver = (): Promise<Highs> => (runtime ??= highsLoader());

const EPS_PRICE = 1e-6;
const EPS_FIX = 1e-7;
const FIXED_SLACK = 1e-9;

interface Options {
  onProgress?: (p: Progress) => void;
  /** Stops with an error past this time (ms since epoch). */
  deadline?: number;
}

export async function leximin(problem: Problem, options: Options = {}): Promise<Distribution> {
  const started = performance.now();
  const highs = await solver();
  const T = problem.profiles.length;
  const sizes = problem.profiles.map((p) => p.members.length);
  const report = (p: Omit<Progress, 'profiles'>) => options.onProgress?.({ profiles: T, ...p });
  const checkTime = () => {
    if (options.deadline !== undefined && Date.now() > options.deadline) throw new Error('time budget exceeded');
  };
  report({ phase: 'feasibility', fixed: 0, panels: 0, level: null });
  const obvious = obviousInfeasibility(problem);
  if (obvious) throw new InfeasibleQuotas(obvious);

  const pricing = pricingModel(highs, problem);
  const master = highs.createModel();
  try {
    const first = pricing.feasible();
    if (!first) throw new InfeasibleQuotas('Aucun panel ne respecte tous les quotas à la fois : ils se contredisent pour ce vivier de volontaires (chaque quota pris seul peut être tenu). Élargissez les quotas ou attendez d’autres volontaires.');

    // master: column 0 is z; row 0 is Σλ = 1; row 1+t is Σ λ_P n_t/c_t − z ≥ 0 (unfixed) or ≥ f_t (fixed)
    master.options.set({ output_flag: false });
    master.passModel({
      numCols: 1, numRows: 1 + T, sense: highs.constants.objectiveSense.maximize,
      colCost: [1], colLower: [0], colUpper: [1],
      rowLower: [1, ...sizes.map(() => 0)], rowUpper: [1, ...sizes.map(() => highs.infinity)],
      matrix: { format: 'csc', numRows: 1 + T, numCols: 1, starts: [0, T], indices: sizes.map((_s, t) => 1 + t), values: sizes.map(() => -1) },
    });
    const panels: number[][] = [];
    const seen = new Set<string>();
    const addPanel = (counts: number[]): boolean => {
      const key = counts.join(',');
      if (seen.has(key)) return false;
      seen.add(key);
      panels.push(counts);
      const indices = [0];
      const values = [1];
      counts.forEach((n, t) => {
        if (n > 0) {
          indices.push(1 + t);
          values.push(n / sizes[t]!);
        }
      });
      master.addCol(0, 0, highs.infinity, { indices, values });
      return true;
    };
    addPanel(first);

    // initial panels, diverse: multiplicative weights favour the profiles seldom chosen so far
    const mult = sizes.map(() => 1);
    for (let r = 0; r < Math.min(T, 40); r++) {
      checkTime();
      const weights = mult.map((m, t) => m / sizes[t]!);
      const p = improveBySwaps(problem, pricing.upper, bestKnown(panels, weights), weights);
      p.forEach((n, t) => { if (n > 0) mult[t]! *= 0.8; });
      addPanel(p);
      if (r % 5 === 0) report({ phase: 'initial', fixed: 0, panels: panels.length, level: null });
    }

    const fixed: (number | null)[] = sizes.map(() => null);
    let nFixed = 0;
    let stages = 0;
    let pricingCalls = 0;
    let exactCalls = 0;
    let level: number | null = null;
    while (nFixed < T) {
      stages += 1;
      let y: number[] = [];
      let z = 0;
      for (;;) {
        checkTime();
        master.run();
        if (master.getModelStatus() !== highs.constants.modelStatus.optimal) throw new Error(`master LP: status ${master.getModelStatus()}`);
        const sol = master.getSolution();
        z = master.getObjectiveValue();
        // HiGHS, maximising: a ≥ row's dual is ≤ 0; the profile's price is its opposite
        y = sizes.map((_s, t) => Math.max(0, -sol.rowDual[1 + t]!));
        const price = sol.rowDual[0]!;
        const weights = y.map((v, t) => v / sizes[t]!);
        pricingCalls += 1;
        // a cheap local search finds most improving panels; the exact MIP proves there is none left
        const start = bestKnown(panels, weights);
        let p = improveBySwaps(problem, pricing.upper, start, weights);
        const target = price + EPS_PRICE * Math.max(1, price);
        if (valueOf(p, weights) <= target || seen.has(p.join(','))) {
          exactCalls += 1;
          p = pricing.improve(weights, p, target);
        }
        if (valueOf(p, weights) <= target || !addPanel(p)) break;
        if (pricingCalls % 10 === 0) report({ phase: 'leximin', fixed: nFixed, panels: panels.length, level });
      }
      level = level === null ? z : Math.min(level, z);
      let fixedNow = 0;
      let best = -1;
      for (let t = 0; t < T; t++) {
        if (fixed[t] !== null) continue;
        if (best < 0 || y[t]! > y[best]!) best = t;
        if (y[t]! > EPS_FIX) {
          fixProfile(t, z);
          fixedNow += 1;
        }
      }
      if (fixedNow === 0) fixProfile(best, z);
      report({ phase: 'leximin', fixed: nFixed, panels: panels.length, level });
    }

    function fixProfile(t: number, z: number) {
      fixed[t] = Math.max(0, z - FIXED_SLACK);
      master.changeCoefficient(1 + t, 0, 0);
      master.changeRowBounds(1 + t, fixed[t]!, highs.infinity);
      nFixed += 1;
    }

    // every profile fixed: any feasible λ of the master is the lottery
    master.run();
    if (master.getModelStatus() !== highs.constants.modelStatus.optimal) throw new Error(`master LP (final): status ${master.getModelStatus()}`);
    report({ phase: 'rounding', fixed: nFixed, panels: panels.length, level });
    const lambda = Array.from(master.getSolution().colValue.subarray(1));
    const weighted = roundWeights(panels, lambda);
    for (const w of weighted) if (!meetsQuotas(problem, w.counts)) throw new Error('internal: a panel of the lottery misses a quota');
    return {
      algorithm: ALGORITHM, total: WEIGHT_TOTAL, panels: weighted,
      probabilities: probabilitiesOf(weighted, sizes),
      stats: { stages, panelsGenerated: panels.length, pricingCalls, exactCalls, ms: Math.round(performance.now() - started) },
    };
  } finally {
    master.dispose();
    pricing.dispose();
  }
}

/** λ as whole weights out of WEIGHT_TOTAL (the largest absorbs the rounding), zero weights dropped. */
function roundWeights(panels: readonly number[][], lambda: readonly number[]): WeightedPanel[] {
  const sum = lambda.reduce((s, l) => s + Math.max(0, l), 0);
  const out = panels.map((counts, i) => ({ counts, weight: Math.round((Math.max(0, lambda[i] ?? 0) / sum) * WEIGHT_TOTAL) })).filter((p) => p.weight > 0);
  const total = out.reduce((s, p) => s + p.weight, 0);
  let largest = 0;
  out.forEach((p, i) => { if (p.weight > out[largest]!.weight) largest = i; });
  out[largest]!.weight += WEIGHT_TOTAL - total;
  return out;
}

/** Each profile's members' selection probability under a lottery of whole weights. */
export function probabilitiesOf(panels: readonly WeightedPanel[], sizes: readonly number[]): number[] {
  const total = panels.reduce((s, p) => s + p.weight, 0);
  return sizes.map((c, t) => panels.reduce((s, p) => s + p.weight * (p.counts[t] ?? 0), 0) / (total * c));
}

/**
 * The pricing MIP, kept between calls (only the objective changes): the panel (seats per profile)
 * that meets the quotas with the largest Σ w_t n_t; undefined when none meets them.
 */
interface Pricing {
  upper: number[];
  /** Some panel that meets the quotas, or undefined when none does. */
  feasible(): number[] | undefined;
  /**
   * A panel of weight above `target` if there is one, else `start` (a panel that meets the
   * quotas): first the LP relaxation's bound (often enough to prove there is none), then the
   * MIP, which stops at the first panel above the target.
   */
  improve(weights: readonly number[], start: readonly number[], target: number): number[];
  dispose(): void;
}

function pricingModel(highs: Highs, problem: Problem): Pricing {
  const T = problem.profiles.length;
  const idx = quotaIndex(problem.strata);
  const Q = problem.quotas.length;
  const upper = problem.profiles.map((p) => Math.min(p.members.length, problem.seats, ...p.categories.map((c, s) => problem.quotas[idx[s]![c]!]!.max)));
  // column t has a 1 in row 0 (the seats) and in the row of each of its categories
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const p of problem.profiles) {
    indices.push(0, ...p.categories.map((c, s) => 1 + idx[s]![c]!));
    values.push(...new Array<number>(1 + p.categories.length).fill(1));
    starts.push(indices.length);
  }
  const data = {
    numCols: T, numRows: 1 + Q, sense: highs.constants.objectiveSense.maximize,
    colCost: new Array<number>(T).fill(0), colLower: new Array<number>(T).fill(0), colUpper: upper,
    rowLower: [problem.seats, ...problem.quotas.map((q) => q.min)], rowUpper: [problem.seats, ...problem.quotas.map((q) => q.max)],
    matrix: { format: 'csc' as const, numRows: 1 + Q, numCols: T, starts, indices, values },
  };
  const mip: Model = highs.createModel();
  mip.options.set({ output_flag: false, mip_rel_gap: 1e-6 });
  mip.passModel({ ...data, integrality: new Array<number>(T).fill(highs.constants.variableType.integer) as never });
  const lp: Model = highs.createModel();
  lp.options.set({ output_flag: false });
  lp.passModel(data);
  const { modelStatus } = highs.constants;
  const solve = (weights: readonly number[], start?: readonly number[]): number[] | undefined => {
    if (T > 0) mip.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, weights);
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
    feasible: () => solve(new Array<number>(T).fill(0)),
    improve(weights, start, target) {
      if (T > 0) lp.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, weights);
      lp.run();
      if (lp.getModelStatus() === modelStatus.optimal && lp.getObjectiveValue() <= target) return [...start];
      mip.options.set({ objective_target: target });
      try {
        return solve(weights, start) ?? [...start];
      } finally {
        mip.options.set({ objective_target: -1e300 });
      }
    },
    dispose: () => {
      mip.dispose();
      lp.dispose();
    },
  };
}

const valueOf = (counts: readonly number[], weights: readonly number[]) => counts.reduce((s, n, t) => s + n * weights[t]!, 0);

/** The known panel of largest weight. */
function bestKnown(panels: readonly number[][], weights: readonly number[]): number[] {
  let best = panels[0]!;
  let value = valueOf(best, weights);
  for (const p of panels) {
    const v = valueOf(p, weights);
    if (v > value) {
      best = p;
      value = v;
    }
  }
  return best;
}

/**
 * Local search: from a panel meeting the quotas, moves one seat from a profile to another as long
 * as the quotas still hold and the weight grows (the best move each time).
 */
export function improveBySwaps(problem: Problem, upper: readonly number[], start: readonly number[], weights: readonly number[]): number[] {
  const counts = [...start];
  const idx = quotaIndex(problem.strata);
  const rows = problem.profiles.map((p) => p.categories.map((c, s) => idx[s]![c]!));
  const fill = new Array<number>(problem.quotas.length).fill(0);
  counts.forEach((n, t) => { for (const r of rows[t]!) fill[r]! += n; });
  const mins = problem.quotas.map((q) => q.min);
  const maxs = problem.quotas.map((q) => q.max);
  const T = counts.length;
  const S = problem.strata.length;
  for (let moves = 0; moves < 10 * problem.seats; moves++) {
    let bestGain = 1e-15;
    let from = -1;
    let to = -1;
    for (let a = 0; a < T; a++) {
      if (counts[a] === 0) continue;
      const ra = rows[a]!;
      const wa = weights[a]!;
      for (let b = 0; b < T; b++) {
        const gain = weights[b]! - wa;
        if (gain <= bestGain || counts[b]! >= upper[b]!) continue;
        const rb = rows[b]!;
        let ok = true;
        for (let s = 0; s < S && ok; s++) {
          if (ra[s] !== rb[s]) ok = fill[ra[s]!]! - 1 >= mins[ra[s]!]! && fill[rb[s]!]! + 1 <= maxs[rb[s]!]!;
        }
        if (ok) {
          bestGain = gain;
          from = a;
          to = b;
        }
      }
    }
    if (from < 0) break;
    counts[from]! -= 1;
    counts[to]! += 1;
    for (const r of rows[from]!) fill[r]! -= 1;
    for (const r of rows[to]!) fill[r]! += 1;
  }
  return counts;
}
