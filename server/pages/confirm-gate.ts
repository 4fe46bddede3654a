import express, { type RequestHandler, type Router } from 'express';
import { CONFIRM_FIELD, confirmationFor, type Confirmation } from '../../shared/confirmations';
import { html } from '../html';
import { layout, type PageContext } from './layout';
import { ctx, formBody, formFields, safeNext } from './page-kit';
import { say, t } from '../i18n';

/**
 * The page that asks before an irreversible action, when the browser could not (no JavaScript):
 * it states the consequences (in the visitor's language: `q` is said with `say()`) and sends the
 * same form again, confirmed, or goes back.
 */
export function confirmationPage(c: PageContext, action: string, fields: Record<string, string>, q: Confirmation, back: string): string {
  return layout(c, {
    title: q.title,
    main: html`<section class="confirm-box" data-confirmation aria-labelledby="confirm-title">
      <h1 id="confirm-title">${q.title}</h1>
      <p class="lead">${t('Ce qui va se passer :')}</p>
      <ul class="consequences">${q.consequences.map((line) => html`<li>${line}</li>`)}</ul>
      <form method="post" action="${action}" class="form confirm-form" novalidate>
        ${Object.entries(fields).filter(([k]) => k !== CONFIRM_FIELD).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
        <input type="hidden" name="${CONFIRM_FIELD}" value="1">
        <div class="actions"><button type="submit" class="danger">${q.confirm}</button> <a href="${back}" class="button secondary">${t('Annuler')}</a></div>
      </form></section>`,
  });
}

/**
 * Before every page form: a form posted to an irreversible action (shared/confirmations.ts)
 * without `confirme=1` gets the confirmation page instead of acting. Visitors not signed in go
 * through: the action's own handler sends them to sign in.
 */
export function confirmationGate(): Router {
  const r = express.Router();
  const gate: RequestHandler = (req, res, next) => {
    if (!req.user) return next();
    const fields = formFields(req);
    if (fields[CONFIRM_FIELD] === '1') return next();
    const q = confirmationFor(req.path, fields, 'server', say());
    if (!q) return next();
    const referer = req.get('referer');
    const from = referer ? safeNext(new URL(referer, 'http://x').pathname) : '/';
    res.set('Cache-Control', 'no-store').type('html').send(confirmationPage(ctx(req), req.originalUrl, fields, q, safeNext(fields.suite, from)));
  };
  const concerned: RequestHandler = (req, _res, next) => (req.method === 'POST' && confirmationFor(req.path, {}, 'server') ? next() : next('router'));
  r.use(concerned, formBody('2mb'), gate);
  return r;
}
