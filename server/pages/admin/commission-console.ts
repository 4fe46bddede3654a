import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { COLLEGE_LABELS_FR, COLLEGES, type College } from '../../../shared/commission';
import { confirmationFor } from '../../../shared/confirmations';
import { canMoveTo, BILL_STATUSES, STATUS_LABELS_FR } from '../../../shared/phases';
import { removeMemberOp } from '../../operations/commission';
import type { OpDeps } from '../../operations/operation';
import { loadDashboard, type Dashboard } from '../../present/commission-dashboard';
import { searchPeople } from '../../sql/people';
import { phaseBadge, phaseForm } from '../bill-pages';
import { memberForm, ruleForm } from '../commission-page';
import { putFlash, takeFlash } from '../flash';
import { html, type SafeHtml } from '../../html';
import { displayName, may } from '../layout';
import { parliamentImportForm } from '../parliament-import-page';
import { formOperation } from '../form-operation';
import { formAlert, stateFor } from '../form-state';
import { ctx, formBody, formFields, page, safeNext } from '../page-kit';
import { adminLayout } from './shell';
import { t, tn } from '../../i18n';

/** Where the member form sends a name that is no account's, or several's: a page to choose. */
export function choosePath(billId: string, q: { nom: string; college: College; suite: string }): string {
  return `/admin/textes/${encodeURIComponent(billId)}/commission/choisir?${new URLSearchParams(q).toString()}`;
}

const chooseQuery = z.object({ nom: z.string().trim().max(80).catch(''), college: z.enum(COLLEGES).catch('citizen'), suite: z.string().catch('') });

function membersList(d: Dashboard, here: string): SafeHtml {
  const open = d.bill.status !== 'adopted';
  return html`<ul class="members-admin" role="list">${COLLEGES.map((c) => {
    const members = d.members.filter((m) => m.college === c);
    return html`<li><h3>${t(COLLEGE_LABELS_FR[c])} (${members.length})</h3>${members.length ? html`<ul>${members.map((m) => html`<li>${m.displayName}
      ${open ? html`<form method="post" action="/admin/textes/${d.bill.id}/commission/membres/${m.userId}/retirer" class="inline-form" novalidate>
        <input type="hidden" name="nom" value="${m.displayName}"><input type="hidden" name="suite" value="${here}">
        <button type="submit" class="secondary" aria-label="${t('Retirer {{nom}} de la commission', { nom: m.displayName })}">${t('Retirer')}</button></form>` : ''}</li>`)}</ul>` : html`<p class="muted">${t('Personne pour l’instant.')}</p>`}</li>`;
  })}</ul>`;
}

function phaseSection(d: Dashboard, here: string): SafeHtml {
  const next = BILL_STATUSES.find((s) => canMoveTo(d.bill.status, s));
  if (!next) return html`<p>${t('Le texte est adopté : il n’y a plus de phase après celle-ci.')}</p>`;
  const q = confirmationFor(`/textes/${d.bill.id}/phase`, { statut: next }, 'server');
  return html`<p>${t('Prochaine phase :')} <strong>${t(STATUS_LABELS_FR[next])}</strong>.${q ? html` ${t('Ce qui se passera :')}` : ''}</p>
    ${q ? html`<ul class="consequences">${q.consequences.map((l) => html`<li>${t(l)}</li>`)}</ul>` : ''}
    ${d.bill.status === 'commission' ? html`<p>${tn('{{count}} amendement ou groupe en attente de décision sur {{total}}', '{{count}} amendements ou groupes en attente de décision sur {{total}}', d.pendingTotal, { total: d.total })} (<a href="/textes/${d.bill.id}/commission?attente=1">${t('les voir')}</a>).</p>` : ''}
    ${phaseForm(d.bill, here)}`;
}

