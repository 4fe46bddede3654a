import { msg, type Lang } from '../../shared/i18n';
import type { Db } from '../db/db';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/db';
import { AppError } from '../errors';
import { checkPassword } from '../auth/password-strength';
import { hashPassword } from '../auth/passwords';
import { insertUser, markEmailVerified, type AccountKind, type Role, type UserRow } from '../sql/users';
import { openSession } from './open-session';
import { queueVerification, type MailDeps } from './account-mail';

/**
 * Creates an account, queues the link that confirms its address and opens its first session, in
 * one transaction; a weak password (auth/password-strength) is `validation_failed` naming
 * `password`, a taken email (any case) a `conflict`.
 */
export async function registerAccount(
  db: Db,
  input: { email: string; password: string; displayName: string; kind: AccountKind; roles?: Role[]; verified?: boolean; lang?: Lang },
  deps: MailDeps,
): Promise<{ user: UserRow; token: string }> {
  checkPassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  let created: { user: UserRow; token: string };
  try {
    created = await db.transaction(async (tx) => {
      let user = await insertUser(tx, { ...input, passwordHash });
      // `verified`: an operator vouches for the address (the demo's accounts), no link is sent
      if (input.verified) user = (await markEmailVerified(tx, user.id, user.email)) ?? user;
      else await queueVerification(tx, deps, user);
      return { user, token: await openSession(tx, user.id) };
    });
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
      throw new AppError('conflict', msg('Un compte existe déjà avec cette adresse électronique.'), { field: 'email' });
    }
    throw err;
  }
  deps.mail.kick();
  return created;
}
