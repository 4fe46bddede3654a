import { isOpen, STATUS_LABELS_FR } from '../../shared/amendment';
import { GLOSSARY_BY_ID } from '../../shared/glossary';
import { decide, draftPhaseOf } from '../../shared/policy';
import type { BillStatus } from '../../shared/phases';
import { accountActors } from '../authorize';
import { EXPLANATION_MAX_CHARS } from '../operations/participation';
import type { LiveTexts } from '../collab/registry';
import type { Queryable } from '../db/db';
import { closestToAmendment, loadCosignatories, type ClosestView, type CosignatoryView } from '../present/participation';
import type { AmendmentRow } from '../sql/amendments';
import { html, type SafeHtml } from '../html';
import type { FormState } from './amendment-parts';
import { formAlert, stateFor, typed } from './form-state';
import { Glosser } from './glossary';
import { displayName, may, type PageContext } from './layout';
import { t, th, tn } from '../i18n';

/** The plain-language texts shown before the legal text, their forms, and co-signing (issue 16 › 1, 2). */

function paragraphsGlossed(text: string, g: Glosser): SafeHtml {
  return html`${text.split('\n').filter((l) => l.trim() !== '').map((l) => html`<p>${g.text(l)}</p>`)}`;
}

/** The edit form, folded (a `<details>`), for admins and clerks. */
function editForm(f: { action: string; id: string; label: string; value: string; max: number; hint: string; back?: FormState | undefined }): SafeHtml {
  // a refused text comes back to the page (post → redirect → get): the form open, the message, what was typed
  return html`<details class="explain-edit"${f.back ? html` open` : ''}><summary>${f.value ? t('Modifier : {{quoi}}', { quoi: f.label.toLowerCase() }) : t('Écrire : {{quoi}}', { quoi: f.label.toLowerCase() })}</summary>
    <form method="post" action="${f.action}" class="form form-wide" novalidate>
      ${formAlert(f.back)}
      <div class="field"><label for="${f.id}">${f.label}</label>
        <p class="hint" id="${f.id}-hint">${f.hint}</p>
        <textarea id="${f.id}" name="texte" rows="6" maxlength="${f.max}" aria-describedby="${f.id}-hint${f.back ? ' erreurs' : ''}"${f.back ? html` aria-invalid="true"` : ''}>${typed(f.back, 'texte', f.value)}</textarea></div>
      <button type="submit">${t('Enregistrer')}</button>
    </form></details>`;
}

/** « Ce que change cet article », before the article's text; the form for admins and clerks. */
export function summaryBlock(ctx: PageContext, article: { id: string; number: string; summary?: string | null | undefined }): SafeHtml {
  const g = new Glosser('resume');
  const text = article.summary ?? '';
  const editable = may(ctx, 'article.summary', null);
  if (!text && !editable) return html``;
  return html`<section aria-labelledby="ce-que-change" class="explain">
    <h2 id="ce-que-change">${t('Ce que change cet article')}</h2>
    ${text
      ? html`<div lang="fr">${paragraphsGlossed(text, g)}</div><p class="hint">${g.text(t('Explication en langage courant, rédigée par le greffe : seul le texte de l’article, alinéa par alinéa, a valeur juridique.'))}</p>`
      : html`<p class="empty">${t('Pas encore d’explication pour cet article.')}</p>`}
    ${editable ? editForm({
      action: `/articles/${article.id}/resume`, id: 'resume-texte', label: t('Ce que change l’article {{numero}}', { numero: article.number }), value: text, max: EXPLANATION_MAX_CHARS.summary,
      hint: t('En langage courant, pour qui n’a jamais lu de loi. Laissez vide pour retirer l’explication.'), back: stateFor(ctx, 'ce-que-change'),
    }) : ''}
  </section>`;
}

