import type { Response } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db';
import { idParam } from '../http/schemas';
import { route, type Api } from '../http/route';
import { loadParticipation, loadVotesOverTime, participationSvg, participationText, voteChartSvg, voteChartText } from '../present/charts';

const sendSvg = (res: Response, svg: string) => {
  res.type('image/svg+xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
  return undefined;
};

/** Charts as data (JSON) and as drawings (SVG with a title and a description), public. */
export function chartRoutes(api: Api, db: Db): void {
  const amendmentParams = z.object({ id: idParam });
  const billParams = z.object({ billId: idParam });

  route(api, {
    method: 'get', path: '/api/amendments/:id/votes-over-time', tag: 'Historique', access: 'public', params: amendmentParams,
    summary: 'Votes cumulés (d’accord, mitigé, pas d’accord) à la fin de chaque jour où ils ont changé (jours de Paris), tirés du journal des votes sans votants',
    responses: { 200: '{amendmentId, billId, displayNumber, timeZone, days: [{date, for, mitigated, against, total}], tally}' },
  }, async ({ params }) => ({ json: await loadVotesOverTime(db, params.id) }));

  route(api, {
    method: 'get', path: '/api/amendments/:id/votes-over-time.svg', tag: 'Historique', access: 'public', params: amendmentParams,
    produces: 'image/svg+xml', summary: 'Le même graphique en SVG accessible (titre, description)', responses: { 200: 'image SVG' },
  }, async ({ params, res }) => {
    const data = await loadVotesOverTime(db, params.id);
    const points = data.days.map((d) => ({ day: d.date, for: d.for, mitigated: d.mitigated, against: d.against, total: d.total }));
    return sendSvg(res, voteChartSvg(points, voteChartText('votes', data.displayNumber, points)));
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/participation', tag: 'Historique', access: 'public', params: billParams,
    summary: 'Participation par jour (jours de Paris) : votes exprimés, amendements déposés, arguments, annotations',
    responses: { 200: '{billId, timeZone, days: [{date, votes, amendments, arguments, annotations, total}], totals}' },
  }, async ({ params }) => ({ json: (await loadParticipation(db, params.billId)).json }));

  route(api, {
    method: 'get', path: '/api/bills/:billId/participation.svg', tag: 'Historique', access: 'public', params: billParams,
    produces: 'image/svg+xml', summary: 'La participation par jour en SVG accessible (titre, description)', responses: { 200: 'image SVG' },
  }, async ({ params, res }) => {
    const { bill, days, json } = await loadParticipation(db, params.billId);
    return sendSvg(res, participationSvg(days, participationText('participation', bill, json)));
  });
}
