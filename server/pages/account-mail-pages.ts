import express, { type Request, type Response, type Router } from 'express';
import { MAIL_MODE_LABELS, MAIL_MODES, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type MailMode } from '../../shared/notification-kinds';
import { precheck } from '../authorize';
import type { SessionCache } from '../auth/session-cache';
import { hashToken } from '../auth/tokens';
import type { LiveDocs } from '../collab/registry';
import {
  changePassword, confirmEmailChange, confirmPasswordReset, requestEmailChange, requestPasswordResetLater, resendVerification,
  setNotificationPreferences, unsubscribe, verifyEmail,
} from '../commands/account-mail';
import type { Db } from '../db/db';
import { AppError } from '../http/errors';
import type { AuthLimiters } from '../http/rate-limit';
import { html, type SafeHtml } from '../html';
import type { MailService } from '../mail/service';
import { emailChangeBody, linkToken, passwordChangeBody, resetConfirmBody, resetRequestBody } from '../routes/account-mail';
import type { UserRow } from '../sql/users';
import { layout, type PageContext } from './layout';
import { ctx, formBody, formFields, page } from './page-kit';
import { passwordAdvice } from './routes';
import { isDone, sendFormBack, sendFormDone, takeFormState } from './flash';
import { t } from '../i18n';
import { tMessage } from '../i18n/message';
import { inRequestLang } from '../i18n/middleware';
import { msg } from '../../shared/i18n';

export interface AccountMailPageDeps {
  db: Db;
  live: LiveDocs;
  sessions: SessionCache;
  mail: MailService;
  limiters: AuthLimiters;
}

export const ACCOUNT_FORMS = ['password', 'email', 'verification', 'preferences'] as const;
export type AccountForm = (typeof ACCOUNT_FORMS)[number];

/** What « Mon compte » shows in its e-mail sections, and the refusal of one of their forms. */
export interface AccountMailState {
  prefs: Record<string, MailMode>;
  /** Which form was refused, with the message and the fields. */
  refused?: { form: AccountForm; error: string; fields?: Record<string, string>; values?: Record<string, string> };
  /** A notice after a form succeeded (fixed texts, chosen by a code in the address). */
  done?: keyof typeof DONE;
}

export const DONE = {
  'mot-de-passe': msg('Votre mot de passe a été changé ; vos autres sessions ont été fermées.'),
  adresse: msg('Un lien de confirmation a été envoyé à la nouvelle adresse : elle deviendra celle du compte quand vous l’aurez suivi.'),
  lien: msg('Un nouveau lien de confirmation vous a été envoyé.'),
  courriels: msg('Vos préférences de courriels sont enregistrées.'),
} as const;

export const doneCode = (v: unknown): keyof typeof DONE | undefined => (typeof v === 'string' && v in DONE ? (v as keyof typeof DONE) : undefined);

