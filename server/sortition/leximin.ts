import highsLoader, { type Highs } from 'highs';
import { meetsQuotas, obviousInfeasibility, type Problem } from './model';
import { Master } from './master';
import { pricingModel, valueOf } from './pricing';
import { relaxedLeximin } from './relaxed';
import { decompose, type Decomposition } from './decompose';

/**
 * LEXIMIN (Flanigan, Hennig, Hoffmann, Procaccia, Gölz, « Fair algorithms for selecting citizens'
 * assemblies », Nature 596, 2021), over profiles (volunteers with the same answers, who get the
 * same probability by symmetry): among all lotteries over panels that meet the quotas, the one
 * whose smallest selection probability is as large as possible, then the second smallest, etc.
 *
 * Two routes to the same lottery (docs/sortition.md › Loterie):
 * 1. **Relaxation, then decomposition** (fast, usually enough). The LEXIMIN of the linear
 *    relaxation (relaxed.ts) gives target probabilities p* that no lottery can beat. Carathéodory's
 *    method on the relaxation's polytope (decompose.ts) writes p* as a mixture of panels, one step
 *    per profile at most and no LP; it may stop just short (a face without a panel). A column
 *    generation then finishes, from the panels found: a master LP (master.ts) maximises
 *    min_t prob_t / p*_t over the panels found; its dual prices weigh the profiles, and a pricing
 *    step (pricing.ts: local search, then HiGHS's MIP to prove there is nothing better) looks
 *    for a panel that improves it. If the optimum reaches 1, the lottery meets p*: since p* is
 *    the LEXIMIN over a larger set, it is the LEXIMIN lottery.
 * 2. **Stages, as in the paper** (when the relaxation's targets are out of reach). The master
 *    maximises the lowest probability z of the profiles not yet fixed; when no panel improves
 *    it, the profiles with a positive dual price are at z in every optimal lottery: they are
 *    fixed there, and the next stage raises the others. It starts from every panel route 1 found.
 * The lottery is then rounded to whole weights out of WEIGHT_TOTAL: the published probabilities
 * are those of the rounded lottery, exactly what the draw does.
 */
export const WEIGHT_TOTAL = 1_000_000_000_000;
/**
 * The version in the verification file. v1 (column generation only) and v2 (Carathéodory's steps,
 * then the column generation) compute the same LEXIMIN probabilities (they are unique) but may mix
 * other panels; a draw is redone from the panels published, so `verify-draw` checks both.
 */
export const ALGORITHM = 'leximin-v2';
export const KNOWN_ALGORITHMS: readonly string[] = ['leximin-v1', ALGORITHM];

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
  stats: {
    route: 1 | 2; stages: number; panelsGenerated: number; pricingCalls: number; exactCalls: number; mipCalls: number;
    /** Carathéodory's steps (route 1), and the weight they left to the column generation. */
    steps: number; rest: number;
    /** Total time, and the time in Carathéodory's steps, in the master LP, in the local search and in the exact pricing. */
    ms: number; decomposeMs: number; masterMs: number; searchMs: number; exactMs: number;
  };
}

export interface Progress {
  /** feasibility → relaxation (route 1's targets) → decomposition (route 1) → [leximin (route 2)] → rounding. */
  phase: 'feasibility' | 'relaxation' | 'decomposition' | 'leximin' | 'rounding';
  profiles: number;
  /** The round: a stage of the relaxation or of route 2, a master solve of the decomposition. */
  round: number;
  /** Profiles whose probability is fixed. */
  fixed: number;
  panels: number;
  /** The minimum probability reached so far (relaxation, route 2) or the share of the targets met (decomposition). */
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
/** Route 1 succeeds when every profile gets at least this share of its target. */
const REACHED = 1 - 1e-6;
const INITIAL_PANELS = 40;
/** Local searches per master solve, each from one of the best panels known (measured: 4 → 8 saves a fifth, 16 costs more). */
const STARTS = 8;

interface Options {
  onProgress?: (p: Progress) => void;
  /** Stops with an error past this time (ms since epoch). */
  deadline?: number;
  /** Route 2 only (the tests check that both routes give the same lottery). */
  stagesOnly?: boolean;
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
  report({ phase: 'feasibility', round: 0, fixed: 0, panels: 0, level: null });
  const obvious = obviousInfeasibility(problem);
  if (obvious) throw new InfeasibleQuotas(obvious);

