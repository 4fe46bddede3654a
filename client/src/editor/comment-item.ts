/**
 * One comment of the panel. Everything in a comment comes from a co-author's browser through the
 * Y.Doc: it is only ever set as text, never as markup.
 */
import type { DraftComment } from '../../../shared/draft-comments';
import { pageLocale, t } from '../i18n';

let dateFormat: Intl.DateTimeFormat | undefined;
const dateFr = () => (dateFormat ??= new Intl.DateTimeFormat(pageLocale(), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }));

/** Buttons carry their action; the panel handles clicks on them in one place. */
export type ItemAction = 'goto' | 'resolve' | 'reopen';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(action: ItemAction, ...content: (Node | string)[]): HTMLButtonElement {
  const b = el('button', `draft-comment-${action}`);
  b.type = 'button';
  b.dataset.action = action;
  b.append(...content);
  return b;
}

function when(iso: string): HTMLTimeElement | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const time = el('time', '', t('le {{date}}', { date: dateFr().format(date) }));
  time.dateTime = date.toISOString();
  return time;
}

/** Where the passage is, in words: the state is never told by colour or position alone. */
function place(c: DraftComment): HTMLElement {
  const line = el('p', 'draft-comment-place');
  if (c.state === 'active' && c.alinea !== null) {
    const quote = el('span', 'draft-comment-quote', `«\u00a0${c.quote}\u00a0»`);
    line.append(el('span', 'draft-comment-state', t('Alinéa {{n}}', { n: c.alinea + 1 })), ' ', button('goto', el('span', 'visually-hidden', `${t('Aller au passage')} `), quote));
    return line;
  }
  line.append(el('span', 'draft-comment-state', c.state === 'collapsed' ? t('passage supprimé') : t('alinéa supprimé')));
  // comments made before the quote was kept have nothing more to show
  if (c.quotedText) line.append(' ', el('s', 'draft-comment-gone', `«\u00a0${c.quotedText}\u00a0»`));
  return line;
}

/** Fills `li` (kept across redraws: the list is keyed by comment id) with comment `c`. */
export function fillCommentItem(li: HTMLLIElement, c: DraftComment, readOnly: boolean): void {
  li.className = 'draft-comment';
  li.dataset.commentId = c.id;
  li.dataset.state = c.state;
  // an id attribute may hold anything but white space (ids come from co-authors' browsers)
  const metaId = `draft-comment-meta-${c.id.replace(/\s/g, '_')}`;
  const meta = el('p', 'draft-comment-meta');
  meta.id = metaId;
  const time = when(c.createdAt);
  meta.append(el('span', 'draft-comment-author', c.authorName.trim().slice(0, 80) || t('Co-auteur')), ...(time ? [', ', time] : []));
  li.replaceChildren(meta, place(c), el('p', 'draft-comment-body', c.body));
  if (readOnly) return;
  const toggle = c.resolved ? button('reopen', t('Rouvrir')) : button('resolve', t('Résoudre'));
  // « Résoudre, Alice Martin, le … »: several identical buttons are told apart by whose comment it is
  toggle.setAttribute('aria-describedby', metaId);
  li.append(toggle);
}
