import { z } from 'zod';
import { TEXT_LIMITS, totalChars } from '../../shared/limits';
import { VOTE_VALUES } from '../../shared/votes';

/** Zod schemas shared by several routes (and published in the OpenAPI document). */
export const idParam = z.string().min(1).max(100);
export const voteBody = z.object({ value: z.enum(VOTE_VALUES) });
export const alineasSchema = z.array(z.string().max(TEXT_LIMITS.alineaChars).refine((s) => !/[\r\n]/.test(s), 'un alinéa ne contient pas de saut de ligne'));
/** A whole text (an article, an amendment's proposal): bounded in alinéas and in characters (shared/limits.ts). */
export const textSchema = alineasSchema
  .max(TEXT_LIMITS.alineas)
  .refine((a) => totalChars(a) <= TEXT_LIMITS.textChars, `au plus ${TEXT_LIMITS.textChars.toLocaleString('fr-FR')} caractères en tout`);
export const dispositifSchema = z.string().max(TEXT_LIMITS.dispositifChars);
