/**
 * Opinion groups (issue 18, docs/opinion-groups.md): voters grouped by how they vote, the way
 * pol.is does it, and a « bridging » score that ranks what every group accepts above what one
 * group pushes.
 *
 *   1. The vote matrix: voters × items (a bill's amendments and arguments), for = +1,
 *      mitigé = 0, against = −1; a missing vote is unknown, not 0.
 *   2. Each item's mean over the votes it received; centred values at the votes only: a missing
 *      vote stays out of every sum (equivalently, it sits at the item's mean).
 *   3. The first COMPONENTS principal components by block power iteration over that sparse
 *      matrix (C·V = Xᵀ(X·V), never a dense matrix), warm-started from the previous components.
 *   4. Each voter with at least MIN_VOTES votes projected on them, scaled by √(items / votes)
 *      (pol.is's sparsity-aware projection: a voter with few votes is not pulled to the centre).
 *   5. k-means (ml-kmeans, k-means++ seeded) for k = 2…5, k chosen by the mean silhouette on a
 *      fixed sample; each voter then belongs to the nearest centroid.
 *   6. Groups under MIN_GROUP_SIZE voters are never shown. Per item and shown group: the support
 *      share (for + ½·mitigé) / votes. Bridging (pol.is's « group-informed consensus », as a
 *      geometric mean so that it reads as a share): the geometric mean over the shown groups of
 *      (for + ½·mitigé + 1) / (votes + 2) — each group's support smoothed by Laplace's rule, so
 *      that a group that did not vote counts ½ (unknown), neither approval nor rejection. One
 *      group's enthusiasm cannot make up for another's rejection, nor for others' silence.
 *
 * Pure functions of plain data: the compute pool runs them in a worker thread
 * (server/compute/tasks.ts), and the inputs never name a voter (rows are anonymous indices).
 */
import { kmeans } from 'ml-kmeans';
import { tally } from './votes';

export const OPINION_PARAMS = {
  /** Principal components the voters are projected on (the map shows the first two). */
  components: 3,
  /** Votes a voter needs to be placed in a group (fewer say too little about them). */
  minVotes: 3,
  /** Smallest group ever shown (and below it, its support is never published). */
  minGroupSize: 10,
  /** Range of k tried by k-means; the silhouette chooses. */
  kMin: 2,
  kMax: 5,
  /** k-means runs per k (k-means++ with different seeds; the lowest inertia is kept); one when warm-started. */
  kmeansRuns: 3,
  /** Voters k-means runs on (an evenly spaced sample); every voter is then placed at the nearest centroid. */
  kmeansSample: 4000,
  /** Voters the silhouette is measured on (a fixed, evenly spaced sample: O(sample²)). */
  silhouetteSample: 1500,
  /**
   * Recomputation (a previous model given): k-means restarts from the previous centroids at the
   * previous k only, and all of k = 2…5 are tried again only when that k's silhouette fell by more
   * than this (or when the caller asks, e.g. after many new votes).
   */
  silhouetteSlack: 0.02,
  /** Power iteration: stop when every component moved less than this (1 − |cos|), or after maxIterations. */
  tolerance: 1e-6,
  maxIterations: 300,
  /** Items listed as characterising a group (what it supports, what it rejects), and a vote floor for them. */
  traits: 5,
  traitMinVotes: 3,
} as const;

/** A vote matrix in coordinate form: entry e is voter row[e]'s vote value[e] ∈ {−1, 0, 1} on item col[e]. */
export interface VoteMatrix {
  voters: number;
  items: number;
  row: Int32Array;
  col: Int32Array;
  value: Int8Array;
}

/** What places a voter on the map later (kept between computations; it names no voter). */
export interface OpinionModel {
  /** Per item: its mean vote. */
  means: number[];
  /** COMPONENTS unit vectors over the items. */
  components: number[][];
  /** Every cluster's centroid in component space, and its group id (null: under the minimum size, never shown). */
  clusters: { id: string | null; size: number; centroid: number[] }[];
}

