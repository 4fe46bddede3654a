/**
 * The one catalogue of errors a client can see: a stable code and its HTTP status (API.md ›
 * Conventions). WebSocket close codes mirror the HTTP ones so that a client can switch on them.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** EMAIL_VERIFICATION=required: confirm the e-mail address (or verify an identity) first. */
  email_unverified: 403,
  /** The account is suspended by the moderation (docs/moderation.md): it reads but no longer writes. */
  account_suspended: 403,
  not_found: 404,
  conflict: 409,
  wrong_phase: 409,
  /** Another clerk has the amendment in charge: take it over (« reprendre ») first. */
  other_clerk_in_charge: 409,
  commission_incomplete: 409,
  pending_amendments: 409,
  /** Signing in with OpenID Connect: the provider's answer is not for this sign-in (`state`), its ID token not for it (`nonce`), or refused. */
  oidc_state_mismatch: 400,
  oidc_nonce_mismatch: 400,
  oidc_failed: 400,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  /** The identity provider could not be reached. */
  oidc_unavailable: 502,
  busy: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export const WS_CLOSE = { refused: 4400, unauthenticated: 4401, forbidden: 4403, not_found: 4404, too_many: 4429 } as const;
