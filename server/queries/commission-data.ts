import { type AdoptedAmendment, type BillArticle, type ExaminationGroup } from '../../shared/reconcile';
import { compute } from '../compute';
import type { Queryable } from '../db/db';
import { listAuthors, type AuthorRow } from '../sql/amendment-authors';
import { listBillAmendments, type AmendmentRow } from '../sql/amendments';
import { listBillArticles, listBillArticleVersions } from '../sql/articles';
import { listBillDecisions, type DecisionRow } from '../sql/decisions';
import { lastBillEventId } from '../sql/events';

const ORDER_CACHE_SIZE = 32;
/** The examination order of recently read bills (least recently computed first). */
const ORDER_CACHE = new Map<string, { version: string; groups: ExaminationGroup[] }>();

/** FNV-1a over each examined amendment's id, status, base and text, and the articles' texts (~10 ms for 5,000). */
function fingerprint(rows: readonly AmendmentRow[], articles: readonly BillArticle[]): string {
  let h = 0x811c9dc5;
  const eat = (text: string) => {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  };
  for (const r of rows) eat(`${r.id}|${r.status}|${r.base_version}|${r.parent_id ?? ''}|${r.alineas.join('\n')}`);
  for (const a of articles) eat(`${a.id}|${a.alineas.join('\n')}`);
  return `${rows.length}:${(h >>> 0).toString(36)}`;
}

/**
 * Everything the commission's examination and the reconciliation read of a bill, in one load:
 * the articles as they stand before adoption, the published amendments (with the text each was
 * written against), their examination order, identical groups, decisions and authors.
 */
export async function loadCommissionData(db: Queryable, billId: string) {
  // One after the other: inside a transaction, one connection runs one query at a time.
  const articleRows = await listBillArticles(db, billId);
  const rows = await listBillAmendments(db, billId);
  const versions = await listBillArticleVersions(db, billId);
  const decisions = await listBillDecisions(db, billId);
  const articles: BillArticle[] = articleRows.map((a) => ({ id: a.id, number: a.number, alineas: a.alineas }));
  // Examined: what is still open or was decided (not drafts, withdrawn or inadmissible ones). A
  // chamber's amendments are shown, not examined: their outcome is the chamber's, not this text's.
  const examined = rows.filter((r) => r.origin !== 'parliament').filter((r) => r.status === 'submitted' || r.status === 'formalised' || r.status === 'adopted' || r.status === 'rejected' || r.status === 'fallen' || r.status === 'not_examined');
  const change = (r: AmendmentRow) => ({
    id: r.id, articleId: r.article_id, kind: r.kind, base: versions.get(`${r.article_id}:${r.base_version}`) ?? [], alineas: r.alineas,
  });
  // Examination order diffs every amendment against its article (~0.1 ms each): computed once per
  // state of the bill. Any change that could move it (a submission, a formalisation, a decision, a
  // withdrawal, a new article version) appends an event, hence the key.
  // Events can commit out of id order, so the key also fingerprints what the order reads.
  const version = `${await lastBillEventId(db, billId)}:${fingerprint(examined, articles)}`;
  let groups: ExaminationGroup[];
  const cached = ORDER_CACHE.get(billId);
  if (cached && cached.version === version) groups = cached.groups;
  else {
    // in the compute pool (it has its own cache, keyed on the bill's state)
    const amendments = examined.map((r) => ({ ...change(r), number: r.number ?? 0, origin: r.origin, parentId: r.parent_id }));
    groups = await compute().run('examinationOrder', { articles, amendments }, { cache: false });
    ORDER_CACHE.delete(billId);
    ORDER_CACHE.set(billId, { version, groups });
    if (ORDER_CACHE.size > ORDER_CACHE_SIZE) ORDER_CACHE.delete(ORDER_CACHE.keys().next().value!);
  }
  // Each amendment's place in the examination (identical ones side by side, in their group's order).
  const rank = new Map<string, number>(groups.flatMap((g) => g.amendmentIds).map((id, i) => [id, i]));
  const authors = await listAuthors(db, examined.map((r) => r.id));
  const byId = new Map(examined.map((r) => [r.id, r]));
  return {
    articles, rows: examined, byId, groups, rank, authors, change,
    decisions: new Map<string, DecisionRow>(decisions.map((d) => [d.amendment_id, d])),
    /** The adopted amendments as the reconciliation takes them, in examination order. */
    adopted(extra: readonly AmendmentRow[] = []): AdoptedAmendment[] {
      // a sous-amendement changes its amendment's text, never the article: its adoption is in that text
      const list = [...examined.filter((r) => r.status === 'adopted'), ...extra].filter((r) => r.parent_id === null);
      return list
        .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))
        .map((r) => ({ ...change(r), number: r.number, authors: (authors.get(r.id) ?? []).map((x: AuthorRow) => ({ id: x.id, displayName: x.display_name })) }));
    },
    /** The identical open amendments decided with `a` by one vote (itself included), by the stored identity key. */
    groupOf(a: AmendmentRow): AmendmentRow[] {
      // sous-amendements are examined one by one, each just before its amendment
      if (a.parent_id !== null) return [a];
      return examined.filter((r) => r.id === a.id || ((r.status === 'submitted' || r.status === 'formalised') && r.parent_id === null && r.identity_key === a.identity_key));
    },
  };
}

export type CommissionData = Awaited<ReturnType<typeof loadCommissionData>>;
