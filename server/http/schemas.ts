import { z } from 'zod';
import { VOTE_VALUES } from '../../shared/votes';

/** Zod schemas shared by several routes (and published in the OpenAPI document). */
export const idParam = z.string().min(1).max(100);
export const voteBody = z.object({ value: z.enum(VOTE_VALUES) });
export const alineasSchema = z.array(z.string().max(20_000).refine((s) => !/[\r\n]/.test(s), 'un alinéa ne contient pas de saut de ligne'));
