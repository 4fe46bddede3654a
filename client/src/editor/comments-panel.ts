/**
 * The comments beside the text: open ones in the order of the text, resolved ones folded under
 * « Commentaires résolus (n) ». It is redrawn from the Y.Doc whenever it changes (a co-author's
 * comment, resolution or edit of a commented passage arrives there through Yjs), in place and
 * keyed by comment, so that the panel does not shift under a reader. Not a live region: a
 * co-author's comment would interrupt typing; it is read when the person comes to it.
 */
import type * as Y from 'yjs';
import { listComments, type DraftComment } from '../../../shared/draft-comments';
import { fillCommentItem, type ItemAction } from './comment-item';
import { msg, t } from '../i18n';

export const REDRAW_MS = 150;
const EMPTY = msg('Aucun commentaire. Sélectionnez un passage puis « Commenter ».');
const ALL_RESOLVED = msg('Aucun commentaire à traiter.');

export interface PanelActions {
  goTo(commentId: string): void;
  setResolved(commentId: string, resolved: boolean): void;
}

export interface CommentsPanel {
  render(): void;
  /** The draft can no longer be changed: comments stay readable, without their buttons. */
  setReadOnly(): void;
}

/** Open comments in the order of the text; passages gone come last, oldest first. */
function byPlace(a: DraftComment, b: DraftComment): number {
  return (a.alinea ?? Infinity) - (b.alinea ?? Infinity) || (a.start ?? 0) - (b.start ?? 0) || a.createdAt.localeCompare(b.createdAt);
}

function part<T extends Element>(root: Element, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`comments panel: ${selector} missing`);
  return el;
}

export function commentsPanel(section: HTMLElement, doc: Y.Doc, actions: PanelActions): CommentsPanel {
  const empty = part<HTMLElement>(section, '.draft-comments-empty');
  const openList = part<HTMLOListElement>(section, ':scope > .draft-comments-list');
  const resolved = part<HTMLDetailsElement>(section, '.draft-comments-resolved');
  const resolvedList = part<HTMLOListElement>(resolved, '.draft-comments-list');
  const resolvedCount = part<HTMLElement>(resolved, '.draft-comments-resolved-count');
  const items = new Map<string, { li: HTMLLIElement; shown: string; comment: DraftComment }>();
  let readOnly = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const itemFor = (c: DraftComment) => {
    // offsets move whenever someone types earlier in the alinéa: not worth a redraw of their own
    const shown = JSON.stringify([{ ...c, start: null, end: null }, readOnly]);
    const known = items.get(c.id);
    if (known?.shown === shown) return known.li;
    const li = known?.li ?? document.createElement('li');
    fillCommentItem(li, c, readOnly);
    items.set(c.id, { li, shown, comment: c });
    return li;
  };
  /** Puts `comments` in `list` in order, moving only what is out of place. */
  const place = (list: HTMLOListElement, comments: DraftComment[]) => {
    comments.forEach((c, i) => {
      const li = itemFor(c);
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
    });
    while (list.children.length > comments.length) list.lastElementChild?.remove();
    list.hidden = comments.length === 0;
  };
  /** A redraw may replace or move the focused button: focus comes back to its successor. */
  const focusedKey = () => {
    const active = document.activeElement;
    const li = active instanceof HTMLElement && section.contains(active) ? active.closest<HTMLElement>('li[data-comment-id]') : null;
    return li && active instanceof HTMLElement ? { id: li.dataset.commentId ?? '', action: active.dataset.action ?? '' } : null;
  };
  const buttonOf = (id: string, action: ItemAction) => items.get(id)?.li.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;

  const render = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const before = focusedKey();
    const all = listComments(doc).sort(byPlace);
    const open = all.filter((c) => !c.resolved);
    const done = all.filter((c) => c.resolved);
    for (const id of items.keys()) if (!all.some((c) => c.id === id)) items.delete(id);
    place(openList, open);
    place(resolvedList, done);
    resolved.hidden = done.length === 0;
    resolvedCount.textContent = String(done.length);
    // once the draft cannot change, inviting to « Commenter » would be a dead end
    const text = all.length === 0 ? (readOnly ? t('Aucun commentaire.') : t(EMPTY)) : open.length === 0 ? t(ALL_RESOLVED) : '';
    empty.textContent = text;
    empty.hidden = text === '';
    if (before && !section.contains(document.activeElement)) buttonOf(before.id, before.action as ItemAction)?.focus();
  };

  const onClick = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target : null;
    const li = target?.closest<HTMLLIElement>('li[data-comment-id]');
    const item = li ? items.get(li.dataset.commentId ?? '') : undefined;
    if (!target || !item) return;
    const action = target.closest<HTMLElement>('button[data-action]')?.dataset.action as ItemAction | undefined;
    const c = item.comment;
    if (action === 'resolve' || action === 'reopen') {
      actions.setResolved(c.id, action === 'resolve');
      render();
      // the comment left this list: on to the next open comment, else the folded resolved ones
      const next = action === 'reopen' ? buttonOf(c.id, 'resolve') : openList.querySelector<HTMLButtonElement>('button[data-action]');
      (next ?? resolved.querySelector('summary'))?.focus();
    } else if (c.state === 'active' && (action === 'goto' || (!target.closest('button, summary') && document.getSelection()?.isCollapsed !== false))) {
      // a click anywhere on a comment goes to its passage, unless it was to select its words
      actions.goTo(c.id);
    }
  };
  section.addEventListener('click', onClick);
  doc.on('update', () => {
    if (timer === null) timer = setTimeout(render, REDRAW_MS);
  });

  return {
    render,
    setReadOnly() {
      readOnly = true;
      render();
    },
  };
}
