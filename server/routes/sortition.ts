import { z } from 'zod';
import type { MailService } from '../mail/service';
import { operationRoute } from '../http/operation-route';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { idParam } from '../http/schemas';
import type { OpDeps } from '../operations/operation';
import { sortitionOps } from '../operations/sortition';
import { loadSortition } from '../queries/sortition-file';
import { findBill } from '../sql/bills';

/** API.md › Second stage › Legitimacy: the sortition of a bill's citizen college. */
export function sortitionRoutes(api: Api, deps: OpDeps, mail: Pick<MailService, 'baseUrl'>): void {
  const { db } = deps;
  const ops = sortitionOps({ baseUrl: () => mail.baseUrl() });
  const tag = 'Tirage au sort';
  route(api, {
    method: 'get', path: '/api/bills/:billId/sortition', tag, access: 'public', params: z.object({ billId: idParam }),
    summary: 'Tout ce qu’il faut pour refaire le tirage : critères, parts, quotas, volontaires (pseudonymes), empreintes, loterie, probabilités, graine, panel (`npm run verify-draw -- <fichier>`)',
    responses: { 200: 'le fichier de vérification (docs/sortition.md)' },
  }, async ({ params, res }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    const view = await loadSortition(db, bill);
    if (!view) throw notFound('Aucun tirage au sort pour ce texte.');
    res.setHeader('Cache-Control', 'no-store');
    return { json: { ...view.file, progress: view.row.status === 'computing' ? view.row.progress : null } };
  });
  operationRoute(api, deps, ops.open, {
    method: 'put', path: '/api/bills/:billId/sortition', tag,
    summary: 'Ouvrir (ou modifier) l’appel à volontaires : sièges, critères et parts cibles de chaque catégorie (administrateurs)', responses: { 200: '{sortition}' },
  }, (row) => ({ json: { sortition: { billId: row.bill_id, seats: row.seats, strata: row.strata, status: row.status } } }));
  operationRoute(api, deps, ops.volunteer, {
    method: 'post', path: '/api/bills/:billId/sortition/volunteers', tag,
    summary: 'Se porter volontaire, avec sa réponse à chaque critère (une catégorie par critère)', responses: { 201: '{volunteer: {pseudonym}}' },
  }, (out) => ({ status: 201, json: { volunteer: out } }));
  operationRoute(api, deps, ops.withdraw, {
    method: 'delete', path: '/api/bills/:billId/sortition/volunteers/me', tag, summary: 'Retirer sa candidature tant que l’appel est ouvert', responses: { 204: 'retirée' },
  }, () => ({ status: 204 }));
  operationRoute(api, deps, ops.commit, {
    method: 'post', path: '/api/bills/:billId/sortition/commit', tag,
    summary: 'Clore l’appel et publier l’engagement : empreinte SHA-256 de la graine (donnée, ou graine générée et rendue une seule fois) et du vivier ; lance le calcul de la loterie',
    responses: { 200: '{seedHash, poolHash, seed?}' },
  }, (out) => ({ json: { seedHash: out.seedHash, poolHash: out.poolHash, ...(out.seed ? { seed: out.seed } : {}) } }));
  operationRoute(api, deps, ops.retry, {
    method: 'post', path: '/api/bills/:billId/sortition/compute', tag, summary: 'Relancer le calcul de la loterie (après un redémarrage ou un dépassement de temps)', responses: { 202: 'relancé' },
  }, () => ({ status: 202, json: { ok: true } }));
  operationRoute(api, deps, ops.draw, {
    method: 'post', path: '/api/bills/:billId/sortition/draw', tag,
    summary: 'Tirer au sort : révéler la graine (et une valeur publique tirée après l’engagement) ; le panel et les probabilités de chacun', responses: { 200: '{panel, pseudonyms, probabilities}' },
  }, (out) => ({ json: out }));
  operationRoute(api, deps, ops.respond, {
    method: 'post', path: '/api/bills/:billId/sortition/response', tag,
    summary: 'Accepter (rejoindre le collège citoyen de la commission) ou décliner (remplacement par la règle publiée)', responses: { 200: '{replacement}' },
  }, (out) => ({ json: out }));
}
