import { nearestCluster, OPINION_PARAMS, projectVoter } from '../../shared/opinion-groups';
import type { Queryable } from '../db/db';
import { findOpinionMap, listOpinionItems, loadMyOpinionVotes } from '../sql/opinions';

type ItemRef = { type: 'amendment' | 'argument'; id: string };
const ref = (key: string): ItemRef => {
  const [type, id] = key.split(':') as ['amendment' | 'argument', string];
  return { type, id };
};

/**
 * `GET /api/bills/:billId/opinion-groups` (API.md › Legitimacy): the groups shown (10 voters or
 * more) with what characterises them, and each amendment's and argument's support per group and
 * bridging score. Aggregates only: no voter, no position of a voter, no group under 10.
 */
export async function presentOpinionGroups(db: Queryable, billId: string) {
  const map = await findOpinionMap(db, billId);
  if (!map) return { computedAt: null, groups: [], items: [], parameters: OPINION_PARAMS };
  const items = await listOpinionItems(db, billId);
  const live = new Set(items.map((r) => `${r.target_type}:${r.target_id}`));
  return {
    computedAt: map.computed_at.toISOString(),
    groups: map.groups.map((g) => ({
      id: g.id, size: g.size, x: g.x, y: g.y,
      supports: g.supports.filter((k) => live.has(k)).map(ref),
      rejects: g.rejects.filter((k) => live.has(k)).map(ref),
    })),
    items: items.map((r) => ({ type: r.target_type, id: r.target_id, support: r.support, votes: r.votes, bridging: r.bridging })),
    parameters: OPINION_PARAMS,
  };
}

export type MyGroupReason = 'not_computed' | 'too_few_votes' | 'small_group';

/**
 * The viewer's own group: their current votes placed with the stored model (the same projection
 * and nearest centroid as the computation). Nobody else can ask for it; nothing stores it.
 */
export async function myOpinionGroup(db: Queryable, billId: string, userId: string): Promise<{ group: string | null; reason?: MyGroupReason }> {
  const map = await findOpinionMap(db, billId);
  if (!map || map.model.clusters.length === 0) return { group: null, reason: 'not_computed' };
  const at = new Map(map.item_keys.map((k, j) => [k, j]));
  const votes: [number, number][] = [];
  for (const v of await loadMyOpinionVotes(db, billId, userId)) {
    const j = at.get(v.key);
    if (j !== undefined) votes.push([j, v.value === 'for' ? 1 : v.value === 'against' ? -1 : 0]);
  }
  const point = projectVoter(map.model, votes);
  if (!point) return { group: null, reason: 'too_few_votes' };
  const cluster = map.model.clusters[nearestCluster(map.model.clusters, point)]!;
  return cluster.id ? { group: cluster.id } : { group: null, reason: 'small_group' };
}
