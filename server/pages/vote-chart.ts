import { AsyncLocalStorage } from 'node:async_hooks';
import express, { type Router } from 'express';
import type { VotePoint } from '../../shared/charts';
import type { Db } from '../db/db';
import { amendmentVoteSeries, chartDay, voteChartSvg, voteChartText } from '../present/charts';
import { isId } from '../sql/ids';
import { html, raw, type SafeHtml } from '../html';
import { t } from '../i18n';

/**
 * The amendment page's « Évolution des votes » section. The page is rendered by a synchronous
 * function from data its route loads; rather than thread one more field through that route, the
 * series is loaded by `voteChartPreload` (mounted before the amendment pages) and handed to this
 * section through request-scoped storage: one request, one amendment, nothing shared between
 * requests.
 */
const preloaded = new AsyncLocalStorage<{ amendmentId: string; points: VotePoint[] }>();

export function voteChartPreload(db: Db): Router {
  const r = express.Router();
  r.get('/amendements/:id', (req, _res, next) => {
    const id = String(req.params.id);
    if (!isId(id)) return next();
    amendmentVoteSeries(db, id).then((points) => preloaded.run({ amendmentId: id, points }, next), next);
  });
  return r;
}

/** The same numbers as the drawing, for screen readers and for anyone who wants the figures. */
export function voteTable(points: readonly VotePoint[], caption: string): SafeHtml {
  return html`<details class="chart-data"><summary>${t('Voir les données')}</summary>
    <table class="data"><caption>${caption}</caption>
      <thead><tr><th scope="col">${t('Jour')}</th><th scope="col">${t('D’accord')}</th><th scope="col">${t('Mitigé')}</th><th scope="col">${t('Pas d’accord')}</th><th scope="col">${t('Total')}</th></tr></thead>
      <tbody>${points.map((p) => html`<tr><th scope="row"><time datetime="${p.day}">${chartDay(p.day, true)}</time></th><td>${p.for}</td><td>${p.mitigated}</td><td>${p.against}</td><td>${p.total}</td></tr>`)}</tbody>
    </table></details>`;
}

export function voteChartSection(a: { id: string; billId: string; status: string; displayNumber: string | null }): SafeHtml {
  if (a.status === 'draft') return html``;
  const store = preloaded.getStore();
  const points = store?.amendmentId === a.id ? store.points : null;
  const links = html`<p class="chart-links"><a href="/api/amendments/${a.id}/votes-over-time">${t('Données (JSON)')}</a> · <a href="/api/amendments/${a.id}/votes-over-time.svg">${t('Graphique (SVG)')}</a> · <a href="/textes/${a.billId}/participation">${t('Participation jour par jour au projet de loi')}</a></p>`;
  let body: SafeHtml;
  if (points === null) body = html``;
  else if (points.length === 0) body = html`<p class="empty">${t('Aucun vote pour l’instant.')}</p>`;
  else {
    body = html`<figure class="chart">${raw(voteChartSvg(points, voteChartText(`votes-${a.id.slice(0, 8)}`, a.displayNumber, points)))}</figure>
      ${voteTable(points, t('Votes cumulés à la fin de chaque jour où ils ont changé'))}`;
  }
  return html`<section aria-labelledby="evolution-votes" class="chart-section"><h2 id="evolution-votes">${t('Évolution des votes')}</h2>${body}${links}</section>`;
}