/** A bill in the console: its phase and the move to the next, its commission (members, rule). */
export function commissionConsolePages(deps: OpDeps): Router {
  const { db } = deps;
  const r = express.Router();

  r.get('/admin/textes/:billId', page(async (req, res) => {
    const d = await loadDashboard(db, String(req.params.billId), req.user!, { pending: false, page: 1, pageSize: 1 });
    const here = `/admin/textes/${d.bill.id}`;
    res.type('html').send(adminLayout(ctx(req), {
      title: d.bill.title, here: '/admin/textes', crumbs: html`<a href="/admin/textes">${t('Textes')}</a>`,
      notice: takeFlash(req.query.ok), error: takeFlash(req.query.erreur),
      main: html`<h1 lang="fr">${d.bill.title}</h1>
        <p class="meta">${phaseBadge(d.bill.status)} · <a href="/textes/${d.bill.id}">${t('page publique')}</a> · <a href="/textes/${d.bill.id}/greffe">${t('bureau du greffe')}</a> · <a href="/textes/${d.bill.id}/commission">${t('tableau de bord de la commission')}</a> · <a href="/textes/${d.bill.id}/historique">${t('historique')}</a></p>
        <section aria-labelledby="phase"><h2 id="phase">${t('Phase')}</h2>${formAlert(stateFor(ctx(req), 'phase'))}${phaseSection(d, here)}</section>
        <section aria-labelledby="commission"><h2 id="commission">${t('Commission mixte')}</h2>
          ${membersList(d, here)}
          ${d.bill.status === 'adopted'
            // a form refused as the text was adopted meanwhile: its message here, in place of the forms
            ? html`${formAlert(stateFor(ctx(req), 'membres') ?? stateFor(ctx(req), 'regle'))}<p class="muted">${t('Le texte est adopté : la commission ne change plus.')}</p>`
            : html`<div class="admin-forms">${memberForm(d.bill.id, here, stateFor(ctx(req), 'membres'))}${ruleForm(d.bill, here, stateFor(ctx(req), 'regle'))}</div>`}
        </section>
        <section aria-labelledby="parlement"><h2 id="parlement">${t('Amendements parlementaires')}</h2>
          ${may(ctx(req), 'amendment.importParliament', d.bill.status)
            ? html`<p>${t('Importer les amendements déposés à l’Assemblée nationale (XML de l’open data) ou au Sénat (CSV) : ils s’ajoutent à la liasse avec leur origine, leurs auteurs et leur sort.')}</p>${parliamentImportForm(d.bill.id)}`
            : html`<p class="muted">${t('Les amendements parlementaires s’importent pendant la consultation ou l’examen en commission.')}</p>`}
        </section>`,
    }));
  }));

  // Without JavaScript, a name that is no account's (or several's) lands here: choose the account.
  r.get('/admin/textes/:billId/commission/choisir', page(async (req, res) => {
    const billId = String(req.params.billId);
    const q = chooseQuery.parse(req.query);
    const suite = safeNext(q.suite, `/admin/textes/${billId}`);
    const { people } = q.nom.length >= 2 ? await searchPeople(db, q.nom, 20, 0) : { people: [] };
    res.type('html').send(adminLayout(ctx(req), {
      title: t('Choisir le compte'), here: '/admin/textes', crumbs: html`<a href="${suite}">${t('Retour')}</a>`,
      main: html`<h1>${t('Choisir le compte à nommer')}</h1>
        <p>${t('Collège :')} <strong>${t(COLLEGE_LABELS_FR[q.college])}</strong>. ${people.length ? tn('{{count}} compte pour « {{nom}} » :', '{{count}} comptes pour « {{nom}} » :', people.length, { nom: q.nom }) : q.nom ? t('Aucun compte ne correspond à « {{nom}} ».', { nom: q.nom }) : ''}</p>
        ${people.length ? html`<ul class="choices" role="list">${people.map((u) => html`<li><form method="post" action="/textes/${billId}/commission/membres" class="inline-form" novalidate>
          <input type="hidden" name="userId" value="${u.id}"><input type="hidden" name="college" value="${q.college}"><input type="hidden" name="suite" value="${suite}">
          <button type="submit">${t('Nommer {{nom}}', { nom: u.display_name })}</button></form> ${displayName(u)} <span class="muted">${u.email}</span></li>`)}</ul>` : ''}
        <form method="get" action="/admin/textes/${billId}/commission/choisir" class="desk-filters" role="search">
          <input type="hidden" name="college" value="${q.college}"><input type="hidden" name="suite" value="${suite}">
          <div class="field"><label for="nom">${t('Nom ou adresse électronique')}</label><input id="nom" name="nom" value="${q.nom}" minlength="2"></div>
          <button type="submit">${t('Chercher')}</button></form>`,
    }));
  }));

  // The adapter of DELETE /api/bills/:billId/commission/members/:userId.
  const back = (req: Request, flash: 'ok' | 'erreur', message: string) => {
    const to = safeNext(formFields(req).suite, `/admin/textes/${encodeURIComponent(String(req.params.billId))}`);
    return `${to}${to.includes('?') ? '&' : '?'}${flash}=${putFlash(message)}`;
  };
  r.post('/admin/textes/:billId/commission/membres/:userId/retirer', formBody('10kb'), formOperation(deps, removeMemberOp, {
    signIn: (req) => `/admin/textes/${encodeURIComponent(String(req.params.billId))}`,
    done: (req, res) => res.redirect(303, back(req, 'ok', t('{{nom}} ne fait plus partie de la commission.', { nom: formFields(req).nom ?? t('Le membre') }))),
    // every refusal goes back to the page the form was sent from, with its message (post → redirect → get)
    refused: (req, res, err) => {
      res.redirect(303, back(req, 'erreur', err.message));
    },
  }));
  return r;
}
