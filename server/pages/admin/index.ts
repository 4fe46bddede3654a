import express, { type Router } from 'express';
import type { SessionCache } from '../../auth/session-cache';
import type { LiveDocs } from '../../collab/registry';
import type { Db } from '../../db/db';
import { listAllBills } from '../../sql/people';
import { phaseBadge } from '../bill-pages';
import { html } from '../../html';
import { ctx, page } from '../page-kit';
import { billConsolePages } from './bills';
import { commissionConsolePages } from './commission-console';
import { peoplePages } from './people';
import { mailConsolePages } from './mail';
import type { MailService } from '../../mail/service';
import { adminLayout, requireAdminPage } from './shell';
import { t, th } from '../../i18n';

/** `/admin`: the console (people, bills, commissions, phases), for admins only. */
export function adminPages(db: Db, live: LiveDocs, sessions: SessionCache, mail: MailService): Router {
  const r = express.Router();
  r.use('/admin', requireAdminPage);
  r.get('/admin', page(async (req, res) => {
    const bills = await listAllBills(db, 10, 0);
    res.type('html').send(adminLayout(ctx(req), {
      title: t('Tableau de bord'), here: '/admin',
      main: html`<h1>${t('Administration')}</h1>
        <ul class="admin-cards" role="list">
          <li><h2><a href="/admin/comptes">${t('Comptes')}</a></h2><p>${t('Chercher une personne par son nom ou son adresse, lui donner le rôle de greffier, de modérateur ou d’administrateur, voir ses nominations.')}</p></li>
          <li><h2><a href="/admin/courriels">${t('Courriels')}</a></h2><p>${t('Les messages envoyés par la plateforme (confirmations d’adresse, mots de passe oubliés, notifications), leur état, et ceux à renvoyer.')}</p></li>
          <li><h2><a href="/admin/textes">${t('Textes')}</a></h2><p>${th('Créer un texte en collant son texte légistique ou un fichier de {{fabrique}}, composer sa commission, le faire changer de phase.', { fabrique: html`<span lang="fr">La Fabrique de la Loi</span>` })}</p></li>
        </ul>
        ${bills.length ? html`<h2>${t('Derniers textes')}</h2><ul role="list" class="bill-list">${bills.map((b) => html`<li><a href="/admin/textes/${b.id}" lang="fr">${b.title}</a> ${phaseBadge(b.status)}</li>`)}</ul>` : ''}`,
    }));
  }));
  r.use(peoplePages({ db, live }, sessions));
  r.use(billConsolePages({ db, live }));
  r.use(commissionConsolePages({ db, live }));
  r.use(mailConsolePages(db, mail));
  return r;
}
