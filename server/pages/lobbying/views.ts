import { INTEREST_LIMITS, REGISTER_HINT } from '../../../shared/interest';
import { html, type SafeHtml } from '../../html';
import type { DeclarationView } from '../../present/interest';
import type { ArticleFootprintView, BillFootprint } from '../../queries/footprint';
import type { ArticleRow } from '../../sql/articles';
import type { BillRow } from '../../sql/bills';
import type { RepresentativeChoice } from '../../sql/interest-representatives';
import type { UserRow } from '../../sql/users';
import { alertBox, textareaField, titled, type FormState } from '../amendment-parts';
import { formAlert, stateFor } from '../form-state';
import { layout, type PageContext } from '../layout';
import { budgetOptions, contributionItem, declarationFacts, hearingItem, representativeSelect, representativesList } from './parts';
import { t, th, tn } from '../../i18n';
import { tMessage } from '../../i18n/message';

const explain = () => html`<p class="lead">${t('L’empreinte législative : tout ce que des représentants d’intérêts ont écrit sur ce texte, ce que leurs auteurs ou le greffe disent inspiré par eux, et les auditions de la commission — chacun avec sa déclaration (répertoire de la HATVP, intérêts, dépenses).')}</p>`;

/** `/textes/:billId/empreinte`: the whole bill, article by article. */
export function billFootprintPage(c: PageContext, f: BillFootprint): string {
  const count = f.articles.reduce((n, a) => n + a.contributions.length, 0);
  return layout(c, {
    title: t('Empreinte législative – {{titre}}', { titre: f.bill.title }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${f.bill.id}" lang="fr">${f.bill.title}</a> › ${t('Empreinte législative')}`,
    main: html`<h1>${t('Empreinte législative')}</h1>${explain()}
      <p>${tn('{{count}} contribution liée à des représentants d’intérêts', '{{count}} contributions liées à des représentants d’intérêts', count)} · <a href="/textes/${f.bill.id}/auditions">${tn('{{count}} audition à l’agenda', '{{count}} auditions à l’agenda', f.hearings.length)}</a></p>
      ${representativesList(f.representatives)}
      ${f.articles.map((a) => html`<section aria-labelledby="art-${a.article.id}"><h2 id="art-${a.article.id}"><a href="/articles/${a.article.id}/empreinte">${th('Article {{numero}}', { numero: html`<span lang="fr">${a.article.number}</span>` })}</a></h2>
        ${a.contributions.length ? html`<ol class="contributions" role="list">${a.contributions.map(contributionItem)}</ol>` : html`<p class="empty">${t('Aucune contribution liée à un représentant d’intérêts.')}</p>`}
        ${a.hearings.length ? html`<h3>${t('Auditions sur cet article')}</h3><ul class="hearings" role="list">${a.hearings.map((h) => hearingItem(h))}</ul>` : ''}
      </section>`)}
      ${f.hearings.some((h) => h.article === null) ? html`<section aria-labelledby="ensemble"><h2 id="ensemble">${t('Auditions sur l’ensemble du texte')}</h2>
        <ul class="hearings" role="list">${f.hearings.filter((h) => h.article === null).map((h) => hearingItem(h))}</ul></section>` : ''}
      <p class="chart-links"><a href="/api/bills/${f.bill.id}/footprint">${t('Données (JSON)')}</a></p>`,
  });
}

/** `/articles/:articleId/empreinte`: one article's footprint. */
export function articleFootprintPage(c: PageContext, f: ArticleFootprintView): string {
  return layout(c, {
    title: t('Empreinte législative – article {{numero}}', { numero: f.article.number }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${f.bill.id}" lang="fr">${f.bill.title}</a> › <a href="/articles/${f.article.id}">${th('Article {{numero}}', { numero: html`<span lang="fr">${f.article.number}</span>` })}</a> › ${t('Empreinte législative')}`,
    main: html`<h1>${th('Empreinte législative de l’article {{numero}}', { numero: html`<span lang="fr">${f.article.number}</span>` })}</h1>${explain()}
      ${representativesList(f.representatives)}
      <h2>${t('Contributions')}</h2>
      ${f.contributions.length ? html`<ol class="contributions" role="list">${f.contributions.map(contributionItem)}</ol>` : html`<p class="empty">${t('Aucune contribution liée à un représentant d’intérêts sur cet article.')}</p>`}
      <h2>${t('Auditions')}</h2>
      ${f.hearings.length + f.wholeTextHearings.length
        ? html`<ul class="hearings" role="list">${f.hearings.map((h) => hearingItem(h))}${f.wholeTextHearings.map((h) => hearingItem(h))}</ul>`
        : html`<p class="empty">${t('Aucune audition pour l’instant.')}</p>`}
      <p><a href="/textes/${f.bill.id}/empreinte">${t('L’empreinte de tout le texte')}</a> · <a href="/textes/${f.bill.id}/auditions">${t('L’agenda des auditions')}</a></p>
      <p class="chart-links"><a href="/api/articles/${f.article.id}/footprint">${t('Données (JSON)')}</a></p>`,
  });
}

export interface AgendaData {
  bill: BillRow;
  articles: ArticleRow[];
  hearings: Parameters<typeof hearingItem>[0][];
  /** The viewer keeps the agenda (admin, clerk, commission member in this phase). */
  manage: boolean;
  representatives: RepresentativeChoice[];
  state?: FormState;
}

function manageForms(c: PageContext, d: AgendaData, h: AgendaData['hearings'][number]): SafeHtml {
  const back = `/textes/${d.bill.id}/auditions`;
  // a refused upload or removal comes back here (post → redirect → get), its message beside this hearing's forms
  return html`<div class="hearing-actions">
    ${formAlert(stateFor(c, `audition-${h.id}`))}
    <form method="post" action="/auditions/${h.id}/compte-rendu" enctype="multipart/form-data" class="form inline-form" novalidate>
      <label for="cr-${h.id}">${h.minutes ? t('Remplacer le compte rendu') : t('Déposer le compte rendu')} ${t('(PDF ou texte, {{n}} Mo au plus)', { n: INTEREST_LIMITS.minutesBytes / 1024 / 1024 })}</label>
      <input type="file" id="cr-${h.id}" name="fichier" accept="application/pdf,text/plain,.pdf,.txt" required>
      <input type="hidden" name="suite" value="${back}">
      <button type="submit" class="secondary">${t('Déposer')}</button>
    </form>
    <form method="post" action="/auditions/${h.id}/supprimer" class="inline" novalidate><input type="hidden" name="suite" value="${back}"><button type="submit" class="link danger">${t('Retirer de l’agenda')}</button></form>
  </div>`;
}

/** `/textes/:billId/auditions`: the public agenda of hearings, and its forms for those who keep it. */
export function agendaPage(c: PageContext, d: AgendaData): string {
  const v = d.state?.values ?? {};
  const e = d.state?.fieldErrors ?? {};
  const title = `Auditions – ${d.bill.title}`;
  return layout(c, {
    title: titled(title, d.state),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${d.bill.id}" lang="fr">${d.bill.title}</a> › Auditions`,
    main: html`<h1>${t('Auditions de la commission')}</h1>
      <p class="lead">${t('Qui la commission a entendu sur ce texte, quand, à quel sujet, et le compte rendu de chaque audition. Voir aussi')} <a href="/textes/${d.bill.id}/empreinte">${t('l’empreinte législative')}</a>.</p>
      ${alertBox(d.state)}
      ${d.hearings.length ? html`<ul class="hearings" role="list">${d.hearings.map((h) => hearingItem(h, d.manage ? manageForms(c, d, h) : ''))}</ul>` : html`<p class="empty">${t('Aucune audition à l’agenda pour l’instant.')}</p>`}
      ${d.manage ? html`<section aria-labelledby="nouvelle-audition"><h2 id="nouvelle-audition">${t('Inscrire une audition')}</h2>
        <form method="post" action="/textes/${d.bill.id}/auditions" class="form" novalidate>
          <div class="field"><label for="audition-date">${t('Date')}</label>
            ${e['audition-date'] ? html`<p class="field-error" id="audition-date-error">${tMessage(e['audition-date'])}</p>` : ''}
            <input type="date" id="audition-date" name="date" value="${v.date ?? ''}" required${e['audition-date'] ? html` aria-invalid="true" aria-describedby="audition-date-error"` : ''}></div>
          ${representativeSelect({ id: 'audition-representant', name: 'representant', label: t('Représentant d’intérêts entendu'), choices: d.representatives, value: v.representant, error: e['audition-representant'], none: t('Aucun : préciser ci-dessous'), hint: t('Une organisation déclarée ; sinon, écrivez le nom ci-dessous.') })}
          <div class="field"><label for="audition-entendu">${t('Ou : personne ou organisme entendu')}</label>
            ${e['audition-entendu'] ? html`<p class="field-error" id="audition-entendu-error">${tMessage(e['audition-entendu'])}</p>` : ''}
            <input type="text" id="audition-entendu" name="entendu" maxlength="${INTEREST_LIMITS.heardChars}" value="${v.entendu ?? ''}"${e['audition-entendu'] ? html` aria-invalid="true" aria-describedby="audition-entendu-error"` : ''}></div>
          <div class="field"><label for="audition-article">${t('Article concerné')}</label>
            <select id="audition-article" name="article"><option value="">${t('L’ensemble du texte')}</option>
              ${d.articles.map((a) => html`<option value="${a.id}"${a.id === v.article ? html` selected` : ''}>${t('Article {{numero}}', { numero: a.number })}</option>`)}</select></div>
          ${textareaField({ id: 'audition-objet', name: 'objet', label: t('Objet'), value: v.objet ?? '', rows: 3, error: e['audition-objet'] })}
          <div class="actions"><button type="submit">${t('Inscrire à l’agenda')}</button></div>
        </form></section>` : ''}
      <p class="chart-links"><a href="/api/bills/${d.bill.id}/hearings">${t('Données (JSON)')}</a></p>`,
  });
}

/** `/compte/representant-interets`: an organisation's declaration, and its form. */
export function declarationPage(c: PageContext, user: UserRow, current: DeclarationView | null, state?: FormState): string {
  const v = state?.values ?? {};
  const e = state?.fieldErrors ?? {};
  const title = t('Représentant d’intérêts');
  const active = current?.active ? current : null;
  const form = html`<form method="post" action="/compte/representant-interets" class="form" novalidate>
      <div class="field"><label for="decl-registre">${t('Identifiant au répertoire de la HATVP')}</label>
        <p class="hint" id="decl-registre-hint">${t('Facultatif :')} ${t(REGISTER_HINT)}.</p>
        ${e['decl-registre'] ? html`<p class="field-error" id="decl-registre-error">${tMessage(e['decl-registre'])}</p>` : ''}
        <input type="text" id="decl-registre" name="registre" maxlength="40" autocomplete="off" value="${v.registre ?? active?.register ?? ''}" aria-describedby="decl-registre-hint${e['decl-registre'] ? ' decl-registre-error' : ''}"${e['decl-registre'] ? html` aria-invalid="true"` : ''}></div>
      ${textareaField({ id: 'decl-interets', name: 'interets', label: t('Intérêts représentés'), value: v.interets ?? active?.interests.join('\n') ?? '', rows: 5, error: e['decl-interets'], hint: t('Un par ligne, {{n}} au plus (par exemple « enseignement supérieur », « édition scientifique »).', { n: INTEREST_LIMITS.interests }) })}
      <div class="field"><label for="decl-budget">${t('Dépenses annuelles de représentation d’intérêts')}</label>
        ${e['decl-budget'] ? html`<p class="field-error" id="decl-budget-error">${tMessage(e['decl-budget'])}</p>` : ''}
        <select id="decl-budget" name="budget">${budgetOptions(v.budget ?? active?.budgetBand ?? undefined)}</select></div>
      <div class="actions"><button type="submit">${active ? t('Mettre à jour la déclaration') : t('Me déclarer représentant d’intérêts')}</button></div>
    </form>`;
  return layout(c, {
    title: titled(title, state),
    breadcrumb: html`<a href="/compte">${t('Mon compte')}</a> › ${title}`,
    main: html`<h1>${title}</h1>
      <p class="lead">${t('Une organisation qui cherche à influer sur la loi le déclare : son identifiant au répertoire de la HATVP, les intérêts qu’elle représente, ses dépenses. La déclaration est publique, sur votre page de contributeur et à côté de tout ce que vous écrivez ou inspirez.')}</p>
      ${alertBox(state)}
      ${user.kind !== 'organisation'
        ? html`<p class="notice">${t('Ce compte est celui d’une personne : seules les organisations se déclarent représentants d’intérêts.')}</p>`
        : html`${active ? html`<h2>${t('Votre déclaration')}</h2>${declarationFacts(active)}
            <form method="post" action="/compte/representant-interets/retirer" class="inline" novalidate><button type="submit" class="secondary">${t('Retirer ma déclaration')}</button></form>
            <p class="hint">${t('Retirer la déclaration ne retire rien de l’empreinte législative : ce qui a été écrit sous elle y reste.')}</p>
            <h2>${t('Modifier')}</h2>` : current ? html`<p class="notice">${t('Votre déclaration a été retirée. Vous pouvez en faire une nouvelle.')}</p>` : ''}
          ${form}`}
      <p><a href="/contributeurs/${user.id}">${t('Ma page publique')}</a></p>`,
  });
}
