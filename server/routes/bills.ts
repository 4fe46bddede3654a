import { z } from 'zod';
import type { DocRegistry } from '../collab/registry';
import type { Db } from '../db/db';
import { operationRoute } from '../http/operation-route';
import { importBillOp, importParliamentAmendmentsOp } from '../operations/bills';
import { moveBillOp } from '../operations/commission';
import { mayReadBill } from '../http/bill-visibility';
import { route, type Api } from '../http/route';
import { idParam, queryInt } from '../http/schemas';
import { loadBillView } from '../present/bill';
import { countBills, listBills } from '../sql/bills';

const listQuery = z.object({
  limit: queryInt(1, 200).default(50),
  offset: queryInt(0).default(0),
});

export function billRoutes(api: Api, db: Db, live: DocRegistry): void {
  operationRoute(api, { db, live }, importBillOp, {
    method: 'post', path: '/api/bills', tag: 'Projets de loi', bodyLimit: '5mb',
    summary: 'Importer un projet de loi (texte légistique, JSON structuré, JSON La Fabrique de la Loi ou Akoma Ntoso 3.0)',
    responses: { 201: '{bill}' },
  }, async (bill) => ({ status: 201, json: { bill: await loadBillView(db, bill.id) } }));
  operationRoute(api, { db, live }, importParliamentAmendmentsOp, {
    method: 'post', path: '/api/bills/:billId/amendments/import', tag: 'Projets de loi', bodyLimit: '5mb',
    summary: 'Importer les amendements de l’Assemblée (XML open data) ou du Sénat (CSV)',
    responses: { 201: '{imported, skipped: [{number, reason}]}' },
  }, (report) => ({ status: 201, json: report }));
  route(
    api,
    {
      method: 'get', path: '/api/bills', tag: 'Projets de loi', access: 'public', query: listQuery,
      summary: 'Lister les projets de loi (les plus récents d’abord)', responses: { 200: '{bills, total, limit, offset}' },
    },
    async ({ query, req }) => {
      const withDrafts = mayReadBill(req.user ?? null, 'draft');
      const rows = await listBills(db, query.limit, query.offset, withDrafts);
      const total = rows[0]?.total ?? (await countBills(db, withDrafts));
      const bills = rows.map((b) => ({ id: b.id, title: b.title, status: b.status, articleCount: b.article_count, createdAt: b.created_at.toISOString() }));
      return { json: { bills, total, limit: query.limit, offset: query.offset } };
    },
  );
  route(
    api,
    {
      method: 'get', path: '/api/bills/:billId', tag: 'Projets de loi', access: 'public', params: z.object({ billId: idParam }),
      summary: 'Un projet de loi, ses articles (version courante) et l’historique de ses phases', responses: { 200: '{bill}' },
    },
    async ({ params }) => ({ json: { bill: await loadBillView(db, params.billId) } }),
  );
  operationRoute(api, { db, live }, moveBillOp, {
    method: 'post', path: '/api/bills/:billId/status', tag: 'Projets de loi',
    summary: 'Faire avancer le projet de loi d’une phase (draft → consultation → commission → adopted)', responses: { 200: '{bill}' },
  }, async (_out, { params }) => ({ json: { bill: await loadBillView(db, params.billId) } }));
}
