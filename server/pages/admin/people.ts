import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { COLLEGE_LABELS_FR } from '../../../shared/commission';
import type { SessionCache } from '../../auth/session-cache';
import { notFound } from '../../http/errors';
import { setRolesOp } from '../../operations/accounts';
import { grantMediatorOp, withdrawMediatorOp } from '../../operations/mediation';
import { findMediator, type MediatorRow } from '../../sql/mediators';
import type { OpDeps } from '../../operations/operation';
import { appointmentsOf, searchPeople, type Appointment } from '../../sql/people';
import { findUserById, type UserRow } from '../../sql/users';
import { phaseBadge } from '../bill-pages';
import { putFlash, takeFlash } from '../flash';
import { html, type SafeHtml } from '../../html';
import { displayName } from '../layout';
import { formOperation } from '../form-operation';
import { formAlert, stateFor, typed } from '../form-state';
import type { FormState } from '../amendment-parts';
import { ctx, formBody, page } from '../page-kit';
import { adminLayout } from './shell';
import { t, th } from '../../i18n';
import { msg } from '../../../shared/i18n';

const PAGE_SIZE = 20;
const ROLES = [['admin', msg('Administration')], ['clerk', msg('Greffe')], ['moderator', msg('Modération')]] as const;
const ROLE_WORD: Record<string, string> = { ...Object.fromEntries(ROLES), mediator: msg('Structure de médiation') };
const searchQuery = z.object({ q: z.string().trim().max(200).catch(''), page: z.coerce.number().int().min(1).max(100_000).catch(1) });

function rolesText(u: UserRow): string {
  return u.roles.length ? u.roles.map((r) => ROLE_WORD[r] ?? r).join(', ') : 'participant';
}

function appointmentList(list: readonly Appointment[]): SafeHtml {
  if (list.length === 0) return html`<span class="muted">${t('aucune')}</span>`;
  return html`<ul class="appointments">${list.map((a) => html`<li><a href="/admin/textes/${a.billId}" lang="fr">${a.title}</a> — ${t(COLLEGE_LABELS_FR[a.college])} ${phaseBadge(a.status)}</li>`)}</ul>`;
}

