import { AsyncLocalStorage } from 'node:async_hooks';
import i18next, { type i18n } from 'i18next';
import { DEFAULT_LANG, type Lang, type Say } from '../../shared/i18n';
import { html, type SafeHtml } from '../html';
import { EN } from './en';

/**
 * The interface in French or English, gettext style: the French string is the key, the English
 * catalogue (server/i18n/en/) maps it to English, and French needs no catalogue. A missing
 * English string shows the French one (and fails test/unit/i18n-catalogue.test.ts).
 *
 * The language is the request's, held in an AsyncLocalStorage set by `requestLanguage`
 * (server/i18n/middleware.ts), so rendering code calls `t()` without threading a parameter.
 * Outside a request (mail, jobs, unit tests calling a page function) it is French.
 */
interface LangStore {
  lang: Lang;
  /** The page's address, for the language switch. */
  url: string;
}

const requestLang = new AsyncLocalStorage<LangStore>();

/** Runs `fn` in `lang` (the middleware, and code resumed outside the request's context). */
export function runInLang<T>(store: LangStore, fn: () => T): T {
  return requestLang.run(store, fn);
}

export function currentLang(): Lang {
  return requestLang.getStore()?.lang ?? DEFAULT_LANG;
}

/** The request being answered (an identity for what lasts one page), none outside a request. */
export function currentRequest(): object | undefined {
  return requestLang.getStore();
}

export function currentUrl(): string {
  return requestLang.getStore()?.url ?? '/';
}

/**
 * One i18next instance over the static catalogue, built on first use and never changed after:
 * a read-only function of (language, key), not state.
 */
let instance: i18n | undefined;
function translator(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    lng: DEFAULT_LANG,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: ['fr', 'en'],
    // French sentences are keys: their dots and colons are text, not paths
    keySeparator: false,
    nsSeparator: false,
    initAsync: false,
    // the html`` template escapes what it receives: escaping here would escape twice
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    resources: { en: { translation: EN } },
  });
  instance = created;
  return created;
}

export type Vars = Record<string, string | number>;

/** The interface string `key` (French) in the request's language, `{{name}}` filled from `vars`. */
export function t(key: string, vars?: Vars): string {
  const lng = currentLang();
  if (lng === 'fr' && !vars) return key;
  return translator().t(key, { ...vars, lng });
}

/**
 * A count with its noun: French takes the singular for 0 and 1. The English catalogue holds
 * `<one>_one` and `<one>_other` (i18next's plural keys); `{{count}}` is the number.
 */
export function tn(one: string, other: string, count: number, vars?: Vars): string {
  const lng = currentLang();
  if (lng === 'fr') return translator().t(count < 2 ? one : other, { ...vars, count, lng });
  return translator().t(one, { ...vars, count, lng, defaultValue: count === 1 ? one : other });
}

/**
 * A sentence with markup in it: `th('{{lien}} pour donner votre avis.', { lien: html`<a…>` })`.
 * The translated text is escaped; the values are inserted as the html`` template would.
 */
export function th(key: string, vars: Record<string, SafeHtml | string | number>): SafeHtml {
  const template = currentLang() === 'fr' ? key : (EN[key] ?? key);
  const parts = template.split(/\{\{(\w+)\}\}/);
  return html`${parts.map((p, i) => (i % 2 === 0 ? p : (vars[p] ?? '')))}`;
}

/** The request's language for shared code that takes its words as a parameter (shared/confirmations.ts, shared/policy.ts). */
export const say = (): Say => ({ t, tn, lang: currentLang() });

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The formats the pages use, per language; built once, never changed. */
const FORMATS = {
  fr: formats(LOCALES.fr),
  en: formats(LOCALES.en),
};

function formats(locale: string) {
  return {
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }),
    shortDateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }),
    number: new Intl.NumberFormat(locale),
  };
}

/** « 6 décembre 2026 » / « 6 December 2026 » (Paris time). */
export const formatDate = (d: Date): string => FORMATS[currentLang()].date.format(d);
/** « 6 décembre 2026 à 14:05 » / « 6 December 2026 at 14:05 ». */
export const formatDateTime = (d: Date): string => FORMATS[currentLang()].dateTime.format(d);
export const formatShortDateTime = (d: Date): string => FORMATS[currentLang()].shortDateTime.format(d);
export const formatNumber = (n: number): string => FORMATS[currentLang()].number.format(n);

/** The BCP 47 locale of the request's language, for code that formats by itself. */
export const currentLocale = (): string => LOCALES[currentLang()];

/**
 * A date format of its own (`Intl.DateTimeFormatOptions`) in the request's language, for the pages
 * that show dates differently from `formatDate`: `dateFormat({ dateStyle: 'medium', … }).format(d)`.
 */
export function dateFormat(options: Intl.DateTimeFormatOptions): { format: (d: Date | number) => string } {
  const made = { fr: new Intl.DateTimeFormat(LOCALES.fr, options), en: new Intl.DateTimeFormat(LOCALES.en, options) };
  return { format: (d) => made[currentLang()].format(d) };
}

/** A number in the request's language, with `Intl.NumberFormatOptions` of its own (percentages…). */
export const formatNumberWith = (n: number, options: Intl.NumberFormatOptions): string => n.toLocaleString(currentLocale(), options);

/** `Date.toLocaleString()`'s numeric date and time, Paris time (« 06/12/2026 14:05:00 »). */
export const PARIS_TIME = dateFormat({ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZone: 'Europe/Paris' });

/**
 * French content inside an interface sentence: marked `<span lang="fr">` on English pages, left
 * as it was on French pages (whose markup stays unchanged).
 */
export const frContent = (text: string): SafeHtml => (currentLang() === 'fr' ? html`${text}` : html`<span lang="fr">${text}</span>`);
