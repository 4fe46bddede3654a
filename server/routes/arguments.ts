import { z } from 'zod';
import type { Db } from '../db/db';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { castVote } from '../commands/cast-vote';
import { postArgument } from '../commands/post-argument';
import { requireUser } from '../http/auth';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { idParam, voteBody } from '../http/schemas';
import { presentArgument, presentArgumentsBySupport } from '../present/argument';
import { findArgument, listArguments, type ArgumentTargetType } from '../sql/arguments';
import { findArticle } from '../sql/articles';

const argumentBody = z.object({ side: z.enum(['for', 'against']), body: z.string().trim().min(3, 'au moins 3 caractères').max(5000) });

export function argumentRoutes(api: Api, db: Db): void {
  const targets: { type: ArgumentTargetType; path: string; param: 'id' | 'articleId'; label: string }[] = [
    { type: 'amendment', path: '/api/amendments/:id/arguments', param: 'id', label: 'un amendement' },
    { type: 'article', path: '/api/articles/:articleId/arguments', param: 'articleId', label: 'un article' },
  ];
  for (const t of targets) {
    const params = z.object({ [t.param]: idParam }) as z.ZodObject<Record<string, typeof idParam>>;
    route(api, {
      method: 'post', path: t.path, tag: 'Arguments', access: 'signed-in', params, body: argumentBody,
      summary: `Argumenter pour ou contre ${t.label}`, responses: { 201: '{argument}' },
    }, async ({ params: p, body, req }) => {
      const id = await postArgument(db, { user: requireUser(req), targetType: t.type, targetId: String(p[t.param]), ...body });
      return { status: 201, json: { argument: presentArgument((await findArgument(db, id))!) } };
    });
    route(api, {
      method: 'get', path: t.path, tag: 'Arguments', access: 'public', params,
      summary: `Les arguments sur ${t.label}, les plus soutenus d’abord`, responses: { 200: '{arguments}' },
    }, async ({ params: p, req }) => {
      const id = String(p[t.param]);
      if (t.type === 'amendment') await loadVisibleAmendment(db, id, req.user ?? null);
      else if (!(await findArticle(db, id))) throw notFound('Article introuvable.');
      return { json: { arguments: presentArgumentsBySupport(await listArguments(db, t.type, id)) } };
    });
  }
  for (const method of ['put', 'delete'] as const) {
    route(api, {
      method, path: '/api/arguments/:id/vote', tag: 'Arguments', access: 'signed-in', params: z.object({ id: idParam }),
      ...(method === 'put' ? { body: voteBody } : {}),
      summary: method === 'put' ? 'Voter sur un argument' : 'Retirer son vote sur un argument', responses: { 200: '{tally}' },
    }, async ({ params, body, req }) => {
      const value = method === 'put' ? (body as z.infer<typeof voteBody>).value : null;
      return { json: { tally: await castVote(db, { userId: requireUser(req).id, target: { type: 'argument', id: params.id }, value }) } };
    });
  }
}
