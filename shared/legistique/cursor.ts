/**
 * A position in a skeleton (skeleton.ts) and the few moves the grammar needs. Patterns are
 * sticky regular expressions written in skeleton spelling (« a l'alinea », not « À l’alinéa »),
 * with shorthands expanded by `pattern`: {Q} a quotation placeholder (captures its index),
 * {ORD} an ordinal word (captures it), {NOUN} the nouns that introduce quoted words.
 */
import { msg } from '../i18n';
import { buildSkeleton, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, type Skeleton } from './skeleton';
import type { Quotation } from './quotes';

/** A sentence that is recognised but cannot be read: the statement fails with this message. */
export class ParseFailure extends Error {}

const ORDINAL_WORDS = [
  'avant-derniere?', 'premiere?', 'premier', 'seconde?', 'derniere?', 'deuxieme', 'troisieme', 'quatrieme', 'cinquieme', 'sixieme',
  'septieme', 'huitieme', 'neuvieme', 'dixieme', 'onzieme', 'douzieme', 'treizieme', 'quatorzieme', 'quinzieme',
  'seizieme', 'dix-septieme', 'dix-huitieme', 'dix-neuvieme', 'vingtieme', '\\d+ ?(?:ere|er|eme|e)',
];

const SHORTHANDS: Readonly<Record<string, string>> = {
  Q: `${PLACEHOLDER_OPEN}(\\d+)${PLACEHOLDER_CLOSE}`,
  // « 1èrephrase », glued as published, is still an ordinal
  ORD: `(${ORDINAL_WORDS.join('|')})(?:(?![a-z])|(?=phrase))`,
  NOUN: '(?:mots? et (?:le|les) signes? de ponctuation|signes? de ponctuation|mots?|references?|nombres?|chiffres?|dates?|montants?|taux|annees?|signes?|termes?|expressions?|phrases?|lettres?|pourcentages?|sommes?|mentions?|caracteres?)(?![a-z])',
};

export function pattern(source: string): RegExp {
  return new RegExp(source.replace(/\{(\w+)\}/g, (whole: string, name: string) => SHORTHANDS[name] ?? whole), 'y');
}

export class Cursor {
  pos = 0;
  readonly skeleton: Skeleton;

  constructor(source: string) {
    this.skeleton = buildSkeleton(source);
  }

  get text(): string {
    return this.skeleton.text;
  }

  /** Matches `re` (sticky) here and moves past it; nothing moves on failure. */
  eat(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.skeleton.text);
    if (m !== null) this.pos = re.lastIndex;
    return m;
  }

  sees(re: RegExp): boolean {
    re.lastIndex = this.pos;
    return re.test(this.skeleton.text);
  }

  /** Runs `read`; when it gives null, the cursor goes back to where it was. */
  attempt<T>(read: () => T | null): T | null {
    const at = this.pos;
    const result = read();
    if (result === null) this.pos = at;
    return result;
  }

  skipSpace(): void {
    if (this.skeleton.text[this.pos] === ' ') this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.skeleton.text.length;
  }

  quotation(index: string | undefined): Quotation {
    const q = this.skeleton.quotes[Number(index)];
    if (q === undefined) throw new ParseFailure(msg('citation introuvable'));
    if (!q.closed) throw new ParseFailure(msg('un guillemet ouvrant n’est jamais fermé'));
    return q;
  }

  /** The source offset of skeleton position `pos`. */
  offset(pos = this.pos): number {
    return this.skeleton.offsets[pos] ?? this.skeleton.source.length;
  }
}
