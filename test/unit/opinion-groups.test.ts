import {
  computeOpinionGroups, nearestCluster, OPINION_PARAMS, parsePackedVotes, projectVoter, silhouette, sparsePca, itemMeans, type VoteMatrix,
} from '../../shared/opinion-groups';
import { rankItems } from '../../shared/ranking';
import { tally } from '../../shared/votes';
import { agreement, plantedElectorate, seeded } from '../helpers/electorate';

/** Preferences of planted groups over `items` items: the first `consensus` items pleased everyone. */
function prefs(groups: number, items: number, consensus = 0): number[][] {
  return Array.from({ length: groups }, (_, g) =>
    Array.from({ length: items }, (_, j) => (j < consensus ? 0.9 : j % groups === g ? 0.9 : 0.1)));
}

describe('opinion groups on synthetic electorates', () => {
  test('two planted groups are found, with k = 2 chosen by the silhouette', () => {
    const e = plantedElectorate({ sizes: [150, 100], prefs: prefs(2, 20), coverage: 0.6 });
    const r = computeOpinionGroups({ matrix: e.matrix });
    expect(r.k).toBe(2);
    expect(r.groups.map((g) => g.size).sort((a, b) => b - a)).toEqual([150, 100]);
    expect(agreement(r.assignment, e.group)).toBe(1);
    expect(r.groups.map((g) => g.id)).toEqual(['A', 'B']);
  });

  test('three planted groups are found, with k = 3 chosen by the silhouette', () => {
    const e = plantedElectorate({ sizes: [120, 90, 60], prefs: prefs(3, 30, 3), coverage: 0.5, seed: 5 });
    const r = computeOpinionGroups({ matrix: e.matrix });
    expect(r.k).toBe(3);
    expect(r.silhouette).toBeGreaterThan(0.3);
    expect(agreement(r.assignment, e.group)).toBeGreaterThan(0.97);
  });

  test('missing votes are tolerated: each voter votes on a fifth of the items, groups are still found', () => {
    const e = plantedElectorate({ sizes: [200, 150, 100], prefs: prefs(3, 60), coverage: 0.2, seed: 9 });
    const r = computeOpinionGroups({ matrix: e.matrix });
    expect(r.k).toBe(3);
    expect(agreement(r.assignment, e.group)).toBeGreaterThan(0.9);
  });

  test('a missing vote is left out, not read as mitigé: adding the zeros changes the means', () => {
    // one item voted +1 by three voters and nothing else: its mean is 1, not 3/10
    const m: VoteMatrix = { voters: 10, items: 2, row: Int32Array.from([0, 1, 2]), col: Int32Array.from([0, 0, 0]), value: Int8Array.from([1, 1, 1]) };
    expect(Array.from(itemMeans(m))).toEqual([1, 0]);
  });

  test('a consensus amendment ranks first under bridging, a partisan one under support when its side is larger', () => {
    // item 0 pleases every group (75 %); item 1 pleases group 0 (99 %) only, and group 0 is the largest
    const p = [
      [0.75, 0.99, ...Array.from({ length: 18 }, (_, j) => (j % 2 ? 0.9 : 0.1))],
      [0.75, 0.05, ...Array.from({ length: 18 }, (_, j) => (j % 2 ? 0.1 : 0.9))],
    ];
    const e = plantedElectorate({ sizes: [500, 100], prefs: p, coverage: 0.7, seed: 3, mitigated: 0 });
    const r = computeOpinionGroups({ matrix: e.matrix });
    expect(r.groups).toHaveLength(2);
    const counts = (j: number) => {
      const t = [0, 0, 0];
      e.matrix.col.forEach((c, i) => { if (c === j) t[1 - e.matrix.value[i]!]! += 1; });
      return tally(t[0]!, t[1]!, t[2]!);
    };
    const rows = r.items.map((it, j) => ({ id: `i${j}`, tally: counts(j), bridging: it.bridging, position: [0, j] as [number, number], submittedAt: 0 }));
    expect(rankItems(rows, 'bridging', { viewerSeed: '' })[0]!.id).toBe('i0');
    expect(rankItems(rows, 'support', { viewerSeed: '' })[0]!.id).toBe('i1');
    // per-group support of the consensus item is high in both groups, of the partisan one split
    expect(Math.min(...r.items[0]!.support.map(Number))).toBeGreaterThan(0.65);
    expect(Math.min(...r.items[1]!.support.map(Number))).toBeLessThan(0.2);
  });

  test('a group under 10 voters is never shown, and its voters count in no group support', () => {
    // 8 voters with views of their own beside two large groups
    const p = [...prefs(2, 20), Array.from({ length: 20 }, (_, j) => (j < 10 ? 1 : 0))];
    const e = plantedElectorate({ sizes: [100, 100, 8], prefs: p, coverage: 1, seed: 4, mitigated: 0 });
    const r = computeOpinionGroups({ matrix: e.matrix });
    expect(r.groups.every((g) => g.size >= OPINION_PARAMS.minGroupSize)).toBe(true);
    const shown = r.groups.reduce((s, g) => s + g.size, 0);
    for (const it of r.items) expect(it.votes.reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(shown);
    const hidden = r.model.clusters.filter((c) => c.id === null);
    for (const c of hidden) expect(c.size).toBeLessThan(OPINION_PARAMS.minGroupSize);
  });

  test('voters with fewer than MIN_VOTES votes are not placed; too few voters give no group at all', () => {
    const e = plantedElectorate({ sizes: [8, 7], prefs: prefs(2, 10), coverage: 1 });
    const r = computeOpinionGroups({ matrix: e.matrix });
    expect(r.groups).toEqual([]);
    expect(r.items.every((it) => it.bridging === null)).toBe(true);
    const sparse: VoteMatrix = { voters: 1, items: 3, row: Int32Array.from([0, 0]), col: Int32Array.from([0, 1]), value: Int8Array.from([1, -1]) };
    expect(computeOpinionGroups({ matrix: sparse }).assignment[0]).toBe(-1);
  });

  test('warm start: the previous components converge in far fewer iterations, to the same groups', () => {
    const e = plantedElectorate({ sizes: [300, 200, 100], prefs: prefs(3, 80, 5), coverage: 0.3, seed: 11 });
    const cold = computeOpinionGroups({ matrix: e.matrix });
    const warm = computeOpinionGroups({ matrix: e.matrix, previous: { components: cold.model.components, centroids: cold.model.clusters.map((c) => c.centroid) } });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(warm.iterations).toBeLessThanOrEqual(5);
    expect(warm.groups.map((g) => g.size)).toEqual(cold.groups.map((g) => g.size));
    // the signs stay: the map does not flip between two computations
    expect(warm.groups.map((g) => Math.sign(g.x))).toEqual(cold.groups.map((g) => Math.sign(g.x)));
  });

  test('recomputation after a few new votes ≈ a full computation on the same votes (k kept, same groups, same scores)', () => {
    const e = plantedElectorate({ sizes: [300, 200, 150], prefs: prefs(3, 60, 4), coverage: 0.25, seed: 21 });
    const before = computeOpinionGroups({ matrix: e.matrix });
    // 2 % of the votes change (flipped), as after a hundred new votes on a large bill
    const random = seeded(8);
    const value = Int8Array.from(e.matrix.value);
    for (let n = 0; n < value.length * 0.02; n++) {
      const at = Math.floor(random() * value.length);
      value[at] = value[at] === 1 ? -1 : 1;
    }
    const after = { ...e.matrix, value };
    const previous = { components: before.model.components, centroids: before.model.clusters.map((c) => c.centroid), silhouette: before.silhouette };
    const incremental = computeOpinionGroups({ matrix: after, previous });
    const full = computeOpinionGroups({ matrix: after });
    expect(incremental.kSearch).toBe('kept');
    expect(full.kSearch).toBe('all');
    expect(incremental.k).toBe(full.k);
    expect(incremental.iterations).toBeLessThan(full.iterations);
    expect(agreement(incremental.assignment, Array.from(full.assignment))).toBeGreaterThan(0.99);
    // a voter on a boundary may fall either side: sizes agree within 1 %
    incremental.groups.forEach((g, i) => expect(Math.abs(g.size - full.groups[i]!.size)).toBeLessThanOrEqual(Math.ceil(0.01 * g.size)));
    // bridging scores: each within what one boundary voter moves (≈ 35 votes per item and group), on average far less
    const gaps = incremental.items.map((it, j) => Math.abs(it.bridging! - full.items[j]!.bridging!));
    expect(Math.max(...gaps)).toBeLessThan(0.02);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThan(0.003);
    expect(Math.abs(incremental.silhouette! - full.silhouette!)).toBeLessThan(0.02);
  });

  test('recomputation: when the previous k no longer fits (its silhouette fell), every k is tried again', () => {
    const two = plantedElectorate({ sizes: [200, 200], prefs: prefs(2, 40), coverage: 0.5, seed: 31 });
    const before = computeOpinionGroups({ matrix: two.matrix });
    expect(before.k).toBe(2);
    // the same items, now voted by four camps
    const four = plantedElectorate({ sizes: [150, 150, 150, 150], prefs: prefs(4, 40), coverage: 0.5, seed: 32 });
    const previous = { components: before.model.components, centroids: before.model.clusters.map((c) => c.centroid), silhouette: before.silhouette };
    const r = computeOpinionGroups({ matrix: four.matrix, previous });
    expect(r.kSearch).toBe('all');
    expect(r.k).toBe(4);
    expect(agreement(r.assignment, four.group)).toBeGreaterThan(0.95);
    // and asked for explicitly (many new votes), every k is tried even if the old one holds
    expect(computeOpinionGroups({ matrix: two.matrix, previous: { ...previous, chooseK: true } }).kSearch).toBe('all');
  });

  test('a voter placed later by the stored model lands in the group the computation gave them', () => {
    const e = plantedElectorate({ sizes: [120, 80], prefs: prefs(2, 20), coverage: 0.8, seed: 2 });
    const r = computeOpinionGroups({ matrix: e.matrix });
    for (const voter of [0, 50, 130, 199]) {
      const votes: [number, number][] = [];
      e.matrix.row.forEach((row, i) => { if (row === voter) votes.push([e.matrix.col[i]!, e.matrix.value[i]!]); });
      const point = projectVoter(r.model, votes)!;
      expect(nearestCluster(r.model.clusters, point)).toBe(r.assignment[voter]);
    }
    expect(projectVoter(r.model, [[0, 1]])).toBeNull();
  });

  test('sparse power iteration finds the leading eigenvector of XᵀX', () => {
    const random = seeded(3);
    const rows = 40, cols = 6;
    const row: number[] = [], col: number[] = [], value: number[] = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (random() < 0.7) { row.push(r); col.push(c); value.push(random() < 0.5 ? 1 : -1); }
    const m: VoteMatrix = { voters: rows, items: cols, row: Int32Array.from(row), col: Int32Array.from(col), value: Int8Array.from(value) };
    const centred = Float64Array.from(value, (v, e) => v - itemMeans(m)[col[e]!]!);
    const { components } = sparsePca(m, centred, new Uint8Array(rows).fill(1), 2, undefined, { tolerance: 1e-14, maxIterations: 5000 });
    // dense XᵀX, the missing entries at zero: v is an eigenvector, with the largest Rayleigh quotient
    const C = Array.from({ length: cols }, () => new Array<number>(cols).fill(0));
    const X = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
    centred.forEach((x, e) => { X[row[e]!]![col[e]!] = x; });
    for (const xr of X) for (let a = 0; a < cols; a++) for (let b = 0; b < cols; b++) C[a]![b]! += xr[a]! * xr[b]!;
    const v = Array.from(components[0]!);
    const Cv = C.map((r) => r.reduce((s, x, b) => s + x * v[b]!, 0));
    const lambda = Cv.reduce((s, x, a) => s + x * v[a]!, 0);
    Cv.forEach((x, a) => expect(x).toBeCloseTo(lambda * v[a]!, 6));
    for (let t = 0; t < 200; t++) {
      const u = Array.from({ length: cols }, () => random() - 0.5);
      const n = Math.hypot(...u);
      const q = C.reduce((s, r, a) => s + (u[a]! / n) * r.reduce((z, x, b) => z + x * (u[b]! / n), 0), 0);
      expect(q).toBeLessThanOrEqual(lambda + 1e-9);
    }
    expect(Math.abs(components[0]!.reduce((s, x, j) => s + x * components[1]![j]!, 0))).toBeLessThan(1e-9);
  });

  test('the silhouette prefers the planted partition to a wrong one', () => {
    const pts = [[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]];
    expect(silhouette(pts, [0, 0, 0, 1, 1, 1], 2)).toBeGreaterThan(0.8);
    expect(silhouette(pts, [0, 1, 0, 1, 0, 1], 2)).toBeLessThan(0);
  });

  test('packed votes from the database are read back into the matrix', () => {
    const m = parsePackedVotes('+0,-2;=1,+2;;+9', 3);
    expect(m.voters).toBe(3);
    expect(Array.from(m.row)).toEqual([0, 0, 1, 1]);
    expect(Array.from(m.col)).toEqual([0, 2, 1, 2]);
    expect(Array.from(m.value)).toEqual([1, -1, 0, 1]);
  });
});
