/**
 * Works around y-prosemirror issue #146 (open upstream): a click or an arrow key moves the
 * browser's selection at once, but ProseMirror reads it only on the next `selectionchange`
 * event. When a co-author's change or caret move is drawn in between, ProseMirror writes its
 * stale selection back to the page: the click is lost, and the next keystrokes land where the
 * caret used to be, possibly inside someone else's words. So, before anything remote is drawn,
 * ProseMirror is handed the selection the browser already shows.
 */
import { TextSelection, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type * as Y from 'yjs';

/** The browser's selection in the editor when ProseMirror has not read it yet, else null. */
function unreadSelection(view: EditorView): { anchor: number; head: number } | null {
  // mid-composition (IME) the DOM is ahead on purpose; other selection kinds map to no DOM range
  if (view.composing || !view.hasFocus() || !(view.state.selection instanceof TextSelection)) return null;
  const dom = (view.root as Document).getSelection?.();
  if (!dom?.anchorNode || !dom.focusNode || !view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
  try {
    const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
    const { selection, doc } = view.state;
    if ((selection.anchor === anchor && selection.head === head) || Math.max(anchor, head) > doc.content.size) return null;
    return { anchor, head };
  } catch {
    return null; // inside a widget (a co-author's caret): nothing to adopt
  }
}

/**
 * For ProseMirror's `dispatchTransaction`: a transaction that only redraws (a co-author's caret
 * moved: y-prosemirror dispatches it a tick after the awareness change) carries the unread
 * selection with it, instead of writing the stale one over it.
 */
export function withUnreadSelection(view: EditorView, tr: Transaction): Transaction {
  if (tr.docChanged || tr.selectionSet) return tr;
  const unread = unreadSelection(view);
  return unread ? tr.setSelection(TextSelection.create(tr.doc, unread.anchor, unread.head)) : tr;
}

/**
 * A co-author's text change: y-prosemirror saves the selection in a `beforeAllTransactions`
 * listener and restores it after redrawing. Ours must run first, so it is registered before the
 * editor is created (Yjs calls listeners in order). `remote` is the provider, the origin of
 * remote updates; `view()` is null until the editor exists.
 */
export function guardRemoteChanges(doc: Y.Doc, remote: unknown, view: () => EditorView | null): void {
  doc.on('beforeAllTransactions', () => {
    const current = view();
    // local changes come from ProseMirror's own, up-to-date state
    if (!current || doc._transaction?.origin !== remote) return;
    const unread = unreadSelection(current);
    if (unread) current.dispatch(current.state.tr.setSelection(TextSelection.create(current.state.doc, unread.anchor, unread.head)));
  });
}
