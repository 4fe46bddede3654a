import type { Lang } from '../../shared/i18n';
import { html, type SafeHtml } from '../html';
import { currentLang, currentUrl, t } from '.';

/** The same page in `lang`: its address with `?lang=` set (the link sets the cookie). */
export function pageIn(lang: Lang): string {
  const url = new URL(currentUrl(), 'http://palimpseste.invalid');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

const NAMES: Record<Lang, string> = { fr: 'Français', en: 'English' };

/**
 * « Français / English » in every page's header: plain links (keyboard, no script), each named
 * in its own language and marked so, the current one `aria-current`.
 */
export function languageSwitch(): SafeHtml {
  const current = currentLang();
  const link = (lang: Lang) => html`<a href="${pageIn(lang)}" hreflang="${lang}" lang="${lang}"${current === lang ? html` aria-current="true"` : ''}>${NAMES[lang]}</a>`;
  return html`<nav class="lang-switch" aria-label="${t('Langue')}">${link('fr')}<span aria-hidden="true"> / </span>${link('en')}</nav>`;
}

/** The alternate-language links of a page's head. */
export function alternateLinks(): SafeHtml {
  return html`<link rel="alternate" hreflang="fr" href="${pageIn('fr')}"><link rel="alternate" hreflang="en" href="${pageIn('en')}">`;
}
