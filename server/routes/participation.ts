import { z } from 'zod';
import { AMENDMENT_STATUSES } from '../../shared/amendment';
import { SEARCH_MAX_PAGE, SEARCH_QUERY_MAX, SEARCH_TYPES } from '../../shared/search';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { operationRoute } from '../http/operation-route';
import { route, type Api } from '../http/route';
import { idParam, queryInt } from '../http/schemas';
import type { OpDeps } from '../operations/operation';
import { articleSummaryOp, billMemorandumOp, cosignOp, uncosignOp } from '../operations/participation';
import { closestToAmendment, loadCosignatories, presentCosignatory } from '../present/participation';
import { search } from '../present/search';

/** Search (`GET /api/search`), summaries and exposés des motifs, co-signatures (API.md › Participation). */
export const searchQuery = z.object({
  q: z.string().trim().min(1, 'saisissez au moins un mot').max(SEARCH_QUERY_MAX),
  type: z.enum(SEARCH_TYPES).optional(),
  bill: idParam.optional(),
  article: idParam.optional(),
  status: z.enum(AMENDMENT_STATUSES).exclude(['draft']).optional(),
  page: queryInt(1, SEARCH_MAX_PAGE).default(1),
});

export function participationRoutes(api: Api, deps: OpDeps, reads = deps.db): void {
  const { db } = deps;
  route(api, {
    method: 'get', path: '/api/search', tag: 'Recherche', access: 'public', query: searchQuery,
    summary: 'Recherche plein texte en français (racines des mots, accents indifférents ; "expression exacte", -exclu, ou) dans ce qui est public : projets de loi, articles, amendements (texte et exposé), arguments, annotations, réponses du greffe, contributeurs. Classée par pertinence, 20 par page ; excerpt est du HTML sûr (texte échappé, mots trouvés entre <mark>). status (un statut d’amendement) ne cherche que des amendements.',
    responses: { 200: '{results: [{type, id, title, excerpt, url}], total, totalExact, page} (totalExact false : au-delà de 250 correspondances d’un type, seules les 250 premières trouvées sont classées et total est un minimum ; de même quand une expression entre guillemets n’a été vérifiée que dans les 1 000 premiers documents d’un type qui contiennent tous ses mots)' },
  }, async ({ query }) => ({
    json: await search(reads, { q: query.q, type: query.type, billId: query.bill, articleId: query.article, status: query.status, page: query.page }),
  }));

  operationRoute(api, deps, articleSummaryOp, {
    method: 'put', path: '/api/articles/:articleId/summary', tag: 'Articles',
    summary: '« Ce que change cet article » : explication en langage courant, montrée avant le texte (un texte vide la retire)', responses: { 200: '{summary}' },
  }, (summary) => ({ json: { summary } }));
  operationRoute(api, deps, billMemorandumOp, {
    method: 'put', path: '/api/bills/:billId/memorandum', tag: 'Projets de loi',
    summary: 'L’exposé des motifs du projet de loi, montré avant le texte (un texte vide le retire)', responses: { 200: '{memorandum}' },
  }, (memorandum) => ({ json: { memorandum } }));

  route(api, {
    method: 'get', path: '/api/amendments/:id/cosignatures', tag: 'Amendements', access: 'public', params: z.object({ id: idParam }),
    summary: 'Les cosignataires d’un amendement déposé', responses: { 200: '{cosignatories: [{id, displayName, kind, assurance, at}]}' },
  }, async ({ params, req }) => {
    const { amendment } = await loadVisibleAmendment(db, params.id, req.user ?? null);
    return { json: { cosignatories: await loadCosignatories(db, amendment.id) } };
  });
  operationRoute(api, deps, cosignOp, {
    method: 'post', path: '/api/amendments/:id/cosignatures', tag: 'Amendements',
    summary: 'Cosigner un amendement déposé plutôt que d’en déposer un semblable (consultation ; recosigner ne change rien)',
    responses: { 201: '{cosignatories}', 200: '{cosignatories} (déjà cosigné)' },
  }, (out) => ({ status: out.added ? 201 : 200, json: { cosignatories: out.cosignatories.map(presentCosignatory) } }));
  operationRoute(api, deps, uncosignOp, {
    method: 'delete', path: '/api/amendments/:id/cosignatures', tag: 'Amendements',
    summary: 'Retirer sa cosignature (tant que l’amendement est ouvert, pendant la consultation)', responses: { 200: '{cosignatories}' },
  }, (out) => ({ json: { cosignatories: out.cosignatories.map(presentCosignatory) } }));

  route(api, {
    method: 'get', path: '/api/amendments/:id/closest', tag: 'Amendements', access: 'public', params: z.object({ id: idParam }),
    summary: 'Les amendements déposés au même article les plus proches de celui-ci (ce qu’ils changent : indice de Jaccard des modifications), pour cosigner plutôt que déposer un doublon ; un brouillon (comparé tel qu’il est dans l’éditeur en direct) : ses auteurs seulement',
    responses: { 200: '{closest: [{id, title, status, similarity, rationale, url, cosignatories, mine}]} (mine: "author" | "cosignatory" | null, pour la personne connectée)' },
  }, async ({ params, req }) => {
    const { amendment } = await loadVisibleAmendment(db, params.id, req.user ?? null);
    // what a masked amendment says is not compared in public
    if (amendment.hidden_reason !== null) return { json: { closest: [] } };
    return { json: { closest: await closestToAmendment(db, deps.live, amendment, req.user?.id ?? null) } };
  });
}
