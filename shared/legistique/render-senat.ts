/**
 * Writing operations as the Sénat does (docs/dispositif.md): the place on its own line (« Alinéa 3 »,
 * « Alinéas 3 à 5 », « Après l’alinéa 5 »), then the instruction, each quotation on its own line:
 *
 *   Alinéa 2
 *   Remplacer les mots :
 *   « possédant une expérience minimale »
 *   par le mot :
 *   « expérimenté »
 *
 * Operations on the whole article are written as the Assemblée writes them (both chambers do).
 */
import { alineasNoun, block, direct, formatOperation, sentencesNoun } from './render';
import { COLON, ordinalWord, quote, sentenceCount } from './typography';
import type { Operation } from './types';

function place(from: number, to: number): string {
  if (from === to) return `Alinéa ${from}`;
  return `Alinéas ${from} ${to === from + 1 ? 'et' : 'à'} ${to}`;
}

function sentenceName(n: number): string {
  return n === -1 ? 'dernière' : n === -2 ? 'avant-dernière' : ordinalWord(n);
}

/** « les mots : « X » » as two lines: « les mots : » then the quotation. */
function split(quoted: string): string {
  return quoted.replace(`${COLON} `, `${COLON}\n`);
}

function lines(words: string): string {
  return split(direct({ text: words }));
}

export function formatSenatOperation(op: Operation): string {
  switch (op.kind) {
    case 'rewrite_alinea': {
      const these = op.range.from === op.range.to ? 'cet alinéa' : 'ces alinéas';
      return `${place(op.range.from, op.range.to)}\nRédiger ainsi ${these}${COLON}\n${block(op.alineas)}`;
    }
    case 'delete_alineas':
      return `${place(op.range.from, op.range.to)}\nSupprimer ${op.range.from === op.range.to ? 'cet alinéa' : 'ces alinéas'}.`;
    case 'insert_alineas_after': {
      const where = op.after === 0 ? 'Avant l’alinéa 1' : `Après l’alinéa ${op.after}`;
      return `${where}\nInsérer ${alineasNoun(op.alineas.length)}${COLON}\n${block(op.alineas)}`;
    }
    case 'edit_sentence': {
      const head = `Alinéa ${op.alinea}, ${sentenceName(op.sentence)} phrase`;
      if (op.action === 'delete') return `${head}\nSupprimer cette phrase.`;
      if (op.action === 'rewrite') return `${head}\nRédiger ainsi cette phrase${COLON}\n${quote(op.text)}`;
      return `Alinéa ${op.alinea}, après la ${sentenceName(op.sentence)} phrase\nInsérer une phrase ainsi rédigée${COLON}\n${quote(op.text)}`;
    }
    case 'rewrite_start': {
      const head = op.sentence === undefined ? `Alinéa ${op.alinea}` : `Alinéa ${op.alinea}, ${sentenceName(op.sentence)} phrase`;
      return `${head}\nRédiger ainsi le début de ${op.sentence === undefined ? 'cet alinéa' : 'cette phrase'}${COLON}\n${quote(`${op.text}… (le reste sans changement)`)}`;
    }
    case 'substitute_words':
    case 'delete_words':
    case 'delete_end_of_alinea':
    case 'insert_words':
    case 'append_sentences': {
      if (op.alinea === null) return formatOperation(op);
      const sentence = op.kind !== 'append_sentences' && op.sentence !== undefined ? `, ${sentenceName(op.sentence)} phrase` : '';
      return `Alinéa ${op.alinea}${sentence}\n${wordsInstruction(op, sentence !== '')}`;
    }
    default:
      return formatOperation(op);
  }
}

function wordsInstruction(op: Extract<Operation, { alinea: number | null }>, inSentence: boolean): string {
  const here = inSentence ? 'cette phrase' : 'cet alinéa';
  switch (op.kind) {
    case 'substitute_words':
      return `Remplacer ${split(direct(op.words))}\npar ${lines(op.replacement)}`;
    case 'delete_words':
      return `Supprimer ${split(direct(op.words))}`;
    case 'delete_end_of_alinea':
      if (op.text !== undefined) return `Après ${split(direct(op.after))}\nrédiger ainsi la fin de ${here}${COLON}\n${quote(op.text)}`;
      return `Après ${split(direct(op.after))}\nsupprimer la fin de ${here}.`;
    case 'append_sentences':
      return `Compléter cet alinéa par ${sentencesNoun(sentenceCount(op.text))}${COLON}\n${quote(op.text)}`;
    case 'insert_words':
      switch (op.at.position) {
        case 'after':
        case 'before':
          return `${op.at.position === 'after' ? 'Après' : 'Avant'} ${split(direct(op.at.anchor))}\ninsérer ${lines(op.words)}`;
        case 'start':
          return `Au début de ${here}, insérer ${lines(op.words)}`;
        case 'end':
          return `Compléter ${here} par ${lines(op.words)}`;
      }
  }
  return formatOperation(op);
}

