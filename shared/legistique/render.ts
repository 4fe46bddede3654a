/**
 * Writing operations as a clerk of the Assemblée would (docs/dispositif.md): one sentence per
 * operation, « I. – », « II. – »… when there are several, one quoted alinéa per line.
 */
import { alineaPhrase, COLON, countWord, NBSP, ordinalWord, quote, quoteBlock, sentenceCount, toRoman, wordsNoun } from './typography';
import { readQuotation } from './quotes';
import { formatSenatOperation } from './render-senat';
import type { Chamber, Operation, QuotedWords } from './types';

/** `an` (default): « À l’alinéa 2, substituer… »; `senat`: « Alinéa 2 ⏎ Remplacer les mots : … » (render-senat.ts). */
export function formatDispositif(operations: readonly Operation[], options: { chamber?: Chamber } = {}): string {
  const format = options.chamber === 'senat' ? formatSenatOperation : formatOperation;
  if (operations.length === 1 && operations[0] !== undefined) return format(operations[0]);
  return operations.map((op, i) => `${toRoman(i + 1)}.${NBSP}– ${format(op)}`).join('\n');
}

export function formatOperation(op: Operation): string {
  return capitalise(sentence(op));
}

function sentence(op: Operation): string {
  if ('sentence' in op && op.kind !== 'edit_sentence' && op.kind !== 'rewrite_start' && op.sentence !== undefined && op.alinea !== null) {
    const which = op.sentence === -1 ? 'dernière' : op.sentence === -2 ? 'avant-dernière' : ordinalWord(op.sentence);
    return `à ${op.sentence === -2 ? 'l’' : 'la '}${which} phrase de l’alinéa ${op.alinea}, ${sentence({ ...op, alinea: null, sentence: undefined } as Operation).replace(/^(?:cet alinéa|compléter cet alinéa)/, (m) => (m === 'cet alinéa' ? 'cette phrase' : 'compléter cette phrase'))}`;
  }
  switch (op.kind) {
    case 'delete_article':
      return 'supprimer cet article.';
    case 'rewrite_article':
      return `rédiger ainsi cet article${COLON}\n${block(op.alineas)}`;
    case 'complete_article':
      return `compléter cet article par ${alineasNoun(op.alineas.length)}${COLON}\n${block(op.alineas)}`;
    case 'complete_article_sentences':
      return `compléter cet article par ${sentencesNoun(sentenceCount(op.text))}${COLON} ${quote(op.text)}`;
    case 'insert_article_after': {
      const where = op.article === null ? '' : `après l’article ${op.article}, `;
      return `${where}insérer un article additionnel ainsi rédigé${COLON}\n${block(op.alineas)}`;
    }
    case 'rewrite_alinea':
      return `rédiger ainsi ${alineaPhrase(op.range.from, op.range.to)}${COLON}\n${block(op.alineas)}`;
    case 'delete_alineas':
      return `supprimer ${alineaPhrase(op.range.from, op.range.to)}.`;
    case 'insert_alineas_after': {
      const where = op.after === 0 ? 'avant l’alinéa 1' : `après l’alinéa ${op.after}`;
      return `${where}, insérer ${alineasNoun(op.alineas.length)}${COLON}\n${block(op.alineas)}`;
    }
    case 'substitute_words':
      return `${at(op.alinea)}substituer ${dative(op.words)} ${direct({ text: op.replacement })}.`;
    case 'delete_words':
      return `${at(op.alinea)}supprimer ${direct(op.words)}.`;
    case 'delete_end_of_alinea':
      if (op.text !== undefined) return `${at(op.alinea)}après ${direct(op.after)}, rédiger ainsi la fin de cet alinéa${COLON} ${quote(op.text)}`;
      return `${at(op.alinea)}après ${direct(op.after)}, supprimer la fin de cet alinéa.`;
    // no final period: the quotation ends with the sentence's own punctuation
    case 'append_sentences':
      return `compléter ${op.alinea === null ? 'cet alinéa' : `l’alinéa ${op.alinea}`} par ${sentencesNoun(sentenceCount(op.text))}${COLON} ${quote(op.text)}`;
    case 'edit_sentence': {
      const which = `${op.sentence === -2 ? 'l’' : 'la '}${op.sentence === -1 ? 'dernière' : op.sentence === -2 ? 'avant-dernière' : ordinalWord(op.sentence)} phrase de l’alinéa ${op.alinea}`;
      if (op.action === 'delete') return `supprimer ${which}.`;
      if (op.action === 'rewrite') return `rédiger ainsi ${which}${COLON} ${quote(op.text)}`;
      return `après ${which}, insérer une phrase ainsi rédigée${COLON} ${quote(op.text)}`;
    }
    case 'rewrite_start': {
      const which = op.sentence === undefined ? '' : `${op.sentence === -2 ? 'l’' : 'la '}${op.sentence === -1 ? 'dernière' : op.sentence === -2 ? 'avant-dernière' : ordinalWord(op.sentence)} phrase de `;
      return `rédiger ainsi le début de ${which}l’alinéa ${op.alinea}${COLON} ${quote(`${op.text}… (le reste sans changement)`)}`;
    }
    case 'insert_words':
      switch (op.at.position) {
        case 'after':
        case 'before':
          return `${at(op.alinea)}${op.at.position === 'after' ? 'après' : 'avant'} ${direct(op.at.anchor)}, insérer ${direct({ text: op.words })}.`;
        case 'start':
          return `au début de ${op.alinea === null ? 'cet alinéa' : `l’alinéa ${op.alinea}`}, insérer ${direct({ text: op.words })}.`;
        case 'end':
          return `compléter ${op.alinea === null ? 'cet alinéa' : `l’alinéa ${op.alinea}`} par ${direct({ text: op.words })}.`;
      }
  }
}

