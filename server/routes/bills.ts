import { z } from 'zod';
import type { DocRegistry } from '../collab/registry';
import type { Db } from '../db/db';
import { operationRoute } from '../http/operation-route';
import { moveBillOp } from '../operations/commission';
import { importBill } from '../commands/import-bill';
import { MAX_BILL_CHARS, parseBillInput } from '../commands/parse-bill-input';
import { requireUser } from '../http/auth';
import { mayReadBill } from '../http/bill-visibility';
import { route, type Api } from '../http/route';
import { idParam, queryInt } from '../http/schemas';
import { loadBillView } from '../present/bill';
import { countBills, listBills } from '../sql/bills';

const title = z.string().trim().min(1).max(500);
export const billImportBody = z.union([
  z.object({ title: title.optional(), text: z.string().max(MAX_BILL_CHARS, `au plus ${MAX_BILL_CHARS} caractères`) }),
  z.object({
    title,
    articles: z
      .array(z.object({ number: z.string().max(40), heading: z.string().max(1000).nullish(), alineas: z.array(z.string().max(50_000)).max(2000) }))
      .max(5000),
  }),
  z.object({ title: title.optional(), lafabrique: z.record(z.string(), z.unknown()) }),
]);

const listQuery = z.object({
  limit: queryInt(1, 200).default(50),
  offset: queryInt(0).default(0),
});

export function billRoutes(api: Api, db: Db, live: DocRegistry): void {
  route(
    api,
    {
      method: 'post', path: '/api/bills', tag: 'Projets de loi', access: 'bill.import', body: billImportBody, bodyLimit: '5mb',
      summary: 'Importer un projet de loi (texte légistique, JSON structuré ou JSON La Fabrique de la Loi)',
      responses: { 201: '{bill}' },
    },
    async ({ body, req }) => {
      const actor = requireUser(req);
      const parsed = await parseBillInput(body);
      const bill = await importBill(db, { bill: parsed, actorId: actor.id });
      return { status: 201, json: { bill: await loadBillView(db, bill.id) } };
    },
  );
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
