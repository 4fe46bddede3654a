import express, { type Router } from 'express';
import { KIND_LABELS_FR } from '../../shared/amendment';
import { invitationTarget } from '../commands/invitations';
import { acceptInvitationOp } from '../operations/accounts';
import type { OpDeps } from '../operations/operation';
import { formOperation } from './form-operation';
import { takeFormState } from './flash';
import { formAlert } from './form-state';
import { AppError } from '../http/errors';
import { listAuthors } from '../sql/amendment-authors';
import { findAmendment } from '../sql/amendments';
import { authorLine } from './contribution-parts';
import { html } from '../html';
import { layout } from './layout';
import { ctx, formBody, page } from './page-kit';
import { t } from '../i18n';

/** /invitations/<token>: what the draft is, who writes it, and a button to join them. */
export function invitationPages(deps: OpDeps): Router {
  const { db } = deps;
  const r = express.Router();
  r.get('/invitations/:token', page(async (req, res) => {
    const token = String(req.params.token);
    const amendment = await findAmendment(db, await invitationTarget(db, token));
    if (!amendment) throw new AppError('not_found', 'Cet amendement n’existe plus.');
    const authors = (await listAuthors(db, [amendment.id])).get(amendment.id) ?? [];
    const here = `/invitations/${encodeURIComponent(token)}`;
    const action = !req.user
      ? html`<p><a class="button" href="/connexion?suite=${here}">${t('Se connecter pour rejoindre')}</a> ${t('ou')} <a href="/inscription?suite=${here}">${t('créer un compte')}</a>.</p>`
      : amendment.status !== 'draft'
        ? html`<p>${t('Cet amendement a déjà été déposé :')} <a href="/amendements/${amendment.id}">${t('le consulter')}</a>.</p>`
        : html`<form method="post" action="${here}" novalidate><button type="submit">${t('Rejoindre la rédaction')}</button></form>`;
    // a refused acceptance comes back here by a 303 (post → redirect → get), its message sealed in `formulaire`
    const back = takeFormState(req.query.formulaire);
    res.set('Cache-Control', 'no-store').type('html').send(layout(ctx(req), {
      title: back?.error ? `${t('Erreur')} – ${t('Invitation à co-rédiger')}` : t('Invitation à co-rédiger'),
      main: html`<h1>${t('Invitation à co-rédiger un amendement')}</h1>${formAlert(back)}
        <p>${t('{{nature}} de l’article {{numero}}, rédigé par', { nature: t(KIND_LABELS_FR[amendment.kind]), numero: amendment.article_number })}
          ${authors.map((a, i) => html`${i ? ', ' : ''}${authorLine({ displayName: a.display_name, kind: a.kind })}`)}.</p>
        ${action}`,
    }));
  }));
  // The adapter of POST /api/invitations/:token/accept.
  r.post('/invitations/:token', formBody('100kb'), formOperation(deps, acceptInvitationOp, {
    signIn: (req) => `/invitations/${encodeURIComponent(String(req.params.token))}`,
    formPage: (req) => `/invitations/${encodeURIComponent(String(req.params.token))}`,
    done: (_req, res, id) => res.redirect(303, `/amendements/${id}`),
  }));
  return r;
}
