import { msg } from '../../shared/i18n';
import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { findUserById, updateUserRoles, type Role, type UserRow } from '../sql/users';

/**
 * Replaces an account's roles (admin only); an admin cannot remove their own admin role. Its open
 * live documents follow (a clerk no longer a clerk leaves the workspaces it only watched). The
 * mediator role goes with its declaration (commands/mediators.ts): kept as it is here.
 */
export async function setRoles(db: Db, live: LiveRevocation, input: { actor: UserRow; userId: string; roles: Role[] }): Promise<UserRow> {
  if (input.actor.id === input.userId && !input.roles.includes('admin')) {
    throw new AppError('conflict', msg('Vous ne pouvez pas retirer votre propre rôle d’administrateur.'));
  }
  const current = await findUserById(db, input.userId);
  if (!current) throw notFound(msg('Compte introuvable.'));
  const kept = current.roles.filter((r) => r === 'mediator');
  const roles = [...new Set([...input.roles.filter((r) => r !== 'mediator'), ...kept])].sort();
  const user = await updateUserRoles(db, input.userId, roles);
  if (!user) throw notFound(msg('Compte introuvable.'));
  await live.recheckUser(user.id);
  return user;
}
