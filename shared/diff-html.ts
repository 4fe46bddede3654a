/**
 * A TextDiff as accessible HTML strings, for server-rendered pages that must work without
 * JavaScript. Every change is an <ins> or <del> that starts with a visually hidden « ajouté : » /
 * « supprimé : », so that the diff never relies on colour alone and screen readers announce it.
 * All text is escaped; the CSS classes (diff-*, visually-hidden) are styled by the page.
 */
import type { AlineaOp, TextDiff, WordPart } from './text-diff';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function inserted(text: string): string {
  return `<ins><span class="visually-hidden">ajouté : </span>${escapeHtml(text)}</ins>`;
}

function deleted(text: string): string {
  return `<del><span class="visually-hidden">supprimé : </span>${escapeHtml(text)}</del>`;
}

/** The word parts of one side (`old` or `new`), or of both interleaved for the unified view. */
function renderParts(parts: readonly WordPart[], side: 'old' | 'new' | 'both'): string {
  return parts
    .map((part) => {
      if (part.op === 'equal') return escapeHtml(part.text);
      if (part.op === 'insert') return side === 'old' ? '' : inserted(part.text);
      return side === 'new' ? '' : deleted(part.text);
    })
    .join('');
}

function number(index: number): string {
  return `<span class="diff-num">al. ${index}</span> `;
}

function label(text: string): string {
  return `<span class="diff-label">${text}</span> `;
}

const ADDED = label('Alinéa ajouté');
const REMOVED = label('Alinéa supprimé');

/**
 * One <li> per alinéa op. Numbers are those of the new text, except for a deleted alinéa, which
 * only has a number in the old one.
 */
export function renderUnifiedDiff(diff: TextDiff): string {
  return `<ol class="diff">${diff.ops.map(unifiedItem).join('')}</ol>`;
}

function unifiedItem(op: AlineaOp): string {
  switch (op.op) {
    case 'equal':
      return `<li class="diff-equal">${number(op.after)}${escapeHtml(op.text)}</li>`;
    case 'insert':
      return `<li class="diff-insert">${number(op.after)}${ADDED}${inserted(op.text)}</li>`;
    case 'delete':
      return `<li class="diff-delete">${number(op.before)}${REMOVED}${deleted(op.text)}</li>`;
    case 'modify':
      return `<li class="diff-modify">${number(op.after)}${renderParts(op.parts, 'both')}</li>`;
  }
}

export interface SideBySideOptions {
  caption?: string;
  /** Column headings (default « Texte actuel », « Texte proposé »). */
  columns?: [string, string];
}

const DEFAULT_CAPTION = 'Texte actuel et texte proposé, alinéa par alinéa';

// an empty cell says so, or a screen reader user hears nothing and cannot tell why
const NO_ALINEA = '<td class="diff-empty"><span class="visually-hidden">aucun alinéa</span></td>';

/** A two-column table: old text on the left, new text on the right, one row per alinéa op. */
export function renderSideBySideDiff(diff: TextDiff, opts: SideBySideOptions = {}): string {
  const caption = `<caption>${escapeHtml(opts.caption ?? DEFAULT_CAPTION)}</caption>`;
  const [left, right] = opts.columns ?? ['Texte actuel', 'Texte proposé'];
  const head = `<thead><tr><th scope="col">${escapeHtml(left)}</th><th scope="col">${escapeHtml(right)}</th></tr></thead>`;
  return `<table class="diff-side">${caption}${head}<tbody>${diff.ops.map(sideRow).join('')}</tbody></table>`;
}

function cell(content: string): string {
  return `<td>${content}</td>`;
}

function sideRow(op: AlineaOp): string {
  switch (op.op) {
    case 'equal': {
      const text = escapeHtml(op.text);
      return `<tr class="diff-equal">${cell(number(op.before) + text)}${cell(number(op.after) + text)}</tr>`;
    }
    case 'insert':
      return `<tr class="diff-insert">${NO_ALINEA}${cell(number(op.after) + ADDED + inserted(op.text))}</tr>`;
    case 'delete':
      return `<tr class="diff-delete">${cell(number(op.before) + REMOVED + deleted(op.text))}${NO_ALINEA}</tr>`;
    case 'modify': {
      const left = cell(number(op.before) + renderParts(op.parts, 'old'));
      return `<tr class="diff-modify">${left}${cell(number(op.after) + renderParts(op.parts, 'new'))}</tr>`;
    }
  }
}
