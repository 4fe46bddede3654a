/**
 * applyDispositif: performs a dispositif on an article's alinéas, or says which operation cannot
 * be performed and why. Every operation locates alinéas by their ORIGINAL numbers, whatever the
 * operations before it inserted or deleted (as in real amendments): the article is kept as one
 * slot per original alinéa, each with what was inserted before and after it.
 *
 * Refused: quoted words absent, or present more than once with no occurrence named; an alinéa
 * the article does not have; an operation on what an earlier one deleted or rewrote, or any
 * operation mixed with « Supprimer cet article » or an article additionnel.
 */
import { findAll, type Span } from './match';
import { parseDispositif } from './parse';
import { editSentence } from './sentences';
import { toRoman } from './typography';
import { fill, msg } from '../i18n';
import type { ApplyError, ApplyResult, LabelledOperation, Operation, ParseOptions } from './types';
import { appendSentences, applyWords, choose, editAlinea, quotedWordsOf, type WordsOperation } from './words';
import { absentMessage, ambiguousMessage, place, sentencePlace, sentenceRank } from './messages';
import { rewriteStart } from './start';
import { insideProvision, keepProvisionMarks, numberPlaceholders, provisionOpenAfter } from './provisions';

interface Slot {
  /** The alinéa's current text; null once deleted or rewritten. */
  text: string | null;
  /** What a rewrite put in its place. */
  replacement: string[];
  before: string[];
  after: string[];
}

type Failure = Omit<ApplyError, 'operation' | 'label'>;

export function applyDispositif(alineas: readonly string[], dispositif: string, options: ParseOptions = {}): ApplyResult {
  if (dispositif.trim() === '') return { ok: true, alineas: [...alineas] };
  const parsed = parseDispositif(dispositif, options);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const n = parsed.operations.length + 1;
    const label = first?.label ?? toRoman(n);
    // (a parse that fails always says why: `first` is there)
    const message = first === undefined
      ? fill(msg('Opération {{label}}\u00a0: {{raison}}'), { label, raison: '.' })
      : fill(msg('Opération {{label}}\u00a0: la phrase «\u00a0{{phrase}}\u00a0» (ligne {{ligne}}) ne peut pas être lue\u00a0: {{raison}}.'), { label, phrase: first.sentence, ligne: first.line, raison: first.message });
    return { ok: false, error: { operation: n, label, reason: 'unparseable', message } };
  }
  if (parsed.subAmendmentOf !== undefined) {
    const message = fill(msg('Opération I\u00a0: ce sous-amendement modifie l’amendement n° {{numero}}, pas l’article.'), { numero: parsed.subAmendmentOf });
    return { ok: false, error: { operation: 1, label: 'I', reason: 'sub_amendment', message } };
  }
  return applyOperations(alineas, parsed.operations);
}

export function applyOperations(alineas: readonly string[], operations: readonly LabelledOperation[]): ApplyResult {
  const article = new ArticleState(alineas);
  for (const [i, { label, operation }] of operations.entries()) {
    const failure = article.apply(operation, operations.length);
    if (failure !== null) {
      return { ok: false, error: { operation: i + 1, label, ...failure, message: fill(msg('Opération {{label}}\u00a0: {{raison}}'), { label, raison: failure.message }) } };
    }
  }
  return article.result();
}

class ArticleState {
  private readonly slots: Slot[];
  private readonly head: string[] = [];
  private readonly tail: string[] = [];
  private whole: string[] | null = null;
  private deleted = false;
  private newArticle: string[] | null = null;
  private applied = 0;
  private readonly original: readonly string[];
  private readonly openAfter: boolean[];

  constructor(alineas: readonly string[]) {
    this.original = alineas;
    this.openAfter = provisionOpenAfter(alineas);
    this.slots = alineas.map((text) => ({ text, replacement: [], before: [], after: [] }));
  }

  result(): ApplyResult {
    if (this.newArticle !== null) return { ok: true, alineas: this.slots.map((s) => s.text ?? ''), newArticle: this.newArticle };
    if (this.deleted) return { ok: true, alineas: [] };
    if (this.whole !== null) return { ok: true, alineas: numberPlaceholders([...this.whole, ...this.tail]) };
    const out = [...this.head];
    for (const s of this.slots) out.push(...s.before, ...(s.text === null ? s.replacement : [s.text]), ...s.after);
    out.push(...this.tail);
    return { ok: true, alineas: numberPlaceholders(out) };
  }

  apply(op: Operation, total: number): Failure | null {
    const failure = this.perform(op, total);
    this.applied++;
    return failure;
  }

