import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody, ErrorCode } from '../../shared/errors';
import { AppError } from '../errors';

export { AppError, forbidden, notFound, unauthenticated } from '../errors';

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Errors a client causes before any route runs: the router decoding a path parameter with
 * malformed percent-encoding (`/api/amendments/%`, a URIError), and body-parser errors, which
 * carry a `type`. Mapped to catalogue codes; anything else is ours.
 */
function fromRequestError(err: unknown): AppError | undefined {
  if (err instanceof URIError) return new AppError('validation_failed', 'Adresse invalide : encodage « % » mal formé.');
  if (typeof err !== 'object' || err === null) return undefined;
  if (!('type' in err)) return exposed(err);
  if (err.type === 'entity.too.large') return new AppError('payload_too_large', 'Requête trop volumineuse.');
  if (err.type === 'entity.parse.failed') return new AppError('validation_failed', 'Le corps de la requête n’est pas du JSON valide.');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
    return new AppError('validation_failed', 'Encodage non pris en charge : utilisez UTF-8.');
  }
  return exposed(err);
}

/**
 * Any other body-parser refusal the client caused (too many fields, a corrupt compressed body…):
 * body-parser marks them `expose` with a 4xx status.
 */
function exposed(err: object): AppError | undefined {
  const status = 'status' in err && typeof err.status === 'number' ? err.status : 0;
  if (!('expose' in err) || err.expose !== true || status < 400 || status >= 500) return undefined;
  return new AppError('validation_failed', 'Requête illisible : vérifiez son corps et ses en-têtes.');
}

export type HtmlErrorRenderer = (req: Request, status: number, message: string, err: AppError) => string;

/**
 * The one error handler: catalogue errors as API.md's body, anything else logged and `internal`.
 * Requests for pages (outside /api) get the same message as an HTML page.
 */
export function errorHandler(logger: Logger, renderHtml: HtmlErrorRenderer): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let known = err instanceof AppError ? err : fromRequestError(err);
    if (!known) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
      known = new AppError('internal', 'Erreur interne. Réessayez plus tard.');
    }
    res.status(known.status);
    if (known.code === 'busy') res.set('Retry-After', '2');
    if (req.path.startsWith('/api/') || req.path === '/api') res.json(errorBody(known.code, known.message, known.details));
    else res.type('html').send(renderHtml(req, known.status, known.message, known));
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `Aucune route ${req.method} ${req.originalUrl}.`));
};
