import { msg } from '../../shared/i18n';
import type { MailMode } from '../../shared/notification-kinds';
import { NOTIFICATION_KINDS, type UnsubscribeScope } from '../../shared/notification-kinds';
import { checkPassword } from '../auth/password-strength';
import { burnVerify, hashPassword, verifyPassword } from '../auth/passwords';
import type { SessionCache } from '../auth/session-cache';
import { hashToken, newSessionToken } from '../auth/tokens';
import type { LiveRevocation } from '../collab/revocation';
import type { Db, Queryable } from '../db/db';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/db';
import { AppError, forbidden } from '../errors';
import { currentLang } from '../i18n';
import { emailChangedNotice, emailChangeMessage, passwordChangedNotice, passwordResetMessage, verifyEmailMessage } from '../mail/render';
import type { MailService } from '../mail/service';
import { accountTokenState, consumeAccountToken, countRecentTokens, insertAccountToken, liveTokenOwner, revokeAccountTokens, type TokenPurpose } from '../sql/account-tokens';
import { enqueueRendered } from '../sql/mail-outbox';
import { readMailModes, writeMailModes } from '../sql/notification-preferences';
import { deleteUserSessions } from '../sql/sessions';
import {
  changeUserEmail, findUserByEmailWithHash, findUserById, findUserWithHash, isEmailTaken, markEmailVerified, updateUserPassword, type UserRow,
} from '../sql/users';

/**
 * The life of an account by e-mail (API.md › Accounts and messages): confirming the address,
 * resetting a forgotten password, changing it, changing the address. Every link is a single-use
 * token stored hashed (account_tokens); every message is queued in the outbox in the transaction
 * of the change that causes it, then the worker is woken.
 */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = { verify_email: 48 * 3600, password_reset: 3600, email_change: 48 * 3600 };

/** Where each link leads (pages in server/pages/account-mail-pages.ts). */
export const LINK_PATHS: Record<TokenPurpose, string> = {
  verify_email: '/compte/confirmer-adresse',
  password_reset: '/mot-de-passe/nouveau',
  email_change: '/compte/confirmer-nouvelle-adresse',
};

export interface MailDeps {
  mail: Pick<MailService, 'baseUrl' | 'kick'>;
}
export interface SessionDeps {
  sessions: SessionCache;
  live: Pick<LiveRevocation, 'revokeSession'>;
}

async function issueToken(db: Queryable, mail: MailDeps['mail'], user: Pick<UserRow, 'id'>, purpose: TokenPurpose, email?: string): Promise<string> {
  const token = newSessionToken();
  await insertAccountToken(db, { hash: hashToken(token), userId: user.id, purpose, ttlSeconds: TOKEN_TTL_SECONDS[purpose], ...(email ? { email } : {}) });
  return `${mail.baseUrl()}${LINK_PATHS[purpose]}?jeton=${token}`;
}

/** Queues the confirmation link for the account's address (at sign-up, or asked again). */
export async function queueVerification(db: Queryable, deps: MailDeps, user: Pick<UserRow, 'id' | 'email' | 'display_name'>): Promise<void> {
  const url = await issueToken(db, deps.mail, user, 'verify_email', user.email);
  const m = verifyEmailMessage({ base: deps.mail.baseUrl(), url, lang: currentLang() });
  await enqueueRendered(db, { kind: 'verify_email', userId: user.id, to: user.email, subject: m.subject, text: m.text, html: m.html });
}

/** « Renvoyer le lien »: at most one a minute and five a day per account. */
export async function resendVerification(db: Db, deps: MailDeps, user: UserRow): Promise<void> {
  if (user.email_verified_at) throw new AppError('conflict', msg('Votre adresse électronique est déjà confirmée.'));
  if ((await countRecentTokens(db, user.id, 'verify_email', 60)) > 0) {
    throw new AppError('rate_limited', msg('Un lien vient de vous être envoyé : attendez une minute avant d’en demander un autre.'));
  }
  if ((await countRecentTokens(db, user.id, 'verify_email', 24 * 3600)) >= 5) {
    throw new AppError('rate_limited', msg('Cinq liens vous ont été envoyés aujourd’hui : vérifiez vos courriers indésirables, ou réessayez demain.'));
  }
  await db.transaction((tx) => queueVerification(tx, deps, user));
  deps.mail.kick();
}

/** Why a link does not work, in words. */
async function deadLink(db: Queryable, hash: string, purpose: TokenPurpose): Promise<AppError> {
  const state = await accountTokenState(db, hash, purpose);
  const message = state === 'used' ? msg('Ce lien a déjà servi (ou un lien plus récent a été envoyé depuis).')
    : state === 'expired' ? msg('Ce lien a expiré.') : msg('Ce lien n’est pas valide : vérifiez qu’il a été copié en entier.');
  return new AppError('validation_failed', message, { field: 'token', reason: state });
}

