/**
 * Sentences in a dispositif: the sentences it adds (« par une phrase ainsi rédigée : »), and the
 * operations on a sentence a locator named (« Alinéa 2, dernière phrase ⏎ Supprimer cette
 * phrase », « Après la première phrase, insérer une phrase ainsi rédigée : »).
 */
import { msg } from '../i18n';
import { Cursor, ParseFailure, pattern } from './cursor';
import { AROUND, BY, COLON, DELETE, needPlace, oneRange, REWRITE, type StatementContext } from './grammar-common';
import { alineasBlock, newWords } from './refs';
import { sentenceIndex } from './sentences';
import type { Operation } from './types';

/**
 * « une phrase ainsi rédigée : « … » », « deux phrases ainsi rédigées : », « la phrase
 * suivante : », « les phrases suivantes : », « une phrase rédigée comme suit : ».
 */
const NEW_SENTENCES = pattern(
  " ?(?:une|la|les|des|\\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)(?: nouvelles?)? phrases?(?: nouvelles?)?(?: (?:(?:ainsi )?redigees?(?: (?:ainsi|comme suit))?|suivantes?))? ?(?::? ?{Q}|:)",
);

/** The quoted sentence(s) that complete an alinéa (one quoted alinéa), or null for other words. */
export function newSentences(c: Cursor): string | null {
  const m = c.eat(NEW_SENTENCES);
  if (m === null) return null;
  // Sénat style: the sentence unquoted, on its own line
  const q = m[1] === undefined ? { alineas: alineasBlock(c, 'alinea', 1) } : c.quotation(m[1]);
  if (q.alineas.length !== 1) throw new ParseFailure(msg('des phrases ajoutées à un alinéa ne peuvent pas s’étendre sur plusieurs alinéas : insérez un alinéa'));
  const text = q.alineas[0] ?? '';
  if (text === '') throw new ParseFailure(msg('la phrase citée est vide'));
  return text;
}

const THIS_SENTENCE = pattern(" ?(?:cette |ladite |la (?:meme )?)phrase(?![a-z])");
const THAT_SENTENCE = pattern(" ?(?:la |l')?{ORD} ?phrase(?![a-z])");
const DELETE_THESE_SENTENCES = pattern(' ?supprimer (?:ces|lesdites) phrases(?![a-z])');
const REWRITE_THESE_SENTENCES = pattern(' ?rediger (?:ainsi|comme suit) (?:ces|lesdites) phrases ?:?');
const REPLACE_SENTENCE = pattern(' ?remplacer(?= )');
const COMPLETE_SENTENCE = pattern(" ?completer (?:cette|ladite) phrase par(?= )");
const INSERT_SENTENCE = pattern(" ?,? ?(?:inserer|ajouter) (?:une|la|deux|les) (?:nouvelles? )?phrases?(?: (?:ainsi )?redigees?| suivantes?)?(?= ?:| ?\uE000)");

/** The one sentence after « : », quoted or (Sénat) on its own line. */
export function sentenceText(c: Cursor): string {
  const text = alineasBlock(c, 'alinea', 1)[0] ?? '';
  if (text === '') throw new ParseFailure(msg('la phrase citée est vide'));
  return text;
}

/** Operations on the sentence a locator named, or on one they name (« Supprimer cette phrase », « Après la première phrase, insérer… »). */
export function sentenceOperation(c: Cursor, ctx: StatementContext): Operation[] | null {
  const one = (): number => {
    const range = oneRange(needPlace(ctx));
    if (range.from !== range.to) throw new ParseFailure(msg('une phrase se désigne dans un seul alinéa'));
    return range.from;
  };
  const named = (): number | null => {
    if (c.eat(THIS_SENTENCE) !== null) return ctx.sentence;
    const m = c.eat(THAT_SENTENCE);
    return m === null ? null : sentenceIndex(m[1] ?? '');
  };
  // « Supprimer ces phrases », « Rédiger ainsi ces phrases : »: from the last one, so that numbers still hold
  const these = [ctx.sentence, ...(ctx.moreSentences ?? [])].filter((s): s is number => s !== null);
  // from the last one; a sentence counted from the end moves up by the ones deleted after it
  const order = [...these].sort((a, b) => (a < 0 ? 1e6 + a : a) - (b < 0 ? 1e6 + b : b)).reverse().map((s, i) => (s < 0 ? s + i : s));
  if (these.length > 1 && c.eat(DELETE_THESE_SENTENCES)) {
    const n = one();
    return order.map((s): Operation => ({ kind: 'edit_sentence', alinea: n, sentence: s, action: 'delete', text: '' }));
  }
  if (these.length > 1 && c.eat(REWRITE_THESE_SENTENCES)) {
    const n = one();
    const first = order[order.length - 1] as number;
    const text = sentenceText(c);
    return [...order.slice(0, -1).map((s): Operation => ({ kind: 'edit_sentence', alinea: n, sentence: s, action: 'delete', text: '' })), { kind: 'edit_sentence', alinea: n, sentence: first, action: 'rewrite', text }];
  }
  if (c.eat(DELETE)) {
    const s = named();
    return s === null ? null : [{ kind: 'edit_sentence', alinea: one(), sentence: s, action: 'delete', text: '' }];
  }
  if (c.eat(REWRITE)) {
    const s = named();
    if (s === null) return null;
    c.eat(COLON);
    return [{ kind: 'edit_sentence', alinea: one(), sentence: s, action: 'rewrite', text: sentenceText(c) }];
  }
  if (c.eat(REPLACE_SENTENCE)) {
    const s = named();
    if (s === null || !c.eat(BY)) return null;
    const text = newSentences(c);
    return text === null ? null : [{ kind: 'edit_sentence', alinea: one(), sentence: s, action: 'rewrite', text }];
  }
  if (c.eat(COMPLETE_SENTENCE)) {
    if (ctx.sentence === null) return null;
    const words = newWords(c) ?? (c.sees(/ ?:/y) ? (c.eat(COLON), sentenceText(c)) : null);
    return words === null ? null : [{ kind: 'insert_words', alinea: one(), at: { position: 'end' }, words, sentence: ctx.sentence }];
  }
  const around = c.eat(AROUND);
  let after: number | null = null;
  if (around?.[1] === 'apres') {
    const m = c.eat(THAT_SENTENCE);
    after = m === null ? null : sentenceIndex(m[1] ?? '');
    if (after === null) return null;
  } else if (around !== null) return null;
  else if (ctx.afterSentence) after = ctx.sentence;
  if (after === null || !c.eat(INSERT_SENTENCE)) return null;
  c.eat(COLON);
  return [{ kind: 'edit_sentence', alinea: one(), sentence: after, action: 'insert_after', text: sentenceText(c) }];
}

