/**
 * Applying one adopted amendment to the text reconciled so far, or saying why it falls.
 *
 * - An amendment identical to one already applied (same article, kind and text: similarity.ts
 *   `identityKey`) was decided by the same vote: it is applied with it and credited alongside it.
 * - Any amendment on a deleted article falls; deleting an article applies to it as amended.
 * - An article additionnel is numbered after the article it follows (numbering.ts), also when that
 *   article was deleted (its place in the text is still defined).
 * - A modification is rebased onto the article as it stands (merge-article.ts).
 */
import { identityKey } from '../similarity';
import { mergeArticle } from './merge-article';
import { insertionIndex, numberAfter } from './numbering';
import { reasons } from './reasons';
import { amendmentLabel, liveArticle, type LiveArticle, type ReconcileState } from './state';
import type { AdoptedAmendment, Verdict } from './types';

export type Application = { ok: true; state: ReconcileState } | Exclude<Verdict, { ok: true }>;

export function applyAmendment(state: ReconcileState, amendment: AdoptedAmendment): Application {
  if (state.contributors.has(amendment.id)) return { ok: true, state }; // already applied
  const key = identityKey(amendment.articleId, amendment.kind, amendment.alineas);
  const twin = state.identities.get(key);
  if (twin !== undefined) return { ok: true, state: withTwin(record(state, amendment), twin, amendment.id) };
  const article = state.articles.get(amendment.articleId);
  if (article === undefined) return { ok: false, reason: reasons.unknownArticle(), by: null };
  if (amendment.kind === 'insert_after') return insertArticle(state, amendment, key);
  if (article.deletedBy !== null) {
    return { ok: false, reason: reasons.articleDeleted(amendmentLabel(state, article.deletedBy)), by: article.deletedBy };
  }
  if (amendment.kind === 'delete') {
    return { ok: true, state: withArticle(record(state, amendment, key), amendment.articleId, { ...article, deletedBy: amendment.id }) };
  }
  const merged = mergeArticle(article, amendment, (id) => amendmentLabel(state, id));
  if (!merged.ok) return merged;
  return { ok: true, state: withArticle(record(state, amendment, key), amendment.articleId, merged.article) };
}

/** Whether `amendment` would apply now (for a 409 before adopting it, or to list those that fall after an adoption). */
export function canApply(state: ReconcileState, amendment: AdoptedAmendment): Verdict {
  const outcome = applyAmendment(state, amendment);
  return outcome.ok ? { ok: true } : outcome;
}

function insertArticle(state: ReconcileState, amendment: AdoptedAmendment, key: string): Application {
  const target = state.order.indexOf(amendment.articleId);
  const numbers = state.order.map((k) => state.articles.get(k)?.number ?? '');
  const targetNumber = numbers[target] ?? '';
  let number: string;
  try {
    number = numberAfter(targetNumber, numbers);
  } catch {
    return { ok: false, reason: reasons.noNumberLeft(targetNumber), by: null };
  }
  const at = insertionIndex(numbers, target);
  const created = liveArticle(null, number, amendment.alineas, { amendmentId: amendment.id }, [amendment.id]);
  const next = record(state, amendment, key);
  const order = [...next.order.slice(0, at), amendment.id, ...next.order.slice(at)];
  return { ok: true, state: { ...withArticle(next, amendment.id, created), order } };
}

function record(state: ReconcileState, amendment: AdoptedAmendment, key?: string): ReconcileState {
  const contributors = new Map(state.contributors);
  contributors.set(amendment.id, { number: amendment.number ?? null, authors: amendment.authors.map((a) => ({ id: a.id, displayName: a.displayName })) });
  const identities = key === undefined ? state.identities : new Map(state.identities).set(key, amendment.id);
  return { ...state, applied: [...state.applied, amendment.id], contributors, identities };
}

function withTwin(state: ReconcileState, first: string, id: string): ReconcileState {
  const twins = new Map(state.twins);
  twins.set(first, [...(twins.get(first) ?? []), id]);
  return { ...state, twins };
}

function withArticle(state: ReconcileState, key: string, article: LiveArticle): ReconcileState {
  const articles = new Map(state.articles);
  articles.set(key, article);
  return { ...state, articles };
}
