import type { Db } from '../db/db';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/db';
import { AppError } from '../errors';
import { checkPassword } from '../auth/password-strength';
import { hashPassword } from '../auth/passwords';
import { insertUser, type AccountKind, type Role, type UserRow } from '../sql/users';
import { openSession } from './open-session';

/**
 * Creates an account and opens its first session; a weak password (auth/password-strength) is
 * `validation_failed` naming `password`, a taken email (any case) a `conflict`.
 */
export async function registerAccount(
  db: Db,
  input: { email: string; password: string; displayName: string; kind: AccountKind; roles?: Role[] },
): Promise<{ user: UserRow; token: string }> {
  checkPassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  let user: UserRow;
  try {
    user = await insertUser(db, { ...input, passwordHash });
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
      throw new AppError('conflict', 'Un compte existe déjà avec cette adresse électronique.', { field: 'email' });
    }
    throw err;
  }
  const token = await openSession(db, user.id);
  return { user, token };
}
