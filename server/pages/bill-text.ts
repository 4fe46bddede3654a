import type { Heading } from '../../shared/bill';
import { html, raw, type SafeHtml } from '../html';
import { t, th, tn } from '../i18n';

/** Anchors as in Akoma Ntoso eIds: « 2 bis » → art_2bis, its 3rd alinéa → art_2bis__al_3. */
export function articleAnchor(number: string): string {
  return `art_${number.replace(/\s+/g, '')}`;
}

export interface TextArticle {
  id: string;
  number: string;
  headings: Heading[];
  alineas: string[];
}

/** « Article 1er »: the word in the page's language, the number as the text writes it (French). */
export function articleTitle(number: string): SafeHtml {
  return th('Article {{numero}}', { numero: html`<span lang="fr">${number}</span>` });
}

const sameHeading = (a: Heading | undefined, b: Heading | undefined) => a?.label === b?.label && a?.title === b?.title;

/** An annotated passage: offsets in UTF-16 units inside a 1-based alinéa, and its note number. */
export interface PassageMark {
  alinea: number;
  start: number;
  end: number;
  id: string;
  index: number;
}

/** An alinéa's text with its annotated passages in <mark>, each followed by a footnote link. */
function markedText(text: string, marks: readonly PassageMark[]): SafeHtml | string {
  if (marks.length === 0) return text;
  const parts: SafeHtml[] = [];
  let at = 0;
  // Overlapping passages: the first one wins the highlight; the note stays listed below the text.
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > text.length) continue;
    parts.push(html`${text.slice(at, m.start)}<mark id="passage-${m.id}">${text.slice(m.start, m.end)}</mark><a class="note-ref" href="#annotation-${m.id}"><span class="visually-hidden">${t('annotation')} </span>${m.index}</a>`);
    at = m.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

/**
 * Numbered alinéas, numbers in the margin as in parliamentary prints. The printed numbers are
 * hidden from screen readers, which announce the list position instead; role="list" keeps that
 * list semantics in Safari, which drops it once the style sheet removes the browser's numbers.
 * The text sits in its own span so that selection offsets (annotations) count only the alinéa.
 */
export function alineaList(number: string, alineas: readonly string[], marks: readonly PassageMark[] = []): SafeHtml {
  const anchor = articleAnchor(number);
  return html`<ol class="alineas" role="list" lang="fr">${alineas.map(
    (text, i) => html`<li id="${anchor}__al_${i + 1}" data-alinea="${i + 1}"><span class="al-num" aria-hidden="true">${i + 1}</span><span class="al-text">${markedText(text, marks.filter((m) => m.alinea === i + 1))}</span></li>`,
  )}</ol>`;
}

/** The headings that open before `article`, i.e. those that differ from the previous article's. */
function newHeadings(previous: Heading[] | undefined, current: Heading[]): { heading: Heading; depth: number }[] {
  let depth = 0;
  while (depth < current.length && sameHeading(previous?.[depth], current[depth])) depth++;
  return current.slice(depth).map((heading, i) => ({ heading, depth: depth + i }));
}

/** h2…h6 by depth: the tag name comes from a number we compute, never from input. */
function hTag(level: number, cls: string, inner: SafeHtml, id?: string): SafeHtml {
  const tag = `h${Math.min(Math.max(level, 2), 6)}`;
  return html`${raw(`<${tag}`)} class="${cls}"${id ? html` id="${id}"` : ''}>${inner}${raw(`</${tag}>`)}`;
}

function headingTag(depth: number, h: Heading): SafeHtml {
  const inner = html`<span class="division-label" lang="fr">${h.label}</span>${h.title ? html`<span class="division-title" lang="fr">${h.title}</span>` : ''}`;
  return hTag(depth + 2, `division division-${h.level}`, inner);
}

/** The whole text: divisions, then each article with its numbered alinéas. */
export function fullText(articles: readonly TextArticle[]): SafeHtml {
  let previous: Heading[] | undefined;
  const parts = articles.map((a) => {
    const opened = newHeadings(previous, a.headings).map(({ heading, depth }) => headingTag(depth, heading));
    previous = a.headings;
    return html`${opened}<section class="article" aria-labelledby="${articleAnchor(a.number)}">
      ${hTag(a.headings.length + 2, 'article-title', html`<a href="/articles/${a.id}">${articleTitle(a.number)}</a>`, articleAnchor(a.number))}
      ${alineaList(a.number, a.alineas)}
    </section>`;
  });
  return html`<div class="bill-text" lang="fr">${parts}</div>`;
}

/** « (10 al.) » on screen, « 10 alinéas » to a screen reader, which would spell out « al. ». */
function alineaCount(n: number): SafeHtml {
  return html`<span class="muted" aria-hidden="true">(${t('{{n}} al.', { n })})</span><span class="visually-hidden">${tn('{{count}} alinéa', '{{count}} alinéas', n)}</span>`;
}

/** Table of contents: divisions and articles, in text order. */
export function tableOfContents(articles: readonly TextArticle[]): SafeHtml {
  let previous: Heading[] | undefined;
  const items = articles.map((a) => {
    const opened = newHeadings(previous, a.headings).map(
      ({ heading, depth }) => html`<li class="toc-division toc-depth-${depth}" lang="fr">${heading.label}${heading.title ? html` – ${heading.title}` : ''}</li>`,
    );
    previous = a.headings;
    return html`${opened}<li class="toc-article toc-depth-${a.headings.length}"><a href="#${articleAnchor(a.number)}">${articleTitle(a.number)}</a> ${alineaCount(a.alineas.length)}</li>`;
  });
  return html`<nav aria-labelledby="toc-title" class="toc"><h2 id="toc-title">${t('Sommaire')}</h2><ul role="list">${items}</ul></nav>`;
}
