import express, { type Request, type Response, type Router } from 'express';
import { ERROR_STATUS } from '../../shared/errors';
import type { Claimed } from '../commands/claim-contributions';
import type { AuthLimiters } from '../http/rate-limit';
import { html } from '../html';
import { claimOp } from '../operations/mediation';
import type { OpDeps } from '../operations/operation';
import { contributionUrl } from '../routes/mediation';
import { putFlash, sendFormBack, takeFlash, takeFormState } from './flash';
import { formAlert } from './form-state';
import { formOperation } from './form-operation';
import { layout } from './layout';
import { ctx, formBody, formFields, page } from './page-kit';
import { t } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';
import { titled } from './amendment-parts';

/**
 * « Récupérer mes contributions » (the adapter of POST /api/claims) and the page that shows a
 * mediator, once, the claim code of what it just filed for a person.
 */
const WHAT: Record<Claimed['type'], string> = { amendment: msg('L’amendement'), argument: msg('L’argument'), annotation: msg('L’annotation') };

function claimPage(req: Request, state: { error?: string; code?: string; done?: { message: string; url: string } } = {}): string {
  return layout(ctx(req), {
    title: titled(t('Récupérer mes contributions'), state),
    main: html`<h1>${t('Récupérer mes contributions')}</h1>
      ${state.done ? html`<div class="notice" role="status"><p>${state.done.message} <a href="${state.done.url}">${t('La voir')}</a>.</p></div>` : ''}
      <p class="lead">${t('Une structure de médiation ou un atelier a déposé une contribution pour vous ? Saisissez le code qu’on vous a remis : elle rejoindra votre compte. La mention « recueilli par … » reste, pour que chacun sache d’où elle vient.')}</p>
      <form method="post" action="/recuperer" class="form" novalidate>
        ${formAlert(state.error ? { error: state.error } : undefined)}
        <div class="field">
          <label for="code">${t('Code de récupération')}</label>
          <p class="hint" id="code-hint">${t('25 caractères, par exemple ABCDE-FGHJK-MNPQR-STVWX-YZ012. Les tirets et les minuscules sont acceptés. Un code ne sert qu’une fois.')}</p>
          ${state.error ? html`<p class="field-error" id="code-error">${tMessage(state.error)}</p>` : ''}
          <input id="code" name="code" autocomplete="off" spellcheck="false" maxlength="100" value="${state.code ?? ''}"
            aria-describedby="code-hint${state.error ? ' code-error' : ''}"${state.error ? html` aria-invalid="true"` : ''}>
        </div>
        <button type="submit">${t('Récupérer')}</button>
      </form>`,
  });
}

function parseSealed<T>(sealed: unknown): T | undefined {
  const text = takeFlash(sealed);
  try {
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function mediationPages(deps: OpDeps, limiters: AuthLimiters): Router {
  const r = express.Router();
  r.get('/recuperer', page(async (req, res) => {
    if (!req.user) return res.redirect(303, `/connexion?suite=${encodeURIComponent('/recuperer')}`);
    // a refused code comes back here by a 303 (post → redirect → get): the message and the code typed
    const back = takeFormState(req.query.formulaire);
    res.set('Cache-Control', 'no-store').type('html').send(claimPage(req, {
      done: parseSealed<{ message: string; url: string }>(req.query.ok), ...(back?.error ? { error: back.error, code: back.values?.code ?? '' } : {}),
    }));
  }));

  // A wrong code goes back to the form by a 303 (post → redirect → get); the limiter counts it like a
  // failed login all the same (sendFormBack marks the response refused, http/rate-limit.ts).
  r.post('/recuperer', limiters.login, formBody('10kb'), formOperation(deps, claimOp, {
    signIn: () => '/recuperer',
    body: (f) => ({ code: f.code ?? '' }),
    fields: { code: 'code' },
    done: (_req, res, claimed) => {
      const first = claimed[0]!;
      const message = t('{{quoi}} recueilli par {{nom}} ({{commune}}) est maintenant dans votre compte.', { quoi: t(WHAT[first.type]), nom: first.collectedBy.name, commune: first.collectedBy.town });
      res.redirect(303, `/recuperer?ok=${putFlash(JSON.stringify({ message, url: contributionUrl(first) }))}`);
    },
    refused: (req: Request, res: Response, err) => {
      const code = formFields(req).code ?? '';
      if (sendFormBack(res, '/recuperer', { error: err.message, values: { code } }, '#erreurs')) return;
      res.status(ERROR_STATUS[err.code]).type('html').send(claimPage(req, { error: err.message, code: formFields(req).code ?? '' }));
    },
  }));

  r.get('/mediation/code', page(async (req, res) => {
    // a code for one person's eyes: not stored by any cache, its address not sent on as a referrer
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    if (!req.user) return res.redirect(303, '/connexion');
    const sealed = parseSealed<{ code: string; url: string; userId?: string | null }>(req.query.c);
    const shown = sealed?.userId === req.user.id ? sealed : undefined;
    res.type('html').send(layout(ctx(req), {
      title: t('Code de récupération'),
      main: shown
        ? html`<h1>${t('Contribution publiée')}</h1>
          <p class="lead">${t('Remettez ce code à la personne pour qui vous avez contribué : avec lui, depuis son propre compte, elle pourra récupérer cette contribution (page « Récupérer mes contributions », adresse /recuperer).')}</p>
          <p class="claim-code"><strong>${t('Code :')} <output id="claim-code">${shown.code}</output></strong></p>
          <div class="notice notice-warn"><p><strong>${t('Notez-le maintenant')}</strong> ${t('(ou imprimez cette page) : il ne sera plus jamais affiché, et Palimpseste n’en garde qu’une empreinte. Il ne sert qu’une fois.')}</p></div>
          <p><a href="${shown.url}">${t('Voir la contribution publiée')}</a></p>`
        : html`<h1>${t('Code de récupération')}</h1>
          <p>${t('Ce code n’est plus affiché : il ne l’est qu’une fois, juste après le dépôt. La contribution reste au nom de votre structure.')}</p>`,
    }));
  }));
  return r;
}