export interface GroupOutput {
  id: string;
  size: number;
  /** Centroid on the first two components (the map). */
  x: number;
  y: number;
  /** Item indices this group supports (or rejects) more than the other voters do, strongest first. */
  supports: number[];
  rejects: number[];
}

export interface ItemOutput {
  /** Per shown group (in `groups` order): its share of support, null when nobody in it voted. */
  support: (number | null)[];
  /** Per shown group: how many of its voters voted on the item. */
  votes: number[];
  /** Geometric mean of the per-group Laplace-smoothed support; null when no group is shown. */
  bridging: number | null;
}

export interface OpinionResult {
  model: OpinionModel;
  groups: GroupOutput[];
  items: ItemOutput[];
  /** Voters placed (with at least MIN_VOTES votes), the chosen k and its silhouette. */
  placed: number;
  k: number;
  silhouette: number | null;
  /** Power iterations spent (fewer when warm-started). */
  iterations: number;
  /** How k was chosen: all of k = 2…5 tried, the previous k kept (its silhouette held), or no clustering (too few voters). */
  kSearch: 'all' | 'kept' | 'none';
  /** Milliseconds spent in each stage. */
  timings: { pca: number; clustering: number; support: number };
  /** Per voter row: the cluster index (into model.clusters), or −1 when not placed. For tests and benches. */
  assignment: Int32Array;
}

/** performance.now is a global in Node and browsers alike (shared/ takes no Node built-in). */
const now = (): number => globalThis.performance.now();

/** xorshift32: a deterministic start for the power iteration. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296 - 0.5;
  };
}

/** Per item: mean of its votes (0 without any). */
export function itemMeans(m: VoteMatrix): Float64Array {
  const sum = new Float64Array(m.items);
  const count = new Float64Array(m.items);
  for (let e = 0; e < m.value.length; e++) {
    sum[m.col[e]!]! += m.value[e]!;
    count[m.col[e]!]! += 1;
  }
  for (let j = 0; j < m.items; j++) sum[j] = count[j]! > 0 ? sum[j]! / count[j]! : 0;
  return sum;
}

/**
 * The first `k` principal components of the centred sparse matrix (missing votes left out), by
 * block power iteration with Gram–Schmidt: V ← orth(Xᵀ(X·V)). `start` (the previous components,
 * aligned on the current items) warm-starts it; each result keeps the sign of its start.
 */
