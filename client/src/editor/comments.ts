/**
 * Co-authors' comments on passages of the live draft (DESIGN.md › Live co-drafting): « Commenter »
 * in the toolbar or Ctrl+Alt+M on a selection opens the form; the comment is written into the
 * Y.Doc the editor is bound to (shared/draft-comments.ts), so it reaches every co-author through
 * Yjs with the text, and its anchor follows their edits.
 */
import type { Command, Plugin } from 'prosemirror-state';
import { TextSelection } from 'prosemirror-state';
import { keymap } from 'prosemirror-keymap';
import type { EditorView } from 'prosemirror-view';
import type * as Y from 'yjs';
import { addComment, anchorPassage, listComments, locatePassage, setResolved, type PassageAnchor, type PassagePlace } from '../../../shared/draft-comments';
import { wireCommentForm } from './comment-form';
import { passageOf, pmRange } from './comment-positions';
import { commentHighlights, type Highlight } from './comments-decorations';
import { commentsPanel } from './comments-panel';
import { msg, t } from '../i18n';

export const COMMENT_SHORTCUT = 'Ctrl-Alt-m'; // announced as aria-keyshortcuts="Control+Alt+M" in the markup

const SAY = {
  empty: msg('Pour commenter, sélectionnez d’abord un passage du texte.'),
  severalAlineas: msg('Un commentaire porte sur un passage d’un seul alinéa : sélectionnez des mots d’un même alinéa.'),
  moved: msg('Le texte vient de changer sous votre sélection : sélectionnez le passage à nouveau.'),
  gone: msg('Un co-auteur vient de supprimer ce passage : sélectionnez-en un autre dans le texte, puis « Commenter ».'),
  published: msg('Commentaire publié.'),
  resolved: msg('Commentaire résolu.'),
  reopened: msg('Commentaire rouvert.'),
} as const;

export interface DraftCommentsUi {
  /** For the editor: the highlights and the keyboard shortcut. */
  plugins: Plugin[];
  /** Shows the comments; call once the editor exists. */
  show(): void;
  /** « Commenter »: comment the editor's selection, or say why it cannot be. */
  comment(): void;
  /** The server closed the connection: nothing more can be changed. */
  setReadOnly(): void;
}

function part<T extends Element>(root: Element, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`comments: ${selector} missing from the mount point`);
  return el;
}

// randomUUID exists in secure contexts only (https, localhost): a plain-http test server on a LAN still gets ids
const newId = () => (window.isSecureContext ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''));

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function draftComments(mount: HTMLElement, doc: Y.Doc, author: { id: string; name: string }, view: () => EditorView | null): DraftCommentsUi {
  const notice = part<HTMLElement>(mount, '.live-notice');
  /** The passage being commented while the form is open. */
  let pending: PassageAnchor | null = null;
  let readOnly = false;

  let saying: ReturnType<typeof setTimeout> | undefined;
  const quiet = () => {
    clearTimeout(saying);
    notice.textContent = '';
  };
  const announce = (text: string) => {
    // emptied first, so that the same words said twice are announced twice
    quiet();
    saying = setTimeout(() => (notice.textContent = text), 50);
  };
  const highlights = (): Highlight[] => {
    const places: (PassagePlace & { className: string })[] = listComments(doc).filter((c) => !c.resolved).map((c) => ({ ...c, className: 'comment-anchor' }));
    if (pending) places.push({ ...locatePassage(doc, pending), className: 'comment-pending' });
    return places.flatMap(({ state, alinea, start, end, className }) =>
      state === 'active' && alinea !== null && start !== null && end !== null ? [{ alinea, start, end, className }] : []);
  };
  const marks = commentHighlights(doc, highlights);
  const redraw = () => {
    const v = view();
    if (v) marks.refresh(v);
  };

  const form = wireCommentForm(part<HTMLFormElement>(mount, '.draft-comment-form'), {
    publish(body) {
      const now = pending ? locatePassage(doc, pending) : null;
      if (now?.state !== 'active' || now.alinea === null || now.start === null || now.end === null) return t(SAY.gone);
      addComment(doc, { id: newId(), authorId: author.id, authorName: author.name, body, alinea: now.alinea, start: now.start, end: now.end });
      announce(t(SAY.published));
      return null;
    },
    closed() {
      pending = null;
      redraw();
      // back to the text, where the selection still is
      view()?.focus();
    },
  });

  const comment = () => {
    const v = view();
    if (!v || readOnly) return;
    const { from, to } = v.state.selection;
    const chosen = passageOf(v.state.doc, from, to);
    if (chosen.kind !== 'passage') return announce(t(chosen.kind === 'empty' ? SAY.empty : SAY.severalAlineas));
    let anchor: PassageAnchor;
    try {
      anchor = anchorPassage(doc, chosen.alinea, chosen.start, chosen.end);
    } catch (err) {
      if (err instanceof RangeError) return announce(t(SAY.moved));
      throw err;
    }
    // the editor draws the Y.Doc a moment after it changes: both must read the same words
    if (anchor.quote !== chosen.quote) return announce(t(SAY.moved));
    pending = anchor;
    quiet();
    redraw();
    form.open(t('Sur « {{passage}} », alinéa {{n}}.', { passage: excerpt(chosen.quote), n: chosen.alinea + 1 }));
  };
  const shortcut: Command = () => {
    comment();
    return true;
  };

  const panel = commentsPanel(part<HTMLElement>(mount, '.draft-comments'), doc, {
    goTo(id) {
      const v = view();
      const c = listComments(doc).find((x) => x.id === id);
      const range = v && c?.state === 'active' && c.alinea !== null ? pmRange(v.state.doc, { alinea: c.alinea, start: c.start ?? 0, end: c.end ?? 0 }) : null;
      if (!v || !range) return;
      v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, range.from, range.to)).scrollIntoView());
      v.focus();
    },
    setResolved(id, resolved) {
      if (setResolved(doc, id, resolved)) announce(t(resolved ? SAY.resolved : SAY.reopened));
    },
  });

  return {
    plugins: [marks.plugin, keymap({ [COMMENT_SHORTCUT]: shortcut })],
    show: () => panel.render(),
    comment,
    setReadOnly() {
      readOnly = true;
      form.close();
      panel.setReadOnly();
    },
  };
}
