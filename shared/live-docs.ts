/** Names of live documents: `amendment-<id>` is the draft text of an amendment. */
const AMENDMENT_PREFIX = 'amendment-';

export function amendmentDocName(amendmentId: string): string {
  return `${AMENDMENT_PREFIX}${amendmentId}`;
}

export function parseDocName(name: string): { kind: 'amendment'; id: string } | null {
  return name.startsWith(AMENDMENT_PREFIX) ? { kind: 'amendment', id: name.slice(AMENDMENT_PREFIX.length) } : null;
}
