import express, { type RequestHandler, type Router } from 'express';
import { CONFIRM_FIELD, confirmationFor, type Confirmation } from '../../shared/confirmations';
import { html } from '../html';
import { layout, type PageContext } from './layout';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { putFormState, takeFormState, withFormState, withoutSecrets } from './flash';
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

/** Where the confirmation page is shown (GET), after the gate's 303; its state keeps the action and the way back under these keys. */
export const CONFIRMATION_PATH = '/confirmation';
const ACTION = '@action';
const BACK = '@retour';
/** The account that posted the form: the page is shown to it alone (a link made by someone else asks nothing). */
const OWNER = '@compte';

/**
 * Before every page form: a form posted to an irreversible action (shared/confirmations.ts)
 * without `confirme=1` gets the confirmation page instead of acting. Visitors not signed in go
 * through: the action's own handler sends them to sign in.
 *
 * Post → redirect → get (docs/forms.md): the gate answers a 303 to `GET /confirmation`, the form's
 * fields, its action and the way back sealed in `formulaire`; the page posts them again, confirmed.
 * A form whose fields must not travel in an address (a password, a token, the draw's seed) or too
 * long for one gets the page in place, as before.
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
    const back = safeNext(fields.suite, from);
    res.set('Cache-Control', 'no-store');
    const secret = Object.keys(withoutSecrets(fields)).length !== Object.keys(fields).length;
    const sealed = secret ? undefined : putFormState({ form: 'confirmation', values: { ...fields, [ACTION]: req.originalUrl, [BACK]: back, [OWNER]: req.user.id } });
    if (sealed) return res.redirect(303, withFormState(CONFIRMATION_PATH, sealed));
    res.type('html').send(confirmationPage(ctx(req), req.originalUrl, fields, q, back));
  };
  const concerned: RequestHandler = (req, _res, next) => (req.method === 'POST' && confirmationFor(req.path, {}, 'server') ? next() : next('router'));
  // the page the gate's 303 leads to: the question, said again from the sealed fields (in the reader's language)
  r.get(CONFIRMATION_PATH, page(async (req, res) => {
    const state = takeFormState(req.query.formulaire);
    const { [ACTION]: action, [BACK]: back, [OWNER]: owner, ...fields } = state?.form === 'confirmation' ? state.values ?? {} : {};
    const path = action === undefined ? undefined : safeNext(action, '').split(/[?#]/)[0];
    const q = path ? confirmationFor(path, fields, 'server', say()) : undefined;
    if (!q || !req.user || owner !== req.user.id) return res.redirect(303, safeNext(back, '/'));
    res.set('Cache-Control', 'no-store').type('html').send(confirmationPage(ctx(req), action!, fields, q, safeNext(back, '/')));
  }));
  r.use(concerned, formBody('2mb'), gate);
  return r;
}