export function sparsePca(
  m: VoteMatrix,
  centred: Float64Array,
  include: Uint8Array,
  k: number,
  start?: (number[] | null)[],
  opts: { tolerance?: number; maxIterations?: number } = {},
): { components: Float64Array[]; iterations: number } {
  const tolerance = opts.tolerance ?? OPINION_PARAMS.tolerance;
  const maxIterations = opts.maxIterations ?? OPINION_PARAMS.maxIterations;
  const random = rng(0x9e3779b9);
  // the entries of the voters included, in one pass-friendly layout
  let n = 0;
  for (let e = 0; e < centred.length; e++) if (include[m.row[e]!]) n++;
  const R = new Int32Array(n), C = new Int32Array(n), X = new Float64Array(n);
  for (let e = 0, t = 0; e < centred.length; e++) {
    if (!include[m.row[e]!]) continue;
    R[t] = m.row[e]!;
    C[t] = m.col[e]!;
    X[t++] = centred[e]!;
  }
  // V and W as k interleaved columns: V[j·k + c]
  const items = m.items;
  let V = new Float64Array(items * k);
  for (let c = 0; c < k; c++) {
    const s = start?.[c];
    for (let j = 0; j < items; j++) V[j * k + c] = (s ? (s[j] ?? 0) : 0) + (s ? 1e-4 : 1) * random();
  }
  orthonormalise(V, items, k);
  const reference = Float64Array.from(V);
  // offsets premultiplied by k once: the loops below are the whole cost of a computation
  for (let t = 0; t < n; t++) {
    R[t] = R[t]! * k;
    C[t] = C[t]! * k;
  }
  const y = new Float64Array(m.voters * k);
  let W = new Float64Array(items * k);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    y.fill(0);
    W.fill(0);
    if (k === 3) {
      // the usual case (COMPONENTS = 3), unrolled
      for (let t = 0; t < n; t++) {
        const x = X[t]!, yr = R[t]!, vj = C[t]!;
        y[yr]! += x * V[vj]!;
        y[yr + 1]! += x * V[vj + 1]!;
        y[yr + 2]! += x * V[vj + 2]!;
      }
      for (let t = 0; t < n; t++) {
        const x = X[t]!, yr = R[t]!, wj = C[t]!;
        W[wj]! += x * y[yr]!;
        W[wj + 1]! += x * y[yr + 1]!;
        W[wj + 2]! += x * y[yr + 2]!;
      }
    } else {
      for (let t = 0; t < n; t++) {
        const x = X[t]!, yr = R[t]!, vj = C[t]!;
        for (let c = 0; c < k; c++) y[yr + c]! += x * V[vj + c]!;
      }
      for (let t = 0; t < n; t++) {
        const x = X[t]!, yr = R[t]!, wj = C[t]!;
        for (let c = 0; c < k; c++) W[wj + c]! += x * y[yr + c]!;
      }
    }
    orthonormalise(W, items, k);
    let moved = 0;
    for (let c = 0; c < k; c++) moved = Math.max(moved, 1 - Math.abs(columnDot(W, V, items, k, c, c)));
    const swap = V;
    V = W;
    W = swap;
    if (moved < tolerance) break;
  }
  const components: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    // the sign of an eigenvector is arbitrary: keep the start's, so that the map does not flip
    const sign = columnDot(V, reference, items, k, c, c) < 0 ? -1 : 1;
    const v = new Float64Array(items);
    for (let j = 0; j < items; j++) v[j] = sign * V[j * k + c]!;
    components.push(v);
  }
  return { components, iterations };
}

function columnDot(A: Float64Array, B: Float64Array, items: number, k: number, a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < items; j++) s += A[j * k + a]! * B[j * k + b]!;
  return s;
}

/** Gram–Schmidt in place on k interleaved columns; a column that vanishes is left at zero. */
function orthonormalise(V: Float64Array, items: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      const d = columnDot(V, V, items, k, c, p);
      for (let j = 0; j < items; j++) V[j * k + c]! -= d * V[j * k + p]!;
    }
    const norm = Math.sqrt(columnDot(V, V, items, k, c, c));
    if (norm > 0) for (let j = 0; j < items; j++) V[j * k + c]! /= norm;
  }
}

/** Votes per voter row. */
function voteCounts(m: VoteMatrix): Int32Array {
  const n = new Int32Array(m.voters);
  for (let e = 0; e < m.row.length; e++) n[m.row[e]!]! += 1;
  return n;
}

/**
 * A voter's position: Σ (vote − mean)·component over their votes, times √(items / votes) (pol.is).
 * `votes` are [item index, value] pairs.
 */
export function projectVoter(model: Pick<OpinionModel, 'means' | 'components'>, votes: readonly (readonly [number, number])[]): number[] | null {
  if (votes.length < OPINION_PARAMS.minVotes) return null;
  const scale = Math.sqrt(model.means.length / votes.length);
  return model.components.map((comp) => {
    let s = 0;
    for (const [j, v] of votes) s += (v - model.means[j]!) * comp[j]!;
    return s * scale;
  });
}

