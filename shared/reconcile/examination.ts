/**
 * Examination order (LEGISTIQUE.md › Examination and decision): article by article in text
 * order; on each article, deletions first, then the amendments that depart furthest from the
 * text, then in the order of the place they change; the articles additionnels proposed after an
 * article come after the amendments on it (and amendments on such a new article right after it).
 * Identical amendments (similarity.ts `identityKey`) form one group, decided by one vote.
 *
 * How far an amendment departs from the text (`departure`, in [0, 1]): of the words of its base
 * plus the words it adds, the share it removes or adds — (removed + added) / (base + added), words
 * counted from the same alinéa-then-word diff as everything else. Rewriting everything is 1;
 * changing « trois » into « cinq » in a 100-word article is 2 / 101.
 * Its place: the first alinéa it changes (an inserted alinéa counts as just before the alinéa it
 * precedes), then the number of words before the first change in that alinéa.
 * Ties: commission amendments first (the rapporteur presents them), then by number, then id.
 */
import { identityKey } from '../similarity';
import { compareTies } from './group-head';
import { diffTexts } from '../text-diff';
import { countWords } from './tokens';
import type { AmendmentChange, ChangeKind, ExaminationGroup, ExaminedAmendment } from './types';

export interface Measure {
  departure: number;
  /** [alinéa index in the base, words before the change]; -1 words for an alinéa inserted before it. */
  place: readonly [number, number];
}

/**
 * How far `amendment` departs from its base, and where. `baseWords` counts the words of one base
 * alinéa: examination passes a memo, since thousands of amendments share a few bases.
 */
export function measure(amendment: Pick<AmendmentChange, 'kind' | 'base' | 'alineas'>, baseWords: (alinea: string) => number = countWords): Measure {
  const { base } = amendment;
  if (amendment.kind !== 'modify') return { departure: 1, place: [0, -1] };
  let words = 0;
  for (const text of base) words += baseWords(text);
  let removed = 0;
  let added = 0;
  let place: [number, number] | null = null;
  let consumed = 0;
  for (const op of diffTexts(base, amendment.alineas).ops) {
    if (op.op === 'equal') {
      consumed++;
      continue;
    }
    if (op.op === 'insert') {
      added += countWords(op.text);
      place ??= [consumed, -1];
      continue;
    }
    consumed++;
    if (op.op === 'delete') {
      removed += countWords(op.text);
      place ??= [op.before - 1, 0];
      continue;
    }
    let before = 0;
    for (const part of op.parts) {
      const words = countWords(part.text);
      if (part.op === 'equal') {
        if (place === null) before += words;
        continue;
      }
      place ??= [op.before - 1, before];
      if (part.op === 'delete') removed += words;
      else added += words;
    }
  }
  const total = words + added;
  return { departure: total === 0 ? 0 : (removed + added) / total, place: place ?? [base.length, 0] };
}

interface Ranked {
  amendment: ExaminedAmendment;
  measure: Measure;
}

/**
 * The equality of similarity.ts `identityKey` (same article, kind and trimmed texts), with each
 * distinct alinéa replaced by a number: thousands of amendments then make short keys, not copies
 * of their whole text.
 */
function identities(): (amendment: AmendmentChange) => string {
  const numbers = new Map<string, number>();
  return (amendment) => {
    if (amendment.kind === 'delete') return identityKey(amendment.articleId, 'delete', []);
    let key = `${amendment.articleId}|${amendment.kind}`;
    for (const text of amendment.alineas) {
      const trimmed = text.trim();
      let n = numbers.get(trimmed);
      if (n === undefined) numbers.set(trimmed, (n = numbers.size));
      key += `|${n}`;
    }
    return key;
  };
}

function compareRanked(a: Ranked, b: Ranked): number {
  const kindRank = (k: ChangeKind) => (k === 'delete' ? 0 : k === 'modify' ? 1 : 2);
  return (
    kindRank(a.amendment.kind) - kindRank(b.amendment.kind) ||
    b.measure.departure - a.measure.departure ||
    a.measure.place[0] - b.measure.place[0] ||
    a.measure.place[1] - b.measure.place[1] ||
    compareTies(a.amendment, b.amendment)
  );
}

