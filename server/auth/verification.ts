import { decideVerification, type Operation } from '../../shared/policy';
import { refusalError } from '../errors';
import type { UserRow } from '../sql/users';

/**
 * EMAIL_VERIFICATION for this process, set once by `createApp` from the configuration (one app per
 * process; tests that need `required` start their own app). `optional` keeps every client of the
 * first stage working; `required` is what a production consultation should run with.
 */
let mode: 'optional' | 'required' = 'optional';

export function setVerificationMode(m: 'optional' | 'required'): void {
  mode = m;
}

export const verificationMode = (): 'optional' | 'required' => mode;

/** Throws 403 `email_unverified` when the policy row of `op` wants a verified account and `user` is not. */
export function requireVerified(op: Operation, user: UserRow | null): void {
  if (!user) return;
  const d = decideVerification(op, { emailVerified: user.email_verified_at !== null, assurance: user.assurance }, mode);
  if (!d.ok) throw refusalError(d);
}