/** The cluster a point belongs to: the nearest centroid. */
export function nearestCluster(clusters: readonly { centroid: readonly number[] }[], point: readonly number[]): number {
  let best = -1;
  let bestD = Infinity;
  clusters.forEach((c, i) => {
    let d = 0;
    for (let t = 0; t < point.length; t++) d += (point[t]! - (c.centroid[t] ?? 0)) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Mean silhouette of `labels` over the points (Euclidean); points in singleton clusters count 0. */
export function silhouette(points: readonly number[][], labels: readonly number[], k: number): number {
  const d = points[0]?.length ?? 0;
  const flat = new Float64Array(points.length * d);
  points.forEach((p, i) => flat.set(p, i * d));
  return silhouetteFlat(flat, d, Int32Array.from(labels), k);
}

/** The same on n points laid out flat (point i at flat[i·d … i·d + d − 1]): O(n²), the sample's size is what bounds it. */
function silhouetteFlat(flat: Float64Array, d: number, labels: Int32Array, k: number): number {
  const n = labels.length;
  if (n < 2) return 0;
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) size[labels[i]!]! += 1;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const pi = i * d;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const pj = j * d;
      let dist = 0;
      for (let t = 0; t < d; t++) {
        const z = flat[pi + t]! - flat[pj + t]!;
        dist += z * z;
      }
      sums[labels[j]!]! += Math.sqrt(dist);
    }
    const own = labels[i]!;
    if (size[own]! <= 1) continue;
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
    if (!Number.isFinite(b)) continue;
    const s = Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    total += s;
  }
  return total / n;
}

/** Points laid out flat, `d` coordinates each. */
interface FlatPoints {
  flat: Float64Array;
  d: number;
  n: number;
}

/** Index of the nearest centroid to point i (ties: the first). */
function nearestFlat(P: FlatPoints, i: number, centroids: readonly number[][]): number {
  let best = -1;
  let bestD = Infinity;
  const base = i * P.d;
  for (let c = 0; c < centroids.length; c++) {
    const cc = centroids[c]!;
    let dist = 0;
    for (let t = 0; t < P.d; t++) {
      const z = P.flat[base + t]! - (cc[t] ?? 0);
      dist += z * z;
    }
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return best;
}

function inertia(points: readonly number[][], labels: readonly number[], centroids: readonly number[][]): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) {
    const c = centroids[labels[i]!]!;
    for (let t = 0; t < c.length; t++) s += (points[i]![t]! - c[t]!) ** 2;
  }
  return s;
}

/**
 * Best k-means of the points for one k: ml-kmeans on an evenly spaced sample of at most
 * KMEANS_SAMPLE points (`runs` seeded k-means++ runs, plus one from the previous centroids), the
 * lowest inertia kept; then every point goes to its nearest centroid and the centroids are
 * recomputed on all of them.
 */
function cluster(P: FlatPoints, sample: number[][], k: number, runs: number, previous?: number[][]): { centroids: number[][]; labels: Int32Array } {
  let best: { centroids: number[][]; inertia: number } | null = null;
  const starts: (number[][] | number)[] = previous && previous.length === k ? [previous] : [];
  for (let r = 0; r < runs || starts.length === 0; r++) starts.push(r + 1);
  for (const s of starts) {
    const res = typeof s === 'number'
      ? kmeans(sample, k, { seed: s, initialization: 'kmeans++', maxIterations: 100 })
      : kmeans(sample, k, { initialization: s.map((c) => [...c]), maxIterations: 100 });
    const around = res.centroids.map((centroid) => ({ centroid }));
    const labels = sample.map((p) => nearestCluster(around, p));
    const score = inertia(sample, labels, res.centroids);
    if (!best || score < best.inertia - 1e-9) best = { centroids: res.centroids, inertia: score };
  }
  const labels = new Int32Array(P.n);
  for (let i = 0; i < P.n; i++) labels[i] = nearestFlat(P, i, best!.centroids);
  return { centroids: recentre(P, labels, best!.centroids), labels };
}

function recentre(P: FlatPoints, labels: Int32Array, fallback: readonly number[][]): number[][] {
  const dims = fallback[0]?.length ?? 0;
  const sums = fallback.map(() => new Array<number>(dims).fill(0));
  const counts = fallback.map(() => 0);
  for (let i = 0; i < P.n; i++) {
    const l = labels[i]!;
    counts[l]! += 1;
    for (let t = 0; t < dims; t++) sums[l]![t]! += P.flat[i * P.d + t]!;
  }
  return sums.map((s, c) => (counts[c]! > 0 ? s.map((x) => x / counts[c]!) : [...fallback[c]!]));
}

