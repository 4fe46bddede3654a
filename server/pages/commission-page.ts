import {
  COLLEGE_LABELS_FR, COLLEGES, COMMISSION_VOTE_LABELS_FR, COMMISSION_VOTES, DECISION_RULE_LABELS_FR, DECISION_RULES, type CommissionTally,
} from '../../shared/commission';
import { STATUS_LABELS_FR } from '../../shared/amendment';
import type { Dashboard } from '../present/commission-dashboard';
import { amendmentTitle, authorList, kindBadge, paragraphs, statusBadge, tallyLine } from './amendment-parts';
import { groupSupportLine } from './opinion-parts';
import { phaseBadge, phaseForm } from './bill-pages';
import { html, type SafeHtml } from '../html';
import { layout, may, type PageContext } from './layout';
import { fieldAria, fieldError, formAlert, stateFor, typed } from './form-state';
import type { FormState } from './amendment-parts';
import { t, tn } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';
import { glossed } from './glossary';

type Group = Dashboard['groups'][number];

const RULE_USED: Record<string, string> = {
  explicit: msg('décision de la présidence'), simple_majority: msg('majorité simple'), double_majority: msg('double majorité'), consequence: msg('conséquence d’une adoption'),
};

/** The commission's tally per college as a small table (numbers with their labels, for screen readers). */
export function commissionTallyTable(tally: CommissionTally | Record<string, never>, caption: string): SafeHtml {
  if (!('all' in tally)) return html``;
  const rows = [...COLLEGES.map((c) => [t(COLLEGE_LABELS_FR[c]), tally[c]] as const), [t('Total'), tally.all] as const];
  return html`<table class="data commission-tally"><caption>${caption}</caption>
    <thead><tr><th scope="col">${t('Collège')}</th>${COMMISSION_VOTES.map((v) => html`<th scope="col">${t(COMMISSION_VOTE_LABELS_FR[v])}</th>`)}</tr></thead>
    <tbody>${rows.map(([label, c]) => html`<tr><th scope="row">${label}</th><td>${c.for}</td><td>${c.against}</td><td>${c.abstain}</td></tr>`)}</tbody></table>`;
}

/** The dashboard's address with its filters and page: forms come back to where they were sent from. */
function here(d: Dashboard, page = d.filter.page): string {
  const q = new URLSearchParams();
  if (d.filter.articleId) q.set('article', d.filter.articleId);
  if (d.filter.pending) q.set('attente', '1');
  if (page > 1) q.set('page', String(page));
  const query = q.toString();
  return `/textes/${d.bill.id}/commission${query ? `?${query}` : ''}`;
}

function filterForm(d: Dashboard): SafeHtml {
  return html`<form method="get" action="/textes/${d.bill.id}/commission" class="desk-filters">
    <div class="field"><label for="c-article">${t('Article')}</label><select id="c-article" name="article">
      <option value="">${t('Tous les articles')}</option>${d.articles.map((a) => html`<option value="${a.id}"${d.filter.articleId === a.id ? html` selected` : ''}>Article ${a.number}</option>`)}</select></div>
    <div class="field checkbox"><input type="checkbox" id="c-attente" name="attente" value="1"${d.filter.pending ? html` checked` : ''}><label for="c-attente">${t('En attente de décision seulement')}</label></div>
    <button type="submit">${t('Filtrer')}</button>
  </form>`;
}

function pager(d: Dashboard): SafeHtml {
  const pages = Math.max(1, Math.ceil(d.selected / d.filter.pageSize));
  if (pages <= 1) return html``;
  const p = d.filter.page;
  return html`<nav aria-label="${t('Pages de l’examen')}" class="pager">
    ${p > 1 ? html`<a href="${here(d, p - 1)}" rel="prev">${t('Page précédente')}</a>` : ''}
    <span>${t('Page {{page}} sur {{pages}}', { page: p, pages })}</span>
    ${p < pages ? html`<a href="${here(d, p + 1)}" rel="next">${t('Page suivante')}</a>` : ''}</nav>`;
}

function decisionLine(g: Group): SafeHtml {
  const d = g.decision;
  if (!d) return html`<p class="decision pending" data-decision>${t('En attente de décision')}</p>`;
  const word = STATUS_LABELS_FR[d.outcome];
  return html`<p class="decision decision-${d.outcome}" data-decision><strong>${t(word)}</strong> — ${RULE_USED[d.rule] ? t(RULE_USED[d.rule]!) : d.rule}${d.reason ? html` : ${tMessage(d.reason)}` : ''}</p>`;
}

