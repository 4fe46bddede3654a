import type { SessionCache } from '../auth/session-cache';
import type { Queryable } from '../db/db';
import { accountModerationMessage, type AccountModerationNotice } from '../mail/render';
import type { MailService } from '../mail/service';
import { enqueueRendered } from '../sql/mail-outbox';
import { findUserById } from '../sql/users';

/** What the account decisions need besides the database: the session cache, and the outbox's service. */
export interface ModerationDeps {
  sessions: Pick<SessionCache, 'forgetUser'>;
  mail: Pick<MailService, 'baseUrl' | 'kick'>;
}

/**
 * Tells an account's holder, by e-mail through the outbox and in the caller's transaction, what
 * the moderation decided about it: suspended (reason, end, how to appeal), lifted, or the outcome
 * of its appeal. Only to a confirmed address, as notifications (never to one typed for somebody
 * else). The caller wakes the worker (`mail.kick()`) after the commit.
 */
export async function queueAccountNotice(
  tx: Queryable, mail: ModerationDeps['mail'], userId: string, actionId: string, notice: AccountModerationNotice,
): Promise<void> {
  const user = await findUserById(tx, userId);
  if (!user || !user.email_verified_at) return;
  const base = mail.baseUrl();
  const m = accountModerationMessage({ base, displayName: user.display_name, notice, decisionUrl: `${base}/moderation/decisions/${actionId}`, lang: user.lang ?? undefined });
  await enqueueRendered(tx, { kind: 'moderation', userId: user.id, to: user.email, subject: m.subject, text: m.text, html: m.html });
}
