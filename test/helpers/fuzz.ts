import fc from 'fast-check';
import type { Db } from '../../server/db/db';

/**
 * Arbitraries for the fuzz test, derived from the JSON Schemas of the OpenAPI document: values
 * that follow the schema (so requests get past validation and reach commands and SQL), mixed at
 * every level with hostile ones.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface FuzzContext {
  /** Real ids of seeded rows, so that requests reach deep. */
  ids: string[];
  /** The real ids a field of this name likely takes (`billId` → bills), else all of them. */
  idsFor?: (name: string) => string[];
  /** Keep strings small (CPU-heavy endpoints, another engineer bounds them). */
  small: boolean;
}

/** Path or query values sent unencoded: malformed percent-encoding and the like. */
export const RAW_TOKENS = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '%FF', '%%', '100%', '%2', '%u0041'];

const HOSTILE_STRINGS = [
  '', ' ', '%', '%zz', '%E0%A4%A', 'a\u0000b', '\u0000', 'x\ud800y', '\udc00', '\ud800', '\udbff\udfff', 'é\u0301', '🏛️',
  "'; DROP TABLE users; --", '../../etc/passwd', '<script>alert(1)</script>', 'null', 'undefined', 'true',
  '-1', '0', '2147483647', '2147483648', '-2147483649', '9223372036854775807', '9223372036854775808', '99999999999999999999',
  '1e308', 'NaN', 'Infinity', '0x10', '1.5', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{00000000-0000-0000-0000-000000000000}', '-100000-01-01', '+275760-09-13T00:00:00Z', '0000-01-01', '99999-12-31', '2024-02-30',
  'a\r\nb', '\u202e', '\ufeff',
];
const HOSTILE_NUMBERS = [-1, 0, 1, -0.5, 0.5, 2147483647, 2147483648, -2147483648, -2147483649, 4294967296, 2 ** 53 + 2, 1e21, 1e308, -1e308];
const HOSTILE_OTHERS: unknown[] = [null, true, false, [], {}, [1, 2], ['a'], { a: 1 }, JSON.parse('{"__proto__": {"x": 1}}'), [[[[[[[[[[[]]]]]]]]]]]];

export function hostile(ctx: FuzzContext): fc.Arbitrary<unknown> {
  const long = ctx.small ? [] : [fc.constant('a'.repeat(100_000)), fc.constant('é'.repeat(30_000)), fc.constant('x\u0000'.repeat(5000))];
  return fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(...HOSTILE_OTHERS),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.uuid(),
    fc.constantFrom(...ctx.ids),
    ...long,
  );
}

const types = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** Values that follow the schema (as far as a JSON Schema says). */
export function valid(s: JsonSchema, ctx: FuzzContext, name = ''): fc.Arbitrary<unknown> {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valid(a, ctx, name)));
  if (s.allOf?.length) return valid(s.allOf[0]!, ctx, name);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const ts = types(s);
  if (ts.length > 1) return fc.oneof(...ts.map((type) => valid({ ...s, type }, ctx, name)));
  switch (ts[0]) {
    case 'string': {
      if (s.format === 'uuid') return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...(ctx.idsFor?.(name) ?? ctx.ids)) }, fc.uuid());
      if (s.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('a@b.fr'));
      const maxLength = Math.min(s.maxLength ?? 60, ctx.small ? 200 : 60);
      const plain = fc.string({ minLength: Math.min(s.minLength ?? 0, maxLength), maxLength });
      if (s.pattern) {
        try {
          return fc.oneof(fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? Infinity)), plain);
        } catch {
          return plain;
        }
      }
      const words = fc.constantFrom('Les administrations communiquent leurs documents.', 'Elles les publient en ligne.', 'Article 1er', 'for');
      return fc.oneof(plain, words);
    }
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.max(s.minimum ?? -5, -1000), max: Math.min(s.maximum ?? 50, 1000) });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fuzzed(s.items ?? {}, ctx), { minLength: Math.min(s.minItems ?? 0, 3), maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fuzzed(v, ctx, k)]));
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly a schema-abiding value, sometimes a hostile one: at every level of the tree. */
export function fuzzed(s: JsonSchema, ctx: FuzzContext, name = ''): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: valid(s, ctx, name) }, { weight: 1, arbitrary: hostile(ctx) });
}

const encodeable = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c < 0xdc00 ? (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
};

/** A value as it travels in a path or a query string: raw tokens unencoded, anything else encoded. */
export function urlPart(ctx: FuzzContext, value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  // A URL carries UTF-8: a lone surrogate cannot travel in one (it arrives as U+FFFD).
  const text = (v: unknown) => encodeURIComponent((typeof v === 'string' ? v : JSON.stringify(v) ?? '').replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => (encodeable(all, i) ? c : '\uFFFD')));
  return fc.oneof({ weight: 30, arbitrary: value.map(text) }, { weight: 4, arbitrary: fc.constantFrom(...RAW_TOKENS) }, { weight: 1, arbitrary: fc.constant('a'.repeat(20_000)) });
}

/**
 * A cheap fingerprint of every table's contents: per table, its row count and the md5 of its rows'
 * md5s in order. Nothing excluded: a 4xx must leave every row as it was.
 */
export async function fingerprintQuery(db: Db): Promise<string> {
  const { rows } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return rows
    .map((r) => `SELECT '${r.table_name}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS f FROM "${r.table_name}" x`)
    .join(' UNION ALL ');
}

export async function fingerprint(db: Db, query: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ t: string; f: string }>(query);
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** The tables whose fingerprints differ. */
export const changedTables = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((t) => a[t] !== b[t]);

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every page route of the app (method, Express path), walking its routers: nothing listed by hand. */
export function pageRoutes(stack: RouterLayer[]): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method, path: layer.route.path });
    } else if (layer.handle?.stack) {
      out.push(...pageRoutes(layer.handle.stack));
    }
  }
  return out.filter((r) => !r.path.startsWith('/api') && r.path !== '/healthz' && !r.path.startsWith('/static'));
}
