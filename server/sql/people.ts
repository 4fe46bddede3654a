import type { College } from '../../shared/commission';
import type { BillStatus } from '../../shared/phases';
import type { Queryable } from '../db/db';
import type { UserRow } from './users';

/** SQL for the admin console: finding accounts, their appointments, every bill (drafts too). */
const SQL = {
  search: `SELECT id, email, display_name, kind, roles, created_at, count(*) OVER ()::int AS total FROM users
           WHERE deleted_at IS NULL AND ($1 = '' OR lower(display_name) LIKE '%' || lower($1) || '%' ESCAPE '\\'
                                                 OR lower(email) LIKE '%' || lower($1) || '%' ESCAPE '\\')
           ORDER BY lower(display_name), created_at, id LIMIT $2 OFFSET $3`,
  appointments: `SELECT m.user_id, m.college, b.id AS bill_id, b.title, b.status FROM commission_members m
                 JOIN bills b ON b.id = m.bill_id WHERE m.user_id = ANY($1::uuid[]) ORDER BY b.created_at DESC`,
  bills: `SELECT b.id, b.title, b.status, b.created_at,
                 (SELECT count(*) FROM articles a WHERE a.bill_id = b.id)::int AS article_count,
                 (SELECT count(*) FROM commission_members m WHERE m.bill_id = b.id)::int AS member_count
          FROM bills b ORDER BY b.created_at DESC, b.id LIMIT $1 OFFSET $2`,
} as const;

export interface PersonRow extends UserRow { total: number }

/** Accounts whose display name or e-mail contains `text` (any case; LIKE wildcards taken literally), a page of them. */
export async function searchPeople(db: Queryable, text: string, limit: number, offset: number): Promise<{ people: UserRow[]; total: number }> {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = (await db.query<PersonRow>(SQL.search, [escaped, limit, offset])).rows;
  return { people: rows, total: rows[0]?.total ?? 0 };
}

export interface Appointment { billId: string; title: string; status: BillStatus; college: College }

export async function appointmentsOf(db: Queryable, userIds: readonly string[]): Promise<Map<string, Appointment[]>> {
  const out = new Map<string, Appointment[]>();
  if (userIds.length === 0) return out;
  const rows = (await db.query<{ user_id: string; college: College; bill_id: string; title: string; status: BillStatus }>(SQL.appointments, [userIds])).rows;
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), { billId: r.bill_id, title: r.title, status: r.status, college: r.college }]);
  return out;
}

export interface AdminBillRow { id: string; title: string; status: BillStatus; created_at: Date; article_count: number; member_count: number }

/** Every bill, drafts included (the console is for admins only). */
export async function listAllBills(db: Queryable, limit: number, offset: number): Promise<AdminBillRow[]> {
  return (await db.query<AdminBillRow>(SQL.bills, [limit, offset])).rows;
}
