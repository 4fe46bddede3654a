/**
 * Applying one adopted amendment to the text reconciled so far, or saying why it falls.
 *
 * - An amendment identical to one already applied (same article, kind and text: similarity.ts
 *   `identityKey`) was decided by the same vote: it is applied with it and credited alongside it.
 *   Applying an amendment twice changes nothing.
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
  const target = state.articles.get(amendment.articleId);
  if (target === undefined) return { ok: false, reason: reasons.unknownArticle(), by: null };
  const key = identityKey(amendment.articleId, amendment.kind, amendment.alineas);
  const first = target.identities.get(key);
  if (first !== undefined) return { ok: true, state: withTwin(state, amendment, first) };
  if (amendment.kind === 'insert_after') return insertArticle(state, amendment, key);
  if (target.deletedBy !== null) {
    return { ok: false, reason: reasons.articleDeleted(amendmentLabel(target, target.deletedBy)), by: target.deletedBy };
  }
  if (amendment.kind === 'delete') return applied(state, amendment.articleId, recorded({ ...target, deletedBy: amendment.id }, amendment, key), amendment.id);
  const merged = mergeArticle(target, amendment, (id) => amendmentLabel(target, id));
  if (!merged.ok) return merged;
  return applied(state, amendment.articleId, recorded(merged.article, amendment, key), amendment.id);
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
  const created = recorded(liveArticle(null, number, amendment.alineas, { amendmentId: amendment.id }, [amendment.id]), amendment);
  // the identity key lives with the article it is « after », where identical insertions look for it
  const followed = state.articles.get(amendment.articleId) as LiveArticle;
  const withKey = { ...followed, identities: new Map(followed.identities).set(key, amendment.id) };
  const next = applied(state, amendment.articleId, withKey, amendment.id).state;
  const articles = new Map(next.articles).set(amendment.id, created);
  return { ok: true, state: { ...next, articles, order: [...state.order.slice(0, at), amendment.id, ...state.order.slice(at)] } };
}

function recorded(article: LiveArticle, amendment: AdoptedAmendment, key?: string): LiveArticle {
  const record = { number: amendment.number ?? null, authors: amendment.authors.map((a) => ({ id: a.id, displayName: a.displayName })), twins: [] };
  const identities = key === undefined ? article.identities : new Map(article.identities).set(key, amendment.id);
  return { ...article, applied: new Map(article.applied).set(amendment.id, record), identities };
}

function applied(state: ReconcileState, key: string, article: LiveArticle, id: string): { ok: true; state: ReconcileState } {
  return { ok: true, state: { ...state, articles: new Map(state.articles).set(key, article), log: { id, prev: state.log } } };
}

/** `amendment` is identical to `first`, already applied: recorded with it, credited with it. */
function withTwin(state: ReconcileState, amendment: AdoptedAmendment, first: string): ReconcileState {
  // the record is in the article `first` changed, or created
  const home = amendment.kind === 'insert_after' ? first : amendment.articleId;
  const article = state.articles.get(home);
  const record = article?.applied.get(first);
  if (article === undefined || record === undefined || first === amendment.id || record.twins.includes(amendment.id)) return state;
  const withFirst = { ...article, applied: new Map(article.applied).set(first, { ...record, twins: [...record.twins, amendment.id] }) };
  return applied(state, home, recorded(withFirst, amendment), amendment.id).state;
}