  private perform(written: Operation, total: number): Failure | null {
    const op = fromEnd(written, this.slots.length);
    if (this.deleted) return conflict(msg('cet article a déjà été supprimé par une opération précédente.'));
    switch (op.kind) {
      case 'delete_article':
        if (this.applied > 0) return conflict(msg('l’article ne peut pas être supprimé après avoir été modifié.'));
        this.deleted = true;
        return null;
      case 'insert_article_after':
        if (total > 1) return conflict(msg('un article additionnel ne se combine pas avec d’autres opérations.'));
        this.newArticle = op.alineas;
        return null;
      case 'rewrite_article':
        if (this.applied > 0) return conflict(msg('l’article ne peut pas être réécrit après avoir été modifié.'));
        this.whole = op.alineas;
        return null;
      case 'complete_article':
        this.tail.push(...op.alineas);
        return null;
      case 'complete_article_sentences':
        return this.appendToLast(op.text);
      default:
        if (this.whole !== null) return conflict(msg('l’article a été réécrit par une opération précédente : ses alinéas d’origine n’existent plus.'));
        return this.performOnAlineas(op);
    }
  }

  private performOnAlineas(op: Exclude<Operation, { kind: 'delete_article' | 'insert_article_after' | 'rewrite_article' | 'complete_article' | 'complete_article_sentences' }>): Failure | null {
    switch (op.kind) {
      case 'rewrite_alinea':
      case 'delete_alineas': {
        const { from, to } = op.range;
        for (let n = from; n <= to; n++) {
          const missing = this.live(n);
          if (missing !== null) return missing;
        }
        for (let n = from; n <= to; n++) this.slot(n).text = null;
        if (op.kind === 'rewrite_alinea') this.slot(from).replacement = keepProvisionMarks(this.original.slice(from - 1, to), op.alineas);
        return null;
      }
      case 'insert_alineas_after':
        if (op.after < 0 || op.after > this.slots.length) return this.missing(op.after);
        if (op.after === 0) (this.slots[0]?.before ?? this.head).push(...op.alineas);
        else this.slot(op.after).after.push(...insideProvision(this.openAfter[op.after - 1] === true, this.original[op.after - 1] ?? '', op.alineas));
        return null;
      case 'edit_sentence':
        return this.editSentence(op);
      case 'rewrite_start':
        return this.rewriteStart(op);
      default:
        return op.alinea === null ? this.editArticleWords(op) : this.editAlineaWords(op, op.alinea);
    }
  }

