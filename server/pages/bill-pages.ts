import { formAlert, stateFor } from './form-state';
import { STATUS_LABELS_FR, type BillStatus } from '../../shared/phases';
import type { TallyScope } from '../sql/votes';
import { assuranceToggle } from './assurance-toggle';
import { VOTE_LABELS_FR, VOTE_VALUES, type Tally, type VoteValue } from '../../shared/votes';
import type { ArticleRow, VersionRow } from '../sql/articles';
import type { BillListRow, BillRow } from '../sql/bills';
import { alineaList, fullText, tableOfContents, type PassageMark } from './bill-text';
import { proposeAmendment } from './amendment-form-page';
import { html, type SafeHtml } from '../html';
import { msg } from '../../shared/i18n';
import { articleTitle } from './bill-text';
import { tMessage } from '../i18n/message';
import { layout, may, type PageContext } from './layout';
import { memorandumBlock, summaryBlock } from './participation-parts';
import { searchWithin } from './search-within';
import { formatDate, t, th, tn } from '../i18n';


export function phaseBadge(status: BillStatus): SafeHtml {
  return html`<span class="phase phase-${status}">${t(STATUS_LABELS_FR[status])}</span>`;
}

export function homePage(ctx: PageContext, bills: BillListRow[]): string {
  const list = bills.length
    ? html`<ul class="bill-list" role="list">${bills.map(
        (b) => html`<li><a href="/textes/${b.id}" lang="fr">${b.title}</a>
          <p class="meta">${phaseBadge(b.status)} · ${tn('{{count}} article', '{{count}} articles', b.article_count)} · ${t('déposé le {{date}}', { date: formatDate(b.created_at) })}</p></li>`,
      )}</ul>`
    : html`<p class="empty">${t('Aucun projet de loi n’est encore en ligne. Les textes apparaîtront ici dès leur publication.')}</p>`;
  return layout(ctx, {
    title: t('Projets de loi'),
    main: html`<h1>${t('Projets de loi')}</h1>
      <p class="lead">${t('Lisez les textes, annotez-les, proposez et votez des amendements : la loi s’écrit en public.')}</p>
      ${list}`,
  });
}

const NEXT_PHASE: Partial<Record<BillStatus, { to: BillStatus; label: string; hint: string }>> = {
  draft: { to: 'consultation', label: msg('Ouvrir la consultation'), hint: msg('Les citoyens pourront annoter, amender, argumenter et voter.') },
  consultation: { to: 'commission', label: msg('Clore la consultation et réunir la commission'), hint: msg('Les citoyens ne déposeront plus d’amendements ; la commission examine et décide.') },
  commission: { to: 'adopted', label: msg('Adopter le texte'), hint: msg('Le texte réconcilié est figé : chaque article modifié reçoit sa nouvelle version. C’est définitif.') },
};

/**
 * The admin's one-way switch to the next phase, said in words with its consequence: `suite` is where
 * it leads once done, `from` the page it is on (where a refusal comes back, form `phase`; default:
 * `suite`, else the bill's page).
 */
export function phaseForm(bill: Pick<BillRow, 'id' | 'status'>, suite?: string, from?: string): SafeHtml {
  const next = NEXT_PHASE[bill.status];
  if (!next) return html``;
  return html`<form method="post" action="/textes/${bill.id}/phase" class="form phase-form" novalidate>
    <input type="hidden" name="statut" value="${next.to}">${suite ? html`<input type="hidden" name="suite" value="${suite}">` : ''}${from ? html`<input type="hidden" name="depuis" value="${from}">` : ''}
    <p class="hint" id="phase-hint-${bill.id}">${t(next.hint)}</p>
    <button type="submit" aria-describedby="phase-hint-${bill.id}">${t(next.label)}</button>
  </form>`;
}

