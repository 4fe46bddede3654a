import { timingSafeEqual } from 'node:crypto';
import type { OidcRelyingParty, ProviderIdentity } from '../auth/oidc';
import { verifyPassword } from '../auth/passwords';
import { hashToken, newSessionToken } from '../auth/tokens';
import type { Db } from '../db/db';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../db/db';
import { msg } from '../../shared/i18n';
import { AppError, forbidden } from '../errors';
import {
  accountHasPassword, findLiveAccountByEmail, findUserIdByIdentity, insertFlow, insertProviderAccount, linkIdentity, peekFlow,
  takeFlow, unlinkIdentity,
} from '../sql/identities';
import { lockCredentials } from '../sql/privacy';
import { openSession } from './open-session';

/**
 * Signing in with an identity provider (issue 13; the relying party is auth/oidc.ts). A sign-in
 * is bound to the browser that started it by a random handle in a short-lived cookie; the row it
 * names (oidc_flows, migration 022) keeps the PKCE verifier, `state` and `nonce`, is used once,
 * and is worthless after ten minutes.
 *
 * When the provider has vouched for someone:
 * - an identity already linked signs its account in;
 * - a signed-in person who asked for it from « Mon compte » gets the identity linked;
 * - an account with the same e-mail is linked at once only if both sides verified the address
 *   (the provider says `email_verified`, and the account confirmed it from a link); otherwise
 *   its password is asked for (stage `link`);
 * - else a new account is created, with no password, the provider's display name and e-mail.
 * Every account with a linked identity has `assurance = 'verified'`.
 */
export const FLOW_TTL_SECONDS = 600;

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const stateMismatch = (message: string) => new AppError('oidc_state_mismatch', message);

/** Starts a sign-in (or, with `userId`, the linking of an identity to that signed-in account). */
export async function startOidcFlow(
  db: Db,
  rp: OidcRelyingParty,
  input: { redirectUri: string; userId: string | null; next: string },
): Promise<{ url: string; handle: string }> {
  const { url, checks } = await rp.start(input.redirectUri);
  const handle = newSessionToken();
  await insertFlow(db, {
    handleHash: hashToken(handle), stage: 'authorize', state: checks.state, nonce: checks.nonce, codeVerifier: checks.codeVerifier,
    redirectUri: checks.redirectUri, userId: input.userId, next: input.next, ttlSeconds: FLOW_TTL_SECONDS,
  });
  return { url, handle };
}

export type OidcOutcome =
  | { kind: 'signed-in'; userId: string; token: string; next: string; created: boolean }
  | { kind: 'linked'; userId: string; next: string }
  | { kind: 'password-needed'; handle: string };

/** What a `link` flow keeps: enough to finish, and the address to show (the person's own). */
interface PendingLink {
  issuer: string;
  subject: string;
  userId: string;
  email: string;
}

/**
 * Completes the sign-in the browser's handle names, from the URL the provider sent it back to.
 * Refused: no handle or an unknown/used/expired one, a `state` that is not the one sent
 * (`oidc_state_mismatch`), an ID token whose nonce is not the one sent (`oidc_nonce_mismatch`).
 */
export async function completeOidcFlow(
  db: Db,
  rp: OidcRelyingParty,
  input: { handle: string | undefined; callbackUrl: URL; state: string | undefined; viewerId: string | null },
): Promise<OidcOutcome> {
  if (!input.handle) throw stateMismatch(msg('Réponse du fournisseur d’identité refusée : cette connexion n’a pas été commencée dans ce navigateur, ou elle a expiré. Recommencez.'));
  const flow = await takeFlow(db, hashToken(input.handle), 'authorize');
  if (!flow?.state || !flow.nonce || !flow.code_verifier || !flow.redirect_uri) {
    throw stateMismatch(msg('Réponse du fournisseur d’identité refusée : cette connexion a expiré ou a déjà servi. Recommencez.'));
  }
  if (!input.state || !sameSecret(input.state, flow.state)) throw stateMismatch(msg('Réponse du fournisseur d’identité refusée : elle ne correspond pas à cette connexion (state).'));
  if (flow.user_id !== null && flow.user_id !== input.viewerId) {
    throw forbidden(msg('Vous n’êtes plus connecté au compte qui a demandé ce rattachement.'));
  }
  const who = await rp.finish(input.callbackUrl, {
    state: flow.state, nonce: flow.nonce, codeVerifier: flow.code_verifier, redirectUri: flow.redirect_uri,
  });
  const next = flow.next_path;
  const owner = await findUserIdByIdentity(db, who.issuer, who.subject);

  if (flow.user_id !== null) {
    if (owner && owner !== flow.user_id) throw new AppError('conflict', msg('Cette identité est déjà reliée à un autre compte Palimpseste.'));
    if (!owner && !(await linkIdentity(db, flow.user_id, who.issuer, who.subject))) {
      throw new AppError('conflict', msg('Votre compte est déjà relié à une autre identité chez ce fournisseur.'));
    }
    return { kind: 'linked', userId: flow.user_id, next };
  }
  if (owner) return { kind: 'signed-in', userId: owner, token: await openSession(db, owner), next, created: false };
  if (!who.email) {
    throw new AppError('oidc_failed', msg('Le fournisseur d’identité n’a pas communiqué d’adresse électronique : impossible de créer votre compte.'));
  }
  const match = await findLiveAccountByEmail(db, who.email);
  if (match) {
    if (who.emailVerified && match.email_verified_at !== null) {
      if (!(await linkIdentity(db, match.id, who.issuer, who.subject))) {
        throw new AppError('conflict', msg('Le compte qui a cette adresse est déjà relié à une autre identité chez ce fournisseur.'));
      }
      return { kind: 'signed-in', userId: match.id, token: await openSession(db, match.id), next, created: false };
    }
    if (!match.has_password) {
      throw new AppError('conflict', msg('Un compte existe déjà avec cette adresse, relié à une autre identité : connectez-vous avec celle-ci.'));
    }
    const handle = newSessionToken();
    const pending: PendingLink = { issuer: who.issuer, subject: who.subject, userId: match.id, email: who.email };
    await insertFlow(db, { handleHash: hashToken(handle), stage: 'link', userId: null, next, pending, ttlSeconds: FLOW_TTL_SECONDS });
    return { kind: 'password-needed', handle };
  }
  const userId = await createProviderAccount(db, { ...who, email: who.email });
  return { kind: 'signed-in', userId, token: await openSession(db, userId), next, created: true };
}

