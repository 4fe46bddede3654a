import { presentUser } from '../auth/present';
import type { Claimed } from '../commands/claim-contributions';
import type { SessionCache } from '../auth/session-cache';
import { operationRoute } from '../http/operation-route';
import type { AuthLimiters } from '../http/rate-limit';
import type { Api } from '../http/route';
import { claimOp, grantMediatorOp, withdrawMediatorOp } from '../operations/mediation';
import type { OpDeps } from '../operations/operation';

/** Declaring mediators, and claiming what a mediator filed for oneself (docs/mediators.md). */
export function mediationRoutes(api: Api, deps: OpDeps, sessions: SessionCache, limiters: AuthLimiters): void {
  operationRoute(api, deps, grantMediatorOp(sessions), {
    method: 'put', path: '/api/users/:userId/mediator', tag: 'Comptes',
    summary: 'Déclarer un compte structure de médiation (nom, commune) : il peut alors contribuer pour une personne ou un atelier',
    responses: { 200: '{user, mediator: {name, town}}' },
  }, ({ user, mediator }) => ({ json: { user: presentUser(user), mediator: { name: mediator.name, town: mediator.town } } }));
  operationRoute(api, deps, withdrawMediatorOp(sessions), {
    method: 'delete', path: '/api/users/:userId/mediator', tag: 'Comptes',
    summary: 'Retirer le rôle de structure de médiation (ses contributions recueillies gardent leur mention)', responses: { 200: '{user}' },
  }, (user) => ({ json: { user: presentUser(user) } }));
  // A code is a secret: wrong guesses count like failed logins (per account and per address).
  operationRoute(api, deps, claimOp, {
    method: 'post', path: '/api/claims', tag: 'Participation', before: [limiters.login],
    summary: 'Récupérer dans son compte les contributions qu’une structure de médiation a déposées pour soi, avec le code remis (usage unique ; code inconnu : 404, déjà servi : 409)',
    responses: { 200: '{claimed: [{type, id, billId, url, collectedBy}]}' },
  }, (claimed) => ({ json: { claimed: claimed.map((c) => ({ ...c, url: contributionUrl(c) })) } }));
}

/** Where a claimed contribution is read. */
export function contributionUrl(c: Pick<Claimed, 'type' | 'id' | 'on'>): string {
  if (c.type === 'amendment') return `/amendements/${c.id}`;
  return `/${c.on.type === 'amendment' ? 'amendements' : 'articles'}/${c.on.id}#${c.type}-${c.id}`;
}
