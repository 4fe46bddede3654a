/**
 * The exports of a bill's reconciled text and liasse (issue 6). Each is a function of an
 * `ExportBill` alone: no database, no HTTP; the server builds the input and sends the output.
 *
 *   renderMarkdown(bill, {provenance?})  → text/markdown
 *   renderHtml(bill)                     → text/html (printable texte adopté, links /static/print.css)
 *   renderAkn(bill, {workDate?})         → application/akn+xml (AKN 3.0 <bill>, schema-valid)
 *   aknAmendmentList(bill, {workDate?})  → application/akn+xml (AKN 3.0 <amendmentList>, schema-valid)
 *   renderLiasseHtml(bill)               → text/html (the liasse in examination order)
 *   renderComparatifHtml(bill)           → text/html (tableau comparatif)
 *   renderComparatifDocx(bill)           → Promise<Buffer> (.docx tableau comparatif)
 */
export type { ExportAmendment, ExportArticle, ExportBill, Run } from './types';
export { renderMarkdown, escapeMarkdown, type MarkdownOptions } from './markdown';
export { renderHtml } from './html';
export { renderAkn, aknAmendmentList, billExpressionUri, type AknOptions } from './akn';
export { renderLiasseHtml } from './liasse-html';
export { comparatif, comparatifTable, renderComparatifHtml, type ComparatifArticle, type ComparatifRow } from './comparatif';
export { renderComparatifDocx } from './comparatif-docx';
