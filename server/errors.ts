import { ERROR_STATUS, type ErrorCode } from '../shared/errors';

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
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'Ressource introuvable.') => new AppError('not_found', what);
export const forbidden = (why = "Vous n'avez pas le droit de faire cela.") => new AppError('forbidden', why);
export const unauthenticated = () => new AppError('unauthenticated', 'Connectez-vous pour faire cela.');

