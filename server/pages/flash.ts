import { randomBytes } from 'node:crypto';

/**
 * A refused form's message, kept for the page the person is sent back to (post → redirect → get):
 * the address carries a random key, never the text itself, so nobody can put words in our pages
 * with a crafted link. Kept a minute, in this process.
 */
const TTL_MS = 60_000;
const MAX = 1000;
const messages = new Map<string, { text: string; at: number }>();

export function putFlash(text: string): string {
  const key = randomBytes(9).toString('base64url');
  messages.set(key, { text, at: Date.now() });
  if (messages.size > MAX) messages.delete(messages.keys().next().value!);
  return key;
}

export function takeFlash(key: unknown): string | undefined {
  if (typeof key !== 'string') return undefined;
  const m = messages.get(key);
  messages.delete(key);
  return m && Date.now() - m.at < TTL_MS ? m.text : undefined;
}
