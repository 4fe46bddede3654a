import { z } from 'zod';
import { AMENDMENT_KINDS } from '../../shared/amendment';
import { TEXT_LIMITS, totalChars } from '../../shared/limits';
import { AppError } from '../http/errors';

/**
 * Reading the amendment forms: the proposed text comes as one textarea, one alinéa per line;
 * errors come back as messages keyed by form field, to be shown next to that field.
 */

/** Each non-empty line of the textarea is one alinéa (blank lines only separate them). */
export function textToAlineas(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '');
}

const { alineas: MAX_ALINEAS, alineaChars: MAX_ALINEA_LENGTH, textChars: MAX_TEXT } = TEXT_LIMITS;
const MAX_RATIONALE = 20_000;

export const newAmendmentForm = z.object({
  kind: z.enum(AMENDMENT_KINDS),
  texte: z.string().max(MAX_TEXT + 2 * MAX_ALINEAS).default(''),
  expose: z.string().max(MAX_RATIONALE).default(''),
  action: z.enum(['deposer', 'brouillon']).default('brouillon'),
});

export const editAmendmentForm = z.object({
  texte: z.string().max(MAX_TEXT + 2 * MAX_ALINEAS).optional(),
  expose: z.string().max(MAX_RATIONALE).default(''),
});

const FIELD_MESSAGES: Record<string, string> = {
  kind: 'Choisissez la nature de l’amendement : modifier, supprimer, ou ajouter un article.',
  texte: 'Le texte proposé est trop long.',
  expose: `L’exposé sommaire est trop long : ${MAX_RATIONALE.toLocaleString('fr-FR')} caractères au plus.`,
  action: 'Choisissez d’enregistrer le brouillon ou de déposer l’amendement.',
};

/** Zod issues as one message per field, said in words. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= FIELD_MESSAGES[key] ?? 'Valeur invalide.';
  }
  return out;
}

/** Limits the command leaves to the API schema (alinéa count and length), checked here for forms. */
export function alineasProblem(alineas: readonly string[]): string | null {
  if (alineas.length > MAX_ALINEAS) return `Le texte proposé compte ${alineas.length} alinéas : ${MAX_ALINEAS} au plus.`;
  const long = alineas.findIndex((a) => a.length > MAX_ALINEA_LENGTH);
  if (long >= 0) return `L’alinéa ${long + 1} est trop long : ${MAX_ALINEA_LENGTH.toLocaleString('fr-FR')} caractères au plus.`;
  if (totalChars(alineas) > MAX_TEXT) return `Le texte proposé est trop long : ${MAX_TEXT.toLocaleString('fr-FR')} caractères au plus en tout.`;
  return null;
}

/**
 * A command's validation error, mapped to the form field it concerns (`alineas` → the text,
 * `rationale` → the exposé), or undefined when `err` is not a validation error.
 */
export function validationFields(err: unknown, fields: { alineas: string; rationale: string }): Record<string, string> | undefined {
  if (!(err instanceof AppError) || err.code !== 'validation_failed') return undefined;
  const out: Record<string, string> = {};
  const details = Array.isArray(err.details) ? (err.details as unknown[]) : [];
  for (const d of details) {
    const path = typeof d === 'object' && d !== null && 'path' in d ? d.path : undefined;
    if (path === 'alineas') out[fields.alineas] ??= err.message;
    if (path === 'rationale') out[fields.rationale] ??= err.message;
  }
  return out;
}