function voteForm(d: Dashboard, g: Group): SafeHtml {
  const head = g.amendments[0]!;
  const open = head.status === 'submitted' || head.status === 'formalised';
  if (!d.myCollege || d.bill.status !== 'commission' || !open) return html``;
  return html`<form method="post" action="/amendements/${head.id}/vote-commission" class="vote-form" novalidate>
    <fieldset><legend>${t('Votre vote ({{college}}) sur l’{{amendement}}', { college: t(COLLEGE_LABELS_FR[d.myCollege]), amendement: amendmentTitle(head.displayNumber).replace(/^A/, 'a') })}</legend>
    ${COMMISSION_VOTES.map((v) => html`<button type="submit" name="value" value="${v}" class="vote vote-${v === 'for' ? 'for' : v === 'against' ? 'against' : 'mitigated'}" aria-pressed="${g.myVote === v ? 'true' : 'false'}">${t(COMMISSION_VOTE_LABELS_FR[v])}</button> `)}
    </fieldset><input type="hidden" name="suite" value="${here(d)}#examen-${g.index}"></form>`;
}

function decisionForm(d: Dashboard, g: Group, ctx: PageContext, back: FormState | undefined): SafeHtml {
  const head = g.amendments[0]!;
  const open = head.status === 'submitted' || head.status === 'formalised';
  if (!may(ctx, 'amendment.decide', d.bill.status) || !open) return html``;
  return html`<form method="post" action="/amendements/${head.id}/decision" class="decision-form actions" novalidate>
    <input type="hidden" name="suite" value="${here(d)}#examen-${g.index}">
    <button type="submit" name="decision" value="rule">${t('Décider selon la règle')}</button>
    <button type="submit" name="decision" value="adopted" class="secondary">${t('Adopter')}</button>
    <button type="submit" name="decision" value="rejected" class="secondary">${t('Rejeter')}</button>
  </form>
  <details class="not-examined"${typed(back, 'decision') === 'not_examined' ? html` open` : ''}><summary>${t('Clore sans examen…')}</summary>
    <form method="post" action="/amendements/${head.id}/decision" class="stack" novalidate>
      <input type="hidden" name="suite" value="${here(d)}#examen-${g.index}">
      <label for="raison-${head.id}">${t('Raison publique (elle sera lue par les auteurs et par tous)')}</label>${fieldError(back, 'raison', `raison-${head.id}`)}
      <textarea id="raison-${head.id}" name="raison" rows="2" required maxlength="2000"${fieldAria(back, 'raison', `raison-${head.id}`)}>${typed(back, 'raison')}</textarea>
      <button type="submit" name="decision" value="not_examined" class="secondary">${t('Clore comme « non examiné »')}</button>
    </form>
  </details>`;
}

/** A member may sous-amend an open amendment of the platform (not a sous-amendement, not a deletion) before the vote on it. */
function subAmendLink(d: Dashboard, g: Group): SafeHtml {
  const head = g.amendments[0]!;
  const open = head.status === 'submitted' || head.status === 'formalised';
  if (!d.myCollege || d.bill.status !== 'commission' || !open || head.subAmendmentOf || g.kind === 'delete' || g.commissionTally.all.total > 0) return html``;
  return html`<p class="sub-amend"><a href="/amendements/${head.id}/sous-amender?suite=${encodeURIComponent(`${here(d)}#examen-${g.index}`)}">${t('Sous-amender l’amendement n° {{numero}}', { numero: head.displayNumber ?? '' })}</a></p>`;
}

/** The name of an item's forms (its vote, its decision): a refusal of either is said in that item. */
export const itemForm = (amendmentId: string) => `amendement-${amendmentId}`;

