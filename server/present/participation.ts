import { amendmentTitle, displayNumber, parliamentLabel } from '../../shared/amendment';
import { NEAR_IDENTICAL } from '../../shared/similarity';
import { compute } from '../compute';
import type { Queryable } from '../db/db';
import type { AmendmentRow } from '../sql/amendments';
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
}

/** The tabled amendments to the same article closest to `a` (a draft, usually), closest first. */
export async function closestTabled(db: Queryable, a: Pick<AmendmentRow, 'id' | 'article_id' | 'kind' | 'base_version' | 'alineas'>): Promise<ClosestView[]> {
  const candidates = await tabledOnArticle(db, a.article_id, a.id, CLOSEST_CANDIDATES);
  if (candidates.length === 0) return [];
  const bases = await articleVersions(db, a.article_id, [a.base_version, ...candidates.map((c) => c.base_version)]);
  const ranked = await compute().run('closestAmendments', {
    mine: { kind: a.kind, baseVersion: a.base_version, alineas: a.alineas },
    candidates: candidates.map((c) => ({ id: c.id, kind: c.kind, baseVersion: c.base_version, alineas: c.alineas })),
    bases, threshold: CLOSEST_THRESHOLD, limit: CLOSEST_SHOWN,
  });
  const ids = ranked.map((r) => r.id);
  const [briefs, cosigned] = await Promise.all([amendmentBriefs(db, ids), listCosignatories(db, ids)]);
  return ranked.flatMap((r) => {
    const b = briefs.get(r.id);
    if (!b) return [];
    const parliament = b.origin === 'parliament' && b.parliament_number ? { label: parliamentLabel(b.parliament_number, b.parliament_group) } : null;
    return [{
      id: b.id, title: amendmentTitle(displayNumber(b.origin, b.number), parliament), status: b.status, similarity: Math.round(r.similarity * 100) / 100,
      rationale: b.rationale, url: `/amendements/${b.id}`, cosignatories: cosigned.get(b.id)?.length ?? 0,
    }];
  });
}
