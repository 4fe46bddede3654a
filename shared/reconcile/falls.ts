import { reconcile } from './index';
import type { AdoptedAmendment, BillArticle } from './types';

/**
 * The commission's rules on amendments that can no longer apply (LEGISTIQUE.md › tomber), as pure
 * functions of one article, what is adopted on it (in examination order) and the candidates.
 */

/**
 * Why the candidate cannot be adopted: `adopted` is what would then be adopted on the article, in
 * examination order, the candidate in its place. Its own reason, or the adopted one it clashes with.
 */
export type AdoptionConflict = { reason: string; with: string | null } | null;

export function adoptionConflict(articles: readonly BillArticle[], adopted: readonly AdoptedAmendment[], candidateId: string): AdoptionConflict {
  const result = reconcile(articles, adopted);
  const mine = result.fallen.find((f) => f.amendmentId === candidateId);
  if (mine) return { reason: mine.reason, with: null };
  const other = result.fallen[0];
  return other ? { reason: other.reason, with: other.amendmentId } : null;
}

/**
 * The pending amendments that cannot apply any more once `adopted` is: each comes after what is
 * adopted, whatever its rank (the question is whether it can still apply), with the reason and the
 * adopted amendment that makes it fall when one does.
 */
export function fallenAfter(
  articles: readonly BillArticle[], adopted: readonly AdoptedAmendment[], pending: readonly AdoptedAmendment[],
): { amendmentId: string; reason: string; by: string | null }[] {
  const out: { amendmentId: string; reason: string; by: string | null }[] = [];
  for (const p of pending) {
    const f = reconcile(articles, [...adopted, p]).fallen.find((x) => x.amendmentId === p.id);
    if (f) out.push({ amendmentId: p.id, reason: f.reason, by: f.by ?? null });
  }
  return out;
}
