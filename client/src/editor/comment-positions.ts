/**
 * Between ProseMirror positions and the (alinéa, offset) places of shared/draft-comments.ts. The
 * schema is `doc → alinea+`, `alinea → text*`, and y-prosemirror keeps one Y.XmlText per alinéa,
 * so offset k of alinéa i is at (sizes of the alinéas before i) + 1 (the alinéa's opening) + k,
 * and both sides count UTF-16 units.
 */
import type { Node as PmNode } from 'prosemirror-model';

export interface AlineaRange {
  alinea: number;
  start: number;
  end: number;
}

/** The ProseMirror range of a passage, or null when the document does not have it (yet). */
export function pmRange(doc: PmNode, r: AlineaRange): { from: number; to: number } | null {
  if (r.alinea < 0 || r.alinea >= doc.childCount || r.start < 0 || r.end < r.start) return null;
  let before = 0;
  for (let i = 0; i < r.alinea; i++) before += doc.child(i).nodeSize;
  // a remote change is drawn a moment after Yjs has it: offsets past the alinéa's end are not there yet
  if (r.end > doc.child(r.alinea).content.size) return null;
  return { from: before + 1 + r.start, to: before + 1 + r.end };
}

/** The alinéa and offset of a position; between alinéas (an all-document selection) it leans to `side`. */
function placeOf(doc: PmNode, pos: number, side: 'start' | 'end'): { alinea: number; offset: number } | null {
  const $pos = doc.resolve(pos);
  if ($pos.depth >= 1) return { alinea: $pos.index(0), offset: $pos.parentOffset };
  const alinea = side === 'start' ? $pos.index(0) : $pos.index(0) - 1;
  const node = alinea >= 0 && alinea < doc.childCount ? doc.child(alinea) : null;
  return node ? { alinea, offset: side === 'start' ? 0 : node.content.size } : null;
}

export type SelectedPassage = ({ kind: 'passage'; quote: string } & AlineaRange) | { kind: 'empty' } | { kind: 'several-alineas' };

/** What a selection [from, to) can be commented as: one passage inside one alinéa, or why not. */
export function passageOf(doc: PmNode, from: number, to: number): SelectedPassage {
  const start = placeOf(doc, from, 'start');
  const end = placeOf(doc, to, 'end');
  if (!start || !end || from === to || (start.alinea === end.alinea && end.offset <= start.offset)) return { kind: 'empty' };
  if (start.alinea !== end.alinea) return { kind: 'several-alineas' };
  return { kind: 'passage', alinea: start.alinea, start: start.offset, end: end.offset, quote: doc.textBetween(from, to) };
}
