import type { OpinionModel } from '../../shared/opinion-groups';
import { compute } from '../compute';
import type { Db } from '../db/db';
import { findPreviousModel, loadOpinionVotes, saveOpinionMap } from '../sql/opinions';

/** The previous model's components and centroids, aligned on the current items (0 for a new item). */
function alignPrevious(previous: { item_keys: string[]; model: OpinionModel } | undefined, itemKeys: readonly string[]) {
  if (!previous || previous.model.components.length === 0) return undefined;
  const at = new Map(previous.item_keys.map((k, j) => [k, j]));
  const index = itemKeys.map((k) => at.get(k));
  if (!index.some((j) => j !== undefined)) return undefined;
  return {
    components: previous.model.components.map((comp) => index.map((j) => (j === undefined ? 0 : comp[j] ?? 0))),
    centroids: previous.model.clusters.map((c) => c.centroid),
  };
}

export interface OpinionRun {
  stored: boolean;
  /** Milliseconds: reading the votes, computing (in the pool), storing. */
  loadMs: number;
  computeMs: number;
  saveMs: number;
  voters: number;
  groups: number;
  iterations: number;
}

/**
 * Recomputes a bill's opinion groups (docs/opinion-groups.md): reads its votes (packed, no account
 * id), computes in the compute pool warm-started from the stored model, stores the result unless a
 * newer one is there. The scheduler (server/opinion-scheduler.ts) calls it after votes change.
 */
export async function computeOpinionGroupsOf(db: Db, billId: string): Promise<OpinionRun> {
  const t0 = performance.now();
  const [votes, previous] = await Promise.all([loadOpinionVotes(db, billId), findPreviousModel(db, billId)]);
  const t1 = performance.now();
  const result = await compute().run('opinionGroups', {
    packed: votes.packed, items: votes.itemKeys.length, previous: alignPrevious(previous, votes.itemKeys),
  }, { cache: false });
  const t2 = performance.now();
  const key = (j: number) => votes.itemKeys[j]!;
  const stored = await saveOpinionMap(db, billId, {
    watermark: votes.watermark,
    itemKeys: votes.itemKeys,
    model: result.model,
    groups: result.groups.map((g) => ({ ...g, supports: g.supports.map(key), rejects: g.rejects.map(key) })),
    items: result.items,
    placed: result.placed,
    k: result.k,
    silhouette: result.silhouette,
    durationMs: t2 - t1,
  });
  return {
    stored, loadMs: t1 - t0, computeMs: t2 - t1, saveMs: performance.now() - t2,
    voters: result.placed, groups: result.groups.length, iterations: result.iterations,
  };
}