function groupItem(d: Dashboard, g: Group, ctx: PageContext): SafeHtml {
  const [head, ...identical] = g.amendments;
  if (!head) return html``;
  const back = stateFor(ctx, itemForm(head.id));
  return html`<li class="exam-item" id="examen-${g.index}" data-amendment="${head.id}">
    <h3><span class="exam-rank">${g.index}.</span> Article ${g.articleNumber} — <a href="/amendements/${head.id}">${amendmentTitle(head.displayNumber)}</a>
      ${identical.length ? html`<span class="muted">${tn('et {{count}} identique', 'et {{count}} identiques', identical.length)} (${identical.map((a, i) => html`${i ? ', ' : ''}<a href="/amendements/${a.id}">n° ${a.displayNumber ?? ''}</a>`)})</span>` : ''}</h3>
    ${head.subAmendmentOf ? html`<p class="sub-amendment-of">${t('Sous-amendement à l’')}<a href="/amendements/${head.subAmendmentOf.id}">${t('amendement n° {{numero}}', { numero: head.subAmendmentOf.displayNumber ?? '' })}</a>${t(', examiné juste avant lui')}</p>` : ''}
    <p class="meta">${kindBadge(g.kind)} <span data-status>${statusBadge(head.status)}</span> · ${authorList(head.authors)}${head.origin === 'commission' ? ` · ${t('amendement de la commission')}` : ''}</p>
    <p class="muted">${t('Avis des participants :')}</p>${tallyLine(head.citizenTally)}${groupSupportLine(head.groupSupport, d.bill.id)}
    ${head.clerkNote ? html`<div class="clerk-note"><p class="label">${t('Note du greffe')}</p><div lang="fr">${paragraphs(head.clerkNote)}</div></div>` : ''}
    <div data-tally>${commissionTallyTable(g.decision?.tallies && 'all' in g.decision.tallies ? g.decision.tallies : g.commissionTally, t('Vote de la commission sur l’amendement n° {{n}}', { n: head.displayNumber ?? '' }))}</div>
    ${decisionLine(g)}
    ${formAlert(back)}
    ${voteForm(d, g)}
    ${subAmendLink(d, g)}
    ${decisionForm(d, g, ctx, back)}
  </li>`;
}

/** Appointing a member (a name that suggests accounts as one types); `suite` is where the form comes back to. */
export function memberForm(billId: string, suite?: string, back?: FormState): SafeHtml {
  return html`${formAlert(back)}<form method="post" action="/textes/${billId}/commission/membres" class="form" novalidate>
      <h3>${t('Nommer un membre')}</h3>${suite ? html`<input type="hidden" name="suite" value="${suite}">` : ''}
      <div class="field"><label for="membre">${t('Nom affiché du compte')}</label><p class="hint" id="membre-hint">${t('Tapez le début du nom : des comptes vous sont proposés.')}</p>${fieldError(back, 'compte', 'membre')}
        <input type="text" id="membre" name="compte" required autocomplete="off" spellcheck="false" data-suggest-accounts value="${typed(back, 'compte')}"${fieldAria(back, 'compte', 'membre', 'membre-hint')}></div>
      <div class="field"><label for="college">${t('Collège')}</label>${fieldError(back, 'college', 'college')}
        <select id="college" name="college"${fieldAria(back, 'college', 'college')}>${COLLEGES.map((c) => html`<option value="${c}"${typed(back, 'college') === c ? html` selected` : ''}>${t(COLLEGE_LABELS_FR[c])}</option>`)}</select></div>
      <div class="actions"><button type="submit">${t('Nommer')}</button></div>
    </form>`;
}

/** The decision rule and quorum of a bill's commission. */
export function ruleForm(bill: Pick<Dashboard['bill'], 'id' | 'rule' | 'quorum'>, suite?: string, back?: FormState): SafeHtml {
  const rule = typed(back, 'rule', bill.rule);
  return html`${formAlert(back)}<form method="post" action="/textes/${bill.id}/commission/regle" class="form" novalidate>
      <h3>${t('Règle de décision')}</h3>${suite ? html`<input type="hidden" name="suite" value="${suite}">` : ''}
      <div class="field"><label for="regle">${t('Règle')}</label>${fieldError(back, 'rule', 'regle')}
        <select id="regle" name="rule"${fieldAria(back, 'rule', 'regle')}>${DECISION_RULES.map((r) => html`<option value="${r}"${rule === r ? html` selected` : ''}>${t(DECISION_RULE_LABELS_FR[r])}</option>`)}</select></div>
      <div class="field"><label for="quorum">${t('Quorum (votes exprimés, abstentions comprises ; vide : aucun)')}</label>${fieldError(back, 'quorum', 'quorum')}
        <input id="quorum" name="quorum" type="number" min="1" max="10000" step="1" value="${typed(back, 'quorum', bill.quorum === null ? '' : String(bill.quorum))}"${fieldAria(back, 'quorum', 'quorum')}></div>
      <div class="actions"><button type="submit">${t('Enregistrer la règle')}</button></div>
    </form>`;
}