export function billPage(ctx: PageContext, bill: BillRow, articles: ArticleRow[]): string {
  return layout(ctx, {
    title: bill.title,
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a>`,
    main: html`<h1 class="bill-title" lang="fr">${bill.title}</h1>
      <p class="meta">${phaseBadge(bill.status)} · ${tn('{{count}} article', '{{count}} articles', articles.length)}</p>
      <p class="bill-links">${may(ctx, 'desk.read', null) ? html`<a class="button" href="/textes/${bill.id}/greffe">${t('Bureau du greffe')}</a> ` : ''}${bill.status === 'commission' || bill.status === 'adopted'
        ? html`<a href="/textes/${bill.id}/commission">${t('Commission mixte')}</a> · <a href="/textes/${bill.id}/texte-reconcilie">${bill.status === 'adopted' ? t('Texte adopté') : t('Texte réconcilié')}</a> · <a href="/textes/${bill.id}/comparatif">${t('Tableau comparatif')}</a>`
        : ''} <a href="/textes/${bill.id}/historique">${t('Historique et données ouvertes')}</a> · <a href="/textes/${bill.id}/participation">${t('Participation')}</a> · <a href="/textes/${bill.id}/tirage">${t('Tirage au sort du collège citoyen')}</a> · <a href="/textes/${bill.id}/opinions">${t('Cartographie des opinions')}</a> · <a href="/textes/${bill.id}/empreinte">${t('Empreinte législative')}</a> · <a href="/textes/${bill.id}/auditions">${t('Auditions')}</a></p>
      ${formAlert(stateFor(ctx, 'phase'))}${may(ctx, 'bill.move', bill.status) ? phaseForm(bill) : ''}
      ${bill.status === 'draft' ? '' : searchWithin({ billId: bill.id })}
      ${memorandumBlock(ctx, bill)}
      <div class="bill-layout">${tableOfContents(articles)}${fullText(articles)}</div>`,
  });
}

function voteForm(article: ArticleRow, tally: Tally, mine: VoteValue | null, ctx: PageContext, open: boolean): SafeHtml {
  const counts = html`<p class="tally">${VOTE_VALUES.map((v) => html`<span class="tally-${v}">${t('{{label}} :', { label: t(VOTE_LABELS_FR[v]) })} <strong>${tally[v]}</strong></span> `)}
    <span class="muted">(${tn('{{count}} vote', '{{count}} votes', tally.total)})</span></p>`;
  // a refused vote comes back here (post → redirect → get): its message, whether or not the form is still offered
  const refused = formAlert(stateFor(ctx, 'avis'));
  if (!open) return html`${counts}${refused}<p class="muted">${t('Les votes sont ouverts pendant la consultation.')}</p>`;
  if (!ctx.user) return html`${counts}<p>${th('{{lien}} pour donner votre avis.', { lien: html`<a href="/connexion?suite=/articles/${article.id}">${t('Connectez-vous')}</a>` })}</p>`;
  return html`${counts}<form method="post" action="/articles/${article.id}/vote" class="vote-form" novalidate>
    ${refused}
    <fieldset><legend>${th('Votre avis sur l’article {{numero}}', { numero: html`<span lang="fr">${article.number}</span>` })}</legend>
    ${VOTE_VALUES.map((v) => html`<button type="submit" name="value" value="${v}" class="vote vote-${v}" aria-pressed="${mine === v ? 'true' : 'false'}">${t(VOTE_LABELS_FR[v])}</button> `)}
    ${mine ? html`<button type="submit" name="value" value="none" class="link">${t('Retirer mon vote')}</button>` : ''}
    </fieldset></form>`;
}

/**
 * What a refused proposal held (the consultation closed meanwhile, post → redirect → get): no form takes it
 * any more, so it is shown to be copied, not lost.
 */
function refusedProposal(state: ReturnType<typeof stateFor>): SafeHtml | '' {
  const [text, rationale] = [state?.values?.texte ?? '', state?.values?.expose ?? ''];
  if (!text.trim() && !rationale.trim()) return '';
  const box = (id: string, label: string, value: string) => html`<div class="field"><label for="${id}">${label}</label>
    <textarea id="${id}" readonly rows="${Math.min(12, value.split('\n').length + 1)}" lang="fr">${value}</textarea></div>`;
  return html`<details class="typed-copy" open><summary>${t('Ce que vous aviez écrit')}</summary>
    ${text.trim() ? box('amender-texte', t('Texte proposé'), text) : ''}${rationale.trim() ? box('amender-expose', t('Exposé sommaire'), rationale) : ''}</details>`;
}

/** The way from an article to its amendments, and to proposing one while the consultation is open. */
function articleAmendments(ctx: PageContext, bill: BillRow, article: ArticleRow): SafeHtml {
  const refused = stateFor(ctx, 'amender');
  return html`<section aria-labelledby="amendements"><h2 id="amendements">${t('Amendements')}</h2>
    ${formAlert(refused)}${refusedProposal(refused)}
    <p><a href="/articles/${article.id}/amendements">${th('Voir les amendements à l’article {{numero}}', { numero: html`<span lang="fr">${article.number}</span>` })}</a></p>
    ${bill.status === 'consultation'
      ? proposeAmendment(article)
      : html`<p class="muted">${t('Les amendements se proposent pendant la consultation.')}</p>`}
  </section>`;
}

export function articlePage(
  ctx: PageContext,
  page: {
    bill: BillRow;
    article: ArticleRow;
    versions: VersionRow[];
    tally: Tally;
    mine: VoteValue | null;
    neighbours: { previous?: { id: string; number: string }; next?: { id: string; number: string } };
    /** Annotated passages, highlighted in the text with a link to their note. */
    marks?: PassageMark[];
    /** Sections after the amendments (arguments, annotations). */
    extras?: SafeHtml;
    /** Whose votes the tallies count (`?votes=verifies`: verified identities only). */
    assurance?: TallyScope;
  },
): string {
  const { bill, article, versions, neighbours } = page;
  const path = article.headings.map((h) => html`<li lang="fr">${h.label}${h.title ? html` – ${h.title}` : ''}</li>`);
  return layout(ctx, {
    title: `${t('Article {{numero}}', { numero: article.number })} – ${bill.title}`,
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a>`,
    main: html`<h1>${articleTitle(article.number)}</h1>
      ${path.length ? html`<ol class="heading-path" aria-label="${t('Division')}">${path}</ol>` : ''}
      <p class="meta">${phaseBadge(bill.status)} · ${t('version {{n}}', { n: article.version })}</p>
      ${bill.status === 'draft' ? '' : searchWithin({ billId: bill.id, article })}
      ${summaryBlock(ctx, article)}
      <div class="bill-text" lang="fr">${alineaList(article.number, article.alineas, page.marks)}</div>
      <section aria-labelledby="avis"><h2 id="avis">${t('Avis des participants')}</h2>
        ${assuranceToggle(ctx, page.assurance ?? 'all', { path: `/articles/${article.id}`, fragment: 'avis' })}
        ${voteForm(article, page.tally, page.mine, ctx, bill.status === 'consultation')}</section>
      ${articleAmendments(ctx, bill, article)}
      ${page.extras ?? ''}
      <section aria-labelledby="versions"><h2 id="versions">${t('Versions')}</h2>
        <ol class="versions">${versions.map((v) => html`<li>${t('Version {{n}}', { n: v.version })} — <span lang="fr">${v.reason}</span>, ${formatDate(v.created_at)}</li>`)}</ol>
        <p><a href="/articles/${article.id}/historique">${t('Historique de l’article : comparer ses versions, ses amendements, ses événements')}</a> · <a href="/articles/${article.id}/empreinte">${t('Empreinte législative : représentants d’intérêts et auditions')}</a></p></section>
      <nav aria-label="${t('Articles voisins')}" class="pager">
        ${neighbours.previous ? html`<a href="/articles/${neighbours.previous.id}" rel="prev">← ${articleTitle(neighbours.previous.number)}</a>` : ''}
        ${neighbours.next ? html`<a href="/articles/${neighbours.next.id}" rel="next">${articleTitle(neighbours.next.number)} →</a>` : ''}
      </nav>`,
  });
}

export function notFoundPage(ctx: PageContext, message = msg('Cette page n’existe pas.')): string {
  return layout(ctx, { title: t('Page introuvable'), main: html`<h1>${t('Page introuvable')}</h1><p>${tMessage(message)}</p><p><a href="/">${t('Retour à l’accueil')}</a></p>` });
}

/** `message`: French, said through the catalogue; or already said (`tError`). */
export function errorPage(ctx: PageContext, title: string, message: string | SafeHtml): string {
  return layout(ctx, { title, main: html`<h1>${title}</h1><p>${typeof message === 'string' ? tMessage(message) : message}</p><p><a href="/">${t('Retour à l’accueil')}</a></p>` });
}
