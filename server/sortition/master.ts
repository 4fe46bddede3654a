import type { Highs, Model } from 'highs';

/**
 * The master LP of a column generation over panels (leximin.ts), kept in HiGHS between solves:
 *
 *     maximise z   over λ ≥ 0 (one per panel found) and z,
 *     Σ_P λ_P = 1,
 *     Σ_P λ_P a_t n_t(P) − z ≥ 0    for each profile t not fixed,
 *     Σ_P λ_P a_t n_t(P) ≥ f_t      for each profile t fixed at f_t.
 *
 * With a_t = 1/c_t (c_t the profile's size) a row is the selection probability of the profile's
 * members; with a_t = 1/(c_t p_t) it is that probability over a target p_t. Panels are added as
 * columns: the primal simplex goes on from the previous basis, which stays feasible.
 */
export class Master {
  readonly panels: number[][] = [];
  private readonly seen = new Set<string>();
  private readonly model: Model;

  constructor(private readonly highs: Highs, private readonly a: readonly number[]) {
    const T = a.length;
    this.model = highs.createModel();
    this.model.options.set({ output_flag: false, simplex_strategy: 4, presolve: 'off' });
    this.model.passModel({
      numCols: 1, numRows: 1 + T, sense: highs.constants.objectiveSense.maximize,
      colCost: [1], colLower: [0], colUpper: [1],
      rowLower: [1, ...a.map(() => 0)], rowUpper: [1, ...a.map(() => highs.infinity)],
      matrix: { format: 'csc', numRows: 1 + T, numCols: 1, starts: [0, T], indices: a.map((_s, t) => 1 + t), values: a.map(() => -1) },
    });
  }

  has(counts: readonly number[]): boolean {
    return this.seen.has(counts.join(','));
  }

  /** Adds a panel (seats per profile); false if it is there already. */
  add(counts: number[]): boolean {
    const key = counts.join(',');
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.panels.push(counts);
    const indices = [0];
    const values = [1];
    counts.forEach((n, t) => {
      if (n > 0) {
        indices.push(1 + t);
        values.push(n * this.a[t]!);
      }
    });
    this.model.addCol(0, 0, this.highs.infinity, { indices, values });
    return true;
  }

  /** The optimum over the panels found: z, the profiles' prices y ≥ 0 and the convexity row's. */
  solve(): { z: number; y: number[]; price: number } {
    const { optimal } = this.highs.constants.modelStatus;
    this.model.run();
    if (this.model.getModelStatus() !== optimal) {
      // numerical trouble from the previous basis (seen after fixing rows): once more from scratch, by the dual simplex
      this.model.clearSolver();
      this.model.options.set({ simplex_strategy: 1 });
      this.model.run();
      this.model.options.set({ simplex_strategy: 4 });
    }
    const status = this.model.getModelStatus();
    if (status !== optimal) throw new Error(`master LP: status ${status}`);
    const sol = this.model.getSolution();
    // HiGHS, maximising: a ≥ row's dual is ≤ 0; the profile's price is its opposite
    return { z: this.model.getObjectiveValue(), y: this.a.map((_a, t) => Math.max(0, -sol.rowDual[1 + t]!)), price: sol.rowDual[0]! };
  }

  /** The profile's row no longer counts for z; it must keep at least `level`. */
  fix(t: number, level: number): void {
    this.model.changeCoefficient(1 + t, 0, 0);
    this.model.changeRowBounds(1 + t, level, this.highs.infinity);
  }

  /** The weight of each panel in the last solution. */
  lambda(): number[] {
    return Array.from(this.model.getSolution().colValue.subarray(1));
  }

  dispose(): void {
    this.model.dispose();
  }
}
