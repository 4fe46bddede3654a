import { changeSignature, similarity, type ChangeKind } from './similarity';

/**
 * The tabled amendments closest to one being written (issue 16 › 1): before tabling, an author sees
 * which amendments to the same article already make the same changes, and may co-sign one of them
 * instead of tabling a duplicate. The measure is the desk's (shared/similarity.ts): the Jaccard
 * index of what each amendment *changes* in the article, so that two amendments touching different
 * words of a long article do not look alike because they share its text.
 */
export interface ClosestInput {
  mine: { kind: ChangeKind; baseVersion: number; alineas: readonly string[] };
  candidates: readonly { id: string; kind: ChangeKind; baseVersion: number; alineas: readonly string[] }[];
  /** The article's versions the amendments were written against, by version number. */
  bases: Readonly<Record<number, readonly string[]>>;
  /** Below this similarity an amendment is not shown. */
  threshold: number;
  limit: number;
}

export function closestAmendments(i: ClosestInput): { id: string; similarity: number }[] {
  const base = (v: number) => i.bases[v] ?? [];
  const mine = changeSignature(i.mine.kind, base(i.mine.baseVersion), i.mine.alineas);
  // nothing changed yet (a blank draft): nothing to compare
  if (mine.size === 0) return [];
  return i.candidates
    .map((c) => ({ id: c.id, similarity: similarity(mine, changeSignature(c.kind, base(c.baseVersion), c.alineas)) }))
    .filter((c) => c.similarity >= i.threshold)
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, i.limit);
}
