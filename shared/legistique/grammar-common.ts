/**
 * What the parts of the grammar share: the context a sentence is read in, the verbs several of
 * them start with, and the checks on the place a locator named.
 */
import { msg } from '../i18n';
import { ParseFailure, pattern } from './cursor';
import { contiguous } from './refs';
import type { AlineaRange, Operation } from './types';

export interface StatementContext {
  /** The alinéas named by the last locator, for the operations that follow it. */
  at: AlineaRange[] | null;
  /** The sentence the locator named (« à la première phrase de l’alinéa 2 »: 1; -1 the last), or null. */
  sentence: number | null;
  /** « Alinéa 2, troisième et quatrième phrases »: the sentences named after `sentence`. */
  moreSentences?: number[];
  /** « Alinéa 5, après la première phrase »: what follows is inserted after that sentence. */
  afterSentence: boolean;
  /** The alinéas the last locator named, whatever its level (« au même alinéa »). */
  lastAt: AlineaRange[] | null;
  /** The operation read before this sentence (« Procéder à la même suppression à l’alinéa 8 »). */
  last: Operation | null;
}

export const DELETE = pattern(' ?supprimer(?= |,)');
export const REWRITE = pattern(' ?(?:rediger|retablir) (?:ainsi|comme suit)(?= )');
export const AROUND = pattern(' ?(apres|avant)(?= )');
export const BY = pattern(' ?par(?= )');
export const COLON = pattern(' ?:');

export function oneRange(ranges: readonly AlineaRange[]): AlineaRange {
  const range = contiguous(ranges);
  if (range === null) throw new ParseFailure(msg('un seul bloc d’alinéas consécutifs peut être rédigé à la fois'));
  return range;
}

export function needPlace(ctx: StatementContext): AlineaRange[] {
  if (ctx.at === null) throw new ParseFailure(msg('quel alinéa ? (« Alinéa 6 » ou « l’alinéa 6 » manque)'));
  return ctx.at;
}
