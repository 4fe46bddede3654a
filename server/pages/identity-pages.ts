import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { OidcRelyingParty } from '../auth/oidc';
import type { SessionCache } from '../auth/session-cache';
import {
  completeOidcFlow, confirmLinkWithPassword, FLOW_TTL_SECONDS, pendingLink, startOidcFlow, unlinkOwnIdentity,
} from '../commands/oidc-sign-in';
import type { OidcConfig } from '../config';
import type { Db } from '../db/db';
import { html, type SafeHtml } from '../html';
import { AppError } from '../http/errors';
import type { AuthLimiters } from '../http/rate-limit';
import { setSessionCookie } from '../routes/auth';
import { listIdentities } from '../sql/identities';
import { dateTimeFr } from './amendment-parts';
import { layout, verifiedBadge, type PageContext } from './layout';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { msg } from '../../shared/i18n';
import { t, th } from '../i18n';
import { tMessage } from '../i18n/message';
import { sendFormBack, takeFormState } from './flash';
import { formAlert, stateFor } from './form-state';

/**
 * « Se connecter avec … » (OpenID Connect, issue 13): the routes of the sign-in, the page asking
 * for an existing account's password to link an identity to it, and the parts other pages show
 * (the button on the sign-in page, the « Identité vérifiée » section of « Mon compte »). With no
 * OIDC_* configuration, every route here answers 404 and no part shows.
 */

/** The browser's handle on its sign-in in progress (only its hash is stored: oidc_flows). */
export const FLOW_COOKIE = 'palimpseste_oidc';
const CALLBACK_PATH = '/auth/oidc/callback';

const callbackQuery = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(512).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  session_state: z.string().max(500).optional(),
});
const loginQuery = z.object({ suite: z.string().max(2000).optional() });
const linkForm = z.object({ password: z.string().min(1).max(256) });
const unlinkForm = z.object({ issuer: z.string().min(1).max(500) });

/** « Se connecter avec … », for the sign-in and sign-up pages (nothing when not configured). */
export function providerSignIn(c: PageContext, next?: string): SafeHtml {
  if (!c.oidc) return html``;
  const href = `/auth/oidc/login${next && next !== '/' ? `?suite=${encodeURIComponent(next)}` : ''}`;
  return html`<div class="provider-sign-in"><p class="separator">${t('ou')}</p>
    <p><a class="button" href="${href}">${t('Se connecter avec {{fournisseur}}', { fournisseur: c.oidc.providerName })}</a></p>
    <p class="hint">${t('Votre compte portera le badge « identité vérifiée ». Seuls votre nom affiché et votre adresse électronique sont repris ; l’adresse n’est jamais publiée.')}</p></div>`;
}

/** The « Identité vérifiée » section of « Mon compte » (nothing when not configured). */
export function identitySection(c: PageContext): SafeHtml {
  if (!c.oidc || !c.user) return html``;
  const linked = c.oidc.linked ?? [];
  const name = (issuer: string) => (issuer === c.oidc!.issuer ? c.oidc!.providerName : issuer);
  return html`<section aria-labelledby="identite"><h2 id="identite">${t('Identité vérifiée')}</h2>
    ${formAlert(stateFor(c, 'identite'))}
    ${linked.length > 0
      ? html`<p>${th('Votre compte porte le badge {{badge}} : votre identité a été vérifiée par un fournisseur d’identité. Les décomptes « identités vérifiées seulement » comptent vos votes.', { badge: verifiedBadge() })}</p>
        <ul>${linked.map((l) => html`<li>${t('Relié à {{fournisseur}} depuis le {{date}}', { fournisseur: name(l.issuer), date: dateTimeFr.format(l.linkedAt) })}
          <form method="post" action="/compte/identite/detacher" class="inline" novalidate><input type="hidden" name="issuer" value="${l.issuer}"><button type="submit" class="link">${t('Détacher')}</button></form></li>`)}</ul>
        <p class="hint">${t('Palimpseste ne conserve de cette identité que l’identifiant que le fournisseur vous donne, jamais vos noms, date de naissance ou autres données.')}</p>`
      : html`<p>${t('Reliez votre compte à {{fournisseur}} : votre compte portera le badge « identité vérifiée » et vous pourrez vous connecter par ce fournisseur.', { fournisseur: c.oidc.providerName })}</p>
        <form method="post" action="/compte/identite" class="inline" novalidate><button type="submit">${t('Relier mon compte à {{fournisseur}}', { fournisseur: c.oidc.providerName })}</button></form>`}
  </section>`;
}

