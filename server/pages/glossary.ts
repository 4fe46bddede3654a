import { GLOSSARY, type GlossaryEntry } from '../../shared/glossary';
import { escapeHtml, html, raw, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { currentLang, t } from '../i18n';

/**
 * Inline definitions of the procedure's words (shared/glossary.ts).
 *
 * The pattern, and why: the first occurrence of a term in a page's explanatory text becomes a link
 * to its entry on /glossaire, with `aria-describedby` pointing at the definition (a `hidden` span
 * right after it) and the same definition as `title`.
 * - Without JavaScript everything works: the link opens the entry; the back button returns.
 * - A screen reader announces the definition with the term, on focus or when reading the link,
 *   without leaving the page (a `hidden` element still gives its text to `aria-describedby`).
 * - Keyboard and touch users reach it like any link; a mouse user also gets the browser's own
 *   tooltip (`title`), which the browser shows and dismisses — unlike a CSS hover bubble, which
 *   could not be dismissed with Escape without a script (WCAG 1.4.13).
 * - Nothing moves the text around: a `<details>` would, and cannot sit inside a paragraph.
 * Only the first occurrence per page is linked, so that a page is not a sea of links.
 */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BY_FORM = new Map<string, GlossaryEntry>(GLOSSARY.flatMap((e) => e.forms.map((f) => [f.toLocaleLowerCase('fr'), e] as const)));
const FORMS = [...BY_FORM.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
const TERM_RE = new RegExp(`(?<![\\p{L}\\p{N}-])(${FORMS.join('|')})(?![\\p{L}\\p{N}-])`, 'giu');

/** One page's glossing: remembers which terms it has already linked. */
export class Glosser {
  private readonly linked = new Set<string>();
  private count = 0;

  constructor(private readonly prefix = 'def') {}

  /** `text`, escaped, its first unseen occurrence of each term linked to its definition. */
  text(text: string): SafeHtml {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(TERM_RE)) {
      const entry = BY_FORM.get(m[0].toLocaleLowerCase('fr'));
      if (!entry || this.linked.has(entry.id)) continue;
      this.linked.add(entry.id);
      out += escapeHtml(text.slice(last, m.index)) + this.term(entry, m[0]).value;
      last = m.index + m[0].length;
    }
    return raw(out + escapeHtml(text.slice(last)));
  }

  /** A term, linked whatever it says (a heading that is the term itself). */
  term(entry: GlossaryEntry, shown: string): SafeHtml {
    this.linked.add(entry.id);
    this.count += 1;
    const id = `${this.prefix}-${entry.id}-${this.count}`;
    return html`<a href="/glossaire#${entry.id}" class="terme" aria-describedby="${id}" title="${t(entry.definition)}">${shown}</a><span id="${id}" hidden>${t(entry.definition)}</span>`;
  }
}

/** A French term: in English pages marked as such (it names the French procedure). */
const frTerm = (term: string): SafeHtml => (currentLang() === 'fr' ? html`<dfn>${term}</dfn>` : html`<dfn lang="fr">${term}</dfn>`);

/** /glossaire: every term, each with an anchor the inline links point to. */
export function glossaryPage(ctx: PageContext): string {
  const sorted = [...GLOSSARY].sort((a, b) => a.term.localeCompare(b.term, 'fr'));
  return layout(ctx, {
    title: t('Glossaire de la procédure'),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › ${t('Glossaire')}`,
    main: html`<h1>${t('Glossaire de la procédure')}</h1>
      <p class="lead">${t('Les mots de la fabrique de la loi, expliqués simplement. Dans les pages, un mot souligné en pointillés renvoie ici.')}</p>
      <dl class="glossary">${sorted.map((e) => html`<div class="glossary-entry" id="${e.id}"><dt>${frTerm(e.term)}</dt><dd>${t(e.definition)}</dd></div>`)}</dl>`,
  });
}
