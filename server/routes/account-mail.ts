import { z } from 'zod';
import { MAIL_MODES, NOTIFICATION_KINDS } from '../../shared/notification-kinds';
import { presentUser } from '../auth/present';
import type { SessionCache } from '../auth/session-cache';
import { hashToken } from '../auth/tokens';
import type { LiveDocs } from '../collab/registry';
import {
  changePassword, confirmEmailChange, confirmPasswordReset, notificationPreferences, requestEmailChange, requestPasswordResetLater,
  resendVerification, setNotificationPreferences, verifyEmail,
} from '../commands/account-mail';
import type { Db } from '../db/db';
import { requireUser } from '../http/auth';
import { AppError, notFound } from '../http/errors';
import type { AuthLimiters } from '../http/rate-limit';
import { route, type Api } from '../http/route';
import { queryInt, serialId } from '../http/schemas';
import type { MailService } from '../mail/service';
import { findOutbox, LINK_KINDS, listOutbox, outboxCounts, OUTBOX_STATUSES, requeue, type OutboxListRow } from '../sql/mail-outbox';

export interface AccountMailDeps {
  db: Db;
  live: LiveDocs;
  sessions: SessionCache;
  mail: MailService;
  limiters: AuthLimiters;
}

/** A link's token: 43 URL-safe characters (256 bits); anything else is refused before any look-up. */
export const linkToken = z.string().regex(/^[\w-]{43}$/, 'lien incomplet ou mal copié');
const password = z.string().min(10, 'au moins 10 caractères').max(256);
export const resetRequestBody = z.object({ email: z.string().trim().max(254) });
export const resetConfirmBody = z.object({ token: linkToken, password });
export const passwordChangeBody = z.object({ currentPassword: z.string().min(1).max(256), password });
export const emailChangeBody = z.object({ email: z.string().trim().email().max(254), currentPassword: z.string().min(1).max(256) });
export const preferencesBody = z.object({
  preferences: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.enum(MAIL_MODES)),
}).strict();

/**
 * A message of the outbox as an admin reads it (/admin/courriels): to whom, what, and how it went.
 * With a relay configured, a message holding a single-use link never shows its body (an admin
 * could otherwise take over an account with a reset link); without one — the demo — it does.
 */
export const hidesBody = (m: Pick<OutboxListRow, 'kind'>, sending: boolean) => sending && LINK_KINDS.has(m.kind);
export const presentOutbox = (m: OutboxListRow, full = false, sending = false) => ({
  id: String(m.id),
  kind: m.kind,
  to: m.to_address ?? m.user_email,
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  lastError: m.last_error,
  createdAt: m.created_at.toISOString(),
  sentAt: m.sent_at?.toISOString() ?? null,
  nextAttemptAt: m.status === 'pending' ? m.next_attempt_at.toISOString() : null,
  ...(full ? { text: hidesBody(m, sending) ? null : m.body_text, html: hidesBody(m, sending) ? null : m.body_html, notificationId: m.notification_id, digestIds: m.digest_ids } : {}),
});

