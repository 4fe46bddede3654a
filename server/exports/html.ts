/**
 * The reconciled bill as a printable HTML page. Each word group that comes from amendments is a
 * `<span class="from-amendment" data-amendments="id1 id2">` followed by a superscript link to the
 * amendment in the provenance list at the end, so that the marking never relies on colour alone
 * and survives printing. All bill text is escaped by the `html` template.
 */
import { html, type SafeHtml } from '../html';
import {
  alineaEid, alineaRuns, deletingAmendments, amendmentName, amendmentTarget, articleEid, articleLabel, authorList, printedArticles,
  provenanceIndex, type ProvenanceIndex, textLabel,
} from './common';
import { printablePage } from './page';
import type { ExportArticle, ExportBill, Run } from './types';

/** The HTML id of an amendment's entry in the provenance list. */
export function amendmentAnchor(id: string): string {
  return `amdt-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function renderHtml(bill: ExportBill): string {
  const index = provenanceIndex(bill);
  const body = html`${printedArticles(bill).map((printed) =>
    printed.kind === 'deleted'
      ? html`<section class="article article-deleted" id="${articleEid(printed.number)}">
<h2>${articleLabel(printed.number)}</h2>
<p class="alinea">(Supprimé)${deletionRefs(bill, printed.number)}</p>
</section>
`
      : articleSection(printed.article, index),
  )}${provenanceList(index)}`;
  return printablePage({ title: `${bill.title} — ${textLabel(bill).toLowerCase()}`, kind: textLabel(bill), billTitle: bill.title, generatedAt: bill.generatedAt, body });
}

function articleSection(article: ExportArticle, index: ProvenanceIndex): SafeHtml {
  const eId = articleEid(article.number);
  return html`<section class="article${article.isNew ? ' article-new' : ''}" id="${eId}">
<h2>${articleLabel(article.number)}${article.isNew ? html` <span class="article-status">(nouveau)</span>` : ''}</h2>
${article.heading?.trim() ? html`<p class="article-heading">${article.heading}</p>\n` : ''}${article.alineas.map(
    (_, i) => html`<p class="alinea" id="${alineaEid(article.number, i)}">${alineaRuns(article, i).map((run) => runHtml(run, index))}</p>\n`,
  )}</section>
`;
}

function runHtml(run: Run, index: ProvenanceIndex): SafeHtml {
  if (run.amendments.length === 0) return html`${run.text}`;
  const names = run.amendments.map((id) => amendmentName(id, index.byId.get(id)));
  const refs = run.amendments.map(
    (id, i) => html`${i > 0 ? ', ' : ''}<a href="#${amendmentAnchor(id)}">${index.byId.get(id)?.displayNumber ?? id}</a>`,
  );
  return html`<span class="from-amendment" data-amendments="${run.amendments.join(' ')}" title="${names.join(', ')}">${run.text}</span><sup class="provenance-ref"><span class="visually-hidden">(issu de l’amendement n° </span>${refs}<span class="visually-hidden">)</span></sup>`;
}

function deletionRefs(bill: ExportBill, number: string): SafeHtml {
  const by = deletingAmendments(bill, number);
  if (by.length === 0) return html``;
  const refs = by.map((a, i) => html`${i > 0 ? ', ' : ''}<a href="#${amendmentAnchor(a.id)}">${a.displayNumber}</a>`);
  return html`<sup class="provenance-ref"><span class="visually-hidden">(par l’amendement n° </span>${refs}<span class="visually-hidden">)</span></sup>`;
}

function provenanceList(index: ProvenanceIndex): SafeHtml {
  if (index.list.length === 0) return html``;
  return html`<section class="provenance" aria-labelledby="provenance-title">
<h2 id="provenance-title">Amendements adoptés</h2>
<ol class="provenance-list">
${index.list.map(
    ({ id, amendment }) => html`<li id="${amendmentAnchor(id)}">${amendmentName(id, amendment)}${
      amendment
        ? html` — <span class="provenance-target">${amendmentTarget(amendment)}</span>${
            amendment.authors.length > 0 ? html` — présenté par ${authorList(amendment.authors)}` : ''
          }`
        : ''
    }</li>\n`,
  )}</ol>
</section>
`;
}