function adminPanel(d: Dashboard, ctx: PageContext): SafeHtml {
  if (!may(ctx, 'commission.appoint', d.bill.status)) return html``;
  return html`<section aria-labelledby="gestion" class="clerk-space"><h2 id="gestion">${t('Gérer la commission')}</h2>
    <p><a href="/admin/textes/${d.bill.id}">${t('Retirer des membres, changer de phase : console d’administration')}</a></p>
    ${memberForm(d.bill.id, undefined, stateFor(ctx, 'membres'))}
    ${ruleForm(d.bill, undefined, stateFor(ctx, 'regle'))}</section>`;
}

/** The commission's dashboard: members, rule, and the amendments in examination order. */
export function commissionPage(ctx: PageContext, d: Dashboard): string {
  // a refused form (post → redirect → get) is said beside it: an item's vote or decision in that item, the
  // members and the rule in « Gérer la commission »; at the top when that form is not on the page (any more)
  const shown = new Set([...d.groups.map((g) => itemForm(g.amendments[0]?.id ?? '')), ...(may(ctx, 'commission.appoint', d.bill.status) ? ['membres', 'regle'] : [])]);
  const stray = ctx.form?.form !== undefined && !shown.has(ctx.form.form) ? ctx.form : undefined;
  const byCollege = (c: (typeof COLLEGES)[number]) => d.members.filter((m) => m.college === c);
  const pending = d.pendingTotal;
  return layout(ctx, {
    title: t('Commission – {{titre}}', { titre: d.bill.title }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${d.bill.id}" lang="fr">${d.bill.title}</a>`,
    main: html`<h1>${glossed('commission-mixte', t('Commission mixte'))}</h1>
      ${formAlert(stray)}
      <p class="meta">${phaseBadge(d.bill.status as 'commission')} · ${t(DECISION_RULE_LABELS_FR[d.bill.rule])}${d.bill.quorum ? ` · ${t('quorum : {{n}} votes', { n: d.bill.quorum })}` : ''}</p>
      <p class="lead">${t('Les amendements dans l’ordre d’examen : article par article, suppressions d’abord, puis ceux qui s’écartent le plus du texte ; les amendements identiques sont décidés par un seul vote.')}</p>
      <section aria-labelledby="membres"><h2 id="membres">${t('Membres')}</h2>
        ${d.members.length === 0 ? html`<p class="empty">${t('Aucun membre nommé pour l’instant.')}</p>` : html`<ul class="members">${COLLEGES.map((c) => html`<li><strong>${t(COLLEGE_LABELS_FR[c])} :</strong> ${byCollege(c).map((m, i) => html`${i ? ', ' : ''}${m.displayName}`)}${byCollege(c).length ? '' : html`<span class="muted">${t('personne')}</span>`}</li>`)}</ul>`}
      </section>
      <p class="muted" role="status" data-pending>${tn('{{count}} amendement ou groupe en attente de décision sur {{total}}.', '{{count}} amendements ou groupes en attente de décision sur {{total}}.', pending, { total: d.total })}</p>
      <p><a href="/textes/${d.bill.id}/texte-reconcilie">${t('Texte réconcilié')}</a> · <a href="/textes/${d.bill.id}/comparatif">${t('Tableau comparatif')}</a> · <a href="/api/bills/${d.bill.id}/liasse?format=html">${t('Liasse des amendements')}</a> (<a href="/api/bills/${d.bill.id}/liasse?format=akn">Akoma Ntoso</a>)</p>
      ${d.total > 0 ? filterForm(d) : ''}
      ${d.groups.length ? html`<ol class="exam-list" role="list" data-commission-live="${d.bill.id}">${d.groups.map((g) => groupItem(d, g, ctx))}</ol>` : html`<p class="empty">${d.total > 0 ? t('Aucun amendement ne correspond à ces filtres.') : t('Aucun amendement à examiner.')}</p>`}
      ${pager(d)}
      ${may(ctx, 'bill.move', d.bill.status) && d.bill.status === 'commission' && pending === 0 && d.total > 0
        ? html`<section aria-labelledby="adoption"><h2 id="adoption">${t('Tout est décidé')}</h2>${phaseForm(d.bill, `/textes/${d.bill.id}/texte-reconcilie`, `/textes/${d.bill.id}/commission`)}</section>` : ''}
      ${adminPanel(d, ctx)}`,
  });
}