function linkPage(c: PageContext, state: { email: string; error?: string }): string {
  return layout(c, {
    title: `${state.error ? t('Erreur – ') : ''}${t('Relier votre identité')}`,
    main: html`<h1>${t('Relier votre identité à votre compte')}</h1>
      ${state.error ? html`<div class="alert" role="alert">${tMessage(state.error)}</div>` : ''}
      <p class="lead">${t('Un compte Palimpseste utilise déjà l’adresse')} <strong>${state.email}</strong>.</p>
      <p>${t('Pour y relier l’identité que vous venez de confirmer, saisissez le mot de passe de ce compte. Votre compte portera ensuite le badge « identité vérifiée ».')}</p>
      <form method="post" action="/auth/oidc/lier" class="form" novalidate>
        <input type="hidden" name="email" value="${state.email}">
        <div class="field">
          <label for="link-password">${t('Mot de passe du compte')}</label>
          ${state.error ? html`<p class="field-error" id="link-password-error">${tMessage(state.error)}</p>` : ''}
          <input id="link-password" name="password" type="password" autocomplete="current-password" required${state.error ? html` aria-invalid="true" aria-describedby="link-password-error"` : ''}>
        </div>
        <button type="submit">${t('Relier et me connecter')}</button>
      </form>
      <p><a href="/">${t('Annuler')}</a> ${t('(rien n’est relié ; le lien expire dans quelques minutes).')}</p>`,
  });
}

/** A link that can no longer be made (already linked, expired): the reason, and the way on. */
function linkEndedPage(c: PageContext, error: string): string {
  return layout(c, {
    title: `${t('Erreur – ')}${t('Relier votre identité')}`,
    main: html`<h1>${t('Relier votre identité à votre compte')}</h1>
      <div class="alert" role="alert" id="erreurs">${tMessage(error)}</div>
      <p><a href="/connexion">${t('Se connecter')}</a> · <a href="/">${t('Les projets de loi')}</a></p>`,
  });
}

