/**
 * Works around y-prosemirror issue #146 (open upstream): a click or an arrow key moves the
 * browser's selection at once, but ProseMirror reads it only on the next `selectionchange`
 * event. When a co-author's change or caret move arrives in between, y-prosemirror redraws the
 * view from ProseMirror's stale selection and writes it back to the page: the click is lost, and
 * the next keystrokes land where the caret used to be, possibly inside someone else's words.
 *
 * Before anything remote touches the view, this hands ProseMirror the selection the browser
 * already shows. It must be registered before the editor is created: Yjs and the awareness call
 * their listeners in order, and y-prosemirror adds its own (which save the selection and redraw
 * carets) when the view is created.
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

function adoptDomSelection(view: EditorView): void {
  // mid-composition (IME), the DOM is ahead of the state on purpose: leave it alone
  console.log('ADOPT?', performance.now().toFixed(1), view.composing, view.hasFocus(), view.state.selection.anchor, document.getSelection()?.anchorNode?.nodeName, document.getSelection()?.anchorOffset);
  if (view.composing || !view.hasFocus()) return;
  const dom = (view.root as Document).getSelection?.();
  if (!dom?.anchorNode || !dom.focusNode || !view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    head = view.posAtDOM(dom.focusNode, dom.focusOffset);
  } catch {
    return; // inside a widget (a co-author's caret): nothing to adopt
  }
  const { selection, doc } = view.state;
  if (selection.anchor === anchor && selection.head === head) return;
  if (Math.max(anchor, head) > doc.content.size) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, anchor, head)));
}

/** `remote` is the origin of remote updates (the provider); `view()` is null until the editor exists. */
export function guardSelection(doc: Y.Doc, awareness: Awareness, remote: unknown, view: () => EditorView | null): void {
  const adopt = () => {
    const current = view();
    if (current) adoptDomSelection(current);
  };
  // local changes come from ProseMirror's own, up-to-date state: only remote ones need this
  doc.on('beforeAllTransactions', () => {
    if (doc._transaction?.origin === remote) adopt();
  });
  awareness.on('change', (_changes: unknown, origin: unknown) => {
    if (origin !== 'local') adopt();
  });
}
