import { amendmentTitle, parliamentLabel, rowNumber } from '../../shared/amendment';
import type { Queryable } from '../db/db';
import { AppError } from '../errors';
import { presentDeclaration, presentHearing, presentMark, type DeclarationView, type HearingView, type MarkView } from '../present/interest';
import { findArticle, listBillArticles } from '../sql/articles';
import { findBill, type BillRow } from '../sql/bills';
import { footprintRows } from '../sql/footprint';
import { listHearings } from '../sql/hearings';
import { listMarks } from '../sql/inspiration-marks';
import { findDeclarations } from '../sql/interest-representatives';
import { findUsersByIds } from '../sql/users';
import { msg } from '../../shared/i18n';

/**
 * The legislative footprint (docs/interest-representatives.md) of a bill or of one article: every
 * published contribution written by an interest representative or inspired by one (as its
 * authors declared, or as a clerk marked it, with who marked it), and the commission's hearings.
 */

/** How a contribution is tied to a representative. */
export type Relation = 'author' | 'inspiredBy' | 'markedByClerk';
export interface Link {
  representative: { id: string; displayName: string };
  relation: Relation;
  /** A clerk's marking: who, when, why. */
  mark?: Omit<MarkView, 'representative'>;
}

const EXCERPT = 280;
const excerpt = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT - 1).trimEnd()}…` : s);

export interface FootprintContribution {
  type: 'amendment' | 'argument' | 'annotation';
  id: string;
  url: string;
  at: string | null;
  article: { id: string; number: string };
  /** « Amendement n° 12 », « Argument pour l’article 3 », « Annotation ». */
  title: string;
  amendment?: { displayNumber: string | null; kind: string; status: string };
  excerpt?: string;
  links: Link[];
}

export interface RepresentativeView {
  id: string;
  displayName: string;
  declaration: DeclarationView | null;
}

export interface ArticleFootprint {
  article: { id: string; number: string };
  contributions: FootprintContribution[];
  /** Hearings about this article (those about the whole text are in the bill's `hearings`). */
  hearings: HearingView[];
}

export interface BillFootprint {
  bill: { id: string; title: string };
  representatives: RepresentativeView[];
  articles: ArticleFootprint[];
  hearings: HearingView[];
}

async function build(db: Queryable, bill: BillRow, articleId: string | null): Promise<BillFootprint> {
  const [rows, hearingRows, articles] = await Promise.all([
    footprintRows(db, bill.id, articleId),
    listHearings(db, bill.id),
    articleId ? findArticle(db, articleId).then((a) => (a ? [a] : [])) : listBillArticles(db, bill.id),
  ]);
  const marks = await listMarks(db, rows.amendments.map((a) => a.id));
  const repIds = new Set<string>();
  for (const a of rows.amendments) {
    a.representative_authors.forEach((id) => repIds.add(id));
    if (a.inspired_by) repIds.add(a.inspired_by);
  }
  for (const m of marks) repIds.add(m.representative_id);
  for (const g of rows.arguments) {
    if (g.by_representative) repIds.add(g.author_id);
    if (g.inspired_by) repIds.add(g.inspired_by);
  }
  for (const n of rows.annotations) repIds.add(n.author_id);
  for (const h of hearingRows) if (h.representative_id) repIds.add(h.representative_id);
  const [users, declarations] = await Promise.all([findUsersByIds(db, [...repIds]), findDeclarations(db, [...repIds])]);
  const who = (id: string) => ({ id, displayName: users.get(id)?.display_name ?? '' });

  const contributions: FootprintContribution[] = [];
  for (const a of rows.amendments) {
    const displayNumber = rowNumber(a);
    const links: Link[] = [
      ...a.representative_authors.map((id): Link => ({ representative: who(id), relation: 'author' })),
      ...(a.inspired_by ? [{ representative: who(a.inspired_by), relation: 'inspiredBy' as const }] : []),
      ...marks.filter((m) => m.amendment_id === a.id).map((m): Link => {
        const { representative, ...mark } = presentMark(m);
        return { representative, relation: 'markedByClerk', mark };
      }),
    ];
    contributions.push({
      type: 'amendment', id: a.id, url: `/amendements/${a.id}`, at: a.submitted_at?.toISOString() ?? null,
      article: { id: a.article_id, number: a.article_number }, title: amendmentTitle(displayNumber, a.parliament_number ? { label: parliamentLabel(a.parliament_number, null) } : null),
      amendment: { displayNumber, kind: a.kind, status: a.status }, links,
    });
  }
  for (const g of rows.arguments) {
    const links: Link[] = [
      ...(g.by_representative ? [{ representative: who(g.author_id), relation: 'author' as const }] : []),
      ...(g.inspired_by ? [{ representative: who(g.inspired_by), relation: 'inspiredBy' as const }] : []),
    ];
    contributions.push({
      type: 'argument', id: g.id, url: `${g.target_type === 'amendment' ? `/amendements/${g.target_id}` : `/articles/${g.article_id}`}#argument-${g.id}`,
      at: g.created_at.toISOString(), article: { id: g.article_id, number: g.article_number },
      title: `Argument ${g.side === 'for' ? 'pour' : 'contre'} ${g.target_type === 'amendment' ? 'un amendement' : `l’article ${g.article_number}`}`,
      excerpt: excerpt(g.body), links,
    });
  }
  for (const n of rows.annotations) {
    contributions.push({
      type: 'annotation', id: n.id, url: `/articles/${n.article_id}#annotation-${n.id}`, at: n.created_at.toISOString(),
      article: { id: n.article_id, number: n.article_number }, title: `Annotation sur « ${excerpt(n.quote).slice(0, 120)} »`,
      excerpt: excerpt(n.body), links: [{ representative: who(n.author_id), relation: 'author' }],
    });
  }

  const hearings = hearingRows.map(presentHearing);
  return {
    bill: { id: bill.id, title: bill.title },
    representatives: [...repIds].map((id) => {
      const d = declarations.get(id);
      return { id, displayName: users.get(id)?.display_name ?? '', declaration: d ? presentDeclaration(d) : null };
    }).sort((x, y) => x.displayName.localeCompare(y.displayName, 'fr')),
    articles: articles.map((ar) => ({
      article: { id: ar.id, number: ar.number },
      contributions: contributions.filter((c) => c.article.id === ar.id),
      hearings: hearings.filter((h) => h.article?.id === ar.id),
    })),
    hearings,
  };
}

export async function loadBillFootprint(db: Queryable, billId: string): Promise<BillFootprint> {
  const bill = await findBill(db, billId);
  if (!bill) throw new AppError('not_found', msg('Projet de loi introuvable.'));
  return build(db, bill, null);
}

/** One article's footprint: its contributions, its hearings and those about the whole text. */
export async function loadArticleFootprint(db: Queryable, articleId: string) {
  const article = await findArticle(db, articleId);
  if (!article) throw new AppError('not_found', msg('Article introuvable.'));
  const bill = (await findBill(db, article.bill_id))!;
  const all = await build(db, bill, article.id);
  const mine = all.articles[0]!;
  return {
    bill: all.bill, article: mine.article, representatives: all.representatives, contributions: mine.contributions,
    hearings: mine.hearings, wholeTextHearings: all.hearings.filter((h) => h.article === null),
  };
}
export type ArticleFootprintView = Awaited<ReturnType<typeof loadArticleFootprint>>;