const MARKS: readonly (readonly [string, string])[] = [['«', '»'], ['“', '”'], ['"', '"']];

/**
 * The quoted alinéas, with « » unless their own unbalanced marks would make the quotation read
 * differently (an alinéa ending in « … » » before another one): then “ ” or " ".
 */
export function block(alineas: readonly string[]): string {
  for (const [open, close] of MARKS) {
    const written = quoteBlock(alineas, open, close);
    const read = readQuotation(written, 0);
    if (read.closed && read.end === written.length && read.alineas.length === alineas.length && read.alineas.every((a, i) => a === alineas[i])) {
      return written;
    }
  }
  return quoteBlock(alineas);
}

/** « une phrase ainsi rédigée », « deux phrases ainsi rédigées ». */
export function sentencesNoun(n: number): string {
  return n === 1 ? 'une phrase ainsi rédigée' : `${countWord(n)} phrases ainsi rédigées`;
}

/** « un alinéa ainsi rédigé », « deux alinéas ainsi rédigés ». */
export function alineasNoun(n: number): string {
  return n === 1 ? 'un alinéa ainsi rédigé' : `${countWord(n)} alinéas ainsi rédigés`;
}

function at(alinea: number | null): string {
  if (alinea !== null && alinea < 0) return `${alinea === -1 ? 'au dernier' : 'à l’avant-dernier'} alinéa, `;
  return alinea === null ? '' : `à l’alinéa ${alinea}, `;
}

/** « au mot : « X » », « aux mots : « X » », « à la deuxième occurrence du mot : « X » ». */
function dative(words: QuotedWords): string {
  const { noun, plural } = wordsNoun(words.text);
  if (words.occurrence === undefined) return `${plural ? 'aux' : 'au'} ${noun}${COLON} ${quote(words.text)}`;
  return `à la ${occurrenceWord(words)} occurrence ${plural ? 'des' : 'du'} ${noun}${COLON} ${quote(words.text)}`;
}

/** « le mot : « X » », « les mots : « X » », « la première occurrence des mots : « X » ». */
export function direct(words: QuotedWords): string {
  const { noun, plural } = wordsNoun(words.text);
  if (words.occurrence === undefined) return `${plural ? 'les' : 'le'} ${noun}${COLON} ${quote(words.text)}`;
  return `la ${occurrenceWord(words)} occurrence ${plural ? 'des' : 'du'} ${noun}${COLON} ${quote(words.text)}`;
}

function occurrenceWord(words: QuotedWords): string {
  return words.occurrence === 'last' ? 'dernière' : ordinalWord(words.occurrence ?? 1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