export function examinationOrder(articles: readonly { id: string }[], all: readonly ExaminedAmendment[]): ExaminationGroup[] {
  // sous-amendements are examined just before the amendment they amend, by number; one whose
  // amendment is not in the list is ranked as any other
  const ids = new Set(all.map((a) => a.id));
  const subs = all.filter((a) => a.parentId != null && a.parentId !== a.id && ids.has(a.parentId));
  const amendments = subs.length === 0 ? all : all.filter((a) => !subs.includes(a));
  const order = rankedOrder(articles, amendments);
  if (subs.length === 0) return order;
  const byParent = new Map<string, ExaminedAmendment[]>();
  for (const s of [...subs].sort(compareTies)) byParent.set(s.parentId ?? '', [...(byParent.get(s.parentId ?? '') ?? []), s]);
  const out: ExaminationGroup[] = [];
  const placeSubs = (parentId: string, depth: number): void => {
    if (depth > 8) return; // a sous-amendement to a sous-amendement, not further
    for (const s of byParent.get(parentId) ?? []) {
      placeSubs(s.id, depth + 1);
      out.push({ amendmentIds: [s.id], articleId: s.articleId, kind: s.kind });
    }
    byParent.delete(parentId);
  };
  for (const group of order) {
    for (const id of group.amendmentIds) placeSubs(id, 0);
    out.push(group);
  }
  // sous-amendements in a loop (a cycle of parents) are not lost: last, by number
  for (const list of byParent.values()) for (const s of list) if (!out.some((g) => g.amendmentIds.includes(s.id))) out.push({ amendmentIds: [s.id], articleId: s.articleId, kind: s.kind });
  return out;
}

function rankedOrder(articles: readonly { id: string }[], amendments: readonly ExaminedAmendment[]): ExaminationGroup[] {
  // identical amendments meet under one key; the group is placed where its first member would be
  const groups = new Map<string, Ranked[]>();
  const counted = new Map<string, number>();
  const baseWords = (alinea: string) => {
    let n = counted.get(alinea);
    if (n === undefined) counted.set(alinea, (n = countWords(alinea)));
    return n;
  };
  const identity = identities();
  for (const amendment of amendments) {
    const key = identity(amendment);
    const group = groups.get(key);
    // identical amendments tabled against the same base depart from it alike: measured once
    const twin = group?.find((r) => r.amendment.base === amendment.base);
    const ranked = { amendment, measure: twin?.measure ?? measure(amendment, baseWords) };
    if (group === undefined) groups.set(key, [ranked]);
    else group.push(ranked);
  }
  const byArticle = new Map<string, Ranked[][]>();
  for (const group of groups.values()) {
    group.sort(compareRanked);
    const articleId = group[0]?.amendment.articleId ?? '';
    const list = byArticle.get(articleId);
    if (list === undefined) byArticle.set(articleId, [group]);
    else list.push(group);
  }
  for (const list of byArticle.values()) list.sort((a, b) => compareRanked(a[0] as Ranked, b[0] as Ranked));

  const out: ExaminationGroup[] = [];
  const visit = (articleId: string) => {
    const list = byArticle.get(articleId);
    if (list === undefined) return;
    byArticle.delete(articleId); // each article once, even if ids loop
    for (const group of list) {
      const first = group[0] as Ranked;
      out.push({ amendmentIds: group.map((r) => r.amendment.id), articleId, kind: first.amendment.kind });
      // amendments on an article additionnel are examined right after it is
      if (first.amendment.kind === 'insert_after') for (const r of group) visit(r.amendment.id);
    }
  };
  for (const article of articles) visit(article.id);
  // amendments on articles not in the text (stale ids) come last, in the order they were given
  for (const articleId of [...byArticle.keys()]) visit(articleId);
  return out;
}
