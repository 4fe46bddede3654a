/**
 * The ProseMirror view bound to a live document: the shared schema (`doc → alinea+`), Yjs sync,
 * co-authors' cursors, and an undo history that holds only this person's changes.
 */
import { baseKeymap } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { EditorState, type Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { redoCommand, undoCommand, yCursorPlugin, ySyncPlugin, yUndoPlugin, yUndoPluginKey } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { schema } from '../../../shared/pm-schema';
import { withUnreadSelection } from './selection-guard';
import { cursorBuilder, selectionBuilder } from './user-color';

export const FRAGMENT = 'prosemirror';

export interface EditorOptions {
  label: string;
  describedBy: string;
  /** More plugins (comments), given their keys before the base keymap's. */
  plugins?: readonly Plugin[];
}

/**
 * Must be called once the provider has synced: the view then renders the server's text. Before
 * that the fragment is empty, and a keystroke would create a second, client-made first alinéa.
 */
export function createEditor(host: HTMLElement, doc: Y.Doc, awareness: Awareness, opts: EditorOptions): EditorView {
  const state = EditorState.create({
    schema,
    plugins: [
      ySyncPlugin(doc.getXmlFragment(FRAGMENT)),
      yCursorPlugin(awareness, { cursorBuilder, selectionBuilder }),
      // Undo must not remove an alinéa node as a whole: a co-author may have typed inside it.
      yUndoPlugin({ protectedNodes: new Set(['alinea']) }),
      keymap({ 'Mod-z': undoCommand, 'Mod-y': redoCommand, 'Mod-Shift-z': redoCommand }),
      ...(opts.plugins ?? []),
      // Enter splits the alinéa (a new line is a new alinéa), Backspace at its start joins them.
      keymap(baseKeymap),
    ],
  });
  return new EditorView(host, {
    state,
    dispatchTransaction(this: EditorView, tr) {
      this.updateState(this.state.apply(withUnreadSelection(this, tr)));
    },
    attributes: {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': opts.label,
      'aria-describedby': opts.describedBy,
      class: 'live-editor-text',
      spellcheck: 'true',
    },
  });
}

/** This person's Yjs undo manager (the one yUndoPlugin created), to follow what can be undone. */
export function undoManagerOf(view: EditorView): Y.UndoManager | null {
  return yUndoPluginKey.getState(view.state)?.undoManager ?? null;
}

export function runUndo(view: EditorView): void {
  undoCommand(view.state, view.dispatch, view);
}

export function runRedo(view: EditorView): void {
  redoCommand(view.state, view.dispatch, view);
}