  /** The sentences end the article's last alinéa, whatever was added after the original ones. */
  private appendToLast(text: string): Failure | null {
    const list = this.whole ?? (this.tail.length > 0 ? this.tail : null);
    if (list !== null && list.length > 0) {
      list[list.length - 1] = appendSentences(list[list.length - 1] ?? '', text);
      return null;
    }
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const s = this.slots[i] as Slot;
      const where = s.after.length > 0 ? s.after : s.text === null ? s.replacement : null;
      if (where !== null && where.length > 0) {
        where[where.length - 1] = appendSentences(where[where.length - 1] ?? '', text);
        return null;
      }
      if (s.text !== null) {
        s.text = appendSentences(s.text, text);
        return null;
      }
    }
    return { reason: 'alinea_missing', message: msg('l’article n’a pas d’alinéa à compléter.') };
  }

  private editSentence(op: Extract<Operation, { kind: 'edit_sentence' }>): Failure | null {
    const missing = this.live(op.alinea);
    if (missing !== null) return missing;
    const slot = this.slot(op.alinea);
    const done = editSentence(slot.text ?? '', op.sentence, (s) =>
      op.action === 'delete' ? '' : op.action === 'rewrite' ? op.text : `${s} ${op.text}`);
    if (done === null) return sentenceMissing(op.sentence, op.alinea);
    slot.text = done;
    return null;
  }

  private rewriteStart(op: Extract<Operation, { kind: 'rewrite_start' }>): Failure | null {
    const missing = this.live(op.alinea);
    if (missing !== null) return missing;
    const slot = this.slot(op.alinea);
    if (op.sentence === undefined) {
      const done = rewriteStart(slot.text ?? '', op.text, place(op.alinea));
      if (!done.ok) return { reason: done.reason, message: done.message };
      slot.text = done.text;
      return null;
    }
    let failed: Failure | null = null;
    const where = sentencePlace(op.sentence, op.alinea);
    const done = editSentence(slot.text ?? '', op.sentence, (s) => {
      const r = rewriteStart(s, op.text, where);
      if (r.ok) return r.text;
      failed = { reason: r.reason, message: r.message };
      return null;
    });
    if (failed !== null) return failed;
    if (done === null) return sentenceMissing(op.sentence, op.alinea);
    slot.text = done;
    return null;
  }

  private editAlineaWords(op: WordsOperation, n: number): Failure | null {
    const missing = this.live(n);
    if (missing !== null) return missing;
    const slot = this.slot(n);
    if (op.kind !== 'append_sentences' && op.sentence !== undefined) {
      let failed: Failure | null = null;
      const done = editSentence(slot.text ?? '', op.sentence, (s) => {
        const r = applyWords(s, op);
        if (r.ok) return r.text;
        failed = wordsFailure(op, r.reason, r.found, n);
        return null;
      });
      if (failed !== null) return failed;
      if (done === null) return sentenceMissing(op.sentence, n);
      slot.text = done;
      return null;
    }
    const done = applyWords(slot.text ?? '', op);
    if (!done.ok) return wordsFailure(op, done.reason, done.found, n);
    slot.text = done.text;
    return null;
  }

  /** No alinéa named: the words are looked for in every alinéa still there, in order. */
  private editArticleWords(op: WordsOperation): Failure | null {
    const words = quotedWordsOf(op);
    const live = this.slots.filter((s): s is Slot & { text: string } => s.text !== null);
    if (words === null) {
      if (live.length !== 1) return { reason: 'alinea_missing', message: msg('précisez l’alinéa où insérer ces mots.') };
      const only = live[0] as Slot & { text: string };
      only.text = editAlinea(only.text, op, null);
      return null;
    }
    if (words.times !== undefined) return this.editEveryOccurrence(op, words.text, words.times, live);
    const spans: { slot: Slot & { text: string }; span: Span }[] = [];
    for (const slot of live) for (const span of findAll(slot.text, words.text)) spans.push({ slot, span });
    const found = choose(spans.map((s) => s.span), words.occurrence);
    if (!found.ok) return wordsFailure(op, found.reason, found.found, null);
    const hit = spans.find((s) => s.span === found.span);
    if (hit !== undefined) hit.slot.text = editAlinea(hit.slot.text, op, found.span);
    return null;
  }

  /** « (deux fois) » with no alinéa named: every occurrence in the article, exactly that many. */
  private editEveryOccurrence(op: WordsOperation, words: string, times: number, live: (Slot & { text: string })[]): Failure | null {
    const found = live.map((slot) => findAll(slot.text, words));
    const total = found.reduce((sum, spans) => sum + spans.length, 0);
    if (total !== times) return wordsFailure(op, total < times ? 'words_absent' : 'words_ambiguous', total, null);
    live.forEach((slot, i) => {
      slot.text = (found[i] ?? []).reduceRight((out, span) => editAlinea(out, op, span), slot.text);
    });
    return null;
  }

  private slot(n: number): Slot {
    const slot = this.slots[n - 1];
    if (slot === undefined) throw new Error(`legistique: alinéa ${n} out of range`);
    return slot;
  }

  /** Null when original alinéa `n` exists and no earlier operation removed it. */
  private live(n: number): Failure | null {
    if (n < 1 || n > this.slots.length) return this.missing(n);
    if (this.slot(n).text === null) return conflict(fill(msg('l’alinéa {{n}} a déjà été supprimé ou réécrit par une opération précédente.'), { n }));
    return null;
  }

  private missing(n: number): Failure {
    const count = this.slots.length;
    return { reason: 'alinea_missing', message: fill(msg('l’alinéa {{n}} n’existe pas (l’article en compte {{total}}).'), { n, total: count }) };
  }
}

/** « le dernier alinéa » (-1), « l’avant-dernier » (-2): numbers counted from the end of the original article. */
function fromEnd(op: Operation, count: number): Operation {
  const at = (n: number) => (n < 0 ? count + 1 + n : n);
  switch (op.kind) {
    case 'rewrite_alinea':
    case 'delete_alineas':
      return op.range.from < 0 || op.range.to < 0 ? { ...op, range: { from: at(op.range.from), to: at(op.range.to) } } : op;
    case 'insert_alineas_after':
      return op.after < 0 ? { ...op, after: at(op.after) } : op;
    case 'substitute_words':
    case 'delete_words':
    case 'delete_end_of_alinea':
    case 'insert_words':
    case 'append_sentences':
    case 'edit_sentence':
    case 'rewrite_start':
      return op.alinea !== null && op.alinea < 0 ? { ...op, alinea: at(op.alinea) } : op;
    default:
      return op;
  }
}

function sentenceMissing(sentence: number, alinea: number): Failure {
  return { reason: 'alinea_missing', message: fill(msg('l’alinéa {{n}} n’a pas de {{rang}} phrase.'), { n: alinea, rang: sentenceRank(sentence) }) };
}

function conflict(message: string): Failure {
  return { reason: 'conflict', message };
}

function wordsFailure(op: WordsOperation, reason: 'words_absent' | 'words_ambiguous', found: number, alinea: number | null): Failure {
  const words = quotedWordsOf(op);
  if (words === null) return { reason, message: msg('mots introuvables.') };
  const message = reason === 'words_absent' ? absentMessage(words, found, place(alinea)) : ambiguousMessage(words, found, place(alinea));
  return { reason, message };
}
