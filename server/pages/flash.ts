import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Response } from 'express';

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

function seal(plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(sealed: unknown, maxLength: number): Buffer | undefined {
  if (typeof sealed !== 'string' || sealed.length > maxLength || !/^[\w-]+$/.test(sealed)) return undefined;
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 29) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    return undefined;
  }
}

const fresh = (at: unknown, now: number, ttl = TTL_MS): boolean => typeof at === 'number' && now - at < ttl && now >= at - 5_000;
/** The longest a sealed form state may be kept (`putFormState`'s `keepMs`). */
export const FORM_STATE_MAX_KEEP_MS = 60 * 60_000;

export function putFlash(text: string, now = Date.now()): string {
  return seal(Buffer.from(JSON.stringify([now, text.slice(0, 2000)]), 'utf8'));
}

export function takeFlash(sealed: unknown, now = Date.now()): string | undefined {
  const plain = unseal(sealed, 6000);
  if (!plain) return undefined;
  try {
    const [at, text] = JSON.parse(plain.toString('utf8')) as [unknown, unknown];
    return fresh(at, now) && typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The longest sealed form state an address carries (well inside Node's 16 KB of request head). */
export const FORM_STATE_MAX = 8000;

/** A refused form as it was sent back to the person: the message, each field's error, what they typed. */
export interface SealedFormState {
  /** Which form of its page failed, when the page holds several: only that one shows the state. */
  form?: string;
  error?: string;
  /** The error as a policy refusal said it in the person's language when refused (`error` is the French). */
  said?: { lang: string; text: string };
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

/**
 * A refused form's state for the page the person is sent back to, sealed like a flash message
 * and compressed (a legal text is long); undefined when even so it would not fit in an address
 * (the caller then shows the form in place). Never put a password in it.
 */
export function putFormState(state: SealedFormState, now = Date.now(), keepMs = TTL_MS): string | undefined {
  const kept = state.values ? { ...state, values: withoutSecrets(state.values) } : state;
  const payload = keepMs === TTL_MS ? [now, kept] : [now, kept, Math.min(keepMs, FORM_STATE_MAX_KEEP_MS)];
  const sealed = seal(deflateRawSync(Buffer.from(JSON.stringify(payload), 'utf8')));
  return sealed.length <= FORM_STATE_MAX ? sealed : undefined;
}

const strings = (v: unknown): Record<string, string> | undefined =>
  v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string') ? (v as Record<string, string>) : undefined;

const saidOf = (v: unknown): { lang: string; text: string } | undefined => {
  const s = v as { lang?: unknown; text?: unknown } | null;
  return s && typeof s === 'object' && typeof s.lang === 'string' && typeof s.text === 'string' ? { lang: s.lang, text: s.text } : undefined;
};

export function takeFormState(sealed: unknown, now = Date.now()): SealedFormState | undefined {
  const plain = unseal(sealed, FORM_STATE_MAX);
  if (!plain) return undefined;
  try {
    const [at, state, keep] = JSON.parse(inflateRawSync(plain, { maxOutputLength: 4_000_000 }).toString('utf8')) as [unknown, Record<string, unknown>, unknown];
    const ttl = typeof keep === 'number' && keep > 0 ? Math.min(keep, FORM_STATE_MAX_KEEP_MS) : TTL_MS;
    if (!fresh(at, now, ttl) || !state || typeof state !== 'object') return undefined;
    const fieldErrors = strings(state.fieldErrors);
    const values = strings(state.values);
    return {
      ...(typeof state.form === 'string' ? { form: state.form } : {}),
      ...(typeof state.error === 'string' ? { error: state.error } : {}),
      ...(saidOf(state.said) ? { said: saidOf(state.said)! } : {}),
      ...(fieldErrors ? { fieldErrors } : {}),
      ...(values ? { values } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Fields that never travel in an address, sealed or not: passwords, a link's token, a draw's seed before it is revealed (one rule, here). */
const SECRET = /pass|jeton|token|secret|graine/i;
export function withoutSecrets(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET.test(k)));
}

/**
 * Post → redirect → get for a refused form: 303 to the form's page with the sealed state (`formulaire`),
 * so that a reload sends nothing again. False when the state does not fit in an address (the caller then
 * shows the form in place, as before).
 */
export function sendFormBack(res: Response, path: string, state: SealedFormState, hash = '#erreurs'): boolean {
  // a refusal, whatever its 303: the failed-login limiters count it (http/rate-limit.ts)
  res.locals.formRefused = true;
  const sealed = putFormState(state);
  if (!sealed) return false;
  res.redirect(303, withFormState(path, sealed, hash));
  return true;
}

/**
 * Post → redirect → get for a form that succeeded, when the page that follows says what happened from
 * a sealed state (`form` names the outcome): a 303, not counted as a refusal. False when it does not fit.
 */
export function sendFormDone(res: Response, path: string, state: SealedFormState, hash = ''): boolean {
  const sealed = putFormState({ ...state, values: { ...state.values, [DONE_AT]: pagePath(path) } });
  if (!sealed) return false;
  res.redirect(303, withFormState(path, sealed, hash));
  return true;
}

/** Where a success was sealed for: only that page says it (a « done » pasted onto another flow's page says nothing). */
const DONE_AT = '@page';
const pagePath = (path: string) => path.split(/[?#]/)[0]!;

/** The success `sendFormDone` sealed for this page (`form` names it: 'fait'). */
export function isDone(state: SealedFormState | undefined, path: string, form = 'fait'): boolean {
  return state?.form === form && state.values?.[DONE_AT] === pagePath(path);
}

/** The address of the form's page with the sealed state in `formulaire` (and a fragment). */
export function withFormState(path: string, sealed: string, hash = ''): string {
  return `${path}${path.includes('?') ? '&' : '?'}formulaire=${sealed}${hash}`;
}
