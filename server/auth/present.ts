import type { UserRow } from '../sql/users';

/** The public shape of an account (API.md › Accounts): never the email, never the hash. */
export interface PublicUser {
  id: string;
  displayName: string;
  kind: UserRow['kind'];
  roles: UserRow['roles'];
}

export function presentUser(u: UserRow): PublicUser {
  return { id: u.id, displayName: u.display_name, kind: u.kind, roles: u.roles };
}
