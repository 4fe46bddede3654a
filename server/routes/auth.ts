import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db';
import { presentUser } from '../auth/present';
import { presentUserWithDeclaration } from '../present/interest';
import type { SessionCache } from '../auth/session-cache';
import type { LiveDocs } from '../collab/registry';
import type { MailService } from '../mail/service';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../auth/tokens';
import { logOut } from '../commands/log-out';
import { logIn } from '../commands/log-in';
import { registerAccount } from '../commands/register-account';
import { requireUser } from '../http/auth';
import type { AuthLimiters } from '../http/rate-limit';
import { operationRoute } from '../http/operation-route';
import { route, type Api } from '../http/route';
import { setRolesOp } from '../operations/accounts';

export const registerBody = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(10, 'au moins 10 caractères').max(256),
  displayName: z.string().trim().min(2).max(80),
  kind: z.enum(['citizen', 'organisation']).default('citizen'),
});
export const loginBody = z.object({ email: z.string().trim().max(254), password: z.string().max(256) });

/** The session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure over HTTPS (see `cookiePolicy`). */
/** The roles an admin gives an account (the JSON route and the console's form alike). */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  const secure = req.secureCookies ?? req.secure;
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_TTL_MS, path: '/' });
}

export function authRoutes(api: Api, db: Db, limiters: AuthLimiters, sessions: SessionCache, live: LiveDocs, mail: MailService): void {
  route(
    api,
    {
      method: 'post', path: '/api/auth/register', tag: 'Comptes', access: 'public', body: registerBody,
      summary: 'Créer un compte (citoyen ou organisation) et ouvrir une session',
      responses: { 201: '{user, token}' }, before: [limiters.register],
    },
    async ({ body, req, res }) => {
      const { user, token } = await registerAccount(db, { ...body, lang: req.lang }, { mail });
      setSessionCookie(req, res, token);
      return { status: 201, json: { user: presentUser(user), token } };
    },
  );
  route(
    api,
    {
      method: 'post', path: '/api/auth/login', tag: 'Comptes', access: 'public', body: loginBody,
      summary: 'Se connecter', responses: { 200: '{user, token} et cookie de session' }, before: [limiters.login],
    },
    async ({ body, req, res }) => {
      const { user, token } = await logIn(db, body);
      setSessionCookie(req, res, token);
      return { json: { user: presentUser(user), token } };
    },
  );
  route(
    api,
    { method: 'post', path: '/api/auth/logout', tag: 'Comptes', access: 'public', summary: 'Fermer la session', responses: { 204: 'Session fermée' } },
    async ({ req, res }) => {
      await logOut(db, sessions, live, req.sessionToken);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return { status: 204 };
    },
  );
  route(
    api,
    { method: 'get', path: '/api/me', tag: 'Comptes', access: 'signed-in', summary: 'Le compte connecté (avec sa déclaration de représentant d’intérêts, pour une organisation)', responses: { 200: '{user}' } },
    async ({ req }) => ({ json: { user: await presentUserWithDeclaration(db, requireUser(req)) } }),
  );
  operationRoute(api, { db, live }, setRolesOp(sessions), {
    method: 'put', path: '/api/users/:userId/roles', tag: 'Comptes', summary: 'Attribuer les rôles d’un compte', responses: { 200: '{user}' },
  }, (user) => ({ json: { user: presentUser(user) } }));
}
