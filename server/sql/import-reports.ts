import type { ImportReport } from '../commands/import-parliament-amendments';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `import_reports` (migration 036): a parliamentary import's report, for the page the form's 303 leads to. */
const SQL = {
  prune: `DELETE FROM import_reports WHERE created_at < now() - interval '1 day'`,
  insert: 'INSERT INTO import_reports (bill_id, user_id, report) VALUES ($1, $2, $3::jsonb) RETURNING id',
  mine: `SELECT report FROM import_reports WHERE id = $1 AND bill_id = $2 AND user_id = $3 AND created_at >= now() - interval '1 day'`,
} as const;

/** Keeps `report` for its author's next GET (and removes the reports older than a day); its id. */
export async function putImportReport(db: Queryable, x: { billId: string; userId: string; report: ImportReport }): Promise<string> {
  await db.query(SQL.prune);
  return (await db.query<{ id: string }>(SQL.insert, [x.billId, x.userId, JSON.stringify(x.report)])).rows[0]!.id;
}

/** The report `id` of this bill, if `userId` made it less than a day ago (older ones go at the next import or read). */
export async function findImportReport(db: Queryable, x: { id: unknown; billId: string; userId: string }): Promise<ImportReport | undefined> {
  if (typeof x.id !== 'string' || !isId(x.id) || !isId(x.billId)) return undefined;
  await db.query(SQL.prune);
  return (await db.query<{ report: ImportReport }>(SQL.mine, [x.id, x.billId, x.userId])).rows[0]?.report;
}
