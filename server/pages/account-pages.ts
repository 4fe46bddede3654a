import express, { type Router } from 'express';
import { SESSION_COOKIE } from '../auth/tokens';
import { deleteAccount } from '../commands/delete-account';
import type { Db } from '../db/db';
import { AppError } from '../http/errors';
import type { PrivacyDeps } from '../routes/privacy';
import type { MailService } from '../mail/service';
import { notificationPreferences } from '../commands/account-mail';
import { accountMailPages, accountMailSections, DONE, doneCode, type AccountMailState } from './account-mail-pages';
import { deleteAccountBody } from '../routes/privacy';
import type { UserRow } from '../sql/users';
import { contributorPages } from './contributor-pages';
import { identitySection } from './identity-pages';
import { dateTimeFr } from './amendment-parts';
import { html } from '../html';
import { displayName, layout, type PageContext } from './layout';
import { ctx, formBody, formFields, page } from './page-kit';
import { participationPages } from './participation-page';
import { voteChartPreload } from './vote-chart';

const ROLE_LABELS = { admin: 'administration', clerk: 'greffe', moderator: 'modération', mediator: 'structure de médiation' } as const;

/** What « Mon compte » needs: the privacy actions' and e-mail's. */
export type AccountDeps = PrivacyDeps & { mail: MailService };

interface DeleteState {
  error?: string;
}

function accountPage(c: PageContext, user: UserRow, mailState: AccountMailState, state: DeleteState = {}): string {
  const roles = user.roles.map((r) => ROLE_LABELS[r]).join(', ');
  return layout(c, {
    title: state.error || mailState.refused ? 'Erreur – Mon compte' : 'Mon compte',
    main: html`<h1>Mon compte</h1>
      ${mailState.done ? html`<div class="notice" role="status"><p>${DONE[mailState.done]}</p></div>` : ''}
      <dl class="account-facts">
        <dt>Nom affiché</dt><dd>${displayName(user)}</dd>
        <dt>Adresse électronique</dt><dd>${user.email} <span class="muted">(jamais publiée)</span></dd>
        <dt>Vous participez en tant que</dt><dd>${user.kind === 'organisation' ? 'organisation' : 'citoyenne ou citoyen'}</dd>
        ${roles ? html`<dt>Rôles</dt><dd>${roles}</dd>` : ''}
        <dt>Compte créé le</dt><dd>${dateTimeFr.format(user.created_at)}</dd>
      </dl>
      <p><a href="/contributeurs/${user.id}">Ma page publique de contributeur</a> · <a href="/notifications">Mes notifications</a> · <a href="/recuperer">Récupérer mes contributions</a> (avec le code remis par une structure de médiation)${user.kind === 'organisation' ? html` · <a href="/compte/representant-interets">Représentant d’intérêts : ma déclaration</a>` : ''}</p>
      ${accountMailSections(user, mailState)}
      ${identitySection(c)}

      <section aria-labelledby="mes-donnees"><h2 id="mes-donnees">Mes données</h2>
        <p>Un fichier JSON avec tout ce que Palimpseste conserve sur vous : votre compte (sans le mot de passe), vos amendements et leurs révisions, vos arguments, annotations et réponses, vos signalements, vos notifications, vos commissions, et vos votes — que vous seul pouvez voir.</p>
        <p><a href="/api/me/export" class="button" download>Télécharger mes données</a></p>
      </section>

      <section aria-labelledby="supprimer" class="danger-zone"><h2 id="supprimer">Supprimer mon compte</h2>
        ${state.error ? html`<div class="alert" role="alert">${state.error}</div>` : ''}
        <div class="notice notice-warn" id="suppression-effets"><p><strong>La suppression est définitive.</strong> Ce qui se passera :</p>
          <ul>
            <li>vous serez déconnecté partout et ne pourrez plus vous connecter à ce compte ;</li>
            <li>votre nom, votre adresse électronique et votre mot de passe seront effacés ;</li>
            <li>vos contributions publiques (amendements déposés, arguments, annotations, réponses) resteront en ligne, signées « contributeur supprimé » ;</li>
            <li>vos votes resteront comptés, mais ne seront plus rattachés à personne ;</li>
            <li>vos notifications et les brouillons que vous êtes seul à écrire seront supprimés.</li>
          </ul>
          <p>Pensez à télécharger vos données avant.</p></div>
        <form method="post" action="/compte/supprimer" class="form" novalidate>
          <div class="field">
            <label for="delete-password">Votre mot de passe, pour confirmer</label>
            ${state.error ? html`<p class="field-error" id="delete-password-error">${state.error}</p>` : ''}
            <input id="delete-password" name="password" type="password" autocomplete="current-password" required
              aria-describedby="suppression-effets${state.error ? ' delete-password-error' : ''}"${state.error ? html` aria-invalid="true"` : ''}>
          </div>
          <button type="submit" class="danger">Supprimer définitivement mon compte</button>
        </form>
      </section>`,
  });
}

function deletedPage(c: PageContext): string {
  return layout(c, {
    title: 'Compte supprimé',
    main: html`<h1>Compte supprimé</h1>
      <p class="lead">Votre compte a été supprimé et vous êtes déconnecté.</p>
      <p>Vos contributions publiques restent en ligne, signées « contributeur supprimé » ; vos votes restent comptés sans être rattachés à personne.</p>
      <p><a href="/">Retour aux projets de loi</a></p>`,
  });
}

/** `/compte`: one's account, one's data, and the deletion of the account. */
export function accountPages(db: Db, deps: AccountDeps): Router {
  const r = express.Router();
  const form = formBody('10kb');
  const mailState = async (user: UserRow, more: Partial<AccountMailState> = {}): Promise<AccountMailState> => ({ prefs: await notificationPreferences(db, user.id), ...more });

  r.get('/compte', page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/compte');
    const done = doneCode(req.query.fait);
    res.set('Cache-Control', 'no-store').type('html').send(accountPage(ctx(req), req.user, await mailState(req.user, done ? { done } : {})));
  }));
  r.use(accountMailPages({ db, ...deps }, async (req, res, status, state) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(accountPage(ctx(req), req.user!, await mailState(req.user!, state)));
  }));

  r.post('/compte/supprimer', deps.limiters.login, form, page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/compte');
    const input = deleteAccountBody.safeParse(formFields(req));
    try {
      if (!input.success) throw new AppError('validation_failed', 'Saisissez votre mot de passe pour confirmer la suppression.');
      await deleteAccount(db, { user: req.user, password: input.data.password }, deps);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'unauthenticated') throw err;
      res.status(err.status).type('html').send(accountPage(ctx(req), req.user, await mailState(req.user), { error: err.message }));
      return;
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/compte/supprime');
  }));

  r.get('/compte/supprime', (req, res) => {
    res.type('html').send(deletedPage(ctx(req)));
  });
  return r;
}

/** Issue 7's pages besides history and open data, mounted by one line in pages/index.ts. */
export function peopleAndChartPages(db: Db, deps: AccountDeps): Router {
  const r = express.Router();
  // before the amendment pages: it loads the series their « Évolution des votes » section draws
  r.use(voteChartPreload(db));
  r.use(accountPages(db, deps));
  r.use(contributorPages(db));
  r.use(participationPages(db));
  return r;
}
