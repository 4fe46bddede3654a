import type { AmendmentStatus } from '../../shared/amendment';
import { rankItems, type Ranking } from '../../shared/ranking';
import { tally } from '../../shared/votes';
import type { Queryable } from '../db/db';
import { listAuthors } from '../sql/amendment-authors';
import { findAmendments, listRankRows } from '../sql/amendments';
import { presentAmendmentSummary } from './amendment';

export interface ListQuery {
  billId: string;
  articleId?: string | undefined;
  status?: AmendmentStatus | undefined;
  sort: Ranking;
  viewerSeed: string;
  limit: number;
  offset: number;
}

/**
 * One page of a bill's published amendments in the chosen ranking. The whole list is ranked from
 * light rows (ids, positions, tallies), then only the page is loaded in full: ranking 1,000
 * amendments costs one small query, not 1,000 full rows.
 */
export async function listAmendmentsPage(db: Queryable, q: ListQuery) {
  const rows = await listRankRows(db, q.billId, { articleId: q.articleId, status: q.status });
  const ranked = rankItems(
    rows.map((r) => ({
      id: r.id,
      tally: tally(r.n_for, r.n_mitigated, r.n_against),
      position: [r.article_position, r.number] as [number, number],
      submittedAt: r.submitted_at.getTime(),
    })),
    q.sort,
    { viewerSeed: q.viewerSeed },
  );
  const page = ranked.slice(q.offset, q.offset + q.limit);
  const ids = page.map((p) => p.id);
  const [full, authors] = await Promise.all([findAmendments(db, ids), listAuthors(db, ids)]);
  const byId = new Map(full.map((a) => [a.id, a]));
  const amendments = page.flatMap((p) => {
    const a = byId.get(p.id);
    return a ? [presentAmendmentSummary(a, authors.get(a.id) ?? [], p.tally)] : [];
  });
  return { amendments, total: ranked.length, limit: q.limit, offset: q.offset, sort: q.sort };
}
