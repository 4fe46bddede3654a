/**
 * The French sentences of the applier's refusals (« Opération II : » is added by the caller).
 * Each is a whole sentence of the catalogue (`msg`, filled with `fill`): the API keeps the French,
 * pages say it in English from the same key (server/i18n/message.ts reads it back). The place
 * (`{{lieu}}`, « à l’alinéa 3 ») and the rank (`{{rang}}`, « deuxième », « dernière ») are read
 * back as catalogue entries of their own, never as parts of a sentence to put together.
 */
import { fill, msg } from '../i18n';
import { ordinalWord, wordsNoun } from './typography';
import type { QuotedWords } from './types';

/** « à l’alinéa 3 », or « dans cet article » when no alinéa was named. */
export function place(alinea: number | null): string {
  return alinea === null ? msg('dans cet article') : fill(msg('à l’alinéa {{n}}'), { n: alinea });
}

/** « dans la dernière phrase de l’alinéa 3 » (-1), « dans l’avant-dernière … » (-2), « dans la deuxième … ». */
export function sentencePlace(sentence: number, alinea: number): string {
  if (sentence === -2) return fill(msg('dans l’avant-dernière phrase de l’alinéa {{n}}'), { n: alinea });
  return fill(msg('dans la {{rang}} phrase de l’alinéa {{n}}'), { rang: sentenceRank(sentence), n: alinea });
}

/** The rank of a sentence: « dernière » (-1), « avant-dernière » (-2), « deuxième » (2). */
export function sentenceRank(sentence: number): string {
  return sentence === -1 ? msg('dernière') : sentence === -2 ? msg('avant-dernière') : ordinalWord(sentence);
}

type Noun = 'mot' | 'mots' | 'signe' | 'signes';
const nounOf = (text: string): Noun => wordsNoun(text).noun as Noun;

const ABSENT: Record<Noun, string> = {
  mot: msg('le mot «\u00a0{{mots}}\u00a0» ne figure pas {{lieu}}.'),
  mots: msg('les mots «\u00a0{{mots}}\u00a0» ne figurent pas {{lieu}}.'),
  signe: msg('le signe «\u00a0{{mots}}\u00a0» ne figure pas {{lieu}}.'),
  signes: msg('les signes «\u00a0{{mots}}\u00a0» ne figurent pas {{lieu}}.'),
};

const NO_SUCH_OCCURRENCE_ONCE: Record<Noun, string> = {
  mot: msg('il n’y a pas de {{rang}} occurrence du mot «\u00a0{{mots}}\u00a0» {{lieu}} (une seule fois).'),
  mots: msg('il n’y a pas de {{rang}} occurrence des mots «\u00a0{{mots}}\u00a0» {{lieu}} (une seule fois).'),
  signe: msg('il n’y a pas de {{rang}} occurrence du signe «\u00a0{{mots}}\u00a0» {{lieu}} (une seule fois).'),
  signes: msg('il n’y a pas de {{rang}} occurrence des signes «\u00a0{{mots}}\u00a0» {{lieu}} (une seule fois).'),
};

const NO_SUCH_OCCURRENCE: Record<Noun, string> = {
  mot: msg('il n’y a pas de {{rang}} occurrence du mot «\u00a0{{mots}}\u00a0» {{lieu}} ({{n}} fois).'),
  mots: msg('il n’y a pas de {{rang}} occurrence des mots «\u00a0{{mots}}\u00a0» {{lieu}} ({{n}} fois).'),
  signe: msg('il n’y a pas de {{rang}} occurrence du signe «\u00a0{{mots}}\u00a0» {{lieu}} ({{n}} fois).'),
  signes: msg('il n’y a pas de {{rang}} occurrence des signes «\u00a0{{mots}}\u00a0» {{lieu}} ({{n}} fois).'),
};

const AMBIGUOUS: Record<Noun, string> = {
  mot: msg('le mot «\u00a0{{mots}}\u00a0» figure {{n}} fois {{lieu}}\u00a0: citez des mots voisins ou précisez l’occurrence («\u00a0la première occurrence\u00a0»).'),
  mots: msg('les mots «\u00a0{{mots}}\u00a0» figurent {{n}} fois {{lieu}}\u00a0: citez des mots voisins ou précisez l’occurrence («\u00a0la première occurrence\u00a0»).'),
  signe: msg('le signe «\u00a0{{mots}}\u00a0» figure {{n}} fois {{lieu}}\u00a0: citez des mots voisins ou précisez l’occurrence («\u00a0la première occurrence\u00a0»).'),
  signes: msg('les signes «\u00a0{{mots}}\u00a0» figurent {{n}} fois {{lieu}}\u00a0: citez des mots voisins ou précisez l’occurrence («\u00a0la première occurrence\u00a0»).'),
};

export function absentMessage(words: QuotedWords, found: number, where: string): string {
  const noun = nounOf(words.text);
  if (words.occurrence === undefined || found === 0) return fill(ABSENT[noun], { mots: words.text, lieu: where });
  const vars = { rang: words.occurrence === 'last' ? msg('dernière') : ordinalWord(words.occurrence), mots: words.text, lieu: where, n: found };
  return fill(found === 1 ? NO_SUCH_OCCURRENCE_ONCE[noun] : NO_SUCH_OCCURRENCE[noun], vars);
}

export function ambiguousMessage(words: QuotedWords, found: number, where: string): string {
  return fill(AMBIGUOUS[nounOf(words.text)], { mots: words.text, lieu: where, n: found });
}
