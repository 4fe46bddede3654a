/**
 * Progressive enhancement of the annotation form: selecting words inside one alinéa (with the
 * mouse, or the keyboard with caret browsing) offers « Annoter la sélection », which fills the
 * form's alinéa, passage and exact start offset, then moves focus to the comment field.
 * Offsets are UTF-16 units of the alinéa's own text: footnote links of earlier annotations
 * (`.note-ref`) are not part of it and are skipped.
 */
import { t } from './i18n';
function textOffset(root: Element, node: Node, offsetInNode: number): number | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let total = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const skipped = n.parentElement?.closest('.note-ref') !== null;
    if (n === node) return skipped ? null : total + offsetInNode;
    if (!skipped) total += n.textContent?.length ?? 0;
  }
  return null;
}

function alineaTextOf(node: Node): Element | null {
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest('.al-text') ?? null;
}

interface Picked {
  alinea: string;
  start: number;
  quote: string;
}

function currentSelection(): Picked | null {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const root = alineaTextOf(range.startContainer);
  if (!root || root !== alineaTextOf(range.endContainer)) return null;
  const start = textOffset(root, range.startContainer, range.startOffset);
  const end = textOffset(root, range.endContainer, range.endOffset);
  const alinea = root.closest('li[data-alinea]')?.getAttribute('data-alinea');
  if (start === null || end === null || end <= start || !alinea) return null;
  const full = Array.from(root.childNodes).map((n) => (n instanceof Element && n.matches('.note-ref') ? '' : (n.textContent ?? ''))).join('');
  return { alinea, start, quote: full.slice(start, end) };
}

export function enhanceAnnotationForm(): void {
  const form = document.querySelector<HTMLFormElement>('#annoter');
  if (!form) return;
  const alinea = form.querySelector<HTMLSelectElement>('select[name="alinea"]');
  const quote = form.querySelector<HTMLInputElement>('input[name="quote"]');
  const start = form.querySelector<HTMLInputElement>('input[name="start"]');
  const body = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]');
  if (!alinea || !quote || !start || !body) return;

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'annotate-selection';
  button.hidden = true;
  document.querySelector('main')?.append(button);
  let picked: Picked | null = null;

  document.addEventListener('selectionchange', () => {
    picked = currentSelection();
    button.hidden = picked === null;
    if (picked) button.textContent = t('Annoter « {{passage}} »', { passage: picked.quote.length > 40 ? `${picked.quote.slice(0, 40)}…` : picked.quote });
  });
  // Typing a passage by hand invalidates an offset taken from an earlier selection.
  quote.addEventListener('input', () => {
    start.value = '';
  });
  button.addEventListener('click', () => {
    if (!picked) return;
    alinea.value = picked.alinea;
    quote.value = picked.quote;
    start.value = String(picked.start);
    button.hidden = true;
    body.focus();
  });
}