function pager(q: string, pageNo: number, total: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return html``;
  const at = (p: number) => `/admin/comptes?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
  return html`<nav aria-label="${t('Pages des comptes')}" class="pager">
    ${pageNo > 1 ? html`<a href="${at(pageNo - 1)}" rel="prev">${t('Page précédente')}</a>` : ''}<span>${t('Page {{n}} sur {{total}}', { n: pageNo, total: pages })}</span>
    ${pageNo < pages ? html`<a href="${at(pageNo + 1)}" rel="next">${t('Page suivante')}</a>` : ''}</nav>`;
}

function rolesForm(u: UserRow, back?: FormState): SafeHtml {
  // a refused change comes back here (post → redirect → get): the message, and the boxes as they were ticked
  const ticked = (r: string) => (back ? back.values?.[`role-${r}`] === 'on' : u.roles.includes(r as UserRow['roles'][number]));
  return html`<form method="post" action="/admin/comptes/${u.id}/roles" class="form roles-form" novalidate>
    ${formAlert(back)}
    <input type="hidden" name="nom" value="${u.display_name}">
    <fieldset><legend>${t('Rôles de {{nom}}', { nom: u.display_name })}</legend>
      ${ROLES.map(([r, label]) => html`<div class="field checkbox"><input type="checkbox" id="role-${r}" name="role-${r}"${ticked(r) ? html` checked` : ''}><label for="role-${r}">${t(label)}</label></div>`)}
      <p class="hint">${t('Greffe : met en forme les amendements avec leurs auteurs (bureau du greffe de chaque texte), répond et déclare l’irrecevabilité. Modération : traite les signalements. Administration : tout, dont cette console.')}</p>
    </fieldset>
    <div class="actions"><button type="submit">${t('Enregistrer les rôles')}</button></div>
  </form>`;
}

/** « Structure de médiation »: declared with its name and town; withdrawn apart from the other roles. */
function mediatorSection(u: UserRow, m: MediatorRow | undefined, back?: FormState): SafeHtml {
  const active = u.roles.includes('mediator');
  return html`<section aria-labelledby="mediation"><h2 id="mediation">${t('Structure de médiation')}</h2>
    <p>${active && m ? th('Déclarée : {{nom}} ({{commune}}).', { nom: html`<strong>${m.name}</strong>`, commune: m.town }) : t('Ce compte n’est pas une structure de médiation.')}
      ${t('Une structure de médiation (ou un organisateur d’ateliers) dépose des amendements, arguments et annotations pour une personne accompagnée, avec son accord, ou pour un atelier ; jamais de vote au nom d’autrui.')}</p>
    ${formAlert(back)}
    <form method="post" action="/admin/comptes/${u.id}/mediation" class="form" novalidate>
      <div class="field"><label for="mediation-nom">${t('Nom de la structure')}</label><input id="mediation-nom" name="nom" required maxlength="120" value="${typed(back, 'nom', m?.name ?? '')}"></div>
      <div class="field"><label for="mediation-commune">${t('Commune')}</label><input id="mediation-commune" name="commune" required maxlength="120" value="${typed(back, 'commune', m?.town ?? '')}"></div>
      <div class="actions"><button type="submit">${active ? t('Modifier la déclaration') : t('Déclarer structure de médiation')}</button></div>
    </form>
    ${active ? html`<form method="post" action="/admin/comptes/${u.id}/mediation/retirer" class="inline-form" novalidate><button type="submit" class="secondary">${t('Retirer le rôle de structure de médiation')}</button></form>` : ''}
  </section>`;
}

/** The people section: search by name or e-mail, each account's roles and appointments. */
export function peoplePages(deps: OpDeps, sessions: SessionCache): Router {
  const { db } = deps;
  const r = express.Router();

  r.get('/admin/comptes', page(async (req, res) => {
    const { q, page: pageNo } = searchQuery.parse(req.query);
    const { people, total } = await searchPeople(db, q, PAGE_SIZE, (pageNo - 1) * PAGE_SIZE);
    const appointments = await appointmentsOf(db, people.map((p) => p.id));
    res.type('html').send(adminLayout(ctx(req), {
      title: t('Comptes'), here: '/admin/comptes',
      main: html`<h1>${t('Comptes')}</h1>
        <form method="get" action="/admin/comptes" class="desk-filters" role="search">
          <div class="field"><label for="q">${t('Nom ou adresse électronique')}</label><input id="q" name="q" type="search" value="${q}" autocomplete="off"></div>
          <button type="submit">${t('Chercher')}</button></form>
        <p class="muted" role="status">${total} compte${total > 1 ? 's' : ''}${q ? html` pour « ${q} »` : ''}.</p>
        ${people.length ? html`<div class="table-wrap" role="region" aria-label="${t('Comptes trouvés')}" tabindex="0"><table class="data people"><caption class="visually-hidden">${t('Comptes trouvés')}</caption>
          <thead><tr><th scope="col">${t('Nom')}</th><th scope="col">${t('Adresse')}</th><th scope="col">${t('Rôles')}</th><th scope="col">${t('Commissions')}</th></tr></thead>
          <tbody>${people.map((u) => html`<tr><th scope="row"><a href="/admin/comptes/${u.id}">${displayName(u)}</a></th><td>${u.email}</td><td>${rolesText(u)}</td><td>${appointmentList(appointments.get(u.id) ?? [])}</td></tr>`)}</tbody></table></div>` : ''}
        ${pager(q, pageNo, total)}`,
    }));
  }));

  r.get('/admin/comptes/:userId', page(async (req, res) => {
    const u = await findUserById(db, String(req.params.userId));
    if (!u) throw notFound(msg('Compte introuvable.'));
    const [appointments, mediator] = [(await appointmentsOf(db, [u.id])).get(u.id) ?? [], await findMediator(db, u.id)];
    res.type('html').send(adminLayout(ctx(req), {
      title: u.display_name, here: '/admin/comptes', crumbs: html`<a href="/admin/comptes">${t('Comptes')}</a>`,
      notice: takeFlash(req.query.ok), error: takeFlash(req.query.erreur),
      main: html`<h1>${displayName(u)}</h1>
        <p class="meta">${u.email} · ${u.kind === 'organisation' ? t('organisation') : t('citoyenne ou citoyen')} · <a href="/contributeurs/${u.id}">${t('page publique')}</a></p>
        <section aria-labelledby="roles"><h2 id="roles">${t('Rôles')}</h2><p>${t('Actuellement : {{roles}}.', { roles: rolesText(u) })}</p>${rolesForm(u, stateFor(ctx(req), 'roles'))}</section>
        ${mediatorSection(u, mediator, stateFor(ctx(req), 'mediation'))}
        <section aria-labelledby="nominations"><h2 id="nominations">${t('Commissions')}</h2>${appointmentList(appointments)}</section>`,
    }));
  }));

  // The adapter of PUT /api/users/:userId/roles: one checkbox per role.
  const back = (req: Request) => `/admin/comptes/${encodeURIComponent(String(req.params.userId))}`;
  r.post('/admin/comptes/:userId/roles', formBody('10kb'), formOperation(deps, setRolesOp(sessions), {
    // a refusal (the last administrator…) goes back to the account's page, beside this form (post → redirect → get)
    signIn: back, formPage: back, formName: () => 'roles',
    body: (f) => ({ roles: ROLES.map(([role]) => role).filter((role) => f[`role-${role}`] === 'on') }),
    done: (req, res, user) => res.redirect(303, `${back(req)}?ok=${putFlash(t('Rôles de {{nom}} : {{roles}}.', { nom: user.display_name, roles: rolesText(user) }))}`),
  }));
  const flashBack = (req: Request, res: express.Response, text: string) => res.redirect(303, `${back(req)}?ok=${putFlash(text)}`);
  r.post('/admin/comptes/:userId/mediation', formBody('10kb'), formOperation(deps, grantMediatorOp(sessions), {
    signIn: back, formPage: back, formName: () => 'mediation',
    body: (f) => ({ name: f.nom ?? '', town: f.commune ?? '' }),
    done: (req, res, { user, mediator }) => flashBack(req, res, t('{{nom}} est déclaré structure de médiation : {{structure}} ({{commune}}).', { nom: user.display_name, structure: mediator.name, commune: mediator.town })),
  }));
  r.post('/admin/comptes/:userId/mediation/retirer', formBody('10kb'), formOperation(deps, withdrawMediatorOp(sessions), {
    signIn: back, formPage: back, formName: () => 'mediation',
    done: (req, res, user) => flashBack(req, res, t('{{nom}} n’est plus structure de médiation.', { nom: user.display_name })),
  }));
  return r;
}
