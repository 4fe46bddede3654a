import type { Request } from 'express';
import type { z } from 'zod';
import type { Operation, OpDeps, OpInput } from '../operations/operation';
import { requireUser } from './auth';
import { route, type Api, type Reply, type RouteSpec } from './route';

type Doc = Pick<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, 'method' | 'path' | 'summary' | 'tag' | 'responses' | 'before' | 'bodyLimit'>;

/**
 * The JSON adapter of an operation: its route takes the operation's schemas (so the OpenAPI entry
 * documents them) and its policy row as access; the handler runs it and presents the result.
 */
export function operationRoute<P extends z.ZodType, B extends z.ZodType, O>(
  api: Api,
  deps: OpDeps,
  op: Operation<P, B, O>,
  doc: Doc,
  reply: (out: O, input: OpInput<P, B>, req: Request) => Reply | Promise<Reply>,
): void {
  route(api, { ...doc, access: op.policy, params: op.params, ...(op.body ? { body: op.body } : {}) }, async ({ params, body, req }) => {
    const input = { params, body } as OpInput<P, B>;
    return reply(await op.run(deps, requireUser(req), input), input, req);
  });
}
