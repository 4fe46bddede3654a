import express, { type Router } from 'express';
import { ACTION_LABELS, CHARTER, FLAG_LABELS, FLAG_RULES, MODERATION_LIMITS as L, ruleTitle } from '../../shared/moderation';
import type { Db } from '../db/db';
import { accountActors, may } from '../authorize';
import { appealTarget } from '../commands/moderation-appeals';
import { decide } from '../../shared/policy';
import { notFound } from '../http/errors';
import { serialId } from '../http/schemas';
import { decisionDetail } from '../queries/moderation';
import { listModerationLog, type ModerationLogRow } from '../sql/moderation';
import { subjectDetails } from '../sql/moderation-queue';
import { html, type SafeHtml } from '../html';
import { takeFlash } from './flash';
import { layout, type PageContext } from './layout';
import { ctx, page } from './page-kit';
import { dateFormat, formatNumber, t, th } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';

/** The public side of moderation: the charter, the log, and each decision with its appeal. */

export const SUBJECT_LABELS: Record<string, string> = { amendment: msg('Amendement'), argument: msg('Argument'), annotation: msg('Annotation'), reply: msg('Réponse'), account: msg('Compte') };
export const dateFr = dateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** What a decision is about, linked where it can be seen. */
function subjectLink(r: ModerationLogRow, links: Map<string, string>): SafeHtml {
  if (r.subject_type === 'account') return th('Compte de {{nom}}', { nom: html`<a href="/contributeurs/${r.subject_id}">${r.account_name ?? t('contributeur')}</a>` });
  const link = links.get(`${r.subject_type}:${r.subject_id}`);
  return link ? html`<a href="${link}">${t(SUBJECT_LABELS[r.subject_type]!)}</a>` : html`${t(SUBJECT_LABELS[r.subject_type]!)} <code>${r.subject_id.slice(0, 8)}</code>`;
}

const ruleLink = (rule: string | null) => (rule ? html`<a href="/charte-de-moderation#${rule}">${tMessage(ruleTitle(rule))}</a>` : html`—`);
const actionLabel = (r: ModerationLogRow) => (r.action === 'suspend'
  ? `${t(ACTION_LABELS.suspend!)} ${r.suspended_until ? t('jusqu’au {{date}}', { date: dateFr.format(r.suspended_until) }) : t('définitivement')}`
  : `${t(ACTION_LABELS[r.action] ?? r.action)}${r.appeal_id ? t(' (appel)') : ''}`);

async function logLinks(db: Db, rows: ModerationLogRow[]): Promise<Map<string, string>> {
  const refs = rows.flatMap((r) => (r.subject_type === 'account' ? [] : [{ type: r.subject_type, id: r.subject_id }]));
  return new Map([...(await subjectDetails(db, refs))].map(([k, d]) => [k, d.link]));
}

