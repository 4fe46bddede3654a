import { msg } from '../../shared/i18n';
import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { notFound } from '../errors';
import { upsertMediator, type MediatorRow } from '../sql/mediators';
import { findUserById, updateUserRoles, type UserRow } from '../sql/users';

/**
 * An admin declares an account a structure de médiation (its name and town), or changes that
 * declaration: the account gets the `mediator` role. Withdrawing takes the role back; what it
 * collected keeps its mark.
 */
export async function grantMediator(db: Db, input: { actor: UserRow; userId: string; name: string; town: string }): Promise<{ user: UserRow; mediator: MediatorRow }> {
  return db.transaction(async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw notFound(msg('Compte introuvable.'));
    const mediator = await upsertMediator(tx, { userId: user.id, name: input.name, town: input.town, grantedBy: input.actor.id });
    const roles = [...new Set([...user.roles, 'mediator' as const])].sort();
    const updated = await updateUserRoles(tx, user.id, roles);
    if (!updated) throw notFound(msg('Compte introuvable.'));
    return { user: updated, mediator };
  });
}

export async function withdrawMediator(db: Db, live: LiveRevocation, input: { userId: string }): Promise<UserRow> {
  const user = await findUserById(db, input.userId);
  if (!user) throw notFound(msg('Compte introuvable.'));
  const updated = await updateUserRoles(db, user.id, user.roles.filter((r) => r !== 'mediator'));
  if (!updated) throw notFound(msg('Compte introuvable.'));
  await live.recheckUser(updated.id);
  return updated;
}
