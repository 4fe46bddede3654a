/**
 * Sénat style: quoted words without guillemets, on their own line after the line that announces
 * them (« Remplacer les mots : ⏎ possédant une expérience minimale ⏎ par le mot : ⏎ expérimenté »).
 * Before the skeleton is built, such a line is wrapped in private marks that read as a quotation
 * of its whole line, as written (a final period is the dispositif's, not the words').
 */
import { stripAccents } from './typography';

export const BARE_OPEN = '\uE002';
export const BARE_CLOSE = '\uE003';

/** A line that ends by announcing words: « les mots : », « par le nombre : », « Après le mot : ». */
const ANNOUNCES_WORDS =
  /(?:^|[\s'’])(?:ponctuation|mots?|nombres?|references?|chiffres?|dates?|montants?|taux|annees?|signes?|termes?|expressions?|pourcentages?|sommes?|mentions?)(?: \((?:\w+ occurrence|\w+ fois)\))?\s*:\s*$/u;
/** The same without its colon, on a short line of its own (« Après les mots ⏎ de l’emploi »). */
const ANNOUNCES_WORDS_SHORT = /^(?:[ivx]+\s*\.\s*[-–]\s*)?(?:et )?(?:apres|avant|remplacer|supprimer|par|inserer) (?:le|les|la|l')\s*(?:mots?|nombres?|references?|chiffres?|dates?|taux|signes?)\s*$/u;
const OPENS_QUOTATION = /^\s*[«“"]/u;
/** Words that end a sentence: the period after them is the dispositif's. */
const FINAL_PERIOD = /(?<=[\p{Ll}\p{N}%)»”]{2})\s*\.\s*$/u;

export function quoteBareLines(source: string): string {
  if (!source.includes(':')) return source;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const line = stripAccents((lines[i] ?? '').toLowerCase()).trim();
    if (!ANNOUNCES_WORDS.test(line) && !ANNOUNCES_WORDS_SHORT.test(line)) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const next = lines[j];
    if (next === undefined || OPENS_QUOTATION.test(next)) continue;
    lines[j] = `${BARE_OPEN}${next.trim().replace(FINAL_PERIOD, '')}${BARE_CLOSE}`;
    i = j;
  }
  return lines.join('\n');
}

/**
 * Verbs broken or misspelt as published (« Suprrimer », « Réd iger », « insér er », « avantla »):
 * outside quotations only, and only these exact forms, which cannot mean anything else.
 */
// (« Réd⏎iger »: a paragraph the source broke inside the word)
const BROKEN_VERBS: readonly (readonly [RegExp, string])[] = [
  [/\b([Ss])upr{1,2}imer\b/gu, '$1upprimer'],
  [/\b([Rr])éd[ \n]iger\b/gu, '$1édiger'],
  [/\b([Ii])ns(?:ér[ \n]er|é[ \n]rer)\b/gu, '$1nsérer'],
  [/\bavantla\b/gu, 'avant la'],
];

export function repairVerbs(source: string): string {
  let out = '';
  let depth = 0;
  let chunk = '';
  const flush = () => {
    out += depth === 0 ? BROKEN_VERBS.reduce((t, [re, by]) => t.replace(re, by), chunk) : chunk;
    chunk = '';
  };
  for (const ch of source) {
    if (ch === '«') { flush(); depth++; }
    chunk += ch;
    if (ch === '»' && depth > 0) { flush(); depth--; }
  }
  flush();
  return out;
}

export function withoutBareMarks(text: string): string {
  return text.includes(BARE_OPEN) || text.includes(BARE_CLOSE) ? text.replace(/[\uE002\uE003]/g, '') : text;
}
