import { z } from 'zod';
import { importBill } from '../commands/import-bill';
import { importParliamentAmendments } from '../commands/import-parliament-amendments';
import { idParam } from '../http/schemas';
import { MAX_BILL_CHARS, parseBillInput } from '../commands/parse-bill-input';
import { operation } from './operation';

/** Importing a bill: legistic text, structured JSON, La Fabrique de la Loi's JSON or Akoma Ntoso 3.0. */
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
  z.object({ title: title.optional(), akn: z.string().min(1).max(MAX_BILL_CHARS, `au plus ${MAX_BILL_CHARS} caractères`) }),
]);

export const importBillOp = operation({
  policy: 'bill.import',
  params: z.object({}),
  body: billImportBody,
  run: async ({ db }, user, { body }) => importBill(db, { bill: await parseBillInput(body), actorId: user.id }),
});

export const importParliamentAmendmentsOp = operation({
  policy: 'amendment.importParliament',
  params: z.object({ billId: idParam }),
  body: z.object({ format: z.enum(['an-xml', 'senat-csv']), data: z.string().min(1).max(MAX_BILL_CHARS, `au plus ${MAX_BILL_CHARS} caractères`) }),
  run: async ({ db }, user, { params, body }) => importParliamentAmendments(db, { billId: params.billId, format: body.format, data: body.data, actorId: user.id }),
});