/** Follows a confirmation link: the account's address is confirmed (if it is still the one the link was sent to). */
export async function verifyEmail(db: Db, sessions: SessionCache, token: string): Promise<UserRow> {
  const hash = hashToken(token);
  const user = await db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, hash, 'verify_email');
    if (!used) return undefined;
    const done = await markEmailVerified(tx, used.user_id, used.email!);
    if (!done) throw new AppError('conflict', msg('Ce lien confirmait une adresse qui n’est plus celle de votre compte.'));
    return done;
  });
  if (!user) throw await deadLink(db, hash, 'verify_email');
  sessions.forgetUser(user.id);
  return user;
}

/**
 * « Mot de passe oublié »: the same answer whatever the address — callers answer first and run
 * this afterwards (`requestPasswordResetLater`), so that no timing tells whether the account
 * exists; a link only to an account that exists, at most three an hour.
 */
export function requestPasswordResetLater(db: Db, deps: MailDeps, email: string, onError: (err: unknown) => void): void {
  setImmediate(() => void requestPasswordReset(db, deps, email).catch(onError));
}

export async function requestPasswordReset(db: Db, deps: MailDeps, email: string): Promise<void> {
  const found = await findUserByEmailWithHash(db, email);
  if (!found || (await countRecentTokens(db, found.id, 'password_reset', 3600)) >= 3) return;
  await db.transaction(async (tx) => {
    const url = await issueToken(tx, deps.mail, found, 'password_reset');
    const m = passwordResetMessage({ base: deps.mail.baseUrl(), displayName: found.display_name, url, lang: currentLang() });
    await enqueueRendered(tx, { kind: 'password_reset', userId: found.id, to: found.email, subject: m.subject, text: m.text, html: m.html });
  });
  deps.mail.kick();
}

function afterSessionsEnded(deps: SessionDeps, userId: string, hashes: readonly string[]): void {
  deps.sessions.forgetUser(userId);
  for (const h of hashes) deps.live.revokeSession(h);
}

/**
 * A new password from a reset link: every session closes (whoever had the old password is out),
 * and the address is confirmed on the way (the link proved the mailbox is theirs).
 */
export async function confirmPasswordReset(db: Db, deps: MailDeps & SessionDeps, input: { token: string; password: string }): Promise<void> {
  const hash = hashToken(input.token);
  const ownerId = await liveTokenOwner(db, hash, 'password_reset');
  const owner = ownerId ? await findUserById(db, ownerId) : undefined;
  if (!owner) throw await deadLink(db, hash, 'password_reset');
  checkPassword(input.password, { email: owner.email, displayName: owner.display_name });
  const passwordHash = await hashPassword(input.password);
  const ended = await db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, hash, 'password_reset');
    if (!used) return undefined;
    await updateUserPassword(tx, used.user_id, passwordHash);
    await revokeAccountTokens(tx, used.user_id);
    await markEmailVerified(tx, used.user_id, owner.email);
    const m = passwordChangedNotice({ base: deps.mail.baseUrl(), displayName: owner.display_name, how: 'reset', lang: currentLang() });
    await enqueueRendered(tx, { kind: 'password_changed', userId: owner.id, to: owner.email, subject: m.subject, text: m.text, html: m.html });
    return deleteUserSessions(tx, used.user_id, null);
  });
  if (!ended) throw await deadLink(db, hash, 'password_reset');
  afterSessionsEnded(deps, owner.id, ended);
  deps.mail.kick();
}

/** Checks the signed-in person's current password (a wrong one is a 403 the login limiter counts). */
async function confirmCurrentPassword(db: Db, user: UserRow, password: string): Promise<void> {
  const found = await findUserWithHash(db, user.id);
  if (!found) throw new AppError('unauthenticated', msg('Session terminée.'));
  if (!found.password_hash) {
    await burnVerify(password);
    throw forbidden(msg('Ce compte n’a pas de mot de passe : il se connecte par un fournisseur d’identité.'));
  }
  if (!(await verifyPassword(found.password_hash, password))) throw forbidden(msg('Mot de passe actuel incorrect.'));
}

