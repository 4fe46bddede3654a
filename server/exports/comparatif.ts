/**
 * The tableau comparatif: the initial text beside the adopted text, article by article and alinéa
 * by alinéa, aligned by the shared word diff (`diffTexts`) so that each row pairs an alinéa with
 * what became of it. `comparatif()` is the model both renderers use; `renderComparatifHtml` prints
 * it with <del>/<ins> (each announced by a visually hidden « supprimé : » / « ajouté : », as in
 * shared/diff-html.ts), the Word export (comparatif-docx.ts) with strike-through and bold underline.
 */
import { diffTexts, type AlineaOp, type WordPart } from '../../shared/text-diff';
import { html, type SafeHtml } from '../html';
import { articleEid, articleLabel, printedArticles, textLabel } from './common';
import { printablePage } from './page';
import type { ExportBill } from './types';

/** One side of a row: the alinéa's word parts (equal and deleted, or equal and inserted); null when absent. */
export type Side = WordPart[] | null;

export interface ComparatifRow {
  initial: Side;
  adopted: Side;
}

export interface ComparatifArticle {
  number: string;
  status: 'unchanged' | 'modified' | 'new' | 'deleted';
  initialHeading: string | null;
  adoptedHeading: string | null;
  rows: ComparatifRow[];
}

/** The bill's articles in the adopted text's order (deleted ones in place), each with its rows. */
export function comparatif(bill: ExportBill): ComparatifArticle[] {
  const initial = new Map(bill.initial.map((a) => [a.number, a] as const));
  return printedArticles(bill).map((printed) => {
    const number = printed.kind === 'deleted' ? printed.number : printed.article.number;
    const before = initial.get(number);
    const after = printed.kind === 'deleted' ? undefined : printed.article;
    const rows = diffTexts(before?.alineas ?? [], after?.alineas ?? []).ops.map(row);
    const changed = rows.some((r) => r.initial === null || r.adopted === null || r.initial.some((p) => p.op !== 'equal'));
    const status = after === undefined ? 'deleted' : before === undefined ? 'new' : changed || before.heading !== after.heading ? 'modified' : 'unchanged';
    return { number, status, initialHeading: before?.heading ?? null, adoptedHeading: after?.heading ?? null, rows };
  });
}

function row(op: AlineaOp): ComparatifRow {
  switch (op.op) {
    case 'equal':
      return { initial: [{ op: 'equal', text: op.text }], adopted: [{ op: 'equal', text: op.text }] };
    case 'insert':
      return { initial: null, adopted: [{ op: 'insert', text: op.text }] };
    case 'delete':
      return { initial: [{ op: 'delete', text: op.text }], adopted: null };
    case 'modify':
      return { initial: op.parts.filter((p) => p.op !== 'insert'), adopted: op.parts.filter((p) => p.op !== 'delete') };
  }
}

/** What the adopted column says about an article beside its number: « (nouveau) », « (Supprimé) ». */
export function statusNote(status: ComparatifArticle['status']): string | null {
  return status === 'new' ? '(nouveau)' : status === 'deleted' ? '(Supprimé)' : null;
}

/** The table alone, for the site's own page (server/pages) as for the printable document. */
export function comparatifTable(bill: ExportBill): SafeHtml {
  return html`<table class="comparatif">
<caption>Tableau comparatif : les suppressions sont barrées, les ajouts soulignés en gras.</caption>
<thead><tr><th scope="col">Texte initial</th><th scope="col">${textLabel(bill)}</th></tr></thead>
${comparatif(bill).map(articleRows)}</table>
`;
}

export function renderComparatifHtml(bill: ExportBill): string {
  const body = comparatifTable(bill);
  // a two-column table wants the page's full width
  return printablePage({ title: `${bill.title} — tableau comparatif`, kind: 'Tableau comparatif', billTitle: bill.title, generatedAt: bill.generatedAt, body, wide: true });
}

function articleRows(a: ComparatifArticle): SafeHtml {
  const note = statusNote(a.status);
  const left = a.status === 'new' ? html`<td class="diff-empty"><span class="visually-hidden">article absent du texte initial</span></td>` : html`<th scope="rowgroup">${articleLabel(a.number)}${heading(a.initialHeading)}</th>`;
  return html`<tbody id="${articleEid(a.number)}" class="comparatif-${a.status}">
<tr class="comparatif-article">${left}<th scope="rowgroup">${articleLabel(a.number)}${note ? ` ${note}` : ''}${heading(a.adoptedHeading)}</th></tr>
${a.rows.map((r) => html`<tr>${cell(r.initial)}${cell(r.adopted)}</tr>\n`)}</tbody>
`;
}

function heading(text: string | null): SafeHtml | '' {
  return text ? html` <span class="comparatif-heading">${text}</span>` : '';
}

// an empty cell says so, or a screen reader user hears nothing and cannot tell why
function cell(side: Side): SafeHtml {
  if (side === null) return html`<td class="diff-empty"><span class="visually-hidden">aucun alinéa</span></td>`;
  return html`<td>${side.map(part)}</td>`;
}

function part(p: WordPart): SafeHtml {
  if (p.op === 'insert') return html`<ins><span class="visually-hidden">ajouté : </span>${p.text}</ins>`;
  if (p.op === 'delete') return html`<del><span class="visually-hidden">supprimé : </span>${p.text}</del>`;
  return html`${p.text}`;
}
