import { CLIENT_EN } from './i18n-en';

/**
 * The browser code's interface strings, in the page's language (`<html lang>`, set by the
 * server from the visitor's choice): French keys, a small English catalogue (i18n-en.ts) so that
 * no page pays for the server's. `{{name}}` is filled from `vars`.
 */
export function t(key: string, vars?: Record<string, string | number>): string {
  const text = document.documentElement.lang === 'en' ? (CLIENT_EN[key] ?? key) : key;
  return vars ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** Marks a French string as an interface key where it is written; `t()` translates it where it is shown. */
export const msg = (key: string): string => key;

/** The page's locale for dates and numbers. */
export const pageLocale = (): string => (document.documentElement.lang === 'en' ? 'en-GB' : 'fr-FR');
