import { AMENDMENT_STATUSES, displayNumber, type AmendmentKind, type AmendmentStatus } from '../../shared/amendment';
import { changeSignature, NEAR_IDENTICAL, similarity } from '../../shared/similarity';
import type { Queryable } from '../db/db';
import { listAuthors } from '../sql/amendment-authors';
import { listBillAmendments, type AmendmentRow } from '../sql/amendments';
import { listBillArticles, listBillArticleVersions } from '../sql/articles';
import type { BillRow } from '../sql/bills';
import { findUsersByIds, type UserRow } from '../sql/users';
import { presentAuthor } from './amendment';

/** What the clerks' queue can be narrowed to. `open` = submitted or formalised. */
export const DESK_STATUSES = ['open', 'submitted', 'formalised', 'inadmissible', 'all'] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];
export const DESK_ASSIGNED = ['any', 'me', 'none'] as const;

export interface DeskFilters {
  status: DeskStatus;
  articleId?: string | undefined;
  kind?: AmendmentKind | undefined;
  assigned: (typeof DESK_ASSIGNED)[number];
  limit: number;
  offset: number;
}

const matchesStatus = (status: AmendmentStatus, wanted: DeskStatus) =>
  wanted === 'all' || (wanted === 'open' ? status === 'submitted' || status === 'formalised' : status === wanted);

/**
 * The clerks' desk of a bill: counts, then the amendments in text order, identical ones grouped
 * (one group = one decision), each group with its near-identical suggestions (shared/similarity).
 * Loads the bill's published amendments in one query; a clerk's page, not a hot path.
 */
export async function loadDesk(db: Queryable, bill: BillRow, viewer: UserRow, f: DeskFilters) {
  const [rows, articles] = await Promise.all([listBillAmendments(db, bill.id), listBillArticles(db, bill.id)]);
  const counts = Object.fromEntries(AMENDMENT_STATUSES.filter((s) => s !== 'draft').map((s) => [s, 0])) as Record<Exclude<AmendmentStatus, 'draft'>, number>;
  const openByArticle = new Map<string, number>();
  for (const r of rows) {
    if (r.status !== 'draft') counts[r.status] += 1;
    if (r.status === 'submitted' || r.status === 'formalised') openByArticle.set(r.article_id, (openByArticle.get(r.article_id) ?? 0) + 1);
  }
  const selected = rows.filter((r) =>
    matchesStatus(r.status, f.status)
    && (!f.articleId || r.article_id === f.articleId)
    && (!f.kind || r.kind === f.kind)
    && (f.assigned === 'any' || (f.assigned === 'me' ? r.assigned_clerk_id === viewer.id : r.assigned_clerk_id === null)));

  // Identical amendments (same stored identity key: article, kind, trimmed text) form one group, placed at its first member.
  const groups = new Map<string, AmendmentRow[]>();
  for (const r of selected) {
    const key = r.identity_key;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const allGroups = [...groups.entries()];
  const page = allGroups.slice(f.offset, f.offset + f.limit);

  const near = await nearIdentical(db, bill.id, page.map(([, g]) => g[0]!), rows);
  const onPage = page.flatMap(([, g]) => g);
  const [authors, clerks] = await Promise.all([
    listAuthors(db, onPage.map((r) => r.id)),
    findUsersByIds(db, [...new Set(onPage.map((r) => r.assigned_clerk_id).filter((x): x is string => x !== null))]),
  ]);
  const item = (r: AmendmentRow) => {
    const clerk = r.assigned_clerk_id ? clerks.get(r.assigned_clerk_id) : undefined;
    return {
      id: r.id, number: r.number, displayNumber: displayNumber(r.origin, r.number), articleId: r.article_id, articleNumber: r.article_number,
      kind: r.kind, status: r.status, origin: r.origin, stale: (r.status === 'submitted' || r.status === 'formalised') && r.base_version !== r.article_version,
      authors: (authors.get(r.id) ?? []).map(presentAuthor), submittedAt: r.submitted_at?.toISOString() ?? null,
      assignedClerk: clerk ? { id: clerk.id, displayName: clerk.display_name } : null,
      inadmissible: r.inadmissible_ground ? { ground: r.inadmissible_ground, reason: r.inadmissible_reason ?? '' } : null,
    };
  };
  return {
    bill: { id: bill.id, title: bill.title, status: bill.status },
    counts: { ...counts, open: counts.submitted + counts.formalised, total: rows.length },
    articles: articles.map((a) => ({ id: a.id, number: a.number, open: openByArticle.get(a.id) ?? 0 })),
    totalGroups: allGroups.length,
    totalAmendments: selected.length,
    groups: page.map(([key, g]) => ({
      key,
      identical: g.length > 1,
      amendments: g.map(item),
      nearIdentical: near.get(g[0]!.id) ?? [],
    })),
  };
}

export type DeskView = Awaited<ReturnType<typeof loadDesk>>;

/**
 * For each amendment given, the other open amendments of its article and kind whose changes are
 * near-identical (similarity ≥ NEAR_IDENTICAL, not identical), most similar first.
 */
async function nearIdentical(db: Queryable, billId: string, heads: AmendmentRow[], all: AmendmentRow[]) {
  const result = new Map<string, { id: string; displayNumber: string | null; similarity: number }[]>();
  if (heads.length === 0) return result;
  const bases = await listBillArticleVersions(db, billId);
  const signatures = new Map<string, Set<string>>();
  const signature = (r: AmendmentRow) => {
    let s = signatures.get(r.id);
    if (!s) {
      s = changeSignature(r.kind, bases.get(`${r.article_id}:${r.base_version}`) ?? [], r.alineas);
      signatures.set(r.id, s);
    }
    return s;
  };
  for (const head of heads) {
    const key = head.identity_key;
    const found = all
      .filter((o) => o.article_id === head.article_id && o.kind === head.kind && o.id !== head.id
        && (o.status === 'submitted' || o.status === 'formalised') && o.identity_key !== key)
      .map((o) => ({ id: o.id, displayNumber: displayNumber(o.origin, o.number), similarity: similarity(signature(head), signature(o)) }))
      .filter((x) => x.similarity >= NEAR_IDENTICAL)
      .sort((x, y) => y.similarity - x.similarity)
      .slice(0, 5)
      .map((x) => ({ ...x, similarity: Math.round(x.similarity * 100) / 100 }));
    result.set(head.id, found);
  }
  return result;
}
