/** The French sentences of the applier's refusals (« Opération II : » is added by the caller). */
import { isOneWord, ordinalWord, quote, wordsNoun } from './typography';
import type { QuotedWords } from './types';

/** « à l’alinéa 3 », or « dans cet article » when no alinéa was named. */
export function place(alinea: number | null): string {
  return alinea === null ? 'dans cet article' : `à l’alinéa ${alinea}`;
}

function noun(words: QuotedWords): string {
  const { noun, plural } = wordsNoun(words.text);
  return `${plural ? 'les' : 'le'} ${noun} ${quote(words.text)}`;
}

export function absentMessage(words: QuotedWords, found: number, where: string): string {
  const one = isOneWord(words.text);
  if (words.occurrence === undefined || found === 0) {
    return `${noun(words)} ne ${one ? 'figure' : 'figurent'} pas ${where}.`;
  }
  const which = words.occurrence === 'last' ? 'dernière' : ordinalWord(words.occurrence);
  const times = found === 1 ? 'une seule fois' : `${found} fois`;
  return `il n’y a pas de ${which} occurrence ${one ? 'du' : 'des'} ${wordsNoun(words.text).noun} ${quote(words.text)} ${where} (${times}).`;
}

export function ambiguousMessage(words: QuotedWords, found: number, where: string): string {
  const one = isOneWord(words.text);
  return `${noun(words)} ${one ? 'figure' : 'figurent'} ${found} fois ${where}\u00A0: citez des mots voisins ou précisez l’occurrence (${quote('la première occurrence')}).`;
}
