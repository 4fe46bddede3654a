/**
 * The interface's languages (issue 16 › 5). French is the platform's language and the default;
 * English is offered beside it for the interface only: legal texts, amendments and what people
 * write stay French, marked `lang="fr"` inside English pages.
 */
export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = ['fr', 'en'];
export const DEFAULT_LANG: Lang = 'fr';

export const isLang = (v: unknown): v is Lang => v === 'fr' || v === 'en';

/**
 * Marks a French interface string where it is written (a label in a table) so that the catalogue
 * test finds it; it is translated where it is shown, with `t(label)`. gettext's `N_()`.
 */
export const msg = (s: string): string => s;

export type Vars = Record<string, string | number>;

/**
 * The interface's words for code shared by the server and the browser (the confirmations, the
 * refusals of the policy): each side passes its own, so that shared/ needs no catalogue of its
 * own and stays pure. Called `t` and `tn` where used (destructured) so that the catalogue test
 * finds their French keys.
 */
export interface Say {
  /** `key` (French) in the reader's language, `{{name}}` filled from `vars`. */
  t: (key: string, vars?: Vars) => string;
  /** A count with its noun: French takes the singular for 0 and 1; `{{count}}` is `count`. */
  tn: (one: string, other: string, count: number, vars?: Vars) => string;
  /** The reader's language (its dates and numbers). */
  lang: Lang;
}

export const fill = (text: string, vars?: Vars): string =>
  vars ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;

/**
 * A `Say` over a plain catalogue (French key → English, plurals as `<one>_one` / `<one>_other`,
 * i18next's keys): the browser's. French needs no catalogue.
 */
export function catalogueSay(lang: Lang, english: Readonly<Record<string, string>>): Say {
  if (lang === 'fr') return { lang, t: fill, tn: (one, other, count, vars) => fill(count < 2 ? one : other, { ...vars, count }) };
  return {
    lang,
    t: (key, vars) => fill(english[key] ?? key, vars),
    tn: (one, other, count, vars) => fill(english[`${one}_${count === 1 ? 'one' : 'other'}`] ?? (count === 1 ? one : other), { ...vars, count }),
  };
}

/** French, the platform's language: the keys themselves, filled. */
export const SAY_FR: Say = catalogueSay('fr', {});
