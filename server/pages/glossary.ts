import { GLOSSARY, GLOSSARY_BY_ID, type GlossaryEntry } from '../../shared/glossary';
import { escapeHtml, html, raw, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { currentLang, currentRequest, t } from '../i18n';

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
 *
 * Two uses: the explanatory texts (participation-parts.ts) gloss their own running text with a
 * `Glosser` of their own; the words the pages themselves name (the status badges « Irrecevable »,
 * « Tombé », « Retiré », the « Dispositif » and « Exposé sommaire » headings, the hints that say
 * « alinéa ») go through `glossed`/`glossedText`, the page's one glosser, so that a list of twenty
 * inadmissible amendments links the word once. The definition is in the page's language; the word
 * shown is the page's own (« Inadmissible » on an English page).
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

  /**
   * `shown`, linked to the term `id` if this glosser has not linked it yet, else plain; apart, the
   * hidden definition, for the caller to put right after what holds the link (a badge).
   */
  once(id: string, shown: string): { term: SafeHtml; definition: SafeHtml } {
    const entry = GLOSSARY_BY_ID.get(id);
    if (!entry) throw new Error(`no glossary entry ${id}`);
    return this.linked.has(entry.id) ? { term: html`${shown}`, definition: html`` } : this.parts(entry, shown);
  }

  /** A term, linked whatever it says (a heading that is the term itself). */
  term(entry: GlossaryEntry, shown: string): SafeHtml {
    const { term, definition } = this.parts(entry, shown);
    return html`${term}${definition}`;
  }

  private parts(entry: GlossaryEntry, shown: string): { term: SafeHtml; definition: SafeHtml } {
    this.linked.add(entry.id);
    this.count += 1;
    const id = `${this.prefix}-${entry.id}-${this.count}`;
    return {
      term: html`<a href="/glossaire#${entry.id}" class="terme" aria-describedby="${id}" title="${t(entry.definition)}">${shown}</a>`,
      definition: html`<span id="${id}" hidden>${t(entry.definition)}</span>`,
    };
  }
}

const perRequest = new WeakMap<object, Glosser>();

/** The page's glosser: one per request (a fresh one outside a request). */
function pageGlosser(): Glosser {
  const request = currentRequest();
  if (!request) return new Glosser('def');
  let g = perRequest.get(request);
  if (!g) perRequest.set(request, (g = new Glosser('def')));
  return g;
}

/** A word the page names, `shown` in the page's language: linked to its definition the first time on the page. */
export function glossed(id: string, shown: string): SafeHtml {
  const { term, definition } = pageGlosser().once(id, shown);
  return html`${term}${definition}`;
}

/** The same, the definition apart (to follow a badge rather than sit in it). */
export const glossedApart = (id: string, shown: string): { term: SafeHtml; definition: SafeHtml } => pageGlosser().once(id, shown);

/** A sentence of the page's own (a hint), its first unseen glossary words linked (French pages: the terms are French words). */
export const glossedText = (text: string): SafeHtml => pageGlosser().text(text);

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
