import { z } from 'zod';
import { TEXT_LIMITS, totalChars } from '../../shared/limits';
import { VOTE_VALUES } from '../../shared/votes';
import { fill, msg } from '../../shared/i18n';

/** Zod schemas shared by several routes (and published in the OpenAPI document). */

/** The bounds of PostgreSQL's `integer` and `bigint`: a number past them is a 400, never a SQL error. */
export const INT32_MAX = 2_147_483_647;
export const INT64_MAX = 9_223_372_036_854_775_807n;

/**
 * The id of a row keyed by `uuid` (bills, articles, amendments, users, arguments, annotations…).
 * In a path, a malformed one names nothing: `route()` answers 404 like for an unknown id (API.md:
 * ids are opaque); in a query or a body it is a 400 naming the field.
 */
export const idParam = z.guid(msg('identifiant mal formé'));

/** The id of a row keyed by `bigserial` (events, notifications, moderation actions), as digits. */
export const serialId = z
  .string()
  .refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= INT64_MAX, msg('identifiant numérique attendu (entier positif sur 64 bits)'));

/** An integer in a JSON body, within PostgreSQL's `integer`. */
export const int32 = (min: number, max = INT32_MAX) => z.number().int().min(min).max(max);
/** An integer in a query string or a path, within PostgreSQL's `integer`. */
export const queryInt = (min: number, max = INT32_MAX) => z.coerce.number().int().min(min).max(max);

/** An ISO 8601 date or instant between the years 1 and 9999 (PostgreSQL holds no year 0, nor -100000). */
export const isoDate = z
  .string()
  .max(40)
  .refine((s) => {
    const t = Date.parse(s);
    const year = new Date(t).getUTCFullYear();
    return !Number.isNaN(t) && year >= 1 && year <= 9999;
  }, msg('date ISO 8601 attendue (années 1 à 9999)'))
  .transform((s) => new Date(s));

/**
 * A vote is one's own and says nothing else: no other field is accepted, so that no one (a
 * mediator filing for a person included) votes on behalf of someone (`onBehalfOf` is a 400).
 */
export const voteBody = z.strictObject({ value: z.enum(VOTE_VALUES) }, {
  error: (iss) => (iss.code === 'unrecognized_keys' ? 'un vote ne porte que sa valeur (value) : personne ne vote au nom d’autrui' : undefined),
});

/** `?assurance=verified`: tallies count only the votes of accounts whose identity a provider verified. */
export const TALLY_SCOPES = ['all', 'verified'] as const;
export const assuranceQuery = z.enum(TALLY_SCOPES).default('all');
export const alineasSchema = z.array(z.string().max(TEXT_LIMITS.alineaChars).refine((s) => !/[\r\n]/.test(s), msg('un alinéa ne contient pas de saut de ligne')));
/** A whole text (an article, an amendment's proposal): bounded in alinéas and in characters (shared/limits.ts). */
export const textSchema = alineasSchema
  .max(TEXT_LIMITS.alineas)
  .refine((a) => totalChars(a) <= TEXT_LIMITS.textChars, fill(msg('au plus {{n}} caractères en tout'), { n: TEXT_LIMITS.textChars.toLocaleString('fr-FR') }));
export const dispositifSchema = z.string().max(TEXT_LIMITS.dispositifChars);