function logPage(c: PageContext, rows: ModerationLogRow[], links: Map<string, string>, next: number | null): string {
  const table = rows.length
    ? html`<table class="data"><caption>${t('Décisions de modération, les plus récentes d’abord')}</caption>
        <thead><tr><th scope="col">${t('Date')}</th><th scope="col">${t('Décision')}</th><th scope="col">${t('Sur')}</th><th scope="col">${t('Règle')}</th><th scope="col">${t('Raison publique')}</th><th scope="col">${t('Par')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><td><a href="/moderation/decisions/${r.id}">${dateFr.format(r.at)}</a></td><td>${actionLabel(r)}</td>
          <td>${subjectLink(r, links)}</td><td>${ruleLink(r.rule)}</td><td lang="fr">${r.reason}</td><td>${r.moderator_name}</td></tr>`)}</tbody></table>`
    : html`<p class="empty">${t('Aucune décision de modération n’a été prise.')}</p>`;
  return layout(c, {
    title: t('Journal de la modération'),
    main: html`<h1>${t('Journal de la modération')}</h1>
      <p class="lead">${t('Chaque contribution masquée l’est avec une raison publique, selon la')} <a href="/charte-de-moderation">${t('charte de modération')}</a> ${t('; chaque décision, chaque appel et chaque suspension de compte figure ici.')}</p>
      ${table}${next ? html`<p><a href="/moderation?avant=${next}">${t('Décisions plus anciennes')}</a></p>` : ''}`,
  });
}

function charterPage(c: PageContext): string {
  return layout(c, {
    title: t('Charte de modération'),
    main: html`<h1>${t('Charte de modération')}</h1>
      <p class="lead">${t('Ces règles valent pour toutes les contributions publiques : amendements, arguments, annotations et réponses. Chacune a un identifiant stable, que citent les signalements et les décisions.')}</p>
      <ol class="charter">${CHARTER.map((r) => html`<li id="${r.id}"><h2>${t(r.title)}</h2><p>${t(r.text)}</p><p class="meta">${t('Identifiant :')} <code>${r.id}</code></p></li>`)}</ol>
      <h2>${t('Comment la modération décide')}</h2>
      <ul>
        <li>${t('Toute personne connectée peut signaler une contribution en choisissant la règle qu’elle enfreint, avec un commentaire si elle le souhaite.')}</li>
        <li>${t('Des signaux automatiques attirent aussi l’attention des modérateurs — {{doublon}} ({{n}} fois ou plus), {{rafale}} ({{rafaleN}} en {{minutes}} minutes pour un compte de moins de {{heures}} heures), {{liens}} ({{liensN}} ou plus). Un signal ne masque jamais rien par lui-même : un modérateur examine.', { doublon: t(FLAG_LABELS.duplicate_text).toLowerCase(), n: FLAG_RULES.duplicateCount, rafale: t(FLAG_LABELS.new_account_burst).toLowerCase(), rafaleN: FLAG_RULES.burstCount, minutes: FLAG_RULES.burstMinutes, heures: FLAG_RULES.newAccountHours, liens: t(FLAG_LABELS.many_links).toLowerCase(), liensN: FLAG_RULES.linkCount })}</li>
        <li>${t('Une contribution masquée garde sa place, avec la mention « masqué par la modération » et la raison publique. Son auteur est prévenu et peut faire appel une fois ({{n}} caractères au plus) ; un autre modérateur que celui qui a décidé tranche l’appel.', { n: formatNumber(L.appealChars) })}</li>
        <li>${t('Un compte qui enfreint la charte de façon grave ou répétée peut être suspendu, pour un temps ou définitivement, avec une raison publique : il peut encore lire et faire appel, mais plus écrire.')}</li>
        <li>${t('Chaque décision figure dans le')} <a href="/moderation">${t('journal public de la modération')}</a>.</li>
      </ul>`,
  });
}

type Detail = NonNullable<Awaited<ReturnType<typeof decisionDetail>>>;

function decisionPage(c: PageContext, d: Detail, link: string | null, notice: { error?: string | undefined; done?: string | undefined }, mayDecide: boolean): string {
  const { action: a, appeal } = d;
  const viewer = c.user;
  const moderator = decide('moderation.read', accountActors(viewer), null).ok;
  const seesAppeal = !!appeal && (appeal.author_id === viewer?.id || moderator);
  const appealBlock = appeal
    ? html`<section aria-labelledby="appeal-title"><h2 id="appeal-title">${t('Appel')}</h2>
        <p>${seesAppeal ? t('Appel formé le {{date}} par {{nom}}.', { date: dateFr.format(appeal.created_at), nom: appeal.author_name }) : t('Appel formé le {{date}}.', { date: dateFr.format(appeal.created_at) })}</p>
        ${seesAppeal ? html`<blockquote class="appeal-body" lang="fr">${appeal.body}</blockquote>` : ''}
        ${appeal.decision
          ? html`<p class="appeal-outcome">${th('{{decision}} le {{date}} par {{nom}} : {{raison}}', { decision: html`<strong>${appeal.decision === 'upheld' ? t('Décision confirmée en appel') : t('Décision infirmée en appel')}</strong>`, date: dateFr.format(appeal.decided_at ?? appeal.created_at), nom: appeal.decided_by_name ?? '', raison: html`<span lang="fr">${appeal.decision_reason ?? ''}</span>` })}</p>`
          : mayDecide
            ? html`<form method="post" action="/moderation/appels/${appeal.id}/decision" class="form" novalidate>
                <fieldset><legend>${t('Trancher l’appel')}</legend>
                  <label><input type="radio" name="decision" value="upheld" required> ${t('Confirmer la décision')}</label>
                  <label><input type="radio" name="decision" value="overturned"> ${a.subject_type === 'account' ? t('Infirmer la décision (lever la suspension)') : t('Infirmer la décision (rétablir la contribution)')}</label>
                </fieldset>
                <label for="appeal-reason">${t('Raison publique')}</label><textarea id="appeal-reason" name="reason" required minlength="3" maxlength="${L.reasonChars}" rows="3"></textarea>
                <div class="actions"><button type="submit">${t('Trancher l’appel')}</button></div></form>`
            : html`<p class="empty">${viewer?.id === a.moderator_id ? t('En attente de la décision d’un autre modérateur : vous avez pris la décision, un autre modérateur tranchera.') : moderator ? t('En attente de la décision d’un autre modérateur : vous êtes partie à cette affaire, un autre modérateur tranchera.') : t('En attente de la décision d’un autre modérateur.')}</p>`}
      </section>`
    : html``;
  const authorMayAppeal = !appeal && viewer && (a.action === 'hide' || a.action === 'suspend');
  const appealForm = authorMayAppeal
    ? html`<section aria-labelledby="appeal-form-title"><h2 id="appeal-form-title">${t('Faire appel')}</h2>
        <p>${t('Si vous êtes l’auteur de la contribution (ou le titulaire du compte), vous pouvez faire appel une fois : un autre modérateur réexaminera la décision.')}</p>
        <form method="post" action="/moderation/decisions/${a.id}/appel" class="form" novalidate>
          <label for="appeal-body">${t('Votre appel')}</label>
          <textarea id="appeal-body" name="body" required minlength="10" maxlength="${L.appealChars}" rows="5" aria-describedby="appeal-help"></textarea>
          <p id="appeal-help" class="hint">${t('Entre 10 et {{n}} caractères. Expliquez pourquoi la décision vous semble contraire à la charte.', { n: formatNumber(L.appealChars) })}</p>
          <div class="actions"><button type="submit">${t('Faire appel')}</button></div></form></section>`
    : html``;
  return layout(c, {
    title: t('Décision de modération'),
    breadcrumb: html`<a href="/moderation">${t('Journal de la modération')}</a> › ${t('Décision')}`,
    main: html`<h1>${t('Décision de modération')}</h1>
      ${notice.error ? html`<p class="alert" role="alert">${tMessage(notice.error)}</p>` : ''}${notice.done ? html`<p class="notice notice-ok" role="status">${notice.done}</p>` : ''}
      <dl class="facts">
        <dt>${t('Décision')}</dt><dd>${actionLabel(a)}</dd>
        <dt>${t('Sur')}</dt><dd>${a.subject_type === 'account' ? th('Compte de {{nom}}', { nom: html`<a href="/contributeurs/${a.subject_id}">${a.account_name ?? ''}</a>` }) : link ? html`<a href="${link}">${t(SUBJECT_LABELS[a.subject_type]!)}</a>` : t(SUBJECT_LABELS[a.subject_type]!)}</dd>
        <dt>${t('Règle de la charte')}</dt><dd>${ruleLink(a.rule)}</dd>
        <dt>${t('Raison publique')}</dt><dd lang="fr">${a.reason}</dd>
        <dt>${t('Date')}</dt><dd>${dateFr.format(a.at)}</dd>
        <dt>${t('Par')}</dt><dd>${a.moderator_name}</dd>
      </dl>
      ${appealBlock}${appealForm}`,
  });
}

export function moderationPages(db: Db): Router {
  const r = express.Router();
  r.get('/moderation', page(async (req, res) => {
    const before = serialId.safeParse(req.query.avant);
    const rows = await listModerationLog(db, before.success ? before.data : null, 50);
    res.type('html').send(logPage(ctx(req), rows, await logLinks(db, rows), rows.length === 50 ? rows[rows.length - 1]!.id : null));
  }));
  r.get('/charte-de-moderation', (req, res) => void res.type('html').send(charterPage(ctx(req))));
  r.get('/moderation/decisions/:id', page(async (req, res) => {
    const id = serialId.safeParse(req.params.id);
    const found = id.success ? await decisionDetail(db, id.data) : undefined;
    if (!found) throw notFound(msg('Décision de modération introuvable.'));
    const links = found.action.subject_type === 'account' ? new Map<string, string>() : await logLinks(db, [found.action]);
    const link = links.get(`${found.action.subject_type}:${found.action.subject_id}`) ?? null;
    // the form is offered by the rule that decides (authorize.ts › reviewer): no party to the case
    const { appeal } = found;
    const mayDecide = !!appeal && !appeal.decision && (await may(db, 'moderation.decideAppeal', req.user ?? null, await appealTarget(db, found.action, appeal)));
    res.type('html').send(decisionPage(ctx(req), found, link, { error: takeFlash(req.query.erreur), done: takeFlash(req.query.fait) }, mayDecide));
  }));
  return r;
}
