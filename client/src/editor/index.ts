/**
 * Live co-drafting of an amendment draft (DESIGN.md › Live co-drafting). The page works without
 * JavaScript through its textarea form; once this script has synced with the server, it swaps
 * that textarea for a ProseMirror editor bound to the draft's Y.Doc. The exposé sommaire and
 * « Déposer » stay plain form posts.
 */
import type { EditorView } from 'prosemirror-view';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { pmNodeToAlineas } from '../../../shared/pm-schema';
import { closestRefresh } from './closest';
import { draftComments, type DraftCommentsUi } from './comments';
import { watchConnection } from './connection';
import { liveDiff } from './live-diff';
import { liveDispositif } from './live-dispositif';
import { readMountData } from './mount-data';
import { showPresence } from './presence';
import { guardRemoteChanges } from './selection-guard';
import { wireToolbar } from './toolbar';
import { colorFor } from './user-color';
import { createEditor, runRedo, runUndo, undoManagerOf } from './view';
import { msg, t } from '../i18n';

const EDITOR_LABEL = msg('Texte proposé, un paragraphe par alinéa');
const WAIT_FOR_SYNC = msg('Vos dernières modifications n’ont pas encore été envoyées : attendez « Synchronisé » avant d’enregistrer ou de déposer.');

/** The no-JavaScript text field of the authors' form (server/pages/amendment-author-forms.ts). */
function fallbackField(): { textarea: HTMLTextAreaElement; field: HTMLElement } | null {
  const textarea = document.querySelector<HTMLTextAreaElement>('textarea#edit-texte');
  const field = textarea?.closest<HTMLElement>('.field');
  return textarea && field ? { textarea, field } : null;
}

function part<T extends HTMLElement>(root: HTMLElement, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`live editor: ${selector} missing from the mount point`);
  return el;
}

export function initLiveEditor(): void {
  const mount = document.getElementById('live-editor');
  const data = mount ? readMountData(mount) : null;
  if (!mount || !data) return;
  const status = part(mount, '.live-status');
  const host = part(mount, '.live-editor-host');
  const toolbarEl = part(mount, '[role="toolbar"]');
  const peers = part(mount, '.live-peers');
  const fallback = fallbackField();

  const doc = new Y.Doc();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // No BroadcastChannel between tabs: the server alone decides who may write (read-only modes).
  const provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, data.docName, doc, { disableBc: true });
  provider.awareness.setLocalStateField('user', { name: data.userName, color: colorFor(data.userId) });

  let view: EditorView | null = null;
  let comments: DraftCommentsUi | null = null;
  guardRemoteChanges(doc, provider, () => view);
  // Local changes made while disconnected: the server has not seen them yet.
  let unsent = false;
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider && !provider.synced) unsent = true;
  });

  const start = () => {
    // Someone already typed in the textarea before we synced: keep the page as it was, without
    // the live editor, rather than throw their words away or let the two disagree.
    if (fallback && fallback.textarea.value !== fallback.textarea.defaultValue) {
      provider.destroy();
      return;
    }
    if (fallback) {
      fallback.field.hidden = true;
      // disabled fields are not posted: « Enregistrer » and « Déposer » must not overwrite the
      // live text with the page-load copy in the textarea
      fallback.textarea.disabled = true;
    }
    mount.hidden = false;
    showPresence(provider.awareness, peers, data.docName.startsWith('formalisation-') ? 'workspace' : 'draft');
    // disconnected, we cannot know who else is there: better say nothing than « nobody »
    provider.on('status', ({ status: s }) => (peers.hidden = s !== 'connected'));
    comments = draftComments(mount, doc, { id: data.userId, name: data.userName }, () => view);
    const editor = createEditor(host, doc, provider.awareness, { label: data.label ?? t(EDITOR_LABEL), describedBy: 'live-editor-hint', plugins: comments.plugins });
    view = editor;
    comments.show();
    const diff = liveDiff(mount, data.base, () => pmNodeToAlineas(editor.state.doc));
    diff.render();
    const dispositif = liveDispositif(data.kind, data.base, () => pmNodeToAlineas(editor.state.doc));
    // the draft page's closest tabled amendments follow the text (a few seconds after the last change)
    const closest = closestRefresh();
    doc.on('update', () => {
      diff.schedule();
      dispositif?.schedule();
      closest?.schedule();
    });
    const toolbar = wireToolbar(toolbarEl, { undo: () => runUndo(editor), redo: () => runRedo(editor), comment: () => comments?.comment() });
    const undoManager = undoManagerOf(editor);
    const refresh = () => {
      toolbar.setAvailable('undo', (undoManager?.undoStack.length ?? 0) > 0);
      toolbar.setAvailable('redo', (undoManager?.redoStack.length ?? 0) > 0);
    };
    undoManager?.on('stack-item-added', refresh);
    undoManager?.on('stack-item-popped', refresh);
    undoManager?.on('stack-cleared', refresh);
    refresh();
  };

  const phase = watchConnection(provider, status, {
    onSynced() {
      unsent = false;
      if (!view) start();
    },
    onClosed() {
      // The reason is in the status line; the text stays readable but can no longer be edited.
      mount.hidden = false;
      view?.setProps({ editable: () => false });
      toolbarEl.hidden = true;
      peers.hidden = true;
      comments?.setReadOnly();
    },
  });

  fallback?.textarea.form?.addEventListener('submit', (event) => {
    if (!unsent || phase() === 'closed') return;
    event.preventDefault();
    status.textContent = t(WAIT_FOR_SYNC);
  });
  window.addEventListener('beforeunload', (event) => {
    if (unsent && phase() !== 'closed') event.preventDefault();
  });
}
