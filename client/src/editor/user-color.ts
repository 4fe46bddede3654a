/**
 * Co-authors' colours and the DOM of their remote cursors. Every colour of the palette carries
 * white text at 5.7:1 or better (the name label) and stands out at 3:1 or better on white (the
 * caret), so any pair of co-authors stays readable. A user keeps one colour across sessions and
 * devices because it comes from their account id, not from chance.
 */
import type { DecorationAttrs } from 'prosemirror-view';

export const PALETTE = ['#b3261e', '#1a5fb4', '#18753c', '#7b2f9e', '#9c4a00', '#00707a', '#a3195b', '#5c6300'] as const;
const FALLBACK = '#595959';
const HEX = /^#[0-9a-f]{6}$/i;

/** FNV-1a of the id, folded onto the palette. */
export function colorFor(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length] ?? FALLBACK;
}

interface RemoteUser {
  name?: unknown;
  color?: unknown;
}

// Awareness states come from other browsers: never trust them as markup or CSS.
const safeColor = (user: RemoteUser) => (typeof user.color === 'string' && HEX.test(user.color) ? user.color : FALLBACK);
const safeName = (user: RemoteUser) => (typeof user.name === 'string' && user.name.trim() ? user.name.slice(0, 60) : 'Co-auteur');

/**
 * Same structure and class names as y-prosemirror's default cursor, but coloured through the
 * CSSOM (a custom property): the default sets a `style` attribute, which the CSP refuses.
 */
export function cursorBuilder(user: RemoteUser): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = 'ProseMirror-yjs-cursor';
  cursor.style.setProperty('--cursor-color', safeColor(user));
  const label = document.createElement('div');
  label.textContent = safeName(user);
  // read aloud, the name would interrupt the text; presence.ts says who is here instead
  label.setAttribute('aria-hidden', 'true');
  // word joiners keep the caret glued to the neighbouring letters (as in the default builder)
  cursor.append('\u2060', label, '\u2060');
  return cursor;
}

/** A light tint of the co-author's colour (20 %): black text stays readable on it. */
export function selectionBuilder(user: RemoteUser): DecorationAttrs {
  // ProseMirror applies `style` through the CSSOM (style.cssText), which the CSP allows.
  return { class: 'ProseMirror-yjs-selection', style: `background-color: ${safeColor(user)}33` };
}