async function createProviderAccount(db: Db, who: ProviderIdentity & { email: string }): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const id = await insertProviderAccount(tx, { email: who.email, displayName: who.displayName, emailVerified: who.emailVerified });
      if (!(await linkIdentity(tx, id, who.issuer, who.subject))) throw new AppError('conflict', msg('Cette identité vient d’être reliée à un compte : reconnectez-vous.'));
      return id;
    });
  } catch (err) {
    // two first sign-ins at once: the other one made the account
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('conflict', msg('Ce compte vient d’être créé : reconnectez-vous.'));
    throw err;
  }
}

function pendingOf(value: unknown): PendingLink | undefined {
  const p = value as Partial<PendingLink> | null;
  return p && typeof p.issuer === 'string' && typeof p.subject === 'string' && typeof p.userId === 'string' && typeof p.email === 'string'
    ? (p as PendingLink) : undefined;
}

/** The link waiting for a password, to show its page; undefined when expired or used. */
export async function pendingLink(db: Db, handle: string | undefined): Promise<{ email: string; next: string } | undefined> {
  if (!handle) return undefined;
  const flow = await peekFlow(db, hashToken(handle), 'link');
  const p = pendingOf(flow?.pending);
  return flow && p ? { email: p.email, next: flow.next_path } : undefined;
}

const expired = () => new AppError('oidc_state_mismatch', msg('Ce rattachement a expiré ou a déjà servi : reconnectez-vous avec le fournisseur d’identité.'));

/**
 * Links the pending identity to the account that has its e-mail, once that account's password is
 * given; then signs it in. A wrong password leaves the link waiting (the login rate limits apply).
 */
export async function confirmLinkWithPassword(
  db: Db,
  input: { handle: string | undefined; password: string },
): Promise<{ userId: string; token: string; next: string }> {
  if (!input.handle) throw expired();
  const flow = await peekFlow(db, hashToken(input.handle), 'link');
  const p = pendingOf(flow?.pending);
  if (!flow || !p) throw expired();
  const creds = await lockCredentials(db, p.userId);
  if (!creds?.password_hash || !(await verifyPassword(creds.password_hash, input.password))) {
    throw new AppError('unauthenticated', msg('Mot de passe incorrect : votre identité n’a pas été rattachée.'));
  }
  // single use: only the request that removes the row goes on
  if (!(await takeFlow(db, hashToken(input.handle), 'link'))) throw expired();
  if (!(await linkIdentity(db, p.userId, p.issuer, p.subject))) {
    throw new AppError('conflict', msg('Cette identité, ou ce compte chez ce fournisseur, est déjà relié.'));
  }
  return { userId: p.userId, token: await openSession(db, p.userId), next: flow.next_path };
}

/** « Mon compte » › détacher: only an account that keeps a password can lose its identity. */
export async function unlinkOwnIdentity(db: Db, input: { userId: string; issuer: string }): Promise<void> {
  if (!(await accountHasPassword(db, input.userId))) {
    throw new AppError('conflict', msg('Votre compte n’a pas de mot de passe : sans cette identité, vous ne pourriez plus vous connecter. Définissez d’abord un mot de passe.'));
  }
  if (!(await unlinkIdentity(db, input.userId, input.issuer))) throw new AppError('not_found', msg('Aucune identité de ce fournisseur n’est reliée à votre compte.'));
}
