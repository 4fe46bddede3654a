import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * A refused form's message, kept for the page the person is sent back to (post → redirect → get).
 * The address carries the message sealed (AES-256-GCM, with the time it was made): nobody can put
 * words in our pages with a crafted link, nobody reads it in the address, and any process of a
 * cluster opens it (the key derives from the one key they share — APP_SECRET or the database's).
 * Valid one minute.
 */
const TTL_MS = 60_000;
let key = randomBytes(32);

/** Called once the shared key is known (server start-up): every process then seals alike. */
export function setFlashKey(shared: Buffer): void {
  key = createHmac('sha256', shared).update('palimpseste flash messages').digest();
}

export function putFlash(text: string, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify([now, text.slice(0, 2000)]), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function takeFlash(sealed: unknown, now = Date.now()): string | undefined {
  if (typeof sealed !== 'string' || sealed.length > 6000 || !/^[\w-]+$/.test(sealed)) return undefined;
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 29) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const [at, text] = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as [number, string];
    return typeof at === 'number' && typeof text === 'string' && now - at < TTL_MS && now >= at - 5_000 ? text : undefined;
  } catch {
    return undefined;
  }
}
