import * as client from 'openid-client';
import type { OidcConfig } from '../config';
import { AppError } from '../errors';

/**
 * The relying party of « Se connecter avec … » (OpenID Connect, authorization code with PKCE,
 * `state` and `nonce`), on `openid-client`. The provider's metadata is discovered at the first
 * sign-in and kept; a failed discovery is retried at the next one.
 *
 * What the provider says about the person is read into `ProviderIdentity` and nothing else: the
 * pair (issuer, subject), a display name, the e-mail and whether the provider verified it. Given
 * and family names are used only to make a display name when the provider sends no `name`, and
 * are not kept (migration 022).
 */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
}

/** What the browser carries to the callback, checked against what was sent (see oidc_flows). */
export interface FlowChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Seconds before a request to the provider is abandoned. */
const PROVIDER_TIMEOUT_S = 10;

export class OidcRelyingParty {
  private config: Promise<client.Configuration> | undefined;

  constructor(readonly settings: OidcConfig) {}

  /** The provider's metadata (discovered once); its failure is not remembered. */
  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.settings.issuer);
      // Plain http only towards this machine (tests, a provider in development); never over a network.
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
      this.config = client.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
        timeout: PROVIDER_TIMEOUT_S,
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      });
      this.config.catch(() => (this.config = undefined));
    }
    return this.config;
  }

  /** Fresh secrets for one sign-in: where to send the browser, and what to keep to check the answer. */
  async start(redirectUri: string): Promise<{ url: string; checks: FlowChecks }> {
    const config = await this.configuration().catch(unavailable);
    const checks: FlowChecks = {
      state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), redirectUri,
    };
    const params: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    };
    if (this.settings.acrValues) params.acr_values = this.settings.acrValues;
    return { url: client.buildAuthorizationUrl(config, params).href, checks };
  }

  /**
   * Completes a sign-in from the URL the provider sent the browser back to: the state must be the
   * one sent (checked by the caller before, and again here), the code is exchanged with the PKCE
   * verifier, the ID token's signature, issuer, audience, expiry and nonce are checked.
   */
  async finish(callbackUrl: URL, checks: FlowChecks): Promise<ProviderIdentity> {
    const config = await this.configuration().catch(unavailable);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true,
      });
    } catch (err) {
      throw refusal(err);
    }
    const claims = tokens.claims();
    if (!claims) throw new AppError('oidc_failed', 'Le fournisseur d’identité n’a pas envoyé de jeton d’identité.');
    // The userinfo endpoint says more than the ID token with most providers (FranceConnect among them).
    let info: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      } catch (err) {
        throw refusal(err);
      }
    }
    const pick = (k: string): unknown => info[k] ?? claims[k];
    return {
      issuer: claims.iss,
      subject: claims.sub,
      displayName: displayNameFrom(pick),
      email: typeof pick('email') === 'string' && (pick('email') as string).length <= 254 ? (pick('email') as string).trim() : null,
      emailVerified: pick('email_verified') === true || pick('email_verified') === 'true',
    };
  }
}

/** `name`, else given and family names, else the preferred user name; 2 to 80 characters. */
function displayNameFrom(pick: (k: string) => unknown): string {
  const text = (k: string) => (typeof pick(k) === 'string' ? (pick(k) as string).replace(/\s+/g, ' ').trim() : '');
  const candidates = [text('name'), `${text('given_name')} ${text('family_name')}`.trim(), text('preferred_username'), text('nickname')];
  const name = candidates.find((c) => c.length >= 2) ?? 'Participant';
  return [...name].slice(0, 80).join('').trim();
}

function unavailable(err: unknown): never {
  throw new AppError('oidc_unavailable', 'Le fournisseur d’identité ne répond pas. Réessayez dans quelques minutes.', { cause: errorCode(err) });
}

const errorCode = (err: unknown): string | undefined => (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined);

/** An answer that fails a check: a stable code for the ones tests and people meet. */
function refusal(err: unknown): AppError {
  if (err instanceof client.AuthorizationResponseError) {
    return err.error === 'access_denied'
      ? new AppError('oidc_failed', 'La connexion a été annulée auprès du fournisseur d’identité.', { error: err.error })
      : new AppError('oidc_failed', 'Le fournisseur d’identité a refusé la connexion.', { error: err.error });
  }
  // openid-client wraps oauth4webapi's error, whose cause names the claim that differs
  const causes: unknown[] = [];
  for (let c: unknown = err; c && typeof c === 'object' && causes.length < 4; c = (c as { cause?: unknown }).cause) causes.push(c);
  if (errorCode(err) === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && causes.some((c) => (c as { claim?: unknown }).claim === 'nonce')) {
    return new AppError('oidc_nonce_mismatch', 'Réponse du fournisseur d’identité refusée : elle ne correspond pas à cette connexion (nonce).');
  }
  if (errorCode(err) === 'OAUTH_INVALID_RESPONSE' && /state/i.test((err as Error).message)) {
    return new AppError('oidc_state_mismatch', 'Réponse du fournisseur d’identité refusée : elle ne correspond pas à cette connexion (state).');
  }
  if (err instanceof TypeError || errorCode(err) === 'UND_ERR_CONNECT_TIMEOUT' || (err instanceof Error && err.name === 'TimeoutError')) unavailable(err);
  return new AppError('oidc_failed', 'Réponse du fournisseur d’identité refusée.', { cause: errorCode(err) });
}
