import { isOpen } from '../../shared/amendment';
import type { AmendmentView } from './amendment-pages';
import { rowsFor, textareaField, type FormState } from './amendment-parts';
import { html, type SafeHtml } from '../html';
import { t } from '../i18n';
import { tMessage } from '../i18n/message';
import { glossedText } from './glossary';

/** The co-authors, each with « Retirer » (« Quitter ce brouillon » for oneself); the last one stays. */
function coauthorsList(a: Pick<AmendmentView, 'id' | 'authors'>, viewerId: string): SafeHtml {
  if (a.authors.length < 2) return html``;
  return html`<section aria-labelledby="coauteurs-titre"><h3 id="coauteurs-titre">${t('Co-auteurs')}</h3><ul class="coauthors">
    ${a.authors.map((p) => html`<li>${p.displayName}
      <form method="post" action="/amendements/${a.id}/coauteurs/${p.id}/retirer" class="inline-form" novalidate>
        <button type="submit" class="secondary"${p.id === viewerId ? '' : html` aria-label="Retirer ${p.displayName} des co-auteurs"`}>${p.id === viewerId ? 'Quitter ce brouillon' : 'Retirer'}</button>
      </form></li>`)}
  </ul></section>`;
}

/**
 * What only the authors see: while a draft, edit it and save or submit it (one form, so that
 * nothing typed is lost on submission), invite a co-author; once submitted, withdraw it. Field errors are keyed by field id (`edit-texte`, `edit-expose`,
 * `coauteur`), as the route that sends a form back sets them.
 */
export function authorActions(a: Pick<AmendmentView, 'id' | 'kind' | 'status' | 'alineas' | 'rationale' | 'authors'>, viewerId: string, state?: FormState): SafeHtml {
  const errors = state?.fieldErrors ?? {};
  const values = state?.values ?? {};
  if (a.status === 'draft') {
    const text = values.texte ?? a.alineas.join('\n');
    const coauthorError = errors.coauteur;
    return html`<section aria-labelledby="auteurs" class="author-space"><h2 id="auteurs">${t('Espace des auteurs')}</h2>
      <form method="post" action="/amendements/${a.id}/modifier" class="form form-wide" novalidate>
        <h3>${t('Modifier ou déposer le brouillon')}</h3>
        ${a.kind === 'delete' ? '' : textareaField({
          id: 'edit-texte', name: 'texte', label: t('Texte proposé'), value: text, rows: rowsFor(text, 6), error: errors['edit-texte'], lang: 'fr',
          hint: glossedText(t('Un alinéa par ligne : chaque ligne non vide devient un alinéa.')),
        })}
        ${textareaField({
          id: 'edit-expose', name: 'expose', label: t('Exposé sommaire'), value: values.expose ?? a.rationale, lang: 'fr', rows: 6, error: errors['edit-expose'],
          hint: t('Obligatoire pour déposer l’amendement.'),
        })}
        <p class="hint" id="deposer-hint">${t('Déposer enregistre ces champs, attribue à l’amendement son numéro public, le soumet au vote de tous et fige son texte.')}</p>
        <div class="actions">
          <button type="submit" formaction="/amendements/${a.id}/deposer" aria-describedby="deposer-hint">${t('Déposer l’amendement')}</button>
          <button type="submit" class="secondary">${t('Enregistrer le brouillon')}</button>
        </div>
      </form>
      <form method="post" action="/amendements/${a.id}/coauteurs" class="form" novalidate>
        <h3>${t('Ajouter un co-auteur')}</h3>
        <div class="field">
          <label for="coauteur">${t('Nom affiché du co-auteur')}</label>
          <p class="hint" id="coauteur-hint">${t('Le nom sous lequel cette personne participe (ou l’identifiant de son compte). Les co-auteurs se joignent avant le dépôt.')}</p>
          ${coauthorError ? html`<p class="field-error" id="coauteur-error">${tMessage(coauthorError)}</p>` : ''}
          <input type="text" id="coauteur" name="compte" autocomplete="off" spellcheck="false" data-suggest-accounts value="${values.compte ?? ''}"
            aria-describedby="coauteur-hint${coauthorError ? ' coauteur-error' : ''}"${coauthorError ? html` aria-invalid="true"` : ''}>
        </div>
        <button type="submit" class="secondary">${t('Ajouter le co-auteur')}</button>
      </form>
      ${coauthorsList(a, viewerId)}
      <form method="post" action="/amendements/${a.id}/invitation" class="form" novalidate>
        <h3>${t('Inviter par un lien')}</h3>
        ${values.invitation ? html`<p role="status">${t('Lien à transmettre, valable 14 jours :')} <a href="${values.invitation}">${values.invitation}</a></p>` : ''}
        <button type="submit" class="secondary">${t('Créer un lien d’invitation')}</button>
      </form>
    </section>`;
  }
  if (isOpen(a.status)) {
    return html`<section aria-labelledby="auteurs" class="author-space"><h2 id="auteurs">${t('Espace des auteurs')}</h2>
      <form method="post" action="/amendements/${a.id}/retirer" class="form" novalidate>
        <p id="retirer-hint">${t('Un amendement retiré reste visible, avec la mention « Retiré », mais n’est plus soumis au vote ni examiné. Ce choix est définitif.')}</p>
        <button type="submit" class="danger" aria-describedby="retirer-hint">${t('Retirer l’amendement')}</button>
      </form>
    </section>`;
  }
  return html``;
}
