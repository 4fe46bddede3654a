import { html, type SafeHtml } from '../html';
import { providerSignIn } from './identity-pages';
import { layout, type PageContext } from './layout';
import { t } from '../i18n';
import { tMessage } from '../i18n/message';

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  next?: string;
}

function field(name: string, label: string, type: string, state: FormState, extra: { autocomplete: string; hint?: string }): SafeHtml {
  const err = state.fieldErrors?.[name];
  const describedBy = [extra.hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for="${name}">${label}</label>
    ${extra.hint ? html`<p class="hint" id="${name}-hint">${extra.hint}</p>` : ''}
    ${err ? html`<p class="field-error" id="${name}-error">${tMessage(err)}</p>` : ''}
    <input id="${name}" name="${name}" type="${type}" autocomplete="${extra.autocomplete}" required
      value="${type === 'password' ? '' : (state.values?.[name] ?? '')}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${err ? html` aria-invalid="true"` : ''}>
  </div>`;
}

/** « Erreur – » first in the window title, the first thing a screen reader says on the new page. */
const titled = (title: string, state: FormState) => (state.error ? `${t('Erreur')} – ${title}` : title);
const alert = (state: FormState) => (state.error ? html`<div class="alert" role="alert">${tMessage(state.error)}</div>` : '');
const nextField = (state: FormState) => (state.next ? html`<input type="hidden" name="suite" value="${state.next}">` : '');

export function loginPage(ctx: PageContext, state: FormState = {}): string {
  return layout(ctx, {
    title: titled(t('Se connecter'), state),
    main: html`<h1>${t('Se connecter')}</h1>${alert(state)}
      <form method="post" action="/connexion" class="form" novalidate>
        ${nextField(state)}
        ${field('email', t('Adresse électronique'), 'email', state, { autocomplete: 'email' })}
        ${field('password', t('Mot de passe'), 'password', state, { autocomplete: 'current-password' })}
        <button type="submit">${t('Se connecter')}</button>
      </form>
      <p><a href="/mot-de-passe-oublie">${t('Mot de passe oublié ?')}</a></p>
      ${providerSignIn(ctx, state.next)}
      <p>${t('Pas encore de compte ?')} <a href="/inscription">${t('Créer un compte')}</a></p>`,
  });
}

export function registerPage(ctx: PageContext, state: FormState = {}): string {
  const kind = state.values?.kind === 'organisation' ? 'organisation' : 'citizen';
  return layout(ctx, {
    title: titled(t('Créer un compte'), state),
    main: html`<h1>${t('Créer un compte')}</h1>${alert(state)}
      <form method="post" action="/inscription" class="form" novalidate>
        ${nextField(state)}
        ${field('displayName', t('Nom affiché'), 'text', state, { autocomplete: 'name', hint: t('Il apparaîtra à côté de vos contributions publiques.') })}
        ${field('email', t('Adresse électronique'), 'email', state, { autocomplete: 'email', hint: t('Elle ne sera jamais publiée.') })}
        ${field('password', t('Mot de passe'), 'password', state, { autocomplete: 'new-password', hint: t('Au moins 10 caractères, difficile à deviner, sans votre nom ni votre adresse : quelques mots sans rapport entre eux, par exemple.') })}
        <fieldset><legend>${t('Vous participez en tant que')}</legend>
          <div><input type="radio" id="kind-citizen" name="kind" value="citizen"${kind === 'citizen' ? html` checked` : ''}><label for="kind-citizen">${t('Citoyenne ou citoyen')}</label></div>
          <div><input type="radio" id="kind-organisation" name="kind" value="organisation"${kind === 'organisation' ? html` checked` : ''}><label for="kind-organisation">${t('Organisation (association, entreprise, syndicat…) — signalée comme telle')}</label></div>
        </fieldset>
        <button type="submit">${t('Créer mon compte')}</button>
      </form>
      ${providerSignIn(ctx, state.next)}
      <p>${t('Déjà inscrit ?')} <a href="/connexion">${t('Se connecter')}</a></p>`,
  });
}
