/**
 * The pure domain of the mixed commission (docs/reconciliation.md):
 * - `examinationOrder`: in which order amendments are examined, identical ones grouped;
 * - `reconcile`: the adopted amendments applied in that order, each rebased onto the text produced
 *   so far, with word-level provenance and the reasons the others fell;
 * - the incremental API for the commission's desk: `initialState`, `applyAmendment` (new state or
 *   the reason it falls, the old state untouched), `canApply`, `reconciledText`;
 * - article numbering (bis, ter…, 1er A…);
 * - `groupHead`: the member of a group of identical amendments that carries its vote.
 */
import { applyAmendment } from './apply';
import { reconciledText } from './result';
import { initialState } from './state';
import type { AdoptedAmendment, BillArticle, FallenAmendment, ReconcileResult } from './types';

export { applyAmendment, canApply, type Application } from './apply';
export { examinationOrder, measure, type Measure } from './examination';
export { adoptionConflict, fallenAfter, type AdoptionConflict } from './falls';
export { compareTies, groupHead, type GroupMember } from './group-head';
export { formatArticleNumber, insertionIndex, numberAfter, numberBefore, parseArticleNumber, type ArticleNumberParts } from './numbering';
export { reconciledText } from './result';
export { initialState, type ReconcileState } from './state';
export type * from './types';

/** Applies `adopted` (in examination order) to `articles`; an amendment that cannot apply falls, with the reason. */
export function reconcile(articles: readonly BillArticle[], adopted: readonly AdoptedAmendment[]): ReconcileResult {
  let state = initialState(articles);
  const fallen: FallenAmendment[] = [];
  for (const amendment of adopted) {
    const outcome = applyAmendment(state, amendment);
    if (outcome.ok) state = outcome.state;
    else fallen.push({ amendmentId: amendment.id, reason: outcome.reason, by: outcome.by });
  }
  return { ...reconciledText(state), fallen };
}
