import { amendmentTitle, checkAmendmentText, displayNumber, normaliseAlineas, parliamentLabel, type AmendmentKind } from '../../shared/amendment';
import { amendmentDocName } from '../../shared/live-docs';
import { NEAR_IDENTICAL } from '../../shared/similarity';
import { compute } from '../compute';
import type { LiveTexts } from '../collab/registry';
import type { Queryable } from '../db/db';
import type { ArticleRow } from '../sql/articles';
import type { AmendmentRow } from '../sql/amendments';
import { listAuthors } from '../sql/amendment-authors';
import { amendmentBriefs, articleVersions, listCosignatories, tabledOnArticle, type CosignatoryRow } from '../sql/participation';

export const presentCosignatory = (c: CosignatoryRow) => ({ id: c.id, displayName: c.display_name, kind: c.kind, assurance: c.assurance, at: c.created_at.toISOString() });
export type CosignatoryView = ReturnType<typeof presentCosignatory>;

export async function loadCosignatories(db: Queryable, amendmentId: string): Promise<CosignatoryView[]> {
  return ((await listCosignatories(db, [amendmentId])).get(amendmentId) ?? []).map(presentCosignatory);
}

/**
 * How many tabled amendments to the article are compared with a draft (the most recent), and the
 * lowest similarity shown: half the desk's « near-identical » mark, since here a person decides.
 */
export const CLOSEST_CANDIDATES = 500;
export const CLOSEST_THRESHOLD = NEAR_IDENTICAL / 2;
export const CLOSEST_SHOWN = 5;

export interface ClosestView {
  id: string;
  title: string;
  status: AmendmentRow['status'];
  similarity: number;
  rationale: string;
  url: string;
  cosignatories: number;
  /**
   * What the viewer already is to it: one of its authors, or a co-signatory — no « Cosigner
   * plutôt » there (co-signing it would be refused). Null for anyone else, and for visitors.
   */
  mine: 'author' | 'cosignatory' | null;
}

/**
 * The tabled amendments to the same article closest to `a` (a draft, usually), closest first; `id`
 * null for a proposal not yet filed.
 */
export async function closestTabled(
  db: Queryable, a: Pick<AmendmentRow, 'article_id' | 'kind' | 'base_version' | 'alineas'> & { id: string | null }, viewerId: string | null,
): Promise<ClosestView[]> {
  const candidates = await tabledOnArticle(db, a.article_id, a.id, CLOSEST_CANDIDATES);
  if (candidates.length === 0) return [];
  const bases = await articleVersions(db, a.article_id, [a.base_version, ...candidates.map((c) => c.base_version)]);
  const ranked = await compute().run('closestAmendments', {
    mine: { kind: a.kind, baseVersion: a.base_version, alineas: a.alineas },
    candidates: candidates.map((c) => ({ id: c.id, kind: c.kind, baseVersion: c.base_version, alineas: c.alineas })),
    bases, threshold: CLOSEST_THRESHOLD, limit: CLOSEST_SHOWN,
  });
  const ids = ranked.map((r) => r.id);
  const [briefs, cosigned, authors] = await Promise.all([amendmentBriefs(db, ids), listCosignatories(db, ids), viewerId ? listAuthors(db, ids) : new Map<string, { id: string }[]>()]);
  const mine = (id: string): ClosestView['mine'] =>
    !viewerId ? null : authors.get(id)?.some((u) => u.id === viewerId) ? 'author' : cosigned.get(id)?.some((u) => u.id === viewerId) ? 'cosignatory' : null;
  return ranked.flatMap((r) => {
    const b = briefs.get(r.id);
    if (!b) return [];
    const parliament = b.origin === 'parliament' && b.parliament_number ? { label: parliamentLabel(b.parliament_number, b.parliament_group) } : null;
    return [{
      id: b.id, title: amendmentTitle(displayNumber(b.origin, b.number), parliament), status: b.status, similarity: Math.round(r.similarity * 100) / 100,
      rationale: b.rationale, url: `/amendements/${b.id}`, cosignatories: cosigned.get(b.id)?.length ?? 0, mine: mine(b.id),
    }];
  });
}

/**
 * The closest tabled amendments to an amendment as its authors see it now: a draft's text is its
 * live document (what is being typed in the live editor), as on its page (present/amendment.ts).
 */
export async function closestToAmendment(
  db: Queryable, live: LiveTexts, a: Pick<AmendmentRow, 'id' | 'article_id' | 'kind' | 'base_version' | 'alineas' | 'status'>, viewerId: string | null,
): Promise<ClosestView[]> {
  const liveText = a.status === 'draft' && a.kind !== 'delete' ? await live.read(amendmentDocName(a.id)) : null;
  return closestTabled(db, liveText ? { ...a, alineas: normaliseAlineas(liveText) } : a, viewerId);
}

/**
 * The closest tabled amendments to a proposal about to be filed at once (the plain form's
 * « Déposer »), written against the article's current version. A text the filing would refuse has
 * none: the refusal comes first.
 */
export async function closestToProposal(
  db: Queryable, article: Pick<ArticleRow, 'id' | 'version' | 'alineas'>, kind: AmendmentKind, alineas: readonly string[] | undefined, viewerId: string | null,
): Promise<ClosestView[]> {
  if (checkAmendmentText(kind, article.alineas, alineas)) return [];
  const proposed = kind === 'delete' ? [] : normaliseAlineas(alineas ?? []);
  return closestTabled(db, { id: null, article_id: article.id, kind, base_version: article.version, alineas: proposed }, viewerId);
}