/** Number of distinct points (k-means cannot make more clusters than that). */
function distinctPoints(P: FlatPoints, cap: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < P.n; i++) {
    seen.add(Array.from(P.flat.subarray(i * P.d, (i + 1) * P.d), (x) => x.toFixed(9)).join(','));
    if (seen.size >= cap) break;
  }
  return seen.size;
}

/** One group's support as bridging counts it: Laplace-smoothed, ½ when the group did not vote. */
export function bridgingShare(forVotes: number, mitigated: number, total: number): number {
  return (forVotes + 0.5 * mitigated + 1) / (total + 2);
}

function evenlySpaced(n: number, max: number): number[] {
  const stride = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  return out;
}

const GROUP_LETTERS = 'ABCDEFGHIJ';

export interface OpinionInput {
  matrix: VoteMatrix;
  /**
   * The previous model, aligned on the current items (null: an item it did not know): its
   * components warm-start the power iteration; its centroids k-means. With its silhouette, only
   * the previous k is fitted again, unless that k's silhouette fell by more than SILHOUETTE_SLACK
   * or `chooseK` asks for all of k = 2…5 again.
   */
  previous?: { components: (number[] | null)[]; centroids: number[][]; silhouette?: number | null | undefined; chooseK?: boolean | undefined } | undefined;
}

