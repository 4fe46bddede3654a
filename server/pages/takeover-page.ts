import express, { type Router } from 'express';
import { displayNumber, isOpen } from '../../shared/amendment';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { assignOp } from '../operations/clerks';
import { formOperation } from './form-operation';
import { precheck } from '../authorize';
import { notFound } from '../http/errors';
import { findAmendment } from '../sql/amendments';
import { findUserById } from '../sql/users';
import { amendmentTitle } from './amendment-parts';
import { html } from '../html';
import { layout, type PageContext } from './layout';
import { ctx, formFields, page } from './page-kit';
import { t } from '../i18n';

interface TakeOverData {
  id: string;
  title: string;
  holder: string;
}

/** « Reprendre » confirmed on a page of its own: it works without JavaScript and says what follows. */
function takeOverPage(c: PageContext, d: TakeOverData): string {
  return layout(c, {
    title: t('Reprendre l’{{amendement}}', { amendement: d.title.replace(/^A/, 'a') }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/amendements/${d.id}">${d.title}</a>`,
    main: html`<h1>${t('Reprendre l’{{amendement}} ?', { amendement: d.title.replace(/^A/, 'a') })}</h1>
      <p><strong>${d.holder}</strong> ${t('a cet amendement en charge.')}</p>
      <p>${t('En le reprenant, vous devenez le greffier chargé de sa mise en forme : vous écrivez dans l’espace de mise en forme, publiez, répondez ou le déclarez irrecevable. {{nom}} reçoit une notification et suit désormais la mise en forme en lecture seule. La reprise est inscrite dans l’historique public du texte.', { nom: d.holder })}</p>
      <form method="post" action="/amendements/${d.id}/reprendre" class="form" novalidate>
        <input type="hidden" name="confirmer" value="oui">
        <div class="actions"><button type="submit">${t('Confirmer : reprendre l’amendement')}</button>
          <a href="/amendements/${d.id}/mise-en-forme">${t('Annuler')}</a></div>
      </form>`,
  });
}

/** GET the confirmation, POST the take-over (the same command as `POST /api/amendments/:id/assign {takeOver: true}`). */
export function takeOverPages(db: Db, live: LiveDocs): Router {
  const r = express.Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const workspace = (id: string) => `/amendements/${encodeURIComponent(id)}/mise-en-forme`;
  const takeOver = formOperation({ db, live }, assignOp, {
    signIn: (req) => `/amendements/${String(req.params.id)}/reprendre`,
    body: () => ({ takeOver: true }),
    // a refusal (the amendment closed meanwhile…) goes back to the workspace, which says who has it (post → redirect → get)
    formPage: (req) => workspace(String(req.params.id)), formName: () => 'prendre',
    done: (req, res) => res.redirect(303, workspace(String(req.params.id))),
  });

  r.get('/amendements/:id/reprendre', page(async (req, res) => {
    const id = String(req.params.id);
    if (!req.user) return res.redirect(303, `/connexion?suite=${encodeURIComponent(`/amendements/${id}/reprendre`)}`);
    precheck('amendment.assign', req.user);
    const a = await findAmendment(db, id);
    if (!a || a.status === 'draft') throw notFound('Amendement introuvable.');
    // Nobody else in charge (or closed): nothing to take over, the workspace says what can be done.
    if (!a.assigned_clerk_id || a.assigned_clerk_id === req.user.id || !isOpen(a.status)) return res.redirect(303, workspace(id));
    const holder = (await findUserById(db, a.assigned_clerk_id))?.display_name ?? 'Un autre greffier';
    res.type('html').send(takeOverPage(ctx(req), { id: a.id, title: amendmentTitle(displayNumber(a.origin, a.number)), holder }));
  }));

  r.post('/amendements/:id/reprendre', form, (req, res, next) => {
    if (formFields(req).confirmer !== 'oui') return res.redirect(303, `/amendements/${encodeURIComponent(String(req.params.id))}/reprendre`);
    return takeOver(req, res, next);
  });
  return r;
}
