import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { precheck } from '../authorize';
import { AppError } from '../http/errors';
import type { Operation, OpDeps, OpInput } from '../operations/operation';
import type { UserRow } from '../sql/users';
import { sendFormBack } from './flash';
import { currentLang, say } from '../i18n';
import { formFields, page } from './page-kit';
import { fill, msg } from '../../shared/i18n';

/** Field errors, keyed by form field: what the page shows next to each field. */
export type FieldErrors = Record<string, string>;

const fr = z.locales.fr();
const en = z.locales.en();

/**
 * One zod issue said in French, for a person filling a form: our sentences for lengths, choices and
 * required fields; else the schema's own sentence (a `refine`, a `regex` with its message: French
 * and in the catalogue, as the API gives it); else zod's French.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) <= 1 ? msg('Ce champ est requis.') : fill(msg('Au moins {{n}} caractères.'), { n: Number(issue.minimum).toLocaleString('fr-FR') });
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return fill(msg('Trop long : {{n}} caractères au plus.'), { n: Number(issue.maximum).toLocaleString('fr-FR') });
  // a box that must be ticked (a consent): z.literal(true)
  if (issue.code === 'invalid_value' && issue.values.length === 1 && issue.values[0] === true) return msg('Cette case doit être cochée.');
  if (issue.code === 'invalid_value') return msg('Choisissez une des options proposées.');
  if (issue.code === 'invalid_type' && issue.input === undefined) return msg('Ce champ est requis.');
  if (issue.code === 'too_small' && issue.origin === 'number') return fill(msg('Au moins {{n}}.'), { n: Number(issue.minimum).toLocaleString('fr-FR') });
  if (issue.code === 'too_big' && issue.origin === 'number') return fill(msg('Au plus {{n}}.'), { n: Number(issue.maximum).toLocaleString('fr-FR') });
  // the schema's own sentence: zod's default (English) is what it says without one
  const plain = en.localeError(issue as never);
  if (issue.message !== (typeof plain === 'string' ? plain : plain?.message)) return issue.message;
  const said = fr.localeError(issue as never);
  return typeof said === 'string' ? said : (said?.message ?? issue.message);
}

export interface FormAdapter<P extends z.ZodType, B extends z.ZodType, O> {
  /** Where to come back after signing in, for a visitor who posted the form. */
  signIn: (req: Request) => string;
  /** The operation's path ids, when the form does not post to the API's path (default: the page's path ids). */
  params?: (fields: Record<string, string>, req: Request, deps: OpDeps) => unknown;
  /** The form's fields as the operation's body (unvalidated: the operation's schema checks it). */
  body?: (fields: Record<string, string>, req: Request, deps: OpDeps) => unknown;
  /** Operation body field → form field, to show an error next to what the person typed. */
  fields?: Record<string, string>;
  /** Success: usually a redirect (303). */
  done: (req: Request, res: Response, out: O, input: OpInput<P, B>, user: UserRow) => void | Promise<void>;
  /**
   * A refusal the page can show in place (validation, conflict, phase…): sends the form back. When
   * absent, or when it returns false, the refusal is the « Action impossible » page.
   */
  refused?: (req: Request, res: Response, err: AppError, fieldErrors: FieldErrors) => Promise<boolean | void> | boolean | void;
  /**
   * The form's own page (GET), for the default refusal: post → redirect → get to it, the message, the
   * field errors and what was typed (never a password) sealed in `formulaire`, which that page shows
   * (takeFormState). Used when `refused` is absent or returns false; a refusal that does not fit in an
   * address, or a route without a form page, is the « Action impossible » page. It may look the page
   * up (the decision an appeal is about).
   */
  formPage?: (req: Request) => string | Promise<string>;
  /**
   * Which form of its page this is, when the page holds several (a vote per argument, a report per
   * contribution…): the sealed state says so, and only that form shows the message and the values.
   */
  formName?: (req: Request) => string;
}

const REFUSALS = new Set(['validation_failed', 'conflict', 'wrong_phase', 'unprocessable', 'not_found', 'other_clerk_in_charge', 'commission_incomplete', 'pending_amendments']);

/** The validation error of a form, as the API would give it, with its details keyed by body path. */
function invalid(error: z.ZodError): AppError {
  const first = error.issues[0];
  return new AppError('validation_failed', first ? issueMessage(first) : msg('Le formulaire contient des erreurs.'), error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: issueMessage(i) })));
}

/** Details of a validation error (ours or a command's) as messages keyed by form field. */
export function fieldErrorsFrom(err: AppError, fields: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  if (err.code !== 'validation_failed' && err.code !== 'unprocessable') return out;
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown; message?: unknown }[]) : [];
  for (const d of details) {
    const path = typeof d.path === 'string' ? d.path.split('.')[0]! : '';
    const field = fields[path];
    // one problem: the error's own sentence; several: each detail's (commands' details are terse)
    if (field) out[field] ??= details.length > 1 && typeof d.message === 'string' ? d.message : err.message;
  }
  return out;
}

/**
 * The account-level check of `op`, done before a costly body (an upload) is read: a visitor is
 * sent to sign in, an account the policy refuses gets its error — the same `precheck` the JSON
 * route runs before its body parser.
 */
export function formPrecheck(op: Operation<z.ZodType, z.ZodType, unknown>['policy'], signIn: string): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return res.redirect(303, `/connexion?suite=${encodeURIComponent(signIn)}`);
    try {
      precheck(op, req.user);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * The HTML form adapter of an operation: a visitor is sent to sign in; then the same account-level
 * check, the same schemas and the same command as the JSON route; refusals go back to the form.
 */
export function formOperation<P extends z.ZodType, B extends z.ZodType, O>(
  deps: OpDeps, op: Operation<P, B, O>, adapter: FormAdapter<P, B, O>,
): RequestHandler {
  return page(async (req, res) => {
    if (!req.user) return res.redirect(303, `/connexion?suite=${encodeURIComponent(adapter.signIn(req))}`);
    const user = req.user;
    try {
      precheck(op.policy, user);
      const params = op.params.safeParse(adapter.params ? await adapter.params(formFields(req), req, deps) : req.params);
      if (!params.success) throw new AppError('not_found', msg('Ressource introuvable.'));
      const raw = adapter.body ? await adapter.body(formFields(req), req, deps) : undefined;
      const body = op.body ? op.body.safeParse(raw) : undefined;
      if (body && !body.success) throw invalid(body.error);
      const input = { params: params.data, body: body?.data } as OpInput<P, B>;
      const out = await op.run(deps, user, input);
      await adapter.done(req, res, out, input, user);
    } catch (err) {
      if (!(err instanceof AppError) || !REFUSALS.has(err.code)) throw err;
      const fieldErrors = fieldErrorsFrom(err, adapter.fields);
      if (adapter.refused && (await adapter.refused(req, res, err, fieldErrors)) !== false) return;
      // the default refusal, one rule for every form that names its page
      if (adapter.formPage && err.code !== 'not_found' && sendFormBack(res, await adapter.formPage(req), {
        ...(adapter.formName ? { form: adapter.formName(req) } : {}), error: err.message, fieldErrors, values: formFields(req),
        // a refusal of the policy (a closed phase…) says itself in the person's language: kept as said
        ...(err.explain ? { said: { lang: currentLang(), text: err.explain(say()) } } : {}),
      })) return;
      throw err;
    }
  });
}
