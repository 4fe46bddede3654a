import type { loadWorkspace } from '../commands/formalisation-workspace';
import type { BillRow } from '../sql/bills';
import type { UserRow } from '../sql/users';
import { liveEditorSection } from './amendment-live-editor';
import { isOpen, STATUS_LABELS_FR } from '../../shared/amendment';
import { alertBox, amendmentTitle, dateTimeFr, rowsFor, textareaField, titled, type FormState } from './amendment-parts';
import type { AmendmentView } from './amendment-pages';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext, may } from './layout';
import { t, th } from '../i18n';
import { tMessage } from '../i18n/message';
import { glossed, glossedText } from './glossary';

export type Workspace = Awaited<ReturnType<typeof loadWorkspace>>;

export interface WorkspacePageData {
  bill: BillRow;
  amendment: AmendmentView;
  workspace: Workspace;
  state?: FormState;
}

const alineaList = (alineas: readonly string[], empty: string) =>
  alineas.length ? html`<ol class="alineas" lang="fr">${alineas.map((a) => html`<li>${a}</li>`)}</ol>` : html`<p class="empty">${empty}</p>`;

/** The dispositif, typeset as in a liasse: one paragraph per line. */
export const dispositifLines = (text: string) => html`${text.split('\n').filter((l) => l.trim()).map((l) => html`<p>${l}</p>`)}`;

/**
 * The clerk's publication form. Without JavaScript it carries the formal text (one alinéa per
 * line) and the dispositif; with it, the live editor replaces the text field (disabled, so the
 * server takes the workspace's live text) and the dispositif is regenerated as people type.
 * `dispositif_initial` tells the server whether the clerk changed the dispositif by hand: an
 * untouched one is regenerated from the published text rather than checked against it.
 */
function publishForm(d: WorkspacePageData): SafeHtml {
  const w = d.workspace;
  const errors = d.state?.fieldErrors ?? {};
  const values = d.state?.values ?? {};
  const text = values.texte ?? w.alineas.join('\n');
  const dispositif = values.dispositif ?? w.dispositif;
  return html`<form method="post" action="/amendements/${w.amendmentId}/mise-en-forme" class="form form-wide publish-form" novalidate>
    <h2 id="publier">${t('Publier la mise en forme')}</h2>
    ${w.kind === 'delete' ? '' : textareaField({
      id: 'edit-texte', name: 'texte', label: t('Texte mis en forme'), value: text, rows: rowsFor(text, 6), error: errors['edit-texte'], lang: 'fr',
      hint: glossedText(t('Un alinéa par ligne.')),
    })}
    <div class="field">
      <label for="dispositif">${t('Dispositif')}</label>
      <p class="hint" id="dispositif-hint">${t('Rédigé automatiquement à partir du texte ; vous pouvez le reformuler. Il doit produire exactement le texte mis en forme.')}</p>
      ${errors.dispositif ? html`<p class="field-error" id="dispositif-error">${tMessage(errors.dispositif)}</p>` : ''}
      <textarea id="dispositif" name="dispositif" lang="fr" rows="${rowsFor(dispositif, 4)}" data-live-dispositif
        aria-describedby="dispositif-hint${errors.dispositif ? ' dispositif-error' : ''}"${errors.dispositif ? html` aria-invalid="true"` : ''}>${dispositif}</textarea>
      <input type="hidden" name="dispositif_initial" value="${values.dispositif_initial ?? w.dispositif}" data-live-dispositif-initial>
    </div>
    ${textareaField({
      id: 'note', name: 'note', label: t('Note aux auteurs'), value: values.note ?? '', rows: 3,
      hint: t('Ce qui a changé et pourquoi : les auteurs la reçoivent avec la notification.'),
    })}
    <div class="actions"><button type="submit">${t('Publier la mise en forme')}</button></div>
  </form>`;
}

/**
 * A clerk who does not write: « Prendre en charge » when nobody has the amendment in charge,
 * « Reprendre » (confirmed on the next page, the other clerk is told) when another clerk has.
 */
function takeForm(id: string, holder: Workspace['assignedClerk'], user: UserRow): SafeHtml {
  if (holder && holder.id !== user.id) {
    return html`<p class="notice">${t('{{nom}} a cet amendement en charge : seul ce greffier écrit, publie, répond ou le déclare irrecevable.', { nom: holder.displayName })}
      <a class="button" href="/amendements/${id}/reprendre">${t('Reprendre l’amendement')}</a></p>`;
  }
  return html`<form method="post" action="/amendements/${id}/prendre" class="inline" novalidate>
    <input type="hidden" name="suite" value="/amendements/${id}/mise-en-forme"><button type="submit">${t('Prendre en charge pour écrire')}</button></form>`;
}