/** API.md › Accounts and messages: verification, reset, password and address changes, preferences, the outbox. */
export function accountMailRoutes(api: Api, deps: AccountMailDeps): void {
  const { db, sessions, mail, limiters } = deps;
  const sessionDeps = { sessions, live: deps.live, mail };

  route(api, {
    method: 'post', path: '/api/auth/verify-email', tag: 'Comptes', access: 'public', body: z.object({ token: linkToken }),
    summary: 'Confirmer son adresse électronique (lien reçu par courriel, valable 48 h)', responses: { 200: '{user}' },
  }, async ({ body }) => ({ json: { user: presentUser(await verifyEmail(db, sessions, body.token)) } }));

  route(api, {
    method: 'post', path: '/api/me/verification-email', tag: 'Comptes', access: 'account.manage',
    summary: 'Recevoir à nouveau le lien de confirmation (une fois par minute au plus)', responses: { 202: 'Lien envoyé' }, before: [limiters.mailRequest],
  }, async ({ req }) => {
    await resendVerification(db, { mail }, requireUser(req));
    return { status: 202 };
  });

  route(api, {
    method: 'post', path: '/api/auth/password-reset', tag: 'Comptes', access: 'public', body: resetRequestBody,
    summary: 'Mot de passe oublié : un lien (valable 1 h) si un compte a cette adresse ; la même réponse sinon', responses: { 202: 'Demande reçue' },
    before: [limiters.mailRequest],
  }, ({ body, req }) => {
    requestPasswordResetLater(db, { mail }, body.email, (err) => req.log?.error({ err }, 'password reset request failed'));
    return { status: 202 };
  });

  route(api, {
    method: 'post', path: '/api/auth/password-reset/confirm', tag: 'Comptes', access: 'public', body: resetConfirmBody,
    summary: 'Choisir un nouveau mot de passe avec le lien reçu (toutes les sessions sont fermées)', responses: { 204: 'Mot de passe changé' },
    before: [limiters.mailRequest],
  }, async ({ body }) => {
    await confirmPasswordReset(db, sessionDeps, body);
    return { status: 204 };
  });

  route(api, {
    method: 'put', path: '/api/me/password', tag: 'Comptes', access: 'account.manage', body: passwordChangeBody,
    summary: 'Changer son mot de passe (l’actuel est demandé ; les autres sessions sont fermées)', responses: { 204: 'Mot de passe changé' },
    before: [limiters.login],
  }, async ({ body, req }) => {
    await changePassword(db, sessionDeps, requireUser(req), { ...body, sessionHash: req.sessionToken ? hashToken(req.sessionToken) : null });
    return { status: 204 };
  });

  route(api, {
    method: 'put', path: '/api/me/email', tag: 'Comptes', access: 'account.manage', body: emailChangeBody,
    summary: 'Changer d’adresse électronique : effective quand le lien envoyé à la nouvelle est suivi', responses: { 202: 'Lien envoyé à la nouvelle adresse' },
    before: [limiters.login],
  }, async ({ body, req }) => {
    await requestEmailChange(db, { mail }, requireUser(req), body);
    return { status: 202 };
  });

  route(api, {
    method: 'post', path: '/api/auth/email-change/confirm', tag: 'Comptes', access: 'public', body: z.object({ token: linkToken }),
    summary: 'Confirmer sa nouvelle adresse (lien reçu à cette adresse)', responses: { 200: '{user}' },
  }, async ({ body }) => ({ json: { user: presentUser(await confirmEmailChange(db, sessions, body.token)) } }));

  route(api, {
    method: 'get', path: '/api/me/notification-preferences', tag: 'Comptes', access: 'signed-in',
    summary: 'Mes préférences de courriels, par type de notification (immediate, digest, never)', responses: { 200: '{preferences}' },
  }, async ({ req }) => ({ json: { preferences: await notificationPreferences(db, requireUser(req).id) } }));

  route(api, {
    method: 'put', path: '/api/me/notification-preferences', tag: 'Comptes', access: 'account.manage', body: preferencesBody,
    summary: 'Choisir, par type de notification, tout de suite, dans le résumé quotidien ou jamais', responses: { 200: '{preferences}' },
  }, async ({ body, req }) => ({ json: { preferences: await setNotificationPreferences(db, requireUser(req).id, body.preferences) } }));

  route(api, {
    method: 'get', path: '/api/admin/mail', tag: 'Administration', access: 'mail.read',
    query: z.object({ status: z.enum(OUTBOX_STATUSES).optional(), before: serialId.optional(), limit: queryInt(1, 100).default(50) }),
    summary: 'Les courriels de la boîte d’envoi, les plus récents d’abord', responses: { 200: '{messages, counts, sending, next}' },
  }, async ({ query }) => {
    const [rows, counts] = await Promise.all([listOutbox(db, { status: query.status, before: query.before, limit: query.limit + 1 }), outboxCounts(db)]);
    const page = rows.slice(0, query.limit);
    return { json: { messages: page.map((m) => presentOutbox(m)), counts, sending: mail.sending, next: rows.length > query.limit ? String(page.at(-1)!.id) : null } };
  });

  route(api, {
    method: 'get', path: '/api/admin/mail/:id', tag: 'Administration', access: 'mail.read', params: z.object({ id: serialId }),
    summary: 'Un courriel de la boîte d’envoi, avec son texte', responses: { 200: '{message}' },
  }, async ({ params }) => {
    const m = await findOutbox(db, params.id);
    if (!m) throw notFound('Courriel introuvable.');
    return { json: { message: presentOutbox(m, true, mail.sending) } };
  });

  route(api, {
    method: 'post', path: '/api/admin/mail/:id/resend', tag: 'Administration', access: 'mail.resend', params: z.object({ id: serialId }),
    summary: 'Remettre dans la file un courriel en échec ou incertain', responses: { 200: '{message}' },
  }, async ({ params }) => {
    if (!(await requeue(db, params.id))) {
      const m = await findOutbox(db, params.id);
      if (!m) throw notFound('Courriel introuvable.');
      throw new AppError('conflict', 'Seul un courriel en échec ou à l’envoi incertain peut être renvoyé.');
    }
    mail.kick();
    return { json: { message: presentOutbox((await findOutbox(db, params.id))!) } };
  });
}