/** The exposé des motifs, before the bill's text; the form for admins and clerks. */
export function memorandumBlock(ctx: PageContext, bill: { id: string; memorandum?: string | null | undefined }): SafeHtml {
  const g = new Glosser('motifs');
  const text = bill.memorandum ?? '';
  const editable = may(ctx, 'bill.memorandum', null);
  if (!text && !editable) return html``;
  const entry = GLOSSARY_BY_ID.get('expose-des-motifs')!;
  return html`<section aria-labelledby="expose-des-motifs" class="explain">
    <h2 id="expose-des-motifs">${g.term(entry, t('Exposé des motifs'))}</h2>
    ${text ? html`<div lang="fr">${paragraphsGlossed(text, g)}</div>` : html`<p class="empty">${t('Pas encore d’exposé des motifs.')}</p>`}
    ${editable ? editForm({
      action: `/textes/${bill.id}/expose-des-motifs`, id: 'motifs-texte', label: t('Exposé des motifs'), value: text, max: EXPLANATION_MAX_CHARS.memorandum,
      hint: t('Ce que le texte veut faire et pourquoi. Laissez vide pour le retirer.'), back: stateFor(ctx, 'expose-des-motifs'),
    }) : ''}
  </section>`;
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/** The closest tabled amendments, each with « Cosigner plutôt » when the viewer may co-sign. */
function closestItems(closest: readonly ClosestView[], canCosign: boolean): SafeHtml {
  return html`${closest.map((c) => html`<li>
    <p><a href="${c.url}" lang="fr">${c.title}</a> — ${t(STATUS_LABELS_FR[c.status])} · ${t('modifications communes : {{part}}', { part: percent(c.similarity) })}${c.cosignatories ? html` · ${tn('{{count}} cosignataire', '{{count}} cosignataires', c.cosignatories)}` : ''}</p>
    ${c.rationale.trim() ? html`<blockquote lang="fr"><p>${c.rationale.length > 280 ? `${c.rationale.slice(0, 279).trimEnd()}…` : c.rationale}</p></blockquote>` : ''}
    ${c.mine ? html`<p class="muted">${c.mine === 'author' ? t('Vous en êtes l’un des auteurs.') : t('Vous le cosignez déjà.')}</p>` : canCosign ? html`<form method="post" action="/amendements/${c.id}/cosigner" class="inline-form" novalidate>
      <button type="submit" class="secondary" aria-label="${t('Cosigner plutôt {{titre}}', { titre: c.title })}">${t('Cosigner plutôt')}</button></form>` : ''}
  </li>`)}`;
}

/**
 * On a draft, for its authors: the tabled amendments closest to it, each with « Cosigner plutôt »,
 * so that nobody tables a duplicate without knowing. The live editor refreshes the list as the text
 * changes (client/src/editor/closest.ts, from `data-closest`): both paragraphs are always there, one hidden.
 */
export function closestSection(ctx: PageContext, closest: readonly ClosestView[], phase: BillStatus, draftId: string): SafeHtml {
  const g = new Glosser('proches');
  const canCosign = decide('amendment.cosign', accountActors(ctx.user), phase).ok;
  const none = closest.length === 0;
  return html`<section aria-labelledby="proches" class="closest" data-closest="/api/amendments/${draftId}/closest"${canCosign ? html` data-cosign` : ''}>
    <h2 id="proches">${t('Amendements proches déjà déposés')}</h2>
    <p class="muted closest-none"${none ? '' : html` hidden`}>${t('Aucun amendement déposé à cet article ne fait des modifications semblables à celles de ce brouillon.')}</p>
    <p class="closest-intro"${none ? html` hidden` : ''}>${g.text(t('Avant de déposer : ces amendements font des modifications proches des vôtres. Si l’un dit déjà ce que vous voulez, vous pouvez le cosigner au lieu de déposer un amendement en double.'))}</p>
    <ul class="closest-list" role="list"${none ? html` hidden` : ''}>${closestItems(closest, canCosign)}</ul>
  </section>`;
}

/**
 * On the proposal form, after « Déposer » (amendment-routes.ts): the amendment is not filed yet, and
 * these tabled amendments make close changes; co-sign one, or file anyway (the form below).
 */
export function closestBeforeFiling(ctx: PageContext, closest: readonly ClosestView[], phase: BillStatus): SafeHtml {
  const g = new Glosser('proches');
  const canCosign = decide('amendment.cosign', accountActors(ctx.user), phase).ok;
  return html`<section aria-labelledby="proches" class="closest closest-before" tabindex="-1" id="avant-depot">
    <h2 id="proches">${t('Des amendements proches sont déjà déposés')}</h2>
    <p>${g.text(t('Votre amendement n’est pas encore déposé. Ces amendements déjà déposés à cet article font des modifications proches des vôtres : si l’un dit déjà ce que vous voulez, cosignez-le plutôt. Sinon, déposez le vôtre quand même avec le formulaire ci-dessous, où votre texte est conservé.'))}</p>
    <ul class="closest-list" role="list">${closestItems(closest, canCosign)}</ul>
  </section>`;
}

/** On a tabled amendment: its co-signatories, and « Cosigner » / « Retirer ma cosignature ». */
export function cosignSection(
  ctx: PageContext,
  a: { id: string; status: Parameters<typeof isOpen>[0]; origin: string; viewerIsAuthor: boolean },
  cosignatories: readonly CosignatoryView[],
  phase: BillStatus,
): SafeHtml {
  if (a.origin === 'parliament') return html``;
  const g = new Glosser('cosign');
  const mine = ctx.user ? cosignatories.some((c) => c.id === ctx.user!.id) : false;
  const open = isOpen(a.status) && decide('amendment.cosign', new Set(['citizen']), phase).ok;
  let action: SafeHtml = html``;
  if (open && !a.viewerIsAuthor) {
    if (!ctx.user) action = html`<p>${th('{{lien}} pour cosigner cet amendement.', { lien: html`<a href="/connexion?suite=/amendements/${a.id}">${t('Connectez-vous')}</a>` })}</p>`;
    else if (mine) action = html`<form method="post" action="/amendements/${a.id}/cosigner/retirer" class="inline-form" novalidate><button type="submit" class="secondary">${t('Retirer ma cosignature')}</button></form>`;
    else action = html`<form method="post" action="/amendements/${a.id}/cosigner" class="inline-form" novalidate>
      <p class="hint" id="cosigner-hint">${g.text(t('Vous soutenez cet amendement tel qu’il est rédigé : votre nom s’ajoute à la liste des cosignataires.'))}</p>
      <button type="submit" aria-describedby="cosigner-hint">${t('Cosigner cet amendement')}</button></form>`;
  }
  if (cosignatories.length === 0 && !open) return html``;
  return html`<section aria-labelledby="cosignataires"><h2 id="cosignataires">${t('Cosignataires')}</h2>
    ${cosignatories.length
      ? html`<ul class="cosignatories">${cosignatories.map((c) => html`<li><a href="/contributeurs/${c.id}">${displayName({ display_name: c.displayName, kind: c.kind, assurance: c.assurance })}</a></li>`)}</ul>`
      : html`<p class="muted">${t('Personne n’a encore cosigné cet amendement.')}</p>`}
    ${formAlert(stateFor(ctx, 'cosigner'))}${action}</section>`;
}

/**
 * What the amendment page shows of co-signing: on a draft, to its authors, the closest tabled
 * amendments; on a public amendment, its co-signatories and the button.
 */
export async function amendmentParticipation(
  db: Queryable, live: LiveTexts, c: PageContext, a: AmendmentRow, viewerIsAuthor: boolean, phase: BillStatus,
): Promise<SafeHtml> {
  if (a.status === 'draft') return viewerIsAuthor && phase === draftPhaseOf(a.origin) ? closestSection(c, await closestToAmendment(db, live, a, c.user?.id ?? null), phase, a.id) : html``;
  if (a.hidden_reason !== null) return html``;
  return cosignSection(c, { id: a.id, status: a.status, origin: a.origin, viewerIsAuthor }, await loadCosignatories(db, a.id), phase);
}