/** The formalisation workspace: citizens' text | formal text (live) | dispositif. */
export function workspacePage(ctx: PageContext, d: WorkspacePageData): string {
  const w = d.workspace;
  const a = d.amendment;
  const user = ctx.user as UserRow;
  const isClerk = may({ user }, 'desk.read', null);
  const writes = w.mode === 'write';
  const who = w.assignedClerk ? (w.assignedClerk.id === user.id ? t('vous') : w.assignedClerk.displayName) : t('aucun greffier pour l’instant');
  const editor = w.docName && w.kind !== 'delete'
    ? liveEditorSection({
        docName: w.docName, user, kind: w.kind, baseAlineas: w.baseAlineas, title: t('Rédaction en direct'),
        label: t('Texte mis en forme, un paragraphe par alinéa'),
        hint: writes
          ? t('Le greffier et les auteurs écrivent ici ensemble ; chacun voit le curseur des autres. Le dispositif se met à jour à mesure.')
          : t('Vous suivez la mise en forme en direct ; seuls le greffier chargé de l’amendement et ses auteurs y écrivent.'),
      })
    : html``;
  return layout(ctx, {
    title: titled(t('Mise en forme – {{amendement}} – {{texte}}', { amendement: amendmentTitle(a.displayNumber), texte: d.bill.title }), d.state),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${d.bill.id}" lang="fr">${d.bill.title}</a>${isClerk ? html` › <a href="/textes/${d.bill.id}/greffe">${t('Bureau du greffe')}</a>` : ''} › <a href="/amendements/${a.id}">${amendmentTitle(a.displayNumber)}</a>`,
    main: html`<h1>${t('Mise en forme de l’{{amendement}}', { amendement: amendmentTitle(a.displayNumber).replace(/^A/, 'a') })}</h1>${alertBox(d.state)}
      <p class="meta">${t('Article {{numero}} · greffier chargé : {{qui}}', { numero: w.articleNumber, qui: who })}</p>
      ${a.formalisation ? html`<p class="notice">${th('Une mise en forme a été publiée le {{date}} ({{lien}}).', { date: dateTimeFr.format(new Date(a.formalisation.createdAt)), lien: html`<a href="/amendements/${a.id}#mise-en-forme">${t('voir sur l’amendement')}</a>` })} ${writes ? t('Vous pouvez la reprendre ici : une nouvelle publication la remplacera.') : ''}</p>` : ''}
      ${w.status !== 'submitted' && w.status !== 'formalised' ? html`<p class="notice">${t('L’amendement est « {{statut}} » : sa mise en forme est close.', { statut: t(STATUS_LABELS_FR[w.status]) })}</p>` : ''}
      ${!writes && isClerk && isOpen(w.status) ? takeForm(a.id, w.assignedClerk, user) : ''}
      <div class="workspace">
        <section aria-labelledby="ws-citoyens" class="ws-column"><h2 id="ws-citoyens">${t('Texte déposé par les citoyens')}</h2>
          ${alineaList(w.citizenAlineas, a.kind === 'delete' ? t('Suppression de l’article : pas de texte.') : t('Pas de texte.'))}</section>
        <section aria-labelledby="ws-formel" class="ws-column"><h2 id="ws-formel">${t('Texte mis en forme')}</h2>
          ${editor}
          <div class="ws-static">${alineaList(w.alineas, t('Suppression de l’article : pas de texte.'))}</div></section>
        <section aria-labelledby="ws-dispositif" class="ws-column"><h2 id="ws-dispositif">${glossed('dispositif', t('Dispositif'))}</h2>
          <div class="liasse-dispositif" data-live-dispositif aria-live="off" lang="fr">${dispositifLines(w.dispositif)}</div></section>
      </div>
      ${isClerk && writes ? publishForm(d) : isClerk ? html`<p class="muted">${t('Seul le greffier chargé de l’amendement publie sa mise en forme.')}</p>` : html`<p class="muted">${t('Le greffier publiera la mise en forme ; vous serez prévenu et verrez la différence entre votre texte et le texte mis en forme.')}</p>`}
      <p><a href="/amendements/${a.id}">${t('Retour à l’amendement')}</a></p>`,
  });
}
