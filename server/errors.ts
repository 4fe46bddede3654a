import { ERROR_STATUS, type ErrorCode } from '../shared/errors';
import type { Say } from '../shared/i18n';

/**
 * The errors every layer may throw (commands, presenters, the collab server, HTTP): a stable code
 * from the catalogue, a message, optional details. The HTTP layer maps them to responses.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  /**
   * The message in the reader's language, for pages (a refusal of shared/policy.ts): `message`
   * stays the API's French. Absent, pages translate `message` through the catalogue.
   */
  explain?: (say: Say) => string;
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A refusal of shared/policy.ts as an error, with its message in every language. */
export function refusalError(d: { code: ErrorCode; message: string; explain: (say: Say) => string }, details?: unknown): AppError {
  const err = new AppError(d.code, d.message, details);
  err.explain = d.explain;
  return err;
}

export const notFound = (what = 'Ressource introuvable.') => new AppError('not_found', what);
export const forbidden = (why = "Vous n'avez pas le droit de faire cela.") => new AppError('forbidden', why);
export const unauthenticated = () => new AppError('unauthenticated', 'Connectez-vous pour faire cela.');