  const pricing = pricingModel(highs, problem);
  const masters: Master[] = [];
  const counters = { pricingCalls: 0, exactCalls: 0, masterMs: 0, searchMs: 0, exactMs: 0, decomposeMs: 0 };
  const timed = <R>(key: 'masterMs' | 'searchMs' | 'exactMs' | 'decomposeMs', f: () => R): R => {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      counters[key] += performance.now() - t0;
    }
  };
  try {
    const first = pricing.feasible();
    if (!first) throw new InfeasibleQuotas('Aucun panel ne respecte tous les quotas à la fois : ils se contredisent pour ce vivier de volontaires (chaque quota pris seul peut être tenu). Élargissez les quotas ou attendez d’autres volontaires.');

    /** Column generation on one master until no panel improves it: its last optimum. */
    const generate = (master: Master, a: readonly number[], progress: (z: number, round: number) => void, enough = Infinity) => {
      for (let round = 1; ; round++) {
        checkTime();
        const { z, y, price } = timed('masterMs', () => master.solve());
        if (z >= enough) return { z, y };
        const weights = y.map((v, t) => v * a[t]!);
        counters.pricingCalls += 1;
        const target = price + EPS_PRICE * Math.max(1, price);
        // the local search, from the best panels known, finds most improving panels (several
        // per master solve, which is the costly part); the exact step proves there is none left
        const starts = bestKnown(master.panels, weights, STARTS);
        let added = 0;
        for (const start of starts) {
          const found = timed('searchMs', () => pricing.improve(start, weights));
          if (valueOf(found, weights) > target && master.add(found)) added += 1;
        }
        if (added === 0) {
          counters.exactCalls += 1;
          const p = timed('exactMs', () => pricing.exact(weights, target, starts[0]!));
          if (!p || !master.add(p)) return { z, y };
        }
        if (round % 10 === 0) progress(z, round);
      }
    };

    /** Diverse panels to start the stages from: multiplicative weights favour the profiles seldom chosen so far. */
    const diverse = () => {
      const initial: number[][] = [first];
      const mult = sizes.map(() => 1);
      for (let r = 0; r < Math.min(T, INITIAL_PANELS); r++) {
        checkTime();
        const weights = mult.map((m, t) => m / sizes[t]!);
        const p = pricing.improve(bestKnown(initial, weights, 1)[0]!, weights);
        p.forEach((n, t) => { if (n > 0) mult[t]! *= 0.8; });
        initial.push(p);
      }
      return initial;
    };

    // route 1: the relaxation's LEXIMIN, then a lottery that reaches it
    const targets = options.stagesOnly ? sizes.map(() => 0) : relaxedLeximin(highs, problem, pricing.upper, (fixed, level, round) => {
      checkTime();
      if (round % 10 === 0 || fixed === T) report({ phase: 'relaxation', round, fixed, panels: 0, level });
    });
    const ratio = targets.map((p, t) => (p > 0 ? 1 / (sizes[t]! * p) : 0));
    const decomposition = new Master(highs, ratio);
    masters.push(decomposition);
    targets.forEach((p, t) => { if (p <= 0) decomposition.fix(t, 0); });
    let reached = 0;
    let carath: Decomposition | undefined;
    if (!options.stagesOnly) {
      // Carathéodory's method first (no LP), then the column generation finishes what it could not reach
      carath = timed('decomposeMs', () => decompose(problem, pricing, targets, {
        checkTime,
        onStep: (assigned, panels) => report({ phase: 'decomposition', round: panels, fixed: T, panels, level: assigned }),
      }));
      decomposition.add(first);
      for (const p of carath.panels) decomposition.add(p);
      reached = generate(decomposition, ratio, (z, round) => report({ phase: 'decomposition', round, fixed: T, panels: decomposition.panels.length, level: z }), REACHED).z;
    }
    let lottery = decomposition;
    let stages = 0;
    if (reached < REACHED) {
      // route 2: the stages of the paper, from every panel found so far
      const a = sizes.map((c) => 1 / c);
      const master = new Master(highs, a);
      masters.push(master);
      for (const p of [...diverse(), ...decomposition.panels]) master.add(p);
      const fixed = new Array<boolean>(T).fill(false);
      let nFixed = 0;
      let level: number | null = null;
      while (nFixed < T) {
        stages += 1;
        const { z, y } = generate(master, a, (zz) => report({ phase: 'leximin', round: stages, fixed: nFixed, panels: master.panels.length, level: level ?? zz }));
        level = level === null ? z : Math.min(level, z);
        let fixedNow = 0;
        let best = -1;
        const fix = (t: number) => {
          fixed[t] = true;
          master.fix(t, Math.max(0, z - FIXED_SLACK));
          nFixed += 1;
          fixedNow += 1;
        };
        for (let t = 0; t < T; t++) {
          if (fixed[t]) continue;
          if (best < 0 || y[t]! > y[best]!) best = t;
          if (y[t]! > EPS_FIX) fix(t);
        }
        if (fixedNow === 0) fix(best);
        report({ phase: 'leximin', round: stages, fixed: nFixed, panels: master.panels.length, level });
      }
      // every profile fixed: any feasible λ of the master is the lottery
      master.solve();
      lottery = master;
    }

    report({ phase: 'rounding', round: 0, fixed: T, panels: lottery.panels.length, level: null });
    const weighted = roundWeights(lottery.panels, lottery.lambda());
    for (const w of weighted) if (!meetsQuotas(problem, w.counts)) throw new Error('internal: a panel of the lottery misses a quota');
    return {
      algorithm: ALGORITHM, total: WEIGHT_TOTAL, panels: weighted,
      probabilities: probabilitiesOf(weighted, sizes),
      stats: {
        route: lottery === decomposition ? 1 : 2, stages, panelsGenerated: masters.reduce((n, m) => n + m.panels.length, 0),
        pricingCalls: counters.pricingCalls, exactCalls: counters.exactCalls, mipCalls: pricing.stats.mips, steps: carath?.steps ?? 0, rest: carath?.rest ?? 1,
        ms: Math.round(performance.now() - started), decomposeMs: Math.round(counters.decomposeMs),
        masterMs: Math.round(counters.masterMs), searchMs: Math.round(counters.searchMs), exactMs: Math.round(counters.exactMs),
      },
    };
  } finally {
    for (const m of masters) m.dispose();
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

/** The `k` known panels of largest weight, heaviest first. */
function bestKnown(panels: readonly number[][], weights: readonly number[], k: number): number[][] {
  const scored = panels.map((p) => ({ p, v: valueOf(p, weights) }));
  scored.sort((a, b) => b.v - a.v);
  return scored.slice(0, k).map((x) => x.p);
}
