import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Operation as PolicyOp } from '../../shared/policy';
import { precheck } from '../authorize';
import { requireUser } from './auth';
import { AppError, notFound } from './errors';
import { UNSTORABLE_MESSAGE, unstorableTextPaths } from './text-check';

/**
 * A route reads like a checklist: its spec (method, path, zod schemas, documentation) and a
 * handler that receives validated, typed input. The same spec feeds `GET /api/openapi.json`,
 * so the published contract cannot drift from what the server validates.
 */
export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /**
   * Who may call it: anyone, anyone signed in, or a row of the policy table (`shared/policy.ts`),
   * whose account-level part is checked here before validation and the rest by the command.
   */
  access: 'public' | 'signed-in' | PolicyOp;
  params?: P;
  query?: Q;
  body?: B;
  /** Status → description of the success responses (errors are documented globally). */
  responses: Record<number, string>;
  /** Body size limit; 1 MB unless a route needs more (bill imports). */
  bodyLimit?: string;
  /** Extra middleware run before validation (rate limits). */
  before?: RequestHandler[];
  /** Media type of the response when it is not JSON (exports). */
  produces?: string;
  /** Media types of a raw (non-JSON) request body, for a file upload: the handler reads `req.body` (a Buffer) itself. */
  consumes?: string[];
}

export interface Input<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  body: z.infer<B>;
  query: z.infer<Q>;
  params: z.infer<P>;
  req: Request;
  res: Response;
}

/** What a handler returns: a status and a JSON body, or `undefined` when it wrote the response. */
export type Reply = { status?: number; json?: unknown } | undefined;

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** An Express router plus the specs of its routes (for the OpenAPI document). One per app. */
export interface Api {
  router: Router;
  specs: AnySpec[];
}

export function createApi(): Api {
  return { router: express.Router(), specs: [] };
}

/** Coarse access checks done before validation, so an anonymous write is a 401 whatever its body. */
function enforceAccess(access: AnySpec['access'], req: Request): void {
  if (access === 'public') return;
  if (access === 'signed-in') requireUser(req);
  else precheck(access, req.user ?? null);
}

const INVALID = 'Requête invalide : vérifiez les champs signalés.';

/** A malformed id in the path names nothing, like an unknown one (API.md: ids are opaque). */
const onlyMalformedIds = (issues: z.core.$ZodIssue[]) =>
  issues.every((i) => i.code === 'invalid_format' && i.format === 'guid');

/**
 * Validates one part of the request. Text PostgreSQL cannot store (NUL, lone surrogates) is
 * refused first, wherever it is, so that no schema has to restate it.
 */
function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  if (!schema) return undefined as z.infer<S>;
  const unstorable = unstorableTextPaths(value, where);
  if (unstorable.length > 0) {
    throw new AppError('validation_failed', INVALID, unstorable.map((path) => ({ path, message: UNSTORABLE_MESSAGE })));
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  if (where === 'params' && onlyMalformedIds(r.error.issues)) throw notFound();
  const details = r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError('validation_failed', INVALID, details);
}

export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  api: Api,
  spec: RouteSpec<B, Q, P>,
  handler: (input: Input<B, Q, P>) => Promise<Reply> | Reply,
): void {
  api.specs.push(spec as unknown as AnySpec);
  const jsonParser = express.json({ limit: spec.bodyLimit ?? '1mb' });
  const run: RequestHandler = async (req, res, next) => {
    try {
      enforceAccess(spec.access, req);
      const input = {
        body: parse(spec.body, req.body, 'body'),
        query: parse(spec.query, req.query, 'query'),
        params: parse(spec.params, req.params, 'params'),
        req,
        res,
      } as Input<B, Q, P>;
      const reply = await handler(input);
      if (reply === undefined) return;
      res.status(reply.status ?? 200);
      if (reply.json === undefined) res.end();
      else res.json(reply.json);
    } catch (err) {
      next(err);
    }
  };
  const chain: RequestHandler[] = [...(spec.before ?? []), ...(spec.method === 'get' ? [] : [jsonParser]), run];
  api.router[spec.method](spec.path, ...chain);
}
