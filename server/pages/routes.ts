import type { MailService } from '../mail/service';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import type { SessionCache } from '../auth/session-cache';
import { SESSION_COOKIE } from '../auth/tokens';
import { logOut } from '../commands/log-out';
import { logIn } from '../commands/log-in';
import { registerAccount } from '../commands/register-account';
import { mayReadBill } from '../http/bill-visibility';
import { articleVote } from '../operations/votes';
import { formOperation } from './form-operation';
import { AppError } from '../http/errors';
import type { AuthLimiters } from '../http/rate-limit';
import { loginBody, registerBody, setSessionCookie } from '../routes/auth';
import { listBillArticles } from '../sql/articles';
import { findBill, listBills } from '../sql/bills';
import { billPage, homePage } from './bill-pages';
import { renderArticlePage } from './article-route';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { loginPage, registerPage, type FormState } from './auth-pages';
import { sendFormBack, takeFormState } from './flash';
import { msg } from '../../shared/i18n';

/** What to do about each field, said in words: « Valeur invalide » tells nobody how to fix it. */
const FIELD_MESSAGES: Record<string, { too_small?: string; too_big?: string; other: string }> = {
  displayName: {
    too_small: msg('Le nom affiché doit compter au moins 2 caractères.'),
    too_big: msg('Le nom affiché doit compter au plus 80 caractères.'),
    other: msg('Saisissez le nom qui apparaîtra à côté de vos contributions.'),
  },
  email: { other: msg('Saisissez une adresse électronique valide, par exemple nom@exemple.fr.') },
  password: {
    too_small: msg('Le mot de passe est trop court : il doit compter au moins 10 caractères.'),
    too_big: msg('Le mot de passe est trop long : 256 caractères au plus.'),
    other: msg('Saisissez un mot de passe.'),
  },
  kind: { other: msg('Choisissez « citoyenne ou citoyen » ou « organisation ».') },
};

function formErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    const messages = FIELD_MESSAGES[key];
    const specific = issue.code === 'too_small' || issue.code === 'too_big' ? messages?.[issue.code] : undefined;
    out[key] ??= specific ?? messages?.other ?? msg('Valeur invalide.');
  }
  return out;
}

/** A refused password's reason, with zxcvbn's warning, for the field (auth/password-strength). */
export function passwordAdvice(details: unknown): string | undefined {
  const d = Array.isArray(details) ? (details as { path?: unknown; message?: unknown; warning?: unknown }[]).find((x) => x.path === 'password') : undefined;
  if (typeof d?.message !== 'string') return undefined;
  return typeof d.warning === 'string' ? `${d.message} ${d.warning.replace(/\.?$/, '.')}` : d.message;
}

/** Server-rendered pages: readable without JavaScript, forms that work without it too. */
export function pageRoutes(db: Db, limiters: AuthLimiters, sessions: SessionCache, live: LiveDocs, mail: MailService): Router {
  const r = express.Router();
  const form = formBody('100kb');

  r.get('/', page(async (req, res) => {
    res.type('html').send(homePage(ctx(req), await listBills(db, 200, 0, mayReadBill(req.user ?? null, 'draft'))));
  }));

  r.get('/textes/:billId', page(async (req, res) => {
    const bill = await findBill(db, String(req.params.billId));
    if (!bill) throw new AppError('not_found', msg('Ce projet de loi n’existe pas.'));
    res.type('html').send(billPage(ctx(req), bill, await listBillArticles(db, bill.id)));
  }));

  r.get('/articles/:articleId', page((req, res) => {
    // a refused form of the page (annotation, vote, argument, reply, report…) comes back here by a 303
    // (post → redirect → get), sealed in `formulaire` with its name: ctx() opens it, the form shows it
    return renderArticlePage(db, req, res, String(req.params.articleId));
  }));

  const back = (req: express.Request) => `/articles/${encodeURIComponent(String(req.params.articleId))}`;
  const voteForms = {
    cast: formOperation({ db, live }, articleVote.cast, { signIn: back, formPage: back, formName: () => 'avis', body: (f) => ({ value: f.value }), done: (req, res) => res.redirect(303, `${back(req)}#avis`) }),
    withdraw: formOperation({ db, live }, articleVote.withdraw, { signIn: back, formPage: back, formName: () => 'avis', done: (req, res) => res.redirect(303, `${back(req)}#avis`) }),
  };
  r.post('/articles/:articleId/vote', form, (req: express.Request, res: express.Response, next: express.NextFunction) => voteForms[formFields(req).value === 'none' ? 'withdraw' : 'cast'](req, res, next));

  // A refused sign-in or sign-up comes back here by a 303 (post → redirect → get: a reload sends
  // nothing again), its message and what was typed (never the password) sealed in `formulaire`.
  const formPath = (path: string, next: string) => (next === '/' ? path : `${path}?suite=${encodeURIComponent(next)}`);
  r.get('/connexion', (req, res) => {
    res.type('html').send(loginPage(ctx(req), { ...takeFormState(req.query.formulaire), next: safeNext(req.query.suite) }));
  });
  r.post('/connexion', limiters.login, form, page(async (req, res) => {
    const body = req.body as Record<string, string>;
    const next = safeNext(body.suite);
    const input = loginBody.safeParse(body);
    try {
      if (!input.success) throw new AppError('unauthenticated', msg('Adresse électronique ou mot de passe incorrect.'));
      const { token } = await logIn(db, input.data);
      setSessionCookie(req, res, token);
      res.redirect(303, next);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const state = { error: err.message, values: { email: body.email ?? '' } };
      if (sendFormBack(res, formPath('/connexion', next), state)) return;
      res.status(err.status).type('html').send(loginPage(ctx(req), { ...state, next }));
    }
  }));

  r.get('/inscription', (req, res) => {
    res.type('html').send(registerPage(ctx(req), { ...takeFormState(req.query.formulaire), next: safeNext(req.query.suite) }));
  });
  r.post('/inscription', limiters.register, form, page(async (req, res) => {
    const body = req.body as Record<string, string>;
    const state: FormState = { values: { email: body.email ?? '', displayName: body.displayName ?? '', kind: body.kind ?? '' }, next: safeNext(body.suite) };
    const input = registerBody.safeParse(body);
    const refuse = (status: number, refusal: Pick<FormState, 'error' | 'fieldErrors'>) => {
      if (sendFormBack(res, formPath('/inscription', state.next ?? '/'), { ...refusal, ...(state.values ? { values: state.values } : {}) })) return;
      res.status(status).type('html').send(registerPage(ctx(req), { ...state, ...refusal }));
    };
    if (!input.success) return refuse(400, { error: msg('Le formulaire contient des erreurs.'), fieldErrors: formErrors(input.error) });
    try {
      const { token } = await registerAccount(db, { ...input.data, lang: req.lang }, { mail });
      setSessionCookie(req, res, token);
      res.redirect(303, state.next ?? '/');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const weak = err.code === 'validation_failed' ? passwordAdvice(err.details) : undefined;
      const fieldErrors = weak ? { password: weak } : undefined;
      refuse(err.status, { error: weak ? msg('Le formulaire contient des erreurs.') : err.message, ...(fieldErrors ? { fieldErrors } : {}) });
    }
  }));

  r.post('/deconnexion', page(async (req, res) => {
    await logOut(db, sessions, live, req.sessionToken);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  }));

  return r;
}
