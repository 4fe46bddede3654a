/**
 * The draft page's « Amendements proches déjà déposés » (server/pages/participation-parts.ts ›
 * closestSection, marked `data-closest`) follows the text being written: a few seconds after the
 * last change (the author's or a co-author's), it asks `GET /api/amendments/:id/closest`, which
 * compares the live text, and redraws the list. A polite status says only when the amendments
 * listed change (not on every refresh, nor while typing); the list itself is not a live region.
 */
import { msg, pageLocale, t } from '../i18n';

/** Quiet time after the last change before asking again: the server has the text well before. */
export const CLOSEST_REFRESH_MS = 3000;
/** The rationale quoted, as on the server's list. */
const QUOTE_MAX = 280;

interface Closest { id: string; title: string; status: string; similarity: number; rationale: string; url: string; cosignatories: number; mine?: 'author' | 'cosignatory' | null }

/** The statuses a tabled, open amendment has (the only ones listed). */
const STATUS: Record<string, string> = { submitted: msg('Déposé'), formalised: msg('Mis en forme') };

/** French agreement: the singular up to 1; the English catalogue follows. */
const plural = (n: number, one: string, other: string) => t(n > 1 ? other : one, { n: n.toLocaleString(pageLocale()) });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function item(c: Closest, canCosign: boolean): HTMLLIElement {
  const link = el('a', { href: c.url }, c.title);
  link.lang = 'fr';
  const facts = [STATUS[c.status] ? t(STATUS[c.status]!) : '', t('modifications communes : {{part}}', { part: `${Math.round(c.similarity * 100)} %` })];
  if (c.cosignatories) facts.push(plural(c.cosignatories, msg('{{n}} cosignataire'), msg('{{n}} cosignataires')));
  const li = el('li', {}, el('p', {}, link, ` — ${facts.filter(Boolean).join(' · ')}`));
  const rationale = c.rationale.trim();
  if (rationale) {
    const quote = el('blockquote', {}, el('p', {}, rationale.length > QUOTE_MAX ? `${rationale.slice(0, QUOTE_MAX - 1).trimEnd()}…` : rationale));
    quote.lang = 'fr';
    li.append(quote);
  }
  if (c.mine) {
    li.append(el('p', { className: 'muted' }, c.mine === 'author' ? t('Vous en êtes l’un des auteurs.') : t('Vous le cosignez déjà.')));
  } else if (canCosign) {
    const form = el('form', { method: 'post', action: `/amendements/${encodeURIComponent(c.id)}/cosigner`, className: 'inline-form', noValidate: true });
    const button = el('button', { type: 'submit', className: 'secondary' }, t('Cosigner plutôt'));
    button.setAttribute('aria-label', t('Cosigner plutôt {{titre}}', { titre: c.title }));
    form.append(button);
    li.append(form);
  }
  return li;
}

export interface ClosestRefresh {
  /** Ask again CLOSEST_REFRESH_MS after the last call. */
  schedule(): void;
}

/** Null when the page has no such list (the clerks' formalisation workspace, a submitted amendment). */
export function closestRefresh(): ClosestRefresh | null {
  const section = document.querySelector<HTMLElement>('section[data-closest]');
  const list = section?.querySelector<HTMLUListElement>('.closest-list');
  const none = section?.querySelector<HTMLElement>('.closest-none');
  const intro = section?.querySelector<HTMLElement>('.closest-intro');
  const src = section?.dataset.closest;
  if (!section || !list || !none || !intro || !src) return null;
  const canCosign = section.hasAttribute('data-cosign');
  const status = el('p', { className: 'visually-hidden' });
  status.setAttribute('role', 'status');
  section.append(status);
  const idsOf = (items: readonly { id: string }[]) => items.map((c) => c.id).join(' ');
  // what the server listed at load (each item's first link is the amendment's page)
  let shown = [...list.querySelectorAll<HTMLAnchorElement>(':scope > li > p > a:first-child')].map((a) => a.pathname.split('/').pop()).join(' ');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const refresh = async () => {
    const mine = ++asked;
    try {
      const res = await fetch(src, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!res.ok || mine !== asked) return;
      const { closest } = (await res.json()) as { closest: Closest[] };
      if (mine !== asked) return;
      list.replaceChildren(...closest.map((c) => item(c, canCosign)));
      list.hidden = intro.hidden = closest.length === 0;
      none.hidden = closest.length > 0;
      const ids = idsOf(closest);
      if (ids === shown) return;
      shown = ids;
      status.textContent = closest.length === 0
        ? t('Plus aucun amendement déposé ne fait des modifications semblables à celles de ce brouillon.')
        : plural(closest.length, msg('{{n}} amendement déjà déposé fait des modifications proches des vôtres.'), msg('{{n}} amendements déjà déposés font des modifications proches des vôtres.'));
    } catch {
      // offline for a moment: the list stays as it was, and the next change asks again
    }
  };
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), CLOSEST_REFRESH_MS);
    },
  };
}
