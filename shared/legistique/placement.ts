/**
 * Where to quote a pure insertion or deletion. It can often sit in several places with the same
 * result — deleting « , b » or « b, » from « a, b, c » — and the word diff picks one; a clerk
 * quotes whole words and does not end a quotation with punctuation.
 */

export interface Placement {
  /** `text[start, end)` becomes `replacement` (start === end for an insertion). */
  start: number;
  end: number;
  replacement: string;
}

/** How far an insertion or a deletion may slide while staying the same change. */
const MAX_SLIDE = 40;

/** The equivalent placement that quotes best; `limit` is where the next change starts. */
export function bestPlacement(text: string, start: number, end: number, replacement: string, limit: number): Placement {
  const original = { start, end, replacement };
  if (start !== end && replacement !== '') return original;
  const placements: Placement[] = [original];
  const inserting = start === end;
  for (const step of [-1, 1]) {
    let p = { ...original };
    for (let k = 0; k < MAX_SLIDE; k++) {
      const moved = inserting ? slideInsertion(text, p, step, limit) : slideDeletion(text, p, step, limit);
      if (moved === null) break;
      placements.push((p = moved));
    }
  }
  let best = original;
  for (const p of placements) if (placementScore(text, p) < placementScore(text, best)) best = p;
  return best;
}

function slideDeletion(text: string, p: Placement, step: number, limit: number): Placement | null {
  if (step < 0 ? p.start === 0 || text[p.start - 1] !== text[p.end - 1] : p.end >= limit || text[p.start] !== text[p.end]) return null;
  return { start: p.start + step, end: p.end + step, replacement: '' };
}

function slideInsertion(text: string, p: Placement, step: number, limit: number): Placement | null {
  const r = p.replacement;
  if (step < 0) {
    if (p.start === 0 || text[p.start - 1] !== r[r.length - 1]) return null;
    return { start: p.start - 1, end: p.start - 1, replacement: text[p.start - 1] + r.slice(0, -1) };
  }
  if (p.start >= limit || text[p.start] !== r[0]) return null;
  return { start: p.start + 1, end: p.start + 1, replacement: r.slice(1) + text[p.start] };
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Lower is better: never cut a word; avoid quotations that end, or start, with punctuation. */
function placementScore(text: string, p: Placement): number {
  const moved = p.start === p.end ? p.replacement : text.slice(p.start, p.end);
  const quoted = moved.trim();
  if (quoted === '') return 0;
  const from = p.start === p.end ? p.start : p.start + (moved.length - moved.trimStart().length);
  const to = p.start === p.end ? p.start : p.end - (moved.length - moved.trimEnd().length);
  const first = quoted[0];
  const last = quoted[quoted.length - 1];
  let score = 0;
  if ((isWordChar(first) && isWordChar(text[from - 1])) || (isWordChar(last) && isWordChar(text[to]))) score += 100;
  if (!isWordChar(last) && !')»'.includes(last ?? '')) score += 2;
  if (!isWordChar(first) && !'(«'.includes(first ?? '')) score += 1;
  return score;
}