/** Changes the password: asks the current one, closes every other session. */
export async function changePassword(
  db: Db, deps: MailDeps & SessionDeps, user: UserRow, input: { currentPassword: string; password: string; sessionHash: string | null },
): Promise<void> {
  await confirmCurrentPassword(db, user, input.currentPassword);
  checkPassword(input.password, { email: user.email, displayName: user.display_name });
  if (input.password === input.currentPassword) throw new AppError('validation_failed', msg('Le nouveau mot de passe est identique à l’actuel.'), [{ path: 'password' }]);
  const passwordHash = await hashPassword(input.password);
  const ended = await db.transaction(async (tx) => {
    await updateUserPassword(tx, user.id, passwordHash);
    await revokeAccountTokens(tx, user.id);
    if (user.email_verified_at) {
      const m = passwordChangedNotice({ base: deps.mail.baseUrl(), displayName: user.display_name, how: 'changed', lang: currentLang() });
      await enqueueRendered(tx, { kind: 'password_changed', userId: user.id, to: user.email, subject: m.subject, text: m.text, html: m.html });
    }
    return deleteUserSessions(tx, user.id, input.sessionHash);
  });
  afterSessionsEnded(deps, user.id, ended);
  deps.mail.kick();
}

/**
 * Asks to change the address: a link to the new one (it takes effect only when followed), and a
 * notice to the old one if it was confirmed (so that a stolen session cannot take the account quietly).
 */
export async function requestEmailChange(db: Db, deps: MailDeps, user: UserRow, input: { email: string; currentPassword: string }): Promise<void> {
  await confirmCurrentPassword(db, user, input.currentPassword);
  if (input.email.toLowerCase() === user.email.toLowerCase()) throw new AppError('validation_failed', msg('C’est déjà l’adresse de votre compte.'), [{ path: 'email' }]);
  if (await isEmailTaken(db, input.email, user.id)) throw new AppError('conflict', msg('Un compte existe déjà avec cette adresse électronique.'), { field: 'email' });
  if ((await countRecentTokens(db, user.id, 'email_change', 60)) > 0 || (await countRecentTokens(db, user.id, 'email_change', 24 * 3600)) >= 5) {
    throw new AppError('rate_limited', msg('Un lien vient d’être envoyé : attendez une minute (cinq demandes par jour au plus).'));
  }
  await db.transaction(async (tx) => {
    const url = await issueToken(tx, deps.mail, user, 'email_change', input.email);
    const m = emailChangeMessage({ base: deps.mail.baseUrl(), url, email: input.email, lang: currentLang() });
    await enqueueRendered(tx, { kind: 'email_change', userId: user.id, to: input.email, subject: m.subject, text: m.text, html: m.html });
    if (user.email_verified_at) {
      const n = emailChangedNotice({ base: deps.mail.baseUrl(), displayName: user.display_name, newEmail: input.email, lang: currentLang() });
      await enqueueRendered(tx, { kind: 'email_changed', userId: user.id, to: user.email, subject: n.subject, text: n.text, html: n.html });
    }
  });
  deps.mail.kick();
}

/** Follows the link sent to the new address: it becomes the account's, confirmed. */
export async function confirmEmailChange(db: Db, sessions: SessionCache, token: string): Promise<UserRow> {
  const hash = hashToken(token);
  let user: UserRow | undefined;
  try {
    user = await db.transaction(async (tx) => {
      const used = await consumeAccountToken(tx, hash, 'email_change');
      if (!used) return undefined;
      await revokeAccountTokens(tx, used.user_id);
      return changeUserEmail(tx, used.user_id, used.email!);
    });
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('conflict', msg('Entre-temps, un autre compte a pris cette adresse électronique.'), { field: 'email' });
    throw err;
  }
  if (!user) throw await deadLink(db, hash, 'email_change');
  sessions.forgetUser(user.id);
  return user;
}

export async function notificationPreferences(db: Queryable, userId: string): Promise<Record<string, MailMode>> {
  return readMailModes(db, userId, NOTIFICATION_KINDS);
}

export async function setNotificationPreferences(db: Db, userId: string, modes: Partial<Record<string, MailMode>>): Promise<Record<string, MailMode>> {
  const known = Object.fromEntries(Object.entries(modes).filter(([k, v]) => v !== undefined && (NOTIFICATION_KINDS as readonly string[]).includes(k))) as Record<string, MailMode>;
  await writeMailModes(db, userId, known);
  return notificationPreferences(db, userId);
}

/** An unsubscribe link followed (or posted by the mail client): that kind, or all of them, to « never ». */
export async function unsubscribe(db: Db, target: { userId: string; scope: UnsubscribeScope }): Promise<void> {
  if (!(await findUserWithHash(db, target.userId))) return; // live accounts only (an erased one keeps nothing)
  const kinds = target.scope === 'all' ? NOTIFICATION_KINDS : [target.scope];
  await writeMailModes(db, target.userId, Object.fromEntries(kinds.map((k) => [k, 'never' as const])));
}
