import type { z } from 'zod';
import type { Operation as PolicyOp } from '../../shared/policy';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import type { UserRow } from '../sql/users';

/** What an operation runs with: the database and the live documents. */
export interface OpDeps {
  db: Db;
  live: LiveDocs;
}

export interface OpInput<P extends z.ZodType, B extends z.ZodType> {
  params: z.infer<P>;
  body: z.infer<B>;
}

/**
 * One write, described once: its row in the policy table, its input (the path's ids and the body,
 * zod schemas that state every field and limit), and the command it calls. The JSON route
 * (`http/operation-route.ts`) and the HTML form (`pages/form-operation.ts`) are both built from
 * it, so neither re-states a schema, a limit or a role check.
 */
export interface Operation<P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, O = unknown> {
  policy: PolicyOp;
  params: P;
  /** Undefined: the operation reads nothing from the body. */
  body?: B;
  run(deps: OpDeps, user: UserRow, input: OpInput<P, B>): Promise<O>;
}

export const operation = <P extends z.ZodType, B extends z.ZodType, O>(op: Operation<P, B, O>): Operation<P, B, O> => op;
