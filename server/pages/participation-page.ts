import express, { type Router } from 'express';
import { PARTICIPATION_SERIES, type ParticipationDay } from '../../shared/charts';
import type { Db } from '../db/db';
import { chartDay, loadParticipation, PARTICIPATION_STYLE, participationNoun, participationSvg, participationText, type ParticipationJson } from '../present/charts';
import type { BillRow } from '../sql/bills';
import { html, raw } from '../html';
import { layout, type PageContext } from './layout';
import { ctx, page } from './page-kit';
import { t, th, tn } from '../i18n';

/** The contributions collected by structures de médiation, counted apart. */
function assistedLine(a: ParticipationJson['assisted']) {
  const n = a.amendments + a.arguments + a.annotations;
  if (n === 0) return html``;
  return html`<p class="assisted-totals">${t('Dont {{contributions}} par des structures de médiation ({{amendements}}, {{arguments}}, {{annotations}}) : {{personnes}}, {{ateliers}} réunissant {{participants}}. Aucun vote n’est exprimé au nom d’autrui.', {
    contributions: tn('{{count}} contribution recueillie', '{{count}} contributions recueillies', n),
    amendements: tn('{{count}} amendement', '{{count}} amendements', a.amendments),
    arguments: tn('{{count}} argument', '{{count}} arguments', a.arguments),
    annotations: tn('{{count}} annotation', '{{count}} annotations', a.annotations),
    personnes: tn('{{count}} pour une personne accompagnée', '{{count}} pour des personnes accompagnées', a.persons),
    ateliers: tn('{{count}} atelier', '{{count}} ateliers', a.workshops),
    participants: tn('{{count}} participant', '{{count}} participants', a.workshopParticipants),
  })}</p>`;
}

function participationPage(c: PageContext, bill: BillRow, days: ParticipationDay[], json: ParticipationJson): string {
  const totals = json.totals;
  const body = days.length === 0
    ? html`<p class="empty">${t('Personne n’a encore participé à ce projet de loi : ni vote, ni amendement, ni argument, ni annotation.')}</p>`
    : html`<ul class="chart-totals" role="list">${PARTICIPATION_SERIES.map((s) => html`<li><strong>${totals[s]}</strong> ${participationNoun(s, totals[s])}</li>`)}</ul>
      ${assistedLine(json.assisted)}
      <figure class="chart">${raw(participationSvg(days, participationText('participation', bill, json)))}</figure>
      <details class="chart-data"><summary>${t('Voir les données')}</summary>
        <table class="data"><caption>${t('Contributions par jour (jours sans participation omis)')}</caption>
          <thead><tr><th scope="col">${t('Jour')}</th>${PARTICIPATION_SERIES.map((s) => html`<th scope="col">${t(PARTICIPATION_STYLE[s].label)}</th>`)}<th scope="col">${t('Total')}</th></tr></thead>
          <tbody>${days.map((d) => html`<tr><th scope="row"><time datetime="${d.day}">${chartDay(d.day, true)}</time></th>${PARTICIPATION_SERIES.map((s) => html`<td>${d[s]}</td>`)}<td>${d.total}</td></tr>`)}</tbody>
          <tfoot><tr><th scope="row">${t('Total')}</th>${PARTICIPATION_SERIES.map((s) => html`<td>${totals[s]}</td>`)}<td>${totals.total}</td></tr></tfoot>
        </table></details>`;
  return layout(c, {
    title: t('Participation – {{titre}}', { titre: bill.title }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › ${t('Participation')}`,
    main: html`<h1>${t('Participation jour par jour')}</h1>
      <p class="lead">${th('{{titre}} : les votes exprimés (un changement d’avis ne compte pas deux fois), les amendements déposés, les arguments et les annotations, jour par jour (heure de Paris).', { titre: html`<span lang="fr">${bill.title}</span>` })}</p>
      ${body}
      <p class="chart-links"><a href="/api/bills/${bill.id}/participation">${t('Données (JSON)')}</a> · <a href="/api/bills/${bill.id}/participation.svg">${t('Graphique (SVG)')}</a></p>`,
  });
}

/** `/textes/:billId/participation`: the chart, its figures, links to the data. */
export function participationPages(db: Db): Router {
  const r = express.Router();
  r.get('/textes/:billId/participation', page(async (req, res) => {
    const { bill, days, json } = await loadParticipation(db, String(req.params.billId));
    res.type('html').send(participationPage(ctx(req), bill, days, json));
  }));
  return r;
}
