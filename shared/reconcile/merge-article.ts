/**
 * Three-way merge of one article: alinéas first, then words inside the alinéas both sides keep
 * (DESIGN.md › Text model). The amendment's own change is the text diff of its base and its
 * proposal; the changes made since its base are read from the live article (view.ts).
 *
 * Alinéa rules, each symmetric so that two compatible amendments give the same text in either
 * order: deleting or rewriting an alinéa collides with any change of it; an inserted alinéa is
 * anchored on the alinéa it follows (the first one when it comes first) and collides with that
 * alinéa's deletion and with another insertion at the same place.
 */
import { diffTexts } from '../text-diff';
import { anchorOf } from './hunks';
import { mergeWords, oursWordHunks } from './merge-words';
import { reasons } from './reasons';
import { insertedAlinea, type LiveAlinea, type LiveArticle } from './state';
import { tokenize } from './tokens';
import type { AmendmentChange, Verdict } from './types';
import { viewOf, type BaseView } from './view';

export type ArticleMerge = { ok: true; article: LiveArticle } | Exclude<Verdict, { ok: true }>;

/** Alinéas of the base gone since [s, e), and alinéas inserted in their place (or at gap s when s = e). */
interface AlineaHunk {
  s: number;
  e: number;
  inserted: boolean;
  by: string | null;
}

export function mergeArticle(article: LiveArticle, amendment: AmendmentChange, label: (id: string) => string): ArticleMerge {
  const { base } = amendment;
  const ops = diffTexts(base, amendment.alineas).ops;
  if (ops.every((op) => op.op === 'equal')) return { ok: true, article }; // nothing to merge
  const view = viewOf(article, base);
  const ours = oursAlineaHunks(article, view, base.length);
  const fall = (reason: string, by: string | null): ArticleMerge => ({ ok: false, reason, by });
  const labelled = (by: string | null) => (by === null ? null : label(by));
  const gone = (i: number) => ours.find((h) => h.s <= i && i < h.e);
  const prov = [amendment.id];
  const deleted = new Set<number>();
  const replaced = new Map<number, LiveAlinea>();
  const inserts = new Map<number, LiveAlinea[]>();
  let gap = 0; // alinéas of the base consumed so far
  for (const op of ops) {
    if (op.op === 'equal') {
      gap++;
      continue;
    }
    if (op.op === 'insert') {
      const here = ours.find((h) => h.s === gap && h.e === gap);
      if (here !== undefined) return fall(reasons.alineaInsertedHere(labelled(here.by)), here.by);
      const anchorGone = base.length > 0 ? gone(anchorOf(gap)) : undefined;
      if (anchorGone !== undefined) return fall(reasons.alineaGone(anchorOf(gap) + 1, anchorGone.inserted, labelled(anchorGone.by)), anchorGone.by);
      const after = gap > 0 ? (view.images[gap - 1] ?? -1) : -1;
      inserts.set(after, [...(inserts.get(after) ?? []), insertedAlinea(op.text, amendment.id, prov)]);
      continue;
    }
    const i = op.before - 1;
    gap++;
    const hunk = gone(i);
    if (hunk !== undefined) return fall(reasons.alineaGone(i + 1, hunk.inserted, labelled(hunk.by)), hunk.by);
    const index = view.images[i] ?? -1;
    const alinea = article.alineas[index];
    if (alinea === undefined) throw new Error('reconcile: a standing alinéa has no image');
    const tokens = tokenize(base[i] ?? '');
    const images = view.tokenImages(i, tokens);
    if (op.op === 'delete') {
      const anchored = ours.find((h) => h.s === h.e && anchorOf(h.s) === i);
      if (anchored !== undefined) return fall(reasons.alineaInsertedHere(labelled(anchored.by)), anchored.by);
      const changed = oursWordHunks(alinea.cells, tokens, images)[0];
      if (changed !== undefined) return fall(reasons.alineaChanged(i + 1, labelled(changed.by)), changed.by);
      deleted.add(index);
      continue;
    }
    const merged = mergeWords(alinea, tokens, images, op.parts, amendment.id, prov);
    if (!merged.ok) return fall(reasons.words(merged.ours.words, merged.ours.inserted, labelled(merged.ours.by)), merged.ours.by);
    replaced.set(index, merged.alinea);
  }
  const alineas: LiveAlinea[] = [...(inserts.get(-1) ?? [])];
  article.alineas.forEach((alinea, index) => {
    const next = replaced.get(index) ?? alinea;
    alineas.push(deleted.has(index) ? { ...next, deletedBy: amendment.id } : next);
    for (const a of inserts.get(index) ?? []) alineas.push(a);
  });
  return { ok: true, article: { ...article, alineas } };
}

/** Alinéa-level changes since the base, between the base alinéas still standing. */
function oursAlineaHunks(article: LiveArticle, view: BaseView, n: number): AlineaHunk[] {
  const isImage = new Uint8Array(article.alineas.length);
  for (const j of view.images) if (j >= 0) isImage[j] = 1;
  const standing = (i: number) => article.alineas[view.images[i] ?? -1]?.deletedBy === null;
  const hunks: AlineaHunk[] = [];
  let prev = -1;
  let prevImage = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && !standing(i)) continue;
    const image = i < n ? (view.images[i] ?? article.alineas.length) : article.alineas.length;
    let insertedBy: string | null = null;
    let inserted = false;
    let anyDeleter: string | null = null;
    for (let j = prevImage + 1; j < image; j++) {
      const a = article.alineas[j];
      if (a === undefined) continue;
      if (a.deletedBy !== null) anyDeleter ??= a.deletedBy;
      else if (isImage[j] === 0) {
        inserted = true;
        insertedBy ??= a.insertedBy;
      }
    }
    if (i > prev + 1 || inserted) {
      let deleter: string | null = null;
      for (let b = prev + 1; b < i && deleter === null; b++) deleter = article.alineas[view.images[b] ?? -1]?.deletedBy ?? null;
      hunks.push({ s: prev + 1, e: i, inserted, by: deleter ?? insertedBy ?? anyDeleter });
    }
    prev = i;
    prevImage = image;
  }
  return hunks;
}
