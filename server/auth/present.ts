import type { UserRow } from '../sql/users';

/** The public shape of an account (API.md › Accounts): never the email, never the hash. */
export interface PublicUser {
  id: string;
  displayName: string;
  kind: UserRow['kind'];
  roles: UserRow['roles'];
  /** Whether the account's e-mail address was confirmed (API.md › Accounts and messages). */
  emailVerified: boolean;
  /** 'verified' when an identity provider vouched for the person; shown as a badge. */
  assurance: UserRow['assurance'];
}

export function presentUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    displayName: u.display_name,
    kind: u.kind,
    roles: u.roles,
    emailVerified: u.email_verified_at !== null,
    assurance: u.assurance,
  };
}
