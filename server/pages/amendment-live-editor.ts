import { amendmentDocName } from '../../shared/live-docs';
import type { UserRow } from '../sql/users';
import type { AmendmentView } from './amendment-pages';
import { html, type SafeHtml } from '../html';
import { t } from '../i18n';

/**
 * The mount point of the live editor (client/src/editor), on a draft's page for its authors. It
 * is `hidden`: without JavaScript the authors' textarea form does the job, and the script only
 * reveals this section once it has synced with the collaboration server. Data travels in data-*
 * attributes because the CSP allows no inline script, not even a JSON block.
 */
export function liveEditorMount(
  a: Pick<AmendmentView, 'id' | 'kind' | 'status' | 'viewerIsAuthor' | 'baseAlineas'>,
  user: Pick<UserRow, 'id' | 'display_name'> | null,
): SafeHtml {
  // A deletion has no text to write; only a draft is written live, and only by its authors.
  if (!user || !a.viewerIsAuthor || a.status !== 'draft' || a.kind === 'delete') return html``;
  return liveEditorSection({
    docName: amendmentDocName(a.id), user, kind: a.kind, baseAlineas: a.baseAlineas,
    title: t('Rédaction en direct'), label: t('Texte proposé, un paragraphe par alinéa'),
    hint: t('Vos co-auteurs voient ce que vous écrivez au fur et à mesure, et vous voyez leur curseur. Chaque paragraphe est un alinéa : la touche Entrée en commence un nouveau. Le texte est enregistré tout seul ; l’exposé sommaire et le dépôt se font dans l’espace des auteurs, plus bas.'),
  });
}

/** The editor's section, for a draft or for a formalisation workspace. */
export function liveEditorSection(o: {
  docName: string;
  user: Pick<UserRow, 'id' | 'display_name'>;
  kind: AmendmentView['kind'];
  baseAlineas: readonly string[];
  title: string;
  label: string;
  hint: string;
}): SafeHtml {
  // What the diff compares to, as amendmentDiff does: an additional article starts from nothing.
  const base = o.kind === 'insert_after' ? [] : o.baseAlineas;
  return html`<section id="live-editor" class="live-editor" aria-labelledby="live-editor-title" hidden
    data-doc-name="${o.docName}" data-user-id="${o.user.id}" data-user-name="${o.user.display_name}" data-base-alineas="${JSON.stringify(base)}"
    data-kind="${o.kind}" data-label="${o.label}">
    <h2 id="live-editor-title">${o.title}</h2>
    <p class="hint" id="live-editor-hint">${o.hint}</p>
    <div class="live-editor-bar">
      <div role="toolbar" aria-label="${t('Vos modifications')}" aria-controls="live-editor-host" class="live-toolbar">
        <button type="button" data-command="undo" aria-disabled="true" aria-keyshortcuts="Control+Z">${t('Annuler')}</button>
        <button type="button" data-command="redo" aria-disabled="true" aria-keyshortcuts="Control+Y Control+Shift+Z">${t('Rétablir')}</button>
        <button type="button" data-command="comment" aria-keyshortcuts="Control+Alt+M">${t('Commenter')}</button>
      </div>
      <p class="live-status" role="status" aria-live="polite">${t('Connexion…')}</p>
    </div>
    <p class="live-notice" id="live-editor-notice" role="status" aria-live="polite"></p>
    <div class="live-editor-body">
      <div class="live-editor-column">
        <div class="live-editor-host" id="live-editor-host" lang="fr"></div>
        <p class="live-peers hint"></p>
      </div>
      ${commentsPanel()}
    </div>
  </section>`;
}

/**
 * The co-authors' comments beside the text (client/src/editor/comments.ts fills the lists). The
 * form is here, not built by the script, so that its label and buttons are plain markup.
 */
function commentsPanel(): SafeHtml {
  return html`<section class="draft-comments" aria-labelledby="draft-comments-title">
    <h3 id="draft-comments-title">${t('Commentaires')}</h3>
    <form class="draft-comment-form" hidden novalidate>
      <p class="draft-comment-target" id="draft-comment-target"></p>
      <label for="draft-comment-body">${t('Votre commentaire')}</label>
      <p class="field-error" id="draft-comment-error" hidden></p>
      <textarea id="draft-comment-body" name="body" rows="3" maxlength="5000" aria-describedby="draft-comment-target"></textarea>
      <div class="draft-comment-actions">
        <button type="submit">${t('Publier')}</button>
        <button type="button" data-action="cancel">${t('Annuler')}</button>
      </div>
    </form>
    <p class="draft-comments-empty"></p>
    <ol class="draft-comments-list"></ol>
    <details class="draft-comments-resolved" hidden>
      <summary>${t('Commentaires résolus (')}<span class="draft-comments-resolved-count">0</span>)</summary>
      <ol class="draft-comments-list"></ol>
    </details>
  </section>`;
}
