import { ORIGIN_LABELS_FR } from '../../shared/amendment';
/**
 * The liasse as a printable HTML page: every amendment in examination order, typeset like a
 * parliamentary amendment — « AMENDEMENT N° 12 », « présenté par … », the target (« ARTICLE 3 »
 * or « APRÈS L’ARTICLE 3 »), the dispositif, the « EXPOSÉ SOMMAIRE », then the outcome (sort).
 */
import { html, type SafeHtml } from '../html';
import { amendmentTarget, frenchDate, lines } from './common';
import { amendmentAnchor } from './html';
import { printablePage } from './page';
import type { ExportAmendment, ExportBill } from './types';

export function renderLiasseHtml(bill: ExportBill): string {
  const body =
    bill.amendments.length === 0
      ? html`<p>Aucun amendement n’a été déposé sur ce texte.</p>`
      : html`<p class="liasse-count">${countLabel(bill.amendments.length)}, dans l’ordre d’examen.</p>
${bill.amendments.map(amendmentArticle)}`;
  return printablePage({ title: `${bill.title} — liasse des amendements`, kind: 'Liasse des amendements', billTitle: bill.title, generatedAt: bill.generatedAt, body });
}

function countLabel(n: number): string {
  return n === 1 ? '1 amendement' : `${n} amendements`;
}

function amendmentArticle(a: ExportAmendment): SafeHtml {
  const titleId = `${amendmentAnchor(a.id)}-titre`;
  const expose = paragraphs(a.rationale);
  return html`<article class="amendment" id="${amendmentAnchor(a.id)}" aria-labelledby="${titleId}">
<header>
<h2 class="amendment-number" id="${titleId}">AMENDEMENT N° ${a.displayNumber}</h2>
${a.authors.length > 0 ? html`<p class="amendment-authors">présenté par ${authorNames(a)}</p>\n` : ''}<p class="amendment-origin">${ORIGIN_LABELS_FR[a.origin]}</p>
${a.submittedAt ? html`<p class="amendment-date">Déposé le <time datetime="${a.submittedAt}">${frenchDate(a.submittedAt)}</time></p>\n` : ''}</header>
<p class="amendment-target">${amendmentTarget(a)}</p>
<div class="dispositif">
${paragraphs(a.dispositif)}</div>
${expose.length > 0 ? html`<h3 class="expose-title">EXPOSÉ SOMMAIRE</h3>
<div class="expose">
${expose}</div>
` : ''}<p class="amendment-outcome">Sort : <strong>${a.outcomeFr ?? 'non encore examiné'}</strong></p>
</article>
`;
}

/** « Alice Martin, Regards Citoyens (organisation) ». */
function authorNames(a: ExportAmendment): SafeHtml[] {
  return a.authors.map(
    (author, i) => html`${i > 0 ? ', ' : ''}${author.displayName}${author.kind === 'organisation' ? html` <span class="author-kind">(organisation)</span>` : ''}`,
  );
}

function paragraphs(text: string): SafeHtml[] {
  return lines(text).map((line) => html`<p>${line}</p>\n`);
}