/** The whole computation: components, groups, per-group support, bridging. */
export function computeOpinionGroups(input: OpinionInput): OpinionResult {
  const m = input.matrix;
  const params = OPINION_PARAMS;
  const counts = voteCounts(m);
  const include = new Uint8Array(m.voters);
  for (let i = 0; i < m.voters; i++) include[i] = counts[i]! >= params.minVotes ? 1 : 0;
  const means = itemMeans(m);
  const centred = new Float64Array(m.value.length);
  for (let e = 0; e < centred.length; e++) centred[e] = m.value[e]! - means[m.col[e]!]!;
  const k = Math.min(params.components, m.items);
  const clock = now();
  const { components, iterations } = sparsePca(m, centred, include, k, input.previous?.components);

  // projections: Σ centred·component over a voter's votes, times √(items / votes)
  const proj = components.map(() => new Float64Array(m.voters));
  for (let e = 0; e < centred.length; e++) {
    const r = m.row[e]!;
    if (!include[r]) continue;
    for (let c = 0; c < components.length; c++) proj[c]![r]! += centred[e]! * components[c]![m.col[e]!]!;
  }
  const rows: number[] = [];
  for (let r = 0; r < m.voters; r++) if (include[r]) rows.push(r);
  const d = components.length;
  const P: FlatPoints = { flat: new Float64Array(rows.length * d), d, n: rows.length };
  rows.forEach((r, i) => {
    const scale = Math.sqrt(m.items / counts[r]!);
    for (let c = 0; c < d; c++) P.flat[i * d + c] = proj[c]![r]! * scale;
  });
  const pointAt = (i: number) => Array.from(P.flat.subarray(i * d, (i + 1) * d));

  const pcaDone = now();
  // k by silhouette, on an evenly spaced sample
  let chosen: { centroids: number[][]; labels: Int32Array } | null = null;
  let chosenK = 0;
  let chosenScore: number | null = null;
  let kSearch: OpinionResult['kSearch'] = 'none';
  const distinct = distinctPoints(P, OPINION_PARAMS.kMax + 1);
  if (P.n >= 2 * OPINION_PARAMS.minGroupSize && distinct >= OPINION_PARAMS.kMin) {
    const sampleIdx = evenlySpaced(P.n, OPINION_PARAMS.silhouetteSample);
    const sample = new Float64Array(sampleIdx.length * d);
    sampleIdx.forEach((i, s) => sample.set(P.flat.subarray(i * d, (i + 1) * d), s * d));
    const scoreOf = (labels: Int32Array, kk: number) => silhouetteFlat(sample, d, Int32Array.from(sampleIdx, (i) => labels[i]!), kk);
    const fitSample = evenlySpaced(P.n, OPINION_PARAMS.kmeansSample).map(pointAt);
    const previous = input.previous;
    const kMax = Math.min(OPINION_PARAMS.kMax, distinct);
    // a recomputation: the previous k again, from the previous centroids, kept while its silhouette holds
    const kPrevious = previous?.centroids.length ?? 0;
    if (previous && previous.silhouette != null && !previous.chooseK && kPrevious >= OPINION_PARAMS.kMin && kPrevious <= kMax) {
      const result = cluster(P, fitSample, kPrevious, 0, previous.centroids);
      const score = scoreOf(result.labels, kPrevious);
      if (score >= previous.silhouette - OPINION_PARAMS.silhouetteSlack) {
        chosen = result;
        chosenK = kPrevious;
        chosenScore = score;
        kSearch = 'kept';
      }
    }
    if (!chosen) {
      kSearch = 'all';
      const runs = previous ? 1 : OPINION_PARAMS.kmeansRuns;
      for (let kk = OPINION_PARAMS.kMin; kk <= kMax; kk++) {
        const result = cluster(P, fitSample, kk, runs, previous?.centroids);
        const score = scoreOf(result.labels, kk);
        if (chosenScore === null || score > chosenScore + 1e-9) {
          chosen = result;
          chosenK = kk;
          chosenScore = score;
        }
      }
    }
  }

  const clusteringDone = now();
  const assignment = new Int32Array(m.voters).fill(-1);
  const clusterSizes = new Array<number>(chosenK).fill(0);
  if (chosen) {
    rows.forEach((r, i) => {
      assignment[r] = chosen.labels[i]!;
      clusterSizes[chosen.labels[i]!]! += 1;
    });
  }
  // shown groups, largest first, lettered A, B, C…; smaller ones keep a null id
  const order = clusterSizes.map((size, c) => ({ size, c })).filter((g) => g.size >= params.minGroupSize).sort((a, b) => b.size - a.size || a.c - b.c);
  const idOf = new Map(order.map((g, i) => [g.c, GROUP_LETTERS[i]!]));
  const shownIndex = new Map(order.map((g, i) => [g.c, i]));
  const clusters = (chosen?.centroids ?? []).map((centroid, c) => ({ id: idOf.get(c) ?? null, size: clusterSizes[c]!, centroid }));

  // per item and shown group: for, mitigated, against (only placed voters in shown groups)
  const G = order.length;
  const tallies = new Int32Array(m.items * G * 3);
  for (let e = 0; e < m.value.length; e++) {
    const a = assignment[m.row[e]!]!;
    if (a < 0) continue;
    const g = shownIndex.get(a);
    if (g === undefined) continue;
    const slot = (m.col[e]! * G + g) * 3 + (m.value[e]! > 0 ? 0 : m.value[e]! === 0 ? 1 : 2);
    tallies[slot]! += 1;
  }
  const items: ItemOutput[] = [];
  for (let j = 0; j < m.items; j++) {
    const support: (number | null)[] = [];
    const votes: number[] = [];
    let logSum = 0;
    for (let g = 0; g < G; g++) {
      const base = (j * G + g) * 3;
      const t = tally(tallies[base]!, tallies[base + 1]!, tallies[base + 2]!);
      votes.push(t.total);
      support.push(t.total > 0 ? (t.for + 0.5 * t.mitigated) / t.total : null);
      logSum += Math.log(bridgingShare(t.for, t.mitigated, t.total));
    }
    items.push({ support, votes, bridging: G > 0 ? Math.exp(logSum / G) : null });
  }

  const groups: GroupOutput[] = order.map((g, gi) => {
    const centroid = chosen!.centroids[g.c]!;
    return { id: GROUP_LETTERS[gi]!, size: g.size, x: centroid[0] ?? 0, y: centroid[1] ?? 0, ...traits(tallies, m.items, G, gi) };
  });

  return {
    model: { means: Array.from(means), components: components.map((c) => Array.from(c)), clusters },
    groups,
    items,
    placed: rows.length,
    k: chosenK,
    silhouette: chosenScore,
    iterations,
    kSearch,
    timings: { pca: pcaDone - clock, clustering: clusteringDone - pcaDone, support: now() - clusteringDone },
    assignment,
  };
}

