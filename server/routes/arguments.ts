import { z } from 'zod';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { operationRoute } from '../http/operation-route';
import { amendmentArgumentOp, articleArgumentOp } from '../operations/contributions';
import { claimJson, type Filed } from '../operations/on-behalf';
import type { Operation, OpDeps } from '../operations/operation';
import { argumentVote } from '../operations/votes';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { assuranceQuery, idParam } from '../http/schemas';
import { presentArgument, presentArgumentsBySupport, withArgumentTallies } from '../present/argument';
import { findArgument, listArguments, type ArgumentTargetType } from '../sql/arguments';
import { findArticle } from '../sql/articles';


export function argumentRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  const targets: { type: ArgumentTargetType; path: string; param: 'id' | 'articleId'; label: string; op: Operation<z.ZodType, z.ZodType, Filed> }[] = [
    { type: 'amendment', path: '/api/amendments/:id/arguments', param: 'id', label: 'un amendement', op: amendmentArgumentOp as unknown as Operation<z.ZodType, z.ZodType, Filed> },
    { type: 'article', path: '/api/articles/:articleId/arguments', param: 'articleId', label: 'un article', op: articleArgumentOp as unknown as Operation<z.ZodType, z.ZodType, Filed> },
  ];
  for (const t of targets) {
    const params = z.object({ [t.param]: idParam }) as z.ZodObject<Record<string, typeof idParam>>;
    operationRoute(api, deps, t.op, {
      method: 'post', path: t.path, tag: 'Arguments', summary: `Argumenter pour ou contre ${t.label} ; une structure de médiation : pour une personne ou un atelier (onBehalfOf)`,
      responses: { 201: '{argument, claim?: {code, url}} (claim : le code à remettre à la personne, donné une seule fois)' },
    }, async (filed) => ({ status: 201, json: { argument: presentArgument((await findArgument(db, filed.id))!), ...claimJson(filed) } }));
    route(api, {
      method: 'get', path: t.path, tag: 'Arguments', access: 'public', params, query: z.object({ assurance: assuranceQuery }),
      summary: `Les arguments sur ${t.label}, les plus soutenus d’abord (assurance=verified : votes des identités vérifiées seulement)`, responses: { 200: '{arguments}' },
    }, async ({ params: p, query, req }) => {
      const id = String(p[t.param]);
      if (t.type === 'amendment') await loadVisibleAmendment(db, id, req.user ?? null);
      else if (!(await findArticle(db, id))) throw notFound('Article introuvable.');
      return { json: { arguments: presentArgumentsBySupport(await withArgumentTallies(db, await listArguments(db, t.type, id), query.assurance)) } };
    });
  }
  operationRoute(api, deps, argumentVote.cast, {
    method: 'put', path: '/api/arguments/:id/vote', tag: 'Arguments', summary: 'Voter sur un argument', responses: { 200: '{tally}' },
  }, (tally) => ({ json: { tally } }));
  operationRoute(api, deps, argumentVote.withdraw, {
    method: 'delete', path: '/api/arguments/:id/vote', tag: 'Arguments', summary: 'Retirer son vote sur un argument', responses: { 200: '{tally}' },
  }, (tally) => ({ json: { tally } }));
}
