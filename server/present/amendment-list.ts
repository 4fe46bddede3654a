import type { AmendmentStatus } from '../../shared/amendment';
import { rankItems, type Ranking } from '../../shared/ranking';
import { tally } from '../../shared/votes';
import type { Queryable } from '../db/db';
import { listAuthors, type AuthorRow } from '../sql/amendment-authors';
import { findAmendments, listRankRows, type AmendmentRow } from '../sql/amendments';
import { loadCommissionData } from '../queries/commission-data';
import { lastBillEventId } from '../sql/events';
import { getTallies, type TallyScope } from '../sql/votes';
import { opinionItemsOf } from '../sql/opinions';
import { ListCache } from './list-cache';
import { presentAmendmentSummary } from './amendment';

export interface ListQuery {
  billId: string;
  articleId?: string | undefined;
  status?: AmendmentStatus | undefined;
  sort: Ranking;
  /** Whose votes the tallies (and the rankings by votes) count: everyone's, or verified identities' only. */
  assurance?: TallyScope | undefined;
  viewerSeed: string;
  limit: number;
  offset: number;
}

type Page = { ids: string[]; total: number; rows: Map<string, AmendmentRow>; authors: Map<string, AuthorRow[]> };

export type AmendmentListCache = ListCache<Page>;
export const createAmendmentListCache = (): AmendmentListCache => new ListCache<Page>();

/**
 * One page of a bill's published amendments in the chosen ranking. The whole list is ranked from
 * light rows (ids, positions, tallies), then only the page is loaded in full: ranking 1,000
 * amendments costs one small query, not 1,000 full rows. The ranked page is cached for a second
 * (see ListCache); its tallies are read live on every request.
 */
export async function listAmendmentsPage(db: Queryable, cache: AmendmentListCache, q: ListQuery) {
  const version = await lastBillEventId(db, q.billId);
  const scope = q.assurance ?? 'all';
  const key = JSON.stringify([q.billId, q.articleId ?? null, q.status ?? null, q.sort, scope, q.viewerSeed, q.limit, q.offset, version]);
  const page = await cache.get(key, () => rankPage(db, q));
  const tallies = await getTallies(db, 'amendment', page.ids, scope);
  const amendments = page.ids.flatMap((id) => {
    const a = page.rows.get(id);
    return a ? [presentAmendmentSummary(a, page.authors.get(id) ?? [], tallies.get(id) ?? tally(0, 0, 0))] : [];
  });
  return { amendments, total: page.total, limit: q.limit, offset: q.offset, sort: q.sort, assurance: scope };
}

const VOTE_RANKINGS: ReadonlySet<Ranking> = new Set(['support', 'bridging', 'controversy']);

/** Beyond any examination rank: amendments not examined (withdrawn, inadmissible) close their article. */
const NOT_EXAMINED = 1_000_000;

async function rankPage(db: Queryable, q: ListQuery): Promise<Page> {
  const all = await listRankRows(db, q.billId, { articleId: q.articleId, status: q.status });
  // Citizens do not vote on parliamentary amendments: rankings by votes leave them out.
  const rows = VOTE_RANKINGS.has(q.sort) ? all.filter((r) => r.origin !== 'parliament') : all;
  // The text order is the examination order (LEGISTIQUE.md), which reads the amendments' texts.
  const examined = q.sort === 'position' ? (await loadCommissionData(db, q.billId)).rank : new Map<string, number>();
  // ranked by the verified identities' votes when those are the ones shown
  const verified = q.assurance === 'verified' && VOTE_RANKINGS.has(q.sort) ? await getTallies(db, 'amendment', rows.map((r) => r.id), 'verified') : undefined;
  // bridging: the scores of the last opinion-group computation (docs/opinion-groups.md)
  const bridging = q.sort === 'bridging' ? await opinionItemsOf(db, q.billId, 'amendment', rows.map((r) => r.id)) : undefined;
  const ranked = rankItems(
    rows.map((r) => ({
      id: r.id,
      tally: verified?.get(r.id) ?? tally(r.n_for, r.n_mitigated, r.n_against),
      position: [r.article_position, examined.get(r.id) ?? NOT_EXAMINED + r.number] as [number, number],
      submittedAt: r.submitted_at.getTime(),
      bridging: bridging?.get(r.id)?.bridging ?? null,
    })),
    q.sort,
    { viewerSeed: q.viewerSeed },
  );
  const ids = ranked.slice(q.offset, q.offset + q.limit).map((p) => p.id);
  const [full, authors] = await Promise.all([findAmendments(db, ids), listAuthors(db, ids)]);
  return { ids, total: ranked.length, rows: new Map(full.map((a) => [a.id, a])), authors };
}
