import express, { type Router } from 'express';
import { SESSION_COOKIE } from '../auth/tokens';
import { deleteAccount } from '../commands/delete-account';
import type { Db } from '../db/db';
import { AppError } from '../http/errors';
import type { PrivacyDeps } from '../routes/privacy';
import type { MailService } from '../mail/service';
import { notificationPreferences } from '../commands/account-mail';
import { ACCOUNT_FORMS, accountMailPages, accountMailSections, DONE, doneCode, type AccountForm, type AccountMailState } from './account-mail-pages';
import { sendFormBack, takeFormState } from './flash';
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
import { t } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';

const ROLE_LABELS = { admin: msg('administration'), clerk: msg('greffe'), moderator: msg('modération'), mediator: msg('structure de médiation') } as const;

/** What « Mon compte » needs: the privacy actions' and e-mail's. */
export type AccountDeps = PrivacyDeps & { mail: MailService };

interface DeleteState {
  error?: string;
}

function accountPage(c: PageContext, user: UserRow, mailState: AccountMailState, state: DeleteState = {}): string {
  const roles = user.roles.map((r) => t(ROLE_LABELS[r])).join(', ');
  return layout(c, {
    title: state.error || mailState.refused ? t('Erreur – Mon compte') : t('Mon compte'),
    main: html`<h1>${t('Mon compte')}</h1>
      ${mailState.done ? html`<div class="notice" role="status"><p>${t(DONE[mailState.done])}</p></div>` : ''}
      <dl class="account-facts">
        <dt>${t('Nom affiché')}</dt><dd>${displayName(user)}</dd>
        <dt>${t('Adresse électronique')}</dt><dd>${user.email} <span class="muted">${t('(jamais publiée)')}</span></dd>
        <dt>${t('Vous participez en tant que')}</dt><dd>${user.kind === 'organisation' ? t('organisation') : t('citoyenne ou citoyen')}</dd>
        ${roles ? html`<dt>${t('Rôles')}</dt><dd>${roles}</dd>` : ''}
        <dt>${t('Compte créé le')}</dt><dd>${dateTimeFr.format(user.created_at)}</dd>
      </dl>
      <p><a href="/contributeurs/${user.id}">${t('Ma page publique de contributeur')}</a> · <a href="/notifications">${t('Mes notifications')}</a> · <a href="/recuperer">${t('Récupérer mes contributions')}</a> ${t('(avec le code remis par une structure de médiation)')}${user.kind === 'organisation' ? html` · <a href="/compte/representant-interets">${t('Représentant d’intérêts : ma déclaration')}</a>` : ''}</p>
      ${accountMailSections(user, mailState)}
      ${identitySection(c)}

      <section aria-labelledby="mes-donnees"><h2 id="mes-donnees">${t('Mes données')}</h2>
        <p>${t('Un fichier JSON avec tout ce que Palimpseste conserve sur vous : votre compte (sans le mot de passe), vos amendements et leurs révisions, vos arguments, annotations et réponses, vos signalements, vos notifications, vos commissions, et vos votes — que vous seul pouvez voir.')}</p>
        <p><a href="/api/me/export" class="button" download>${t('Télécharger mes données')}</a></p>
      </section>

      <section aria-labelledby="supprimer" class="danger-zone"><h2 id="supprimer">${t('Supprimer mon compte')}</h2>
        ${state.error ? html`<div class="alert" role="alert">${tMessage(state.error)}</div>` : ''}
        <div class="notice notice-warn" id="suppression-effets"><p><strong>${t('La suppression est définitive.')}</strong> ${t('Ce qui se passera :')}</p>
          <ul>
            <li>${t('vous serez déconnecté partout et ne pourrez plus vous connecter à ce compte ;')}</li>
            <li>${t('votre nom, votre adresse électronique et votre mot de passe seront effacés ;')}</li>
            <li>${t('vos contributions publiques (amendements déposés, arguments, annotations, réponses) resteront en ligne, signées « contributeur supprimé » ;')}</li>
            <li>${t('vos votes resteront comptés, mais ne seront plus rattachés à personne ;')}</li>
            <li>${t('vos notifications et les brouillons que vous êtes seul à écrire seront supprimés.')}</li>
          </ul>
          <p>${t('Pensez à télécharger vos données avant.')}</p></div>
        <form method="post" action="/compte/supprimer" class="form" novalidate>
          <div class="field">
            <label for="delete-password">${t('Votre mot de passe, pour confirmer')}</label>
            ${state.error ? html`<p class="field-error" id="delete-password-error">${tMessage(state.error)}</p>` : ''}
            <input id="delete-password" name="password" type="password" autocomplete="current-password" required
              aria-describedby="suppression-effets${state.error ? ' delete-password-error' : ''}"${state.error ? html` aria-invalid="true"` : ''}>
          </div>
          <button type="submit" class="danger">${t('Supprimer définitivement mon compte')}</button>
        </form>
      </section>`,
  });
}

function deletedPage(c: PageContext): string {
  return layout(c, {
    title: t('Compte supprimé'),
    main: html`<h1>${t('Compte supprimé')}</h1>
      <p class="lead">${t('Votre compte a été supprimé et vous êtes déconnecté.')}</p>
      <p>${t('Vos contributions publiques restent en ligne, signées « contributeur supprimé » ; vos votes restent comptés sans être rattachés à personne.')}</p>
      <p><a href="/">${t('Retour aux projets de loi')}</a></p>`,
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
    // a refused form of this page comes back by a 303 (post → redirect → get), its state sealed in `formulaire`
    const back = takeFormState(req.query.formulaire);
    const form = back?.values?.formulaire;
    const { formulaire: _form, ...values } = back?.values ?? {};
    const refused = back?.error && form && (ACCOUNT_FORMS as readonly string[]).includes(form)
      ? { refused: { form: form as AccountForm, error: back.error, ...(back.fieldErrors ? { fields: back.fieldErrors } : {}), values } } : {};
    const deletion = back?.error && form === 'supprimer' ? { error: back.error } : {};
    res.set('Cache-Control', 'no-store').type('html').send(accountPage(ctx(req), req.user, await mailState(req.user, { ...(done ? { done } : {}), ...refused }), deletion));
  }));
  /** The section of « Mon compte » each refused form goes back to. */
  const SECTIONS: Record<AccountForm | 'supprimer', string> = { password: '#mot-de-passe', email: '#adresse', verification: '#adresse', preferences: '#courriels', supprimer: '#supprimer' };
  const sendBack = (res: express.Response, form: AccountForm | 'supprimer', error: string, fields?: Record<string, string>, values: Record<string, string> = {}) =>
    sendFormBack(res, '/compte', { error, ...(fields ? { fieldErrors: fields } : {}), values: { ...values, formulaire: form } }, SECTIONS[form]);
  r.use(accountMailPages({ db, ...deps }, async (req, res, status, state) => {
    if (state.refused && sendBack(res, state.refused.form, state.refused.error, state.refused.fields, state.refused.values)) return;
    res.status(status).set('Cache-Control', 'no-store').type('html').send(accountPage(ctx(req), req.user!, await mailState(req.user!, state)));
  }));

  r.post('/compte/supprimer', deps.limiters.login, form, page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/compte');
    const input = deleteAccountBody.safeParse(formFields(req));
    try {
      if (!input.success) throw new AppError('validation_failed', msg('Saisissez votre mot de passe pour confirmer la suppression.'));
      await deleteAccount(db, { user: req.user, password: input.data.password }, deps);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'unauthenticated') throw err;
      if (sendBack(res, 'supprimer', err.message)) return;
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
