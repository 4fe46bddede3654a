import { html, type SafeHtml } from '../html';
import type { Say } from '../../shared/i18n';
import { currentLang, say, t } from '.';
import { EN } from './en';

/**
 * A message that may come from the domain (an AppError's French text): in English when the
 * catalogue has it, else shown as it is, marked French. The API keeps its French messages and
 * its stable codes (API.md); only pages translate.
 */
export function tMessage(message: string): SafeHtml {
  if (currentLang() === 'fr') return html`${message}`;
  if (message in EN) return html`${t(message)}`;
  return fromTemplate(message) ?? frenchWords(message);
}

interface Template {
  key: string;
  /** The fixed text around the placeholders: literals[i] before names[i], the last one after them all. */
  literals: string[];
  names: string[];
  fixed: number;
}

let templates: Template[] | undefined;
/** Keys with less fixed text than this say too little to be recognised (« {{nom}} : {{erreur}} »). */
const MIN_LITERAL = 8;
/** Longer messages are not read back (people's own words are, in a message, at most a few hundred characters). */
const MAX_MESSAGE = 600;
/**
 * The placeholders that hold a message of the catalogue (« Réponse à revoir : {{detail}}. »), or a
 * place (« {{lieu}} »: « à l’alinéa 3 », « dans la dernière phrase de l’alinéa 2 »): their value is
 * read back too. Every other placeholder holds data — names, numbers, people's own words — shown as
 * it is: never read as a message.
 */
const MESSAGE_SLOTS = new Set(['raison', 'detail', 'issue', 'lieu']);
/**
 * How deep messages nest: a page's refusal of a sous-amendement (« Impossible d’adopter … :
 * {{raison}} ») holds why it no longer applies (« … ({{raison}}) »), which holds the dispositif's
 * refusal (« Opération II : {{raison}} »), which holds why (« les mots … ne figurent pas {{lieu}}. »),
 * which holds a place. Each level is shorter than the one holding it (a key has fixed text).
 */
const MAX_DEPTH = 4;
/**
 * A rank (« il n’y a pas de {{rang}} occurrence… »): a word of the catalogue (« deuxième »,
 * « dernière »), or in figures beyond the words (« 21e »), said as an English ordinal (« 21st »).
 */
const RANK_SLOTS = new Set(['rang']);
const ENGLISH_ORDINAL = new Intl.PluralRules('en-GB', { type: 'ordinal' });
const ORDINAL_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** A rank in English (« deuxième » → « second », « 21e » → « 21st »); undefined when it is neither. */
function rank(value: string): string | undefined {
  if (value in EN) return t(value);
  const figures = /^(\d+)e$/.exec(value);
  if (!figures) return undefined;
  const n = Number(figures[1]);
  return `${n}${ORDINAL_SUFFIX[ENGLISH_ORDINAL.select(n)] ?? 'th'}`;
}

/**
 * A value left French inside an English sentence: people's own words, a quote of the text, a
 * message the catalogue lacks. Words are marked `lang="fr"`; a value without a lowercase letter
 * (a number, a label such as « COM-3 » or « II ») is the same in both languages and left bare.
 */
function frenchWords(value: string): SafeHtml {
  return /\p{Ll}/u.test(value) ? html`<span lang="fr">${value}</span>` : html`${value}`;
}

function compile(key: string): Template | undefined {
  const parts = key.split(/\{\{(\w+)\}\}/);
  const literals = parts.filter((_p, i) => i % 2 === 0);
  const names = parts.filter((_p, i) => i % 2 === 1);
  const fixed = literals.join('').length;
  return fixed < MIN_LITERAL ? undefined : { key, literals, names, fixed };
}

/**
 * The values of `message` read against a template, or undefined: leftmost, each value at least
 * one character, without backtracking (one `indexOf` per placeholder: linear in the message).
 */
function read(tpl: Template, message: string): string[] | undefined {
  const { literals } = tpl;
  const first = literals[0]!, last = literals[literals.length - 1]!;
  if (!message.startsWith(first) || !message.endsWith(last)) return undefined;
  const end = message.length - last.length;
  const values: string[] = [];
  let pos = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const at = message.indexOf(literals[i]!, pos + 1);
    if (at < 0 || at + literals[i]!.length > end) return undefined;
    values.push(message.slice(pos, at));
    pos = at + literals[i]!.length;
  }
  if (end - pos < 1) return undefined;
  values.push(message.slice(pos, end));
  return values;
}

/**
 * A message the domain filled from a catalogue key with `{{placeholders}}` (« Au moins 12
 * caractères. » from « Au moins {{n}} caractères. »), said from that key's English with the same
 * values; undefined when no key gives it. Keys with the most fixed text are tried first
 * (« version {{n}} » must not read « version antérieure : … »). The values that stay French (a
 * quote, a name, a message the catalogue lacks) are marked `lang="fr"` (`frenchWords`).
 */
function fromTemplate(message: string, depth = 0): SafeHtml | undefined {
  if (message.length > MAX_MESSAGE) return undefined;
  templates ??= Object.keys(EN)
    .filter((key) => key.includes('{{') && !/_(one|other)$/.test(key))
    .flatMap((key) => compile(key) ?? [])
    .sort((a, b) => b.fixed - a.fixed);
  for (const tpl of templates) {
    const values = read(tpl, message);
    if (!values) continue;
    const said = new Map(tpl.names.map((name, i) => [name, value(name, values[i]!, depth)]));
    // the key's English, its values inserted as the html`` template would (one English entry per key: the catalogue test)
    return html`${EN[tpl.key]!.split(/\{\{(\w+)\}\}/).map((part, i) => (i % 2 === 0 ? part : (said.get(part) ?? '')))}`;
  }
  return undefined;
}

/** One value of a filled message, in English where it is a message or a rank of the catalogue, else as it is (`frenchWords`). */
function value(name: string, v: string, depth: number): SafeHtml {
  if (RANK_SLOTS.has(name)) {
    const ranked = rank(v);
    return ranked === undefined ? frenchWords(v) : html`${ranked}`;
  }
  if (!MESSAGE_SLOTS.has(name)) return frenchWords(v);
  if (v in EN) return html`${t(v)}`;
  return (depth < MAX_DEPTH ? fromTemplate(v, depth + 1) : undefined) ?? frenchWords(v);
}

/** An error's message on a page: a policy refusal says itself in the request's language (`explain`), any other goes through `tMessage`. */
export function tError(err: { message: string; explain?: ((say: Say) => string) | undefined }): SafeHtml {
  return err.explain ? html`${err.explain(say())}` : tMessage(err.message);
}
