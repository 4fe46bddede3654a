import { z } from 'zod';
import type { SessionCache } from '../auth/session-cache';
import { SESSION_COOKIE } from '../auth/tokens';
import type { LiveDocs } from '../collab/registry';
import { deleteAccount } from '../commands/delete-account';
import { exportMyData } from '../commands/export-my-data';
import type { Db } from '../db/db';
import { requireUser } from '../http/auth';
import type { AuthLimiters } from '../http/rate-limit';
import { route, type Api } from '../http/route';
import { chartRoutes } from './charts';
import { contributorRoutes } from './contributors';

export const deleteAccountBody = z.object({ password: z.string().min(1, 'confirmez avec votre mot de passe').max(256) });

/** `palimpseste-mes-donnees-2025-05-03.json` */
export const exportFileName = (now: Date) => `palimpseste-mes-donnees-${now.toISOString().slice(0, 10)}.json`;

export interface PrivacyDeps {
  limiters: AuthLimiters;
  sessions: SessionCache;
  live: LiveDocs;
}

/** A person's own data: download it all, or delete the account. */
export function privacyRoutes(api: Api, db: Db, deps: PrivacyDeps): void {
  route(api, {
    method: 'get', path: '/api/me/export', tag: 'Comptes', access: 'signed-in',
    summary: 'Télécharger mes données : compte (sans le mot de passe), contributions, notifications et mes propres votes',
    responses: { 200: 'Fichier JSON en pièce jointe' },
  }, async ({ req, res }) => {
    const now = new Date();
    const data = await exportMyData(db, requireUser(req).id, now);
    res.attachment(exportFileName(now));
    res.set('Cache-Control', 'no-store');
    return { json: data };
  });

  route(api, {
    method: 'delete', path: '/api/me', tag: 'Comptes', access: 'signed-in', body: deleteAccountBody, before: [deps.limiters.login],
    summary: 'Supprimer mon compte (confirmé par le mot de passe) : sessions fermées, contributions publiques signées « contributeur supprimé », votes comptés mais détachés',
    responses: { 204: 'Compte supprimé' },
  }, async ({ body, req, res }) => {
    await deleteAccount(db, { user: requireUser(req), password: body.password }, deps);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { status: 204 };
  });
}

/**
 * Issue 7's routes besides history and open data, registered by one line in routes/index.ts:
 * privacy, contributors' public pages, charts.
 */
export function peopleAndChartRoutes(api: Api, db: Db, deps: PrivacyDeps): void {
  privacyRoutes(api, db, deps);
  contributorRoutes(api, db);
  chartRoutes(api, db);
}
