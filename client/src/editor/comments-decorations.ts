/**
 * Highlights the commented passages in the editor, and the passage being commented while the
 * form is open (the browser hides the selection once focus is in the form). Where a passage is
 * comes from the Yjs relative positions, the only places that follow every co-author's edits.
 *
 * Between two reads of the Y.Doc the highlights are mapped through ProseMirror's transactions, so
 * that they move with local typing at once; they are read again from the Y.Doc after every change
 * of it, once y-prosemirror has written the local change there or drawn a remote one.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import type * as Y from 'yjs';
import { pmRange, type AlineaRange } from './comment-positions';

export interface Highlight extends AlineaRange {
  /** `comment-anchor` for a comment, `comment-pending` for the passage being commented. */
  className: string;
}

const key = new PluginKey<DecorationSet>('comment-highlights');

function build(state: EditorState, highlights: readonly Highlight[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const h of highlights) {
    const range = pmRange(state.doc, h);
    // inclusive ends off, as the anchors' assoc: words typed at either edge stay outside
    if (range && range.to > range.from) decorations.push(Decoration.inline(range.from, range.to, { class: h.className }, h));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** What a set draws, to skip redrawing (and a round through y-prosemirror) when nothing moved. */
const drawn = (set: DecorationSet) => JSON.stringify(set.find().map((d) => [d.from, d.to, (d.spec as Highlight).className]));

/** A remote change (or undo): y-prosemirror redraws the whole document, so mapping would lose every highlight. */
const drawnFromYjs = (tr: Transaction) => (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;

export interface CommentHighlights {
  plugin: Plugin<DecorationSet>;
  /** Reads the places again now (for the passage being commented, which the Y.Doc does not hold). */
  refresh(view: EditorView): void;
}

/** `highlights()` reads the current places from the Y.Doc; it is called again whenever the Y.Doc changes. */
export function commentHighlights(doc: Y.Doc, highlights: () => Highlight[]): CommentHighlights {
  const refresh = (view: EditorView) => {
    const fresh = build(view.state, highlights());
    const current = key.getState(view.state);
    if (!current || drawn(fresh) !== drawn(current)) view.dispatch(view.state.tr.setMeta(key, fresh));
  };
  const plugin = new Plugin<DecorationSet>({
    key,
    state: {
      init: (_config, state) => build(state, highlights()),
      apply(tr, set, _old, state) {
        const fresh: unknown = tr.getMeta(key);
        if (fresh instanceof DecorationSet) return fresh;
        return drawnFromYjs(tr) ? build(state, highlights()) : set.map(tr.mapping, tr.doc);
      },
    },
    props: { decorations: (state) => key.getState(state) },
    view(view) {
      let queued = false;
      // one read per burst of changes, after y-prosemirror has handled them
      const onUpdate = () => {
        if (queued) return;
        queued = true;
        queueMicrotask(() => {
          queued = false;
          if (!view.isDestroyed) refresh(view);
        });
      };
      doc.on('update', onUpdate);
      return { destroy: () => doc.off('update', onUpdate) };
    },
  });
  return { plugin, refresh };
}
