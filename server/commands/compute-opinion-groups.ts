import type { OpinionInput } from '../../shared/opinion-groups';
import { compute } from '../compute';
import type { Db } from '../db/db';
import { OpinionVoteCache, type LastModel } from '../opinion-vote-cache';
import { findPreviousModel, saveOpinionMap } from '../sql/opinions';

/** Every k is tried again once the votes changed by this share since the last time (k kept in between while its silhouette holds). */
const K_CHOICE_DRIFT = 0.1;

/** A previous model's components and centroids, aligned on the current items (0 for a new item). */
function alignPrevious(last: Omit<LastModel, 'votesAtKChoice'> | undefined, itemKeys: readonly string[], chooseK: boolean): OpinionInput['previous'] {
  if (!last || last.components.length === 0) return undefined;
  const at = new Map(last.itemKeys.map((k, j) => [k, j]));
  const index = itemKeys.map((k) => at.get(k));
  if (!index.some((j) => j !== undefined)) return undefined;
  return {
    components: last.components.map((comp) => index.map((j) => (j === undefined ? 0 : comp[j] ?? 0))),
    centroids: last.centroids,
    silhouette: last.silhouette,
    chooseK,
  };
}

export interface OpinionRun {
  stored: boolean;
  /** Item score rows written: only those that changed, when this process stored the previous map. */
  rowsWritten: number;
  /** Milliseconds: reading the votes, computing (in the pool), storing. */
  loadMs: number;
  computeMs: number;
  saveMs: number;
  voters: number;
  groups: number;
  iterations: number;
  /** `full`: every vote read; `patch`: only the items a vote event touched since the last computation. */
  read: 'full' | 'patch';
  votesRead: number;
  /** `all`: k = 2…5 tried; `kept`: the previous k, its silhouette held. */
  kSearch: 'all' | 'kept' | 'none';
}

/**
 * Recomputes a bill's opinion groups (docs/opinion-groups.md): its vote matrix from `cache`
 * (patched from the vote events since the last computation; without a cache, read whole), then
 * the computation in the compute pool, warm-started from the previous model (the cache's, else the
 * stored one), then the result stored unless a newer one is there. The scheduler
 * (server/opinion-scheduler.ts) calls it after votes change, with its cache.
 */
export async function computeOpinionGroupsOf(db: Db, billId: string, cache: OpinionVoteCache = new OpinionVoteCache()): Promise<OpinionRun> {
  const t0 = performance.now();
  const held = cache.lastModel(billId);
  const [votes, stored] = await Promise.all([cache.matrix(db, billId), held ? undefined : findPreviousModel(db, billId)]);
  const last: LastModel | undefined = held ?? (stored && {
    itemKeys: stored.item_keys, components: stored.model.components, centroids: stored.model.clusters.map((c) => c.centroid),
    silhouette: stored.silhouette, votesAtKChoice: -1,
  });
  const total = votes.matrix.row.length;
  const chooseK = !last || last.votesAtKChoice < 0 || Math.abs(total - last.votesAtKChoice) > K_CHOICE_DRIFT * Math.max(1, last.votesAtKChoice);
  const t1 = performance.now();
  const result = await compute().run('opinionGroups', { matrix: votes.matrix, previous: alignPrevious(last, votes.itemKeys, chooseK) }, { cache: false, lane: 'background' });
  const t2 = performance.now();
  cache.remember(billId, {
    itemKeys: votes.itemKeys, components: result.model.components, centroids: result.model.clusters.map((c) => c.centroid), silhouette: result.silhouette,
    votesAtKChoice: result.kSearch === 'kept' && last ? last.votesAtKChoice : total,
  });
  const key = (j: number) => votes.itemKeys[j]!;
  const saved = await saveOpinionMap(db, billId, {
    watermark: votes.watermark,
    itemKeys: votes.itemKeys,
    model: result.model,
    groups: result.groups.map((g) => ({ ...g, supports: g.supports.map(key), rejects: g.rejects.map(key) })),
    items: result.items,
    placed: result.placed,
    k: result.k,
    silhouette: result.silhouette,
    durationMs: t2 - t1,
  }, cache.savedScores(billId));
  if (saved) cache.rememberSaved(billId, saved.saved);
  return {
    stored: saved !== null, rowsWritten: saved?.rowsWritten ?? 0, loadMs: t1 - t0, computeMs: t2 - t1, saveMs: performance.now() - t2,
    voters: result.placed, groups: result.groups.length, iterations: result.iterations,
    read: votes.kind, votesRead: votes.votesRead, kSearch: result.kSearch,
  };
}
