/**
 * Changes as ranges of the amendment's base, and when two of them collide.
 *
 * Both sides of the three-way merge are described in the coordinates of the base the amendment
 * was written against: *ours* (what the adopted amendments did since) and *theirs* (what this
 * amendment does). A hunk replaces the base tokens [s, e) (none when s = e: an insertion at gap s).
 *
 * Two hunks collide when they change a common word, when an insertion falls inside or against
 * the other's words, or when two insertions are at the same place (their order would be a guess).
 * « Against » looks through spaces: whether the diff put a space before or after an inserted
 * word must not decide whether an amendment falls. So « après le mot « ans », insérer … » falls
 * once « ans » was rewritten (as in the chamber: the quoted word is gone), while changes to two
 * different words of one alinéa both apply.
 */
import { isSpace } from './tokens';

export interface Hunk {
  s: number;
  e: number;
}

/** Measures how far spaces extend around each gap of a token list, for « touching » tests. */
export class SpaceReach {
  private readonly before: Int32Array;
  private readonly after: Int32Array;

  constructor(tokens: readonly string[]) {
    const n = tokens.length;
    this.before = new Int32Array(n + 1);
    this.after = new Int32Array(n + 1);
    for (let p = 1; p <= n; p++) this.before[p] = isSpace(tokens[p - 1] ?? '') ? (this.before[p - 1] ?? 0) + 1 : 0;
    for (let p = n - 1; p >= 0; p--) this.after[p] = isSpace(tokens[p] ?? '') ? (this.after[p + 1] ?? 0) + 1 : 0;
  }

  /** First gap reachable from gap `p` going left over spaces only. */
  lo(p: number): number {
    return p - (this.before[p] ?? 0);
  }

  /** Last gap reachable from gap `p` going right over spaces only. */
  hi(p: number): number {
    return p + (this.after[p] ?? 0);
  }
}

export function collide(a: Hunk, b: Hunk, reach: SpaceReach): boolean {
  if (a.s < a.e && b.s < b.e) return a.s < b.e && b.s < a.e;
  return reach.lo(a.s) <= reach.hi(b.e) && reach.lo(b.s) <= reach.hi(a.e);
}

/** The same at alinéa level, where there are no spaces: an insertion is anchored on the alinéa it follows (the first one when it comes before it). */
export function anchorOf(gap: number): number {
  return gap > 0 ? gap - 1 : 0;
}