/** The callback URL the provider sends the browser back to: the public origin, else the request's own. */
function redirectUri(req: Request, publicOrigin: string | undefined): string {
  return `${publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`}${CALLBACK_PATH}`;
}

export interface IdentityPagesDeps {
  db: Db;
  oidc: OidcConfig | undefined;
  publicOrigin: string | undefined;
  limiters: AuthLimiters;
  sessions: SessionCache;
}

export function identityPages(deps: IdentityPagesDeps): Router {
  const { db, sessions } = deps;
  const r = express.Router();
  const rp = deps.oidc ? new OidcRelyingParty(deps.oidc) : undefined;
  const pageContext = deps.oidc ? { providerName: deps.oidc.providerName, issuer: deps.oidc.issuer } : undefined;
  const form = formBody('10kb');

  const flowCookie = (req: Request, res: Response, handle: string) => {
    res.cookie(FLOW_COOKIE, handle, {
      httpOnly: true, sameSite: 'lax', secure: req.secureCookies ?? req.secure, maxAge: FLOW_TTL_SECONDS * 1000, path: '/auth/oidc',
    });
  };
  const clearFlowCookie = (res: Response) => res.clearCookie(FLOW_COOKIE, { path: '/auth/oidc' });
  const handleOf = (req: Request) => (req.cookies as Record<string, string> | undefined)?.[FLOW_COOKIE];
  const notConfigured = () => new AppError('not_found', msg('La connexion par un fournisseur d’identité n’est pas proposée ici.'));

  // Every page knows whether the button shows; « Mon compte » also lists the linked identities.
  r.use((req, _res, next) => {
    if (!pageContext) return next();
    req.oidcPages = pageContext;
    if (req.method !== 'GET' || req.path !== '/compte' || !req.user) return next();
    listIdentities(db, req.user.id).then((rows) => {
      req.oidcPages = { ...pageContext, linked: rows.map((x) => ({ issuer: x.issuer, linkedAt: x.linked_at })) };
      next();
    }, next);
  });

  r.get('/auth/oidc/login', page(async (req, res) => {
    if (!rp) throw notConfigured();
    const query = loginQuery.safeParse(req.query);
    const next = safeNext(query.success ? query.data.suite : undefined);
    if (req.user) return res.redirect(303, next);
    const { url, handle } = await startOidcFlow(db, rp, { redirectUri: redirectUri(req, deps.publicOrigin), userId: null, next });
    flowCookie(req, res, handle);
    res.set('Cache-Control', 'no-store').redirect(302, url);
  }));

  // failures count against the address like failed logins
  r.get(CALLBACK_PATH, deps.limiters.login, page(async (req, res) => {
    if (!rp) throw notConfigured();
    const query = callbackQuery.safeParse(req.query);
    if (!query.success) throw new AppError('validation_failed', msg('Réponse du fournisseur d’identité illisible.'));
    res.set('Cache-Control', 'no-store');
    const handle = handleOf(req);
    clearFlowCookie(res);
    // the provider's own callback URL, as the provider built it (the redirect URI plus its query)
    const callbackUrl = new URL(req.originalUrl, redirectUri(req, deps.publicOrigin));
    const outcome = await completeOidcFlow(db, rp, { handle, callbackUrl, state: query.data.state, viewerId: req.user?.id ?? null });
    if (outcome.kind === 'password-needed') {
      flowCookie(req, res, outcome.handle);
      return res.redirect(303, '/auth/oidc/lier');
    }
    if (outcome.kind === 'linked') {
      sessions.forgetUser(outcome.userId);
      return res.redirect(303, '/compte#identite');
    }
    setSessionCookie(req, res, outcome.token);
    res.redirect(303, outcome.next);
  }));

  r.get('/auth/oidc/lier', page(async (req, res) => {
    if (!rp) throw notConfigured();
    const back = takeFormState(req.query.formulaire);
    // a link that could not be made (already linked, expired): said here, after the POST's 303
    if (back?.form === 'fin' && back.error) return void res.set('Cache-Control', 'no-store').type('html').send(linkEndedPage(ctx(req), back.error));
    const pending = await pendingLink(db, handleOf(req));
    if (!pending) throw new AppError('oidc_state_mismatch', msg('Ce rattachement a expiré ou a déjà servi : reconnectez-vous avec le fournisseur d’identité.'));
    res.set('Cache-Control', 'no-store').type('html').send(linkPage(ctx(req), { email: pending.email, ...(back?.error ? { error: back.error } : {}) }));
  }));

  r.post('/auth/oidc/lier', deps.limiters.login, form, page(async (req, res) => {
    if (!rp) throw notConfigured();
    const handle = handleOf(req);
    const pending = await pendingLink(db, handle);
    const ended = (err: AppError) => sendFormBack(res.set('Cache-Control', 'no-store'), '/auth/oidc/lier', { form: 'fin', error: err.message });
    if (!pending) {
      const err = new AppError('oidc_state_mismatch', msg('Ce rattachement a expiré ou a déjà servi : reconnectez-vous avec le fournisseur d’identité.'));
      if (ended(err)) return;
      throw err;
    }
    const input = linkForm.safeParse(formFields(req));
    try {
      if (!input.success) throw new AppError('validation_failed', msg('Saisissez le mot de passe du compte.'));
      const { userId, token, next } = await confirmLinkWithPassword(db, { handle, password: input.data.password });
      sessions.forgetUser(userId);
      clearFlowCookie(res);
      setSessionCookie(req, res, token);
      res.redirect(303, next);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // the link was used up (already linked elsewhere, expired meanwhile): nothing to retry on this form
      if (err.code === 'oidc_state_mismatch' || err.code === 'conflict') {
        if (ended(err)) return;
        throw err;
      }
      // post → redirect → get (the pending link stays in its cookie; the password is never carried)
      if (sendFormBack(res.set('Cache-Control', 'no-store'), '/auth/oidc/lier', { error: err.message })) return;
      res.status(err.status).type('html').send(linkPage(ctx(req), { email: pending.email, error: err.message }));
    }
  }));

  // « Mon compte »: link this signed-in account to an identity at the provider
  r.post('/compte/identite', form, page(async (req, res) => {
    if (!rp) throw notConfigured();
    if (!req.user) return res.redirect(303, '/connexion?suite=/compte');
    const { url, handle } = await startOidcFlow(db, rp, { redirectUri: redirectUri(req, deps.publicOrigin), userId: req.user.id, next: '/compte' });
    flowCookie(req, res, handle);
    res.set('Cache-Control', 'no-store').redirect(303, url);
  }));

  r.post('/compte/identite/detacher', form, page(async (req, res) => {
    if (!rp) throw notConfigured();
    if (!req.user) return res.redirect(303, '/connexion?suite=/compte');
    const input = unlinkForm.safeParse(formFields(req));
    try {
      if (!input.success) throw new AppError('validation_failed', msg('Quelle identité détacher ?'));
      await unlinkOwnIdentity(db, { userId: req.user.id, issuer: input.data.issuer });
    } catch (err) {
      // post → redirect → get: back to « Identité vérifiée » in « Mon compte », the reason beside the section (a 404 stays)
      if (!(err instanceof AppError) || (err.code !== 'validation_failed' && err.code !== 'conflict')) throw err;
      if (sendFormBack(res, '/compte', { form: 'identite', error: err.message })) return;
      throw err;
    }
    sessions.forgetUser(req.user.id);
    res.redirect(303, '/compte#identite');
  }));

  return r;
}
