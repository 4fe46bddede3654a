import type { VoteMatrix } from '../../shared/opinion-groups';

import { prng } from '../../bench/lib/prng';

/** mulberry32 (bench/lib/prng.ts): reproducible synthetic electorates. */
export const seeded = prng;

export interface PlantedElectorate {
  matrix: VoteMatrix;
  /** Planted group of each voter row. */
  group: number[];
}

/**
 * Voters in planted groups: in group g, an item is voted `for` with probability prefs[g][item]
 * (else `against`, a little `mitigé`), each voter voting on a random share `coverage` of the items.
 */
export function plantedElectorate(opts: { sizes: number[]; prefs: number[][]; coverage: number; seed?: number; mitigated?: number }): PlantedElectorate {
  const random = seeded(opts.seed ?? 1);
  const items = opts.prefs[0]!.length;
  const row: number[] = [];
  const col: number[] = [];
  const value: number[] = [];
  const group: number[] = [];
  let r = 0;
  opts.sizes.forEach((size, g) => {
    for (let i = 0; i < size; i++, r++) {
      group.push(g);
      for (let j = 0; j < items; j++) {
        if (random() >= opts.coverage) continue;
        const u = random();
        row.push(r);
        col.push(j);
        value.push(u < (opts.mitigated ?? 0.05) ? 0 : random() < opts.prefs[g]![j]! ? 1 : -1);
      }
    }
  });
  return { matrix: { voters: r, items, row: Int32Array.from(row), col: Int32Array.from(col), value: Int8Array.from(value) }, group };
}

/** Purity-like agreement of found clusters with planted groups: share of voters in their cluster's majority planted group. */
export function agreement(assignment: Int32Array, planted: number[]): number {
  const byCluster = new Map<number, Map<number, number>>();
  let placed = 0;
  assignment.forEach((c, r) => {
    if (c < 0) return;
    placed += 1;
    const m = byCluster.get(c) ?? new Map<number, number>();
    m.set(planted[r]!, (m.get(planted[r]!) ?? 0) + 1);
    byCluster.set(c, m);
  });
  let majority = 0;
  for (const m of byCluster.values()) majority += Math.max(...m.values());
  return placed ? majority / placed : 0;
}
