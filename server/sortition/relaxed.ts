import type { Highs } from 'highs';
import { quotaIndex, type Problem } from './model';

/**
 * LEXIMIN over the linear relaxation of the panels: x_t, the expected seats of profile t, may be
 * any real numbers that fill the seats, meet every quota and stay within 0 … upper_t. One small
 * LP per stage (a column per profile, a row per quota and per profile), no column generation:
 *
 *     maximise z   s.t.   x meets the quotas,   x_t / c_t ≥ z (profiles not fixed),
 *                         x_t / c_t ≥ f_t (profiles fixed at f_t);
 *
 * the profiles whose row has a positive dual price are at z in every optimum: they are fixed
 * there, and the next stage raises the others. Returns each profile's probability f_t.
 *
 * Every lottery over panels gives expected seats in this set, so this LEXIMIN is at least as good
 * as any lottery's; when a lottery reaches it (leximin.ts checks), it is THE leximin lottery.
 */
const EPS_FIX = 1e-7;
const FIXED_SLACK = 1e-9;
const RETRY_SLACK = 1e-7;

export function relaxedLeximin(highs: Highs, problem: Problem, upper: readonly number[], onStage?: (fixed: number, level: number, stage: number) => void): number[] {
  const T = problem.profiles.length;
  const Q = problem.quotas.length;
  const idx = quotaIndex(problem.strata);
  const sizes = problem.profiles.map((p) => p.members.length);
  // columns: x_0 … x_{T-1}, then z; rows: 0 the seats, 1 + q the quotas, 1 + Q + t the profiles
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  problem.profiles.forEach((p, t) => {
    indices.push(0, ...p.categories.map((c, s) => 1 + idx[s]![c]!), 1 + Q + t);
    values.push(...new Array<number>(1 + p.categories.length).fill(1), 1 / sizes[t]!);
    starts.push(indices.length);
  });
  sizes.forEach((_c, t) => {
    indices.push(1 + Q + t);
    values.push(-1);
  });
  starts.push(indices.length);
  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false });
    model.passModel({
      numCols: T + 1, numRows: 1 + Q + T, sense: highs.constants.objectiveSense.maximize,
      colCost: [...new Array<number>(T).fill(0), 1], colLower: new Array<number>(T + 1).fill(0), colUpper: [...upper, 1],
      rowLower: [problem.seats, ...problem.quotas.map((q) => q.min), ...sizes.map(() => 0)],
      rowUpper: [problem.seats, ...problem.quotas.map((q) => q.max), ...sizes.map(() => highs.infinity)],
      matrix: { format: 'csc', numRows: 1 + Q + T, numCols: T + 1, starts, indices, values },
    });
    const { optimal } = highs.constants.modelStatus;
    const level = new Array<number | null>(T).fill(null);
    let fixed = 0;
    for (let stage = 1; fixed < T; stage++) {
      model.run();
      if (model.getModelStatus() !== optimal) {
        // numerical trouble from the previous basis (seen once the levels fixed are many: « infeasible »
        // by 10⁻⁹): once more from scratch, then with the fixed levels a little lower
        model.clearSolver();
        model.run();
      }
      if (model.getModelStatus() !== optimal) {
        level.forEach((l, t) => { if (l !== null) model.changeRowBounds(1 + Q + t, Math.max(0, l - RETRY_SLACK), highs.infinity); });
        model.clearSolver();
        model.run();
      }
      if (model.getModelStatus() !== optimal) throw new Error(`relaxation LP: status ${model.getModelStatus()}`);
      const z = model.getObjectiveValue();
      const dual = model.getSolution().rowDual;
      let best = -1;
      let fixedNow = 0;
      const fix = (t: number) => {
        level[t] = Math.max(0, z);
        model.changeCoefficient(1 + Q + t, T, 0);
        model.changeRowBounds(1 + Q + t, Math.max(0, z - FIXED_SLACK), highs.infinity);
        fixed += 1;
        fixedNow += 1;
      };
      for (let t = 0; t < T; t++) {
        if (level[t] !== null) continue;
        const y = -dual[1 + Q + t]!;
        if (best < 0 || y > -dual[1 + Q + best]!) best = t;
        if (y > EPS_FIX) fix(t);
      }
      if (fixedNow === 0) fix(best);
      onStage?.(fixed, z, stage);
    }
    return level.map((l) => l ?? 0);
  } finally {
    model.dispose();
  }
}