function passwordField(id: string, name: string, label: string, autocomplete: string, err: string | undefined, hint?: string): SafeHtml {
  const describedBy = [hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field"><label for="${id}">${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    ${err ? html`<p class="field-error" id="${id}-error">${tMessage(err)}</p>` : ''}
    <input id="${id}" name="${name}" type="password" autocomplete="${autocomplete}" required${describedBy ? html` aria-describedby="${describedBy}"` : ''}${err ? html` aria-invalid="true"` : ''}></div>`;
}

const refusal = (s: AccountMailState, form: NonNullable<AccountMailState['refused']>['form']) => (s.refused?.form === form ? s.refused : undefined);
const alertFor = (r: { error: string } | undefined) => (r ? html`<div class="alert" role="alert">${tMessage(r.error)}</div>` : '');
const NEW_PASSWORD_HINT = msg('Au moins 10 caractères, difficile à deviner : quelques mots sans rapport entre eux, par exemple.');

/** « Mon compte »: the address (confirmed or not, changed), the password, and the e-mail preferences. */
export function accountMailSections(user: UserRow, s: AccountMailState): SafeHtml {
  const verification = refusal(s, 'verification');
  const email = refusal(s, 'email');
  const password = refusal(s, 'password');
  const prefs = refusal(s, 'preferences');
  return html`
    <section aria-labelledby="adresse"><h2 id="adresse">${t('Adresse électronique')}</h2>
      <p>${user.email} — ${user.email_verified_at
        ? html`<span class="badge badge-ok">${t('confirmée')}</span>`
        : html`<span class="badge badge-warn">${t('non confirmée')}</span>`}</p>
      ${user.email_verified_at ? '' : html`${alertFor(verification)}<p>${t('Suivez le lien qui vous a été envoyé à l’inscription pour confirmer votre adresse : vous recevrez alors les notifications par courriel.')}</p>
        <form method="post" action="/compte/lien-de-confirmation" novalidate><button type="submit" class="secondary">${t('Recevoir à nouveau le lien')}</button></form>`}
      <details${email ? html` open` : ''}><summary>${t('Changer d’adresse')}</summary>
        ${alertFor(email)}
        <form method="post" action="/compte/adresse" class="form" novalidate>
          <div class="field"><label for="new-email">${t('Nouvelle adresse électronique')}</label>
            ${email?.fields?.email ? html`<p class="field-error" id="new-email-error">${tMessage(email.fields.email)}</p>` : ''}
            <input id="new-email" name="email" type="email" autocomplete="email" value="${email?.values?.email ?? ''}" required${email?.fields?.email ? html` aria-invalid="true" aria-describedby="new-email-error"` : ''}></div>
          ${passwordField('email-current-password', 'currentPassword', t('Votre mot de passe actuel'), 'current-password', email?.fields?.currentPassword)}
          <button type="submit">${t('Envoyer le lien de confirmation')}</button>
        </form>
        <p class="hint">${t('L’adresse ne change qu’une fois le lien suivi, depuis la nouvelle boîte.')}</p>
      </details>
    </section>

    <section aria-labelledby="mot-de-passe"><h2 id="mot-de-passe">${t('Mot de passe')}</h2>
      ${alertFor(password)}
      <form method="post" action="/compte/mot-de-passe" class="form" novalidate>
        ${passwordField('current-password', 'currentPassword', t('Mot de passe actuel'), 'current-password', password?.fields?.currentPassword)}
        ${passwordField('new-password', 'password', t('Nouveau mot de passe'), 'new-password', password?.fields?.password, t(NEW_PASSWORD_HINT))}
        <button type="submit">${t('Changer le mot de passe')}</button>
      </form>
      <p class="hint">${t('Vos autres sessions (autres appareils, autres navigateurs) seront fermées.')}</p>
    </section>

    <section aria-labelledby="courriels"><h2 id="courriels">${t('Notifications par courriel')}</h2>
      ${alertFor(prefs)}
      <p>${t('Pour chaque type de notification, choisissez quand la recevoir par courriel. Elles restent toujours dans')} <a href="/notifications">${t('vos notifications')}</a>${t('. Le résumé quotidien part le matin.')}</p>
      ${user.email_verified_at ? '' : html`<p class="notice notice-warn">${t('Rien ne part vers une adresse non confirmée : confirmez d’abord la vôtre.')}</p>`}
      <form method="post" action="/compte/courriels" class="form preferences" novalidate>
        <div class="table-scroll" tabindex="0" role="region" aria-label="${t('Courriels par type de notification')}"><table class="data-table"><caption class="visually-hidden">${t('Courriels par type de notification')}</caption>
          <thead><tr><th scope="col">${t('Quand…')}</th>${MAIL_MODES.map((m) => html`<th scope="col" id="pref-h-${m}">${t(MAIL_MODE_LABELS[m])}</th>`)}</tr></thead>
          <tbody>${NOTIFICATION_KINDS.map((k) => html`<tr>
            <th scope="row"><strong id="kind-${k}">${t(NOTIFICATION_KIND_LABELS[k].label)}</strong><br><span class="muted" id="kind-${k}-about">${t(NOTIFICATION_KIND_LABELS[k].about)}</span></th>
            ${MAIL_MODES.map((m) => html`<td><input type="radio" name="${k}" value="${m}" id="pref-${k}-${m}" aria-labelledby="kind-${k} pref-h-${m}" aria-describedby="kind-${k}-about"${s.prefs[k] === m ? html` checked` : ''}></td>`)}
          </tr>`)}</tbody>
        </table></div>
        <button type="submit">${t('Enregistrer mes préférences')}</button>
      </form>
    </section>`;
}

const simplePage = (c: PageContext, title: string, main: SafeHtml): string => layout(c, { title, main });

function forgotPage(c: PageContext, state: { error?: string; sent?: boolean; email?: string } = {}): string {
  return layout(c, {
    title: `${state.error ? t('Erreur – ') : ''}${t('Mot de passe oublié')}`,
    main: state.sent
      ? html`<h1>${t('Mot de passe oublié')}</h1>
        <div class="notice" role="status"><p><strong>${t('Demande reçue.')}</strong> ${t('Si un compte existe avec l’adresse {{email}}, un lien pour choisir un nouveau mot de passe vient d’y être envoyé. Il est valable une heure.', { email: state.email ?? '' })}</p></div>
        <p>${t('Rien reçu après quelques minutes ? Vérifiez vos courriers indésirables, ou l’orthographe de l’adresse, puis')} <a href="/mot-de-passe-oublie">${t('recommencez')}</a>.</p>
        <p><a href="/connexion">${t('Retour à la connexion')}</a></p>`
      : html`<h1>${t('Mot de passe oublié')}</h1>
        ${state.error ? html`<div class="alert" role="alert">${tMessage(state.error)}</div>` : ''}
        <p class="lead">${t('Indiquez l’adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.')}</p>
        <form method="post" action="/mot-de-passe-oublie" class="form" novalidate>
          <div class="field"><label for="email">${t('Adresse électronique')}</label>
            <input id="email" name="email" type="email" autocomplete="email" required value="${state.email ?? ''}"></div>
          <button type="submit">${t('Recevoir le lien')}</button>
        </form>
        <p><a href="/connexion">${t('Retour à la connexion')}</a></p>`,
  });
}

function resetPage(c: PageContext, token: string, state: { error?: string; fieldError?: string } = {}): string {
  return layout(c, {
    title: `${state.error ? t('Erreur – ') : ''}${t('Nouveau mot de passe')}`,
    main: html`<h1>${t('Choisir un nouveau mot de passe')}</h1>
      ${state.error ? html`<div class="alert" role="alert">${tMessage(state.error)}</div>` : ''}
      <form method="post" action="/mot-de-passe/nouveau" class="form" novalidate>
        <input type="hidden" name="jeton" value="${token}">
        ${passwordField('password', 'password', t('Nouveau mot de passe'), 'new-password', state.fieldError, t(NEW_PASSWORD_HINT))}
        <button type="submit">${t('Enregistrer le mot de passe')}</button>
      </form>
      <p class="hint">${t('Toutes vos sessions ouvertes seront fermées : vous vous connecterez ensuite avec ce mot de passe.')}</p>`,
  });
}

/** A link that no longer works, said plainly, with what to do (`title` and `message` French, said here). */
function deadLinkPage(c: PageContext, title: string, message: string, again: SafeHtml): string {
  return layout(c, { title: `${t('Erreur – ')}${t(title)}`, main: html`<h1>${t(title)}</h1><div class="alert" role="alert">${tMessage(message)}</div>${again}` });
}

/** A landing page for a link: one button, so that a mail scanner opening the link uses nothing up (`title`, `lead`, `button` French, said here). */
function confirmLinkPage(c: PageContext, p: { title: string; lead: string; action: string; token: string; button: string }): string {
  return layout(c, {
    title: t(p.title),
    main: html`<h1>${t(p.title)}</h1><p class="lead">${t(p.lead)}</p>
      <form method="post" action="${p.action}" novalidate><input type="hidden" name="jeton" value="${p.token}"><button type="submit">${t(p.button)}</button></form>`,
  });
}

const tokenOf = (v: unknown): string | undefined => {
  const r = linkToken.safeParse(v);
  return r.success ? r.data : undefined;
};

const INVALID_LINK = msg('Ce lien n’est pas valide : vérifiez qu’il a été copié en entier.');
const NEW_PASSWORD = msg('Nouveau mot de passe');
const UNSUBSCRIBE = msg('Se désabonner');
const BAD_UNSUBSCRIBE_LINK = msg('Ce lien de désabonnement n’est pas valide.');
const FULL_ADDRESS = msg('Saisissez une adresse électronique complète (nom@exemple.fr).');
const FORM_ERRORS = msg('Le formulaire contient des erreurs.');
const AT_LEAST_10 = msg('Au moins 10 caractères.');
const CURRENT_PASSWORD = msg('Saisissez votre mot de passe actuel.');

/** The public pages of e-mail links and forgotten passwords, and « Mon compte »'s e-mail forms. */
export function accountMailPages(deps: AccountMailPageDeps, showAccount: (req: Request, res: Response, status: number, state: Partial<AccountMailState>) => Promise<void>): Router {
  const { db, sessions, mail, limiters } = deps;
  const r = express.Router();
  const form = formBody('10kb');
  const sessionDeps = { sessions, live: deps.live, mail };
  // (the site-wide Referrer-Policy, same-origin, already keeps the tokens in these addresses from other sites)
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

  // --- forgotten password ---
  // post → redirect → get: the refusal, and the « request received » notice, come back sealed in `formulaire`
  r.get('/mot-de-passe-oublie', (req, res) => {
    const back = takeFormState(req.query.formulaire);
    res.type('html').send(forgotPage(ctx(req), {
      ...(back?.error ? { error: back.error } : {}), ...(back?.values?.envoye === 'oui' ? { sent: true } : {}), ...(back?.values?.email ? { email: back.values.email } : {}),
    }));
  });
  r.post('/mot-de-passe-oublie', limiters.mailRequest, form, page(async (req, res) => {
    const input = resetRequestBody.safeParse(formFields(req));
    if (!input.success || !/^[^\s@]+@[^\s@]+$/.test(input.data.email)) {
      if (sendFormBack(res, '/mot-de-passe-oublie', { error: FULL_ADDRESS, values: { email: input.data?.email ?? formFields(req).email ?? '' } })) return;
      res.status(400).type('html').send(forgotPage(ctx(req), { error: FULL_ADDRESS, email: input.data?.email ?? '' }));
      return;
    }
    requestPasswordResetLater(db, { mail }, input.data.email, (err) => req.log?.error({ err }, 'password reset request failed'));
    if (sendFormBack(res, '/mot-de-passe-oublie', { values: { email: input.data.email, envoye: 'oui' } }, '')) return;
    res.type('html').send(forgotPage(ctx(req), { sent: true, email: input.data.email }));
  }));

  // post → redirect → get: a dead link and the success come back to this address too, sealed in `formulaire`
  // (`form`: 'lien' for a link that no longer works, 'fait' once the password is changed)
  const againReset = () => html`<p><a href="/mot-de-passe-oublie">${t('Demander un nouveau lien')}</a></p>`;
  const passwordChanged = (c: PageContext) => simplePage(c, t('Mot de passe changé'), html`<h1>${t('Mot de passe changé')}</h1>
      <div class="notice" role="status"><p>${t('Votre nouveau mot de passe est enregistré, et toutes vos sessions ont été fermées.')}</p></div>
      <p><a href="/connexion" class="button">${t('Se connecter')}</a></p>`);
  r.get('/mot-de-passe/nouveau', (req, res) => {
    noStore(res);
    const back = takeFormState(req.query.formulaire);
    if (isDone(back, '/mot-de-passe/nouveau')) return void res.type('html').send(passwordChanged(ctx(req)));
    const token = tokenOf(req.query.jeton);
    if (!token) return void res.status(400).type('html').send(deadLinkPage(ctx(req), NEW_PASSWORD, INVALID_LINK, againReset()));
    if (back?.form === 'lien' && back.error) return void res.type('html').send(deadLinkPage(ctx(req), NEW_PASSWORD, back.error, againReset()));
    res.type('html').send(resetPage(ctx(req), token, { ...(back?.error ? { error: back.error } : {}), ...(back?.fieldErrors?.password ? { fieldError: back.fieldErrors.password } : {}) }));
  });
  r.post('/mot-de-passe/nouveau', limiters.mailRequest, form, page(async (req, res) => {
    noStore(res);
    const fields = formFields(req);
    const input = resetConfirmBody.safeParse({ token: fields.jeton, password: fields.password });
    const token = tokenOf(fields.jeton);
    // (a token the link's page never gives: its GET says the link is not valid)
    if (!token) return res.redirect(303, '/mot-de-passe/nouveau');
    const here = `/mot-de-passe/nouveau?jeton=${encodeURIComponent(token)}`;
    // a weak password comes back to the link's own address (which carries the token already) by a 303
    const refuse = (fieldError: string) => {
      const state = { error: FORM_ERRORS, fieldErrors: { password: fieldError } };
      if (sendFormBack(res, here, state)) return;
      res.status(400).type('html').send(resetPage(ctx(req), token, { error: state.error, fieldError }));
    };
    if (!input.success) return refuse(AT_LEAST_10);
    try {
      await confirmPasswordReset(db, sessionDeps, input.data);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      const weak = passwordAdvice(err.details);
      if (weak) return refuse(weak);
      if (sendFormBack(res, here, { form: 'lien', error: err.message })) return;
      return void res.status(400).type('html').send(deadLinkPage(ctx(req), NEW_PASSWORD, err.message, againReset()));
    }
    if (sendFormDone(res, '/mot-de-passe/nouveau', { form: 'fait' })) return;
    res.type('html').send(passwordChanged(ctx(req)));
  }));

  // --- confirming an address (at sign-up) and a new address ---
  const links = [
    { path: '/compte/confirmer-adresse', title: msg('Confirmer votre adresse'), lead: msg('Un clic pour confirmer que cette adresse électronique est bien la vôtre.'), button: msg('Confirmer mon adresse'), run: verifyEmail, again: () => html`<p>${t('Connectez-vous puis, dans')} <a href="/compte#adresse">${t('Mon compte')}</a>${t(', demandez un nouveau lien.')}</p>`, done: msg('Votre adresse électronique est confirmée.') },
    { path: '/compte/confirmer-nouvelle-adresse', title: msg('Confirmer votre nouvelle adresse'), lead: msg('Un clic pour que cette adresse devienne celle de votre compte.'), button: msg('Confirmer ma nouvelle adresse'), run: confirmEmailChange, again: () => html`<p>${t('Dans')} <a href="/compte#adresse">${t('Mon compte')}</a>${t(', vous pouvez refaire la demande.')}</p>`, done: msg('Votre nouvelle adresse est confirmée : c’est désormais celle de votre compte.') },
  ] as const;
  const linkDone = (c: PageContext, l: (typeof links)[number], signedIn: boolean) => simplePage(c, t(l.title), html`<h1>${t(l.title)}</h1>
        <div class="notice" role="status"><p>${t(l.done)}</p></div>
        <p>${signedIn ? html`<a href="/compte">${t('Mon compte')}</a>` : html`<a href="/connexion">${t('Se connecter')}</a>`} · <a href="/">${t('Les projets de loi')}</a></p>`);
  for (const l of links) {
    // post → redirect → get: the outcome comes back to the link's page, sealed in `formulaire` ('fait', or 'lien' and why it failed)
    r.get(l.path, (req, res) => {
      noStore(res);
      const back = takeFormState(req.query.formulaire);
      if (isDone(back, l.path)) return void res.type('html').send(linkDone(ctx(req), l, !!req.user));
      if (back?.form === 'lien' && back.error) return void res.type('html').send(deadLinkPage(ctx(req), l.title, back.error, l.again()));
      const token = tokenOf(req.query.jeton);
      if (!token) return void res.status(400).type('html').send(deadLinkPage(ctx(req), l.title, INVALID_LINK, l.again()));
      res.type('html').send(confirmLinkPage(ctx(req), { title: l.title, lead: l.lead, action: l.path, token, button: l.button }));
    });
    r.post(l.path, form, page(async (req, res) => {
      noStore(res);
      const token = tokenOf(formFields(req).jeton);
      // (a token the link's page never gives: its GET says the link is not valid)
      if (!token) return res.redirect(303, l.path);
      try {
        await l.run(db, sessions, token);
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'validation_failed' && err.code !== 'conflict')) throw err;
        if (sendFormBack(res, l.path, { form: 'lien', error: err.message })) return;
        return void res.status(err.status).type('html').send(deadLinkPage(ctx(req), l.title, err.message, l.again()));
      }
      if (sendFormDone(res, l.path, { form: 'fait' })) return;
      res.type('html').send(linkDone(ctx(req), l, !!req.user));
    }));
  }

  // --- « Mon compte »'s forms ---
  const signIn = (res: Response) => res.redirect(303, '/connexion?suite=/compte');
  r.post('/compte/lien-de-confirmation', limiters.mailRequest, form, page(async (req, res) => {
    if (!req.user) return signIn(res);
    precheck('account.manage', req.user);
    try {
      await resendVerification(db, { mail }, req.user);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'rate_limited' && err.code !== 'conflict')) throw err;
      return showAccount(req, res, err.status, { refused: { form: 'verification', error: err.message } });
    }
    res.redirect(303, '/compte?fait=lien#adresse');
  }));

  r.post('/compte/mot-de-passe', limiters.login, form, page(async (req, res) => {
    if (!req.user) return signIn(res);
    precheck('account.manage', req.user);
    const input = passwordChangeBody.safeParse(formFields(req));
    if (!input.success) {
      const fields = Object.fromEntries(input.error.issues.map((i) => [String(i.path[0]), i.path[0] === 'password' ? AT_LEAST_10 : CURRENT_PASSWORD]));
      return showAccount(req, res, 400, { refused: { form: 'password', error: FORM_ERRORS, fields } });
    }
    try {
      await changePassword(db, sessionDeps, req.user, { ...input.data, sessionHash: req.sessionToken ? hashToken(req.sessionToken) : null });
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'validation_failed' && err.code !== 'forbidden')) throw err;
      const weak = passwordAdvice(err.details);
      const fields: Record<string, string> = err.code === 'forbidden' ? { currentPassword: err.message } : { password: weak ?? err.message };
      return showAccount(req, res, err.status, { refused: { form: 'password', error: err.code === 'forbidden' ? err.message : FORM_ERRORS, fields } });
    }
    res.redirect(303, '/compte?fait=mot-de-passe#mot-de-passe');
  }));

  r.post('/compte/adresse', limiters.login, form, page(async (req, res) => {
    if (!req.user) return signIn(res);
    precheck('account.manage', req.user);
    const input = emailChangeBody.safeParse(formFields(req));
    if (!input.success) {
      const fields = Object.fromEntries(input.error.issues.map((i) => [String(i.path[0]), i.path[0] === 'email' ? FULL_ADDRESS : CURRENT_PASSWORD]));
      return showAccount(req, res, 400, { refused: { form: 'email', error: FORM_ERRORS, fields, values: { email: formFields(req).email ?? '' } } });
    }
    try {
      await requestEmailChange(db, { mail }, req.user, input.data);
    } catch (err) {
      if (!(err instanceof AppError) || !['validation_failed', 'forbidden', 'conflict', 'rate_limited'].includes(err.code)) throw err;
      const fields: Record<string, string> = err.code === 'forbidden' ? { currentPassword: err.message } : { email: err.message };
      return showAccount(req, res, err.status, { refused: { form: 'email', error: err.message, fields, values: { email: input.data.email } } });
    }
    res.redirect(303, '/compte?fait=adresse#adresse');
  }));

  r.post('/compte/courriels', form, page(async (req, res) => {
    if (!req.user) return signIn(res);
    precheck('account.manage', req.user);
    const fields = formFields(req);
    const modes: Record<string, MailMode> = {};
    for (const k of NOTIFICATION_KINDS) {
      const v = fields[k];
      if (v === undefined) continue;
      if (!(MAIL_MODES as readonly string[]).includes(v)) return showAccount(req, res, 400, { refused: { form: 'preferences', error: msg('Choix inconnu pour un type de notification : choisissez une des options proposées.') } });
      modes[k] = v as MailMode;
    }
    await setNotificationPreferences(db, req.user.id, modes);
    res.redirect(303, '/compte?fait=courriels#courriels');
  }));

  // --- unsubscribe links (RFC 8058: the mail client posts « List-Unsubscribe=One-Click ») ---
  // the unsubscribe page's question and notice, per scope: everything, or one kind of notification
  const kindOf = (scope: string) => t(NOTIFICATION_KIND_LABELS[scope as keyof typeof NOTIFICATION_KIND_LABELS].label);
  const question = (scope: string) => (scope === 'all' ? t('Ne recevoir aucune notification par courriel ?') : t('Ne plus recevoir les courriels « {{type}} » ?', { type: kindOf(scope) }));
  const noticeOf = (scope: string) => (scope === 'all' ? t('Vous ne recevrez aucune notification par courriel.') : t('Vous ne recevrez plus les courriels « {{type}} ».', { type: kindOf(scope) }));
  const unsubscribed = (c: PageContext, scope: string) => layout(c, {
    title: t('Désabonnement enregistré'),
    main: html`<h1>${t('Désabonnement enregistré')}</h1><div class="notice" role="status"><p>${noticeOf(scope)}</p></div>
        <p>${t('Pour changer d’avis :')} <a href="/compte#courriels">${t('Mon compte')}</a>.</p>`,
  });
  /** The unsubscribe page's own button (not a mail client's one-click post). */
  const FROM_PAGE = 'depuis-la-page';
  const unsubscribePath = (req: Request) => `/courriels/desabonnement/${encodeURIComponent(String(req.params.token))}`;
  r.get('/courriels/desabonnement/:token', page(async (req, res) => {
    noStore(res);
    const target = (await mail.links()).read(String(req.params.token));
    if (!target) return void res.status(404).type('html').send(deadLinkPage(ctx(req), UNSUBSCRIBE, BAD_UNSUBSCRIBE_LINK, html`<p>${t('Vos préférences de courriels sont dans')} <a href="/compte#courriels">${t('Mon compte')}</a>.</p>`));
    // after the page's button (post → redirect → get): what was done
    if (isDone(takeFormState(req.query.formulaire), unsubscribePath(req))) return void res.type('html').send(unsubscribed(ctx(req), target.scope));
    res.type('html').send(layout(ctx(req), {
      title: t(UNSUBSCRIBE),
      main: html`<h1>${t(UNSUBSCRIBE)}</h1><p class="lead">${question(target.scope)}</p>
        <form method="post" action="/courriels/desabonnement/${String(req.params.token)}" novalidate><input type="hidden" name="${FROM_PAGE}" value="1"><button type="submit">${t('Confirmer le désabonnement')}</button></form>
        <p>${t('Vos notifications resteront visibles sur Palimpseste. Tous les réglages :')} <a href="/compte#courriels">${t('Mon compte')}</a>.</p>`,
    }));
  }));
  // (its own small parser: a mail client posts « List-Unsubscribe=One-Click »; then back into the request's language)
  // RFC 8058's one-click (the mail client's POST: « List-Unsubscribe=One-Click », urlencoded or multipart, or a
  // body this parser does not read) gets its answer in place, a 2xx (404 for a dead link), as always; only the
  // page's own button (its FROM_PAGE field) gets post → redirect → get, to this link's page saying what was done
  r.post('/courriels/desabonnement/:token', express.urlencoded({ extended: false, limit: '1kb' }), (req, _res, next) => inRequestLang(req, next), page(async (req, res) => {
    noStore(res);
    const oneClick = formFields(req)[FROM_PAGE] !== '1';
    const target = (await mail.links()).read(String(req.params.token));
    if (!target) {
      if (!oneClick) return res.redirect(303, unsubscribePath(req));
      return void res.status(404).type('html').send(deadLinkPage(ctx(req), UNSUBSCRIBE, BAD_UNSUBSCRIBE_LINK, html``));
    }
    await unsubscribe(db, target);
    if (!oneClick && sendFormDone(res, unsubscribePath(req), { form: 'fait' })) return;
    res.type('html').send(unsubscribed(ctx(req), target.scope));
  }));
  return r;
}
