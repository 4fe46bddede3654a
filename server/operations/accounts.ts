import { z } from 'zod';
import type { SessionCache } from '../auth/session-cache';
import { acceptInvitation } from '../commands/invitations';
import { setRoles } from '../commands/set-roles';
import { idParam, serialId } from '../http/schemas';
import { markNotificationsRead } from '../sql/notifications';
import { operation } from './operation';

/** A person's own account and the admins' management of accounts. */

export const rolesBody = z.object({ roles: z.array(z.enum(['admin', 'clerk', 'moderator'])).max(3) });

/** Replacing an account's roles; its cached sessions are forgotten so the new roles hold at once. */
export const setRolesOp = (sessions: Pick<SessionCache, 'forgetUser'>) => operation({
  policy: 'user.setRoles',
  params: z.object({ userId: idParam }),
  body: rolesBody,
  run: async ({ db, live }, actor, { params, body }) => {
    const user = await setRoles(db, live, { actor, userId: params.userId, roles: body.roles });
    sessions.forgetUser(user.id);
    return user;
  },
});

/** Joining the authors of a draft through its invitation link: the draft's id. */
export const acceptInvitationOp = operation({
  policy: 'invitation.accept',
  params: z.object({ token: z.string().min(10).max(100) }),
  run: ({ db }, user, { params }) => acceptInvitation(db, { user, token: params.token }),
});

/** Marking one's notifications read: those listed, or all of them without ids. */
export const markNotificationsReadOp = operation({
  policy: 'notification.read',
  params: z.object({}),
  body: z.object({ ids: z.array(serialId).max(500).optional() }),
  run: ({ db }, user, { body }) => markNotificationsRead(db, user.id, body.ids ?? null),
});
