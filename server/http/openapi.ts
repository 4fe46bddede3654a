import { describe } from '../../shared/policy';
import { z } from 'zod';
import { ERROR_STATUS } from '../../shared/errors';
import type { Api } from './route';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/api/bills/:billId` → `/api/bills/{billId}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s,
  }));
}

const errorResponse = {
  description: 'Erreur : `{"error": {"code", "message", "details"}}`',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** The OpenAPI 3 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApi(api: Api, extraPaths: Record<string, unknown> = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of api.specs) {
    const p = (paths[openApiPath(spec.path)] ??= {});
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(spec.responses)) {
      responses[status] = spec.produces ? { description, content: { [spec.produces]: {} } } : { description };
    }
    responses.default = errorResponse;
    p[spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      'x-access': spec.access,
      ...(spec.access === 'public' || spec.access === 'signed-in' ? {} : { 'x-allowed': describe(spec.access) }),
      security: spec.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } } : {}),
      ...(spec.consumes ? { requestBody: { required: true, content: Object.fromEntries(spec.consumes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Palimpseste API',
      version: '1.0.0',
      description: `Co-écriture publique des projets de loi. Codes d'erreur : ${Object.entries(ERROR_STATUS).map(([c, s]) => `${c} (${s})`).join(', ')}.`,
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'palimpseste_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', enum: Object.keys(ERROR_STATUS) }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
    paths: { ...extraPaths, ...paths },
  };
}
