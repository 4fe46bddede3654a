import express, { type Router } from 'express';
import type { Db } from '../db/db';
import { loadContributions, parseCursor, type ContributionsView, type ContributionView } from '../present/contributions';
import { amendmentTitle, dateTimeFr, kindBadge, statusBadge } from './amendment-parts';
import { html, type SafeHtml } from '../html';
import { displayName, layout, type PageContext } from './layout';
import { ctx, page } from './page-kit';
import { declarationFacts } from './lobbying/parts';
import { t, th, tn } from '../i18n';
import { eventLabel } from '../present/history';

const excerpt = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const when = (iso: string) => html`<time datetime="${iso}">${dateTimeFr.format(new Date(iso))}</time>`;

function where(c: ContributionView): SafeHtml {
  return html`<a href="/articles/${c.article.id}">${th('article {{numero}}', { numero: html`<span lang="fr">${c.article.number}</span>` })}</a> ${t('du projet de loi')} <a href="/textes/${c.bill.id}" lang="fr">${c.bill.title}</a>`;
}

function item(c: ContributionView): SafeHtml {
  switch (c.type) {
    case 'amendment':
      return html`<li class="contribution contribution-amendment">
        <p class="contribution-head"><a href="${c.url}">${amendmentTitle(c.amendment.displayNumber)}</a> ${kindBadge(c.amendment.kind)} ${statusBadge(c.amendment.status)}</p>
        <p class="meta">${th('Déposé le {{date}}', { date: when(c.at) })} · ${where(c)}</p></li>`;
    case 'argument': {
      const target = c.target.type === 'amendment' ? amendmentTitle(c.target.displayNumber).toLowerCase() : t('article {{numero}}', { numero: c.article.number });
      return html`<li class="contribution contribution-argument">
        <p class="contribution-head"><a href="${c.url}">${c.side === 'for' ? t('Argument pour l’{{cible}}', { cible: target }) : t('Argument contre l’{{cible}}', { cible: target })}</a></p>
        <blockquote lang="fr"><p>${excerpt(c.body)}</p></blockquote>
        <p class="meta">${th('Le {{date}}', { date: when(c.at) })} · ${where(c)}</p></li>`;
    }
    case 'annotation':
      return html`<li class="contribution contribution-annotation">
        <p class="contribution-head"><a href="${c.url}">${t('Annotation')}</a> ${t('sur')} <q lang="fr">${excerpt(c.quote, 120)}</q></p>
        <blockquote lang="fr"><p>${excerpt(c.body)}</p></blockquote>
        <p class="meta">${th('Le {{date}}', { date: when(c.at) })} · ${where(c)}</p></li>`;
    case 'reply':
      return html`<li class="contribution contribution-reply">
        <p class="contribution-head"><a href="${c.url}">${t('Réponse à une annotation')}</a> ${t('sur')} <q lang="fr">${excerpt(c.annotation.quote, 120)}</q></p>
        <blockquote lang="fr"><p>${excerpt(c.body)}</p></blockquote>
        <p class="meta">${th('Le {{date}}', { date: when(c.at) })} · ${where(c)}</p></li>`;
  }
}

function contributorPage(c: PageContext, v: ContributionsView, firstPage: boolean): string {
  const name = v.user.deleted ? t('contributeur supprimé') : v.user.displayName;
  const n = v.counts;
  const here = `/contributeurs/${v.user.id}`;
  const list = v.contributions.length
    ? html`<ol class="contributions" role="list">${v.contributions.map(item)}</ol>`
    : html`<p class="empty">${firstPage ? t('Aucune contribution publique pour l’instant.') : t('Aucune contribution plus ancienne.')}</p>`;
  return layout(c, {
    title: t('{{nom}} – contributions publiques', { nom: name }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › ${t('Contributeurs')} › ${name}`,
    main: html`<h1>${v.user.deleted ? name : displayName({ display_name: v.user.displayName, kind: v.user.kind, assurance: v.user.assurance })}</h1>
      ${v.user.deleted
        ? html`<p class="notice">${t('Ce compte a été supprimé. Ses contributions publiques restent en place, signées « contributeur supprimé », sans lien avec la personne qui les a écrites.')}</p>`
        : html`<p class="lead">${v.user.kind === 'organisation' ? t('Contributions publiques de cette organisation, les plus récentes d’abord.') : t('Contributions publiques de cette personne, les plus récentes d’abord.')}</p>`}
      ${v.interestRepresentative ? html`<section aria-labelledby="representant" class="notice"><h2 id="representant">${v.interestRepresentative.active ? t('Représentant d’intérêts déclaré') : t('Ancien représentant d’intérêts')}</h2>
        ${declarationFacts(v.interestRepresentative)}
        ${v.declarationHistory.length ? html`<details><summary>${t('Historique de la déclaration')}</summary><ul>${v.declarationHistory.map((e) => html`<li>${when(e.at)} : ${eventLabel(e.type, {}, t)}</li>`)}</ul></details>` : ''}</section>` : ''}
      <p class="contribution-counts">${tn('{{count}} amendement déposé', '{{count}} amendements déposés', n.amendments)} · ${tn('{{count}} argument', '{{count}} arguments', n.arguments)} · ${tn('{{count}} annotation', '{{count}} annotations', n.annotations)} · ${tn('{{count}} réponse', '{{count}} réponses', n.replies)}</p>
      <h2>${firstPage ? t('Contributions') : t('Contributions plus anciennes')}</h2>
      ${list}
      <nav aria-label="${t('Pages de contributions')}" class="pager">
        ${firstPage ? '' : html`<a href="${here}">${t('Les plus récentes')}</a> `}
        ${v.next ? html`<a href="${here}?avant=${v.next}" rel="next">${t('Plus anciens')}</a>` : ''}
      </nav>
      <p class="chart-links"><a href="/api/users/${v.user.id}/contributions">${t('Données (JSON)')}</a></p>`,
  });
}

/** `/contributeurs/:userId`: what someone published, under the name they chose. */
export function contributorPages(db: Db): Router {
  const r = express.Router();
  r.get('/contributeurs/:userId', page(async (req, res) => {
    const before = parseCursor(typeof req.query.avant === 'string' ? req.query.avant : undefined);
    const view = await loadContributions(db, String(req.params.userId), before);
    res.type('html').send(contributorPage(ctx(req), view, before === null));
  }));
  return r;
}
