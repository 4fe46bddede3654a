import { decide, draftPhaseOf } from '../../shared/policy';
import { isOpen } from '../../shared/amendment';
import { renderSideBySideDiff, renderUnifiedDiff } from '../../shared/diff-html';
import { VOTE_LABELS_FR, VOTE_VALUES, type VoteValue } from '../../shared/votes';
import type { loadAmendmentView } from '../present/amendment';
import type { TallyScope } from '../sql/votes';
import { assuranceToggle } from './assurance-toggle';
import type { BillRow } from '../sql/bills';
import { authorActions } from './amendment-author-forms';
import { clerkTools, decisionNotice, formalisationSection, inadmissibleNotice, liasseSection, responsesSection } from './amendment-clerk-parts';
import { liveEditorMount } from './amendment-live-editor';
import { voteChartSection } from './vote-chart';
import {
  alertBox, amendmentTitle, authorsLine, dateTimeFr, kindBadge, paragraphs, statusBadge, tallyLine, titled, type FormState,
} from './amendment-parts';
import { html, raw, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { t, th } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';
import { articleTitle } from './bill-text';
import { glossed } from './glossary';

export type AmendmentView = Awaited<ReturnType<typeof loadAmendmentView>>;
export type DiffView = 'unified' | 'side';

export interface AmendmentPageData {
  bill: BillRow;
  amendment: AmendmentView;
  /** The article's current version, to say how far behind a stale amendment is. */
  articleVersion: number;
  mine: VoteValue | null;
  view: DiffView;
  /** A form of the authors' space sent back with errors. */
  state?: FormState;
  /** Sections other modules render under the votes (arguments). */
  extras?: SafeHtml;
  /** « Signaler » the amendment to the moderators, shown under its authors. */
  report?: SafeHtml;
  /** Whose votes the tallies count (`?votes=verifies`: verified identities only). */
  assurance?: TallyScope;
}

const REVISION_LABELS = { draft: msg('brouillon'), submission: msg('dépôt'), formalisation: msg('mise en forme'), rectification: msg('rectification'), sub_amendment: msg('sous-amendement adopté') } as const;

function diffHeading(a: AmendmentView): string {
  if (a.kind === 'delete') return t('Suppression de l’article {{numero}}', { numero: a.articleNumber });
  if (a.kind === 'insert_after') return t('Article additionnel après l’article {{numero}}', { numero: a.articleNumber });
  return t('Modifications proposées');
}

/** The diff, unified by default or side by side; a plain link switches, so no script is needed. */
function diffSection(a: AmendmentView, view: DiffView): SafeHtml {
  if (!a.diff) return html``;
  const here = `/amendements/${a.id}`;
  const toggle = view === 'side'
    ? html`<a href="${here}#texte">${t('Afficher les modifications dans le texte')}</a>`
    : html`<a href="${here}?vue=cote-a-cote#texte">${t('Afficher le texte actuel et le texte proposé côte à côte')}</a>`;
  const caption = a.stale
    ? t('Texte actuel (version {{n}} de l’article, sur laquelle il a été rédigé) et texte proposé, alinéa par alinéa', { n: a.baseVersion })
    : t('Texte actuel et texte proposé, alinéa par alinéa');
  const rendered = view === 'side'
    ? renderSideBySideDiff(a.diff, { caption })
    : renderUnifiedDiff(a.diff);
  return html`<section aria-labelledby="texte"><h2 id="texte">${diffHeading(a)}</h2>
    <p class="hint">${t('Les ajouts sont soulignés, les suppressions barrées.')}</p>
    <p class="view-switch">${toggle}</p>
    <div class="diff-wrap" data-live-diff lang="fr">${raw(rendered)}</div>
  </section>`;
}

/** A chamber's amendment: its dispositif as printed; citizens do not vote on it. */
function parliamentSection(p: { dispositif: string; textComputed: boolean }): SafeHtml {
  return html`<section aria-labelledby="dispositif-parlementaire"><h2 id="dispositif-parlementaire">${glossed('dispositif', t('Dispositif (tel que déposé)'))}</h2>
    <div class="dispositif" lang="fr">${paragraphs(p.dispositif)}</div>
    ${p.textComputed ? '' : html`<p class="notice">${t('Ce dispositif n’a pas pu être appliqué automatiquement à l’article : pas de texte consolidé.')}</p>`}
    <p class="muted">${t('Amendement déposé au Parlement : il n’est pas soumis au vote des participants.')}</p></section>`;
}

function voteSection(ctx: PageContext, d: AmendmentPageData): SafeHtml {
  const a = d.amendment;
  // a draft has no votes to count: saying « 0 » would suggest that nobody agrees
  const counts = a.status === 'draft' ? '' : tallyLine(a.tally);
  let body: SafeHtml;
  if (a.status === 'draft') body = html`<p class="muted">${t('Le vote s’ouvrira au dépôt de l’amendement.')}</p>`;
  else if (!isOpen(a.status)) body = html`<p class="muted">${t('Cet amendement n’est plus soumis au vote.')}</p>`;
  else if (!decide('vote.amendment', new Set(['citizen']), d.bill.status).ok) body = html`<p class="muted">${t('Les votes sont ouverts pendant la consultation.')}</p>`;
  else if (a.hidden) body = html`<p class="muted">${t('Une contribution masquée par la modération ne peut pas recevoir de votes.')}</p>`;
  else if (!ctx.user) body = html`<p>${th('{{lien}} pour donner votre avis.', { lien: html`<a href="/connexion?suite=/amendements/${a.id}">${t('Connectez-vous')}</a>` })}</p>`;
  else {
    body = html`<form method="post" action="/amendements/${a.id}/vote" class="vote-form" novalidate>
      <fieldset><legend>${t('Votre avis sur l’amendement n° {{numero}}', { numero: a.displayNumber ?? '' })}</legend>
      ${VOTE_VALUES.map((v) => html`<button type="submit" name="value" value="${v}" class="vote vote-${v}" aria-pressed="${d.mine === v ? 'true' : 'false'}">${t(VOTE_LABELS_FR[v])}</button> `)}
      ${d.mine ? html`<button type="submit" name="value" value="none" class="link">${t('Retirer mon vote')}</button>` : ''}
      </fieldset></form>`;
  }
  const toggle = a.status === 'draft' ? '' : assuranceToggle(ctx, d.assurance ?? 'all', { path: `/amendements/${a.id}`, fragment: 'avis' });
  return html`<section aria-labelledby="avis"><h2 id="avis">${t('Avis des participants')}</h2>${toggle}${counts}${body}</section>`;
}

function revisionsSection(a: AmendmentView): SafeHtml {
  if (a.revisions.length === 0) return html``;
  const names = new Map(a.authors.map((x) => [x.id, x.displayName]));
  // drafts are their authors' alone: the public list starts at the submission, whatever its number
  const first = a.revisions[0]!.revision;
  const drafts = first > 1 ? html`<p class="hint">${first === 2 ? t('La révision 1 est un brouillon, que seuls les auteurs voient.') : t('Les révisions 1 à {{n}} sont des brouillons, que seuls les auteurs voient.', { n: first - 1 })}</p>` : '';
  return html`<section aria-labelledby="revisions"><h2 id="revisions">${t('Révisions')}</h2>${drafts}
    <ol class="revisions" role="list">${a.revisions.map((r) => {
      const who = r.authorId ? names.get(r.authorId) : undefined;
      return html`<li>${t('Révision {{n}} — {{quoi}}, le {{date}}', { n: r.revision, quoi: t(REVISION_LABELS[r.kind]), date: dateTimeFr.format(new Date(r.createdAt)) })}${who ? html`, ${t('par {{nom}}', { nom: who })}` : ''}</li>`;
    })}</ol></section>`;
}

/** « Rectifier » for its authors and the clerks, while the commission has not decided (the operation checks the rest). */
function rectifyLink(ctx: PageContext, d: AmendmentPageData): SafeHtml {
  const a = d.amendment;
  const clerk = ctx.user?.roles.includes('clerk') ?? false;
  if (!ctx.user || (!a.viewerIsAuthor && !clerk) || d.bill.status !== 'commission' || !isOpen(a.status) || a.parliament) return html``;
  return html`<p class="rectify"><a href="/amendements/${a.id}/rectifier">${t('Publier une version rectifiée (n° {{numero}} rect.{{suite}})', { numero: a.displayNumber ?? '', suite: a.rectification > 0 ? ' …' : '' })}</a></p>`;
}

/** Where the amendment stands: stale, masked, withdrawn… said in words above its text. */
function notices(d: AmendmentPageData, masked: boolean): SafeHtml {
  const a = d.amendment;
  return html`
    ${a.stale ? html`<p class="notice notice-warn"><strong>${t('Texte à mettre à jour :')}</strong> ${t('cet amendement a été rédigé sur la version {{base}} de l’article, qui a changé depuis (version actuelle : {{actuelle}}).', { base: a.baseVersion, actuelle: d.articleVersion })}</p>` : ''}
    ${a.hidden && masked ? html`<p class="moderated">${tMessage(a.hidden.label)}</p>` : ''}
    ${a.hidden && !masked ? html`<p class="notice notice-warn">${t('Masqué pour le public')} — ${tMessage(a.hidden.label)}</p>` : ''}
    ${a.subAmendment ? html`<p class="notice">${th('Sous-amendement à l’{{lien}} : il en réécrit le texte ; la commission l’examine juste avant lui.', { lien: html`<a href="/amendements/${a.subAmendment.parentId}">${t('amendement n° {{numero}}', { numero: a.subAmendment.parentDisplayNumber ?? '' })}</a>` })}</p>` : ''}
    ${a.rectification > 0 ? html`<p class="notice">${t('Version rectifiée (n° {{numero}}) : les versions précédentes sont dans les révisions et l’historique.', { numero: a.displayNumber ?? '' })}</p>` : ''}
    ${inadmissibleNotice(a)}
    ${decisionNotice(a)}
    ${a.status === 'draft' ? html`<p class="notice">${t('Brouillon : seuls ses auteurs le voient. Il recevra un numéro public à son dépôt.')}</p>` : ''}`;
}

/** One amendment: who, where, what it changes, why, what people think, and its history. */
export function amendmentPage(ctx: PageContext, d: AmendmentPageData): string {
  const a = d.amendment;
  // loadAmendmentView leaves the diff out when the viewer may not see a masked text
  const masked = a.hidden !== null && a.diff === null;
  const title = amendmentTitle(a.displayNumber, a.parliament);
  // A draft whose phase has ended (the consultation closed) is frozen: read-only, never tabled.
  const closed = a.status === 'draft' && d.bill.status !== draftPhaseOf(a.origin);
  const submitted = a.submittedAt ? html` · ${t('déposé le {{date}}', { date: dateTimeFr.format(new Date(a.submittedAt)) })}` : '';
  return layout(ctx, {
    title: titled(`${title} – ${t('article {{numero}}', { numero: a.articleNumber })} – ${d.bill.title}`, d.state),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${d.bill.id}" lang="fr">${d.bill.title}</a> › <a href="/articles/${a.articleId}">${articleTitle(a.articleNumber)}</a> › <a href="/articles/${a.articleId}/amendements">${t('Amendements')}</a>`,
    main: html`<h1>${title}</h1>${alertBox(d.state)}
      <p class="meta">${kindBadge(a.kind)} ${statusBadge(a.status)} · ${th('à l’{{lien}}', { lien: html`<a href="/articles/${a.articleId}">${t('article {{numero}}', { numero: a.articleNumber })}</a>` })}${submitted}</p>
      ${authorsLine(a)}${a.collected ? html`<p class="provenance">${a.collected.label}${a.collected.claimed ? ` (${t('récupéré par la personne')})` : ''}</p>` : ''}
      ${d.report ?? ''}
      ${notices(d, masked)}
      ${closed ? html`<p class="notice" role="status">${a.origin === 'commission' ? t('La commission a terminé ses travaux : ce brouillon ne peut plus être modifié ni déposé. Il reste lisible par ses seuls auteurs.') : t('La consultation est close : ce brouillon ne peut plus être modifié ni déposé. Il reste lisible par ses seuls auteurs.')}</p>` : ''}
      ${masked || closed ? '' : liveEditorMount(a, ctx.user)}
      ${masked ? '' : diffSection(a, d.view)}
      ${masked ? '' : formalisationSection(a)}
      ${masked || a.parliament ? '' : liasseSection(a)}
      ${masked ? '' : html`<section aria-labelledby="expose"><h2 id="expose">${glossed('expose-sommaire', t('Exposé sommaire'))}</h2>
        ${a.rationale.trim() ? html`<div class="rationale" lang="fr">${paragraphs(a.rationale)}</div>` : html`<p class="empty">${t('Pas encore d’exposé sommaire.')}</p>`}</section>`}
      ${responsesSection(a)}
      ${a.parliament ? parliamentSection(a.parliament) : html`${voteSection(ctx, d)}${voteChartSection(a)}`}
      ${d.extras ?? ''}
      ${a.viewerIsAuthor && ctx.user && !closed ? authorActions(a, ctx.user.id, d.state) : ''}
      ${rectifyLink(ctx, d)}
      ${clerkTools(a, ctx.user, ctx)}
      ${revisionsSection(a)}
      ${a.status !== 'draft' ? html`<p><a href="/amendements/${a.id}/historique">${t('Historique de l’amendement : comparer ses révisions, sa décision')}</a></p>` : ''}
      <p><a href="/articles/${a.articleId}/amendements">${t('Tous les amendements à l’article {{numero}}', { numero: a.articleNumber })}</a></p>`,
  });
}