/**
 * What characterises group g (pol.is's representativeness, simplified): the items where its
 * agreement (or disagreement) share, Laplace-smoothed, exceeds that of the other shown groups'
 * voters the most, among those it leans to (> ½) with at least TRAIT_MIN_VOTES votes.
 */
function traits(tallies: Int32Array, items: number, G: number, g: number): { supports: number[]; rejects: number[] } {
  const supports: { j: number; d: number }[] = [];
  const rejects: { j: number; d: number }[] = [];
  for (let j = 0; j < items; j++) {
    let inFor = 0, inAgainst = 0, inN = 0, outFor = 0, outAgainst = 0, outN = 0;
    for (let h = 0; h < G; h++) {
      const base = (j * G + h) * 3;
      const f = tallies[base]!, mit = tallies[base + 1]!, a = tallies[base + 2]!;
      if (h === g) { inFor = f; inAgainst = a; inN = f + mit + a; } else { outFor += f; outAgainst += a; outN += f + mit + a; }
    }
    if (inN < OPINION_PARAMS.traitMinVotes) continue;
    const pFor = (inFor + 1) / (inN + 2), oFor = (outFor + 1) / (outN + 2);
    const pAgainst = (inAgainst + 1) / (inN + 2), oAgainst = (outAgainst + 1) / (outN + 2);
    if (pFor > 0.5 && pFor > oFor) supports.push({ j, d: pFor - oFor });
    if (pAgainst > 0.5 && pAgainst > oAgainst) rejects.push({ j, d: pAgainst - oAgainst });
  }
  const top = (xs: { j: number; d: number }[]) => xs.sort((a, b) => b.d - a.d || a.j - b.j).slice(0, OPINION_PARAMS.traits).map((x) => x.j);
  return { supports: top(supports), rejects: top(rejects) };
}

/**
 * The packed form the database sends (server/sql/opinions.ts): voters separated by « ; », each a
 * list of « +j », « =j » or « -j » (for, mitigé, against on item j) separated by « , ».
 */
export function parsePackedVotes(packed: string, items: number): VoteMatrix {
  // one pass over the character codes (150,000 votes: a megabyte, a few milliseconds)
  let cells = 1;
  for (let i = 0; i < packed.length; i++) {
    const ch = packed.charCodeAt(i);
    if (ch === 44 || ch === 59) cells++;
  }
  const row = new Int32Array(cells), col = new Int32Array(cells), value = new Int8Array(cells);
  let n = 0, voters = 0, lineHasCell = false;
  let sign = 0, j = -1, digits = 0, valid = true;
  const endCell = () => {
    if (sign !== 0 || j !== -1 || digits > 0) {
      lineHasCell = true;
      if (valid && digits > 0 && sign !== 0 && j < items) {
        row[n] = voters;
        col[n] = j;
        value[n++] = sign === 1 ? 1 : sign === 3 ? -1 : 0;
      }
    }
    sign = 0; j = -1; digits = 0; valid = true;
  };
  for (let i = 0; i <= packed.length; i++) {
    const ch = i < packed.length ? packed.charCodeAt(i) : 59;
    if (ch === 44) endCell();
    else if (ch === 59) {
      endCell();
      if (lineHasCell) voters++;
      lineHasCell = false;
    } else if (sign === 0 && digits === 0 && j === -1) {
      // + (43), = (61), - (45); anything else: an unreadable cell, skipped
      sign = ch === 43 ? 1 : ch === 61 ? 2 : ch === 45 ? 3 : 4;
      if (sign === 4) valid = false;
    } else if (ch >= 48 && ch <= 57 && digits < 10) {
      j = (j === -1 ? 0 : j) * 10 + (ch - 48);
      digits++;
    } else valid = false;
  }
  return { voters, items, row: row.slice(0, n), col: col.slice(0, n), value: value.slice(0, n) };
}
