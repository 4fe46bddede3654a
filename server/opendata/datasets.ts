import { stringify } from 'csv-stringify/sync';
import { displayNumber, type AmendmentOrigin } from '../../shared/amendment';
import type { Queryable } from '../db/db';
import { openDataRows, type OpenDataset } from '../sql/opendata';

/**
 * The open data of a bill (API.md › History and open data): four datasets, each as CSV (RFC 4180,
 * UTF-8, a header line) and JSON with the same columns. Never who voted what: tallies only.
 */
export const DATASETS = ['amendments', 'arguments', 'decisions', 'article-versions', 'hearings'] as const;
export type DatasetName = (typeof DATASETS)[number];
/** The datasets' names in French, for the files people download. */
export const DATASET_FILE_WORDS: Record<DatasetName, string> = {
  amendments: 'amendements', arguments: 'arguments', decisions: 'decisions', 'article-versions': 'versions-des-articles', hearings: 'auditions',
};

type Row = Record<string, string | number | boolean | null>;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
const text = (v: unknown) => (Array.isArray(v) ? v.join('\n') : '');
/** The columns of a contribution a structure de médiation filed (empty for everyone else's). */
const assisted = (r: Record<string, unknown>): Row => ({
  collected_for: (r.collected_for as string | null) ?? null,
  collected_by: r.collected_by_name ? `${String(r.collected_by_name)} (${String(r.collected_by_town)})` : null,
  on_behalf_of: (r.on_behalf_of as string | null) ?? null,
  workshop_place: (r.workshop_place as string | null) ?? null,
  workshop_date: (r.workshop_date as string | null) ?? null,
  workshop_participants: r.workshop_participants === null || r.workshop_participants === undefined ? null : Number(r.workshop_participants),
});
const num = (origin: unknown, n: unknown) => displayNumber(origin as AmendmentOrigin, typeof n === 'number' ? n : null);

const SHAPES: Record<DatasetName, { table: OpenDataset; row: (r: Record<string, unknown>) => Row }> = {
  amendments: {
    table: 'amendments',
    row: (r) => ({
      id: String(r.id), number: num(r.origin, r.number), article: String(r.article_number), kind: String(r.kind), status: String(r.status),
      origin: String(r.origin), authors: (r.authors as string | null) ?? '', author_kinds: (r.author_kinds as string | null) ?? '',
      votes_for: Number(r.votes_for), votes_mitigated: Number(r.votes_mitigated), votes_against: Number(r.votes_against),
      votes_total: Number(r.votes_for) + Number(r.votes_mitigated) + Number(r.votes_against),
      inadmissible_ground: (r.inadmissible_ground as string | null) ?? null, hidden: Boolean(r.hidden), submitted_at: iso(r.submitted_at),
      text: text(r.alineas), rationale: String(r.rationale ?? ''), ...assisted(r),
      // the legislative footprint (docs/interest-representatives.md): as the authors say, and as clerks marked it (who marked it in brackets)
      inspired_by: (r.inspired_by as string | null) ?? null, inspiration_marks: (r.inspiration_marks as string | null) ?? null,
    }),
  },
  arguments: {
    table: 'arguments',
    row: (r) => ({
      id: String(r.id), target_type: String(r.target_type), target_id: String(r.target_id), side: String(r.side), author: String(r.author), author_kind: String(r.author_kind),
      votes_for: Number(r.votes_for), votes_mitigated: Number(r.votes_mitigated), votes_against: Number(r.votes_against),
      hidden: Boolean(r.hidden), created_at: iso(r.created_at), body: String(r.body ?? ''), ...assisted(r), inspired_by: (r.inspired_by as string | null) ?? null,
    }),
  },
  decisions: {
    table: 'decisions',
    row: (r) => {
      const t = (r.tallies ?? {}) as Partial<Record<'elected' | 'citizen' | 'all', { for: number; against: number; abstain: number }>>;
      const c = (college: 'elected' | 'citizen' | 'all', v: 'for' | 'against' | 'abstain') => t[college]?.[v] ?? null;
      return {
        amendment_id: String(r.amendment_id), number: num(r.origin, r.number), article: String(r.article_number), outcome: String(r.outcome), rule: String(r.rule),
        reason: (r.reason as string | null) ?? null, by_amendment_id: (r.by_amendment_id as string | null) ?? null,
        elected_for: c('elected', 'for'), elected_against: c('elected', 'against'), elected_abstain: c('elected', 'abstain'),
        citizen_for: c('citizen', 'for'), citizen_against: c('citizen', 'against'), citizen_abstain: c('citizen', 'abstain'),
        total_for: c('all', 'for'), total_against: c('all', 'against'), total_abstain: c('all', 'abstain'), decided_at: iso(r.decided_at),
      };
    },
  },
  'article-versions': {
    table: 'versions',
    row: (r) => ({
      article_id: String(r.article_id), article: String(r.number), version: Number(r.version), reason: String(r.reason),
      created_at: iso(r.created_at), deleted: Boolean(r.deleted), text: text(r.alineas),
    }),
  },
  hearings: {
    table: 'hearings',
    row: (r) => ({
      id: String(r.id), held_on: String(r.held_on), heard: String(r.heard ?? ''), representative_id: (r.representative_id as string | null) ?? null,
      hatvp_register: (r.register as string | null) ?? null, article: (r.article_number as string | null) ?? null, subject: String(r.subject ?? ''),
      minutes_type: (r.media_type as string | null) ?? null, minutes_sha256: (r.sha256 as string | null) ?? null, minutes_size: r.size === null || r.size === undefined ? null : Number(r.size),
    }),
  },
};

export async function datasetRows(db: Queryable, name: DatasetName, billId: string): Promise<Row[]> {
  return (await openDataRows(db, SHAPES[name].table, billId)).map(SHAPES[name].row);
}

/**
 * CSV with a header even when there are no rows (the columns are known from an empty shape), and a
 * byte-order mark: without it, spreadsheet software in French garbles every accented letter.
 */
export function toCsv(rows: readonly Row[], name: DatasetName): string {
  const columns = rows[0] ? Object.keys(rows[0]) : Object.keys(SHAPES[name].row(new Proxy({}, { get: () => null })));
  return `\ufeff${stringify(rows as Row[], { header: true, columns, cast: { boolean: (b) => (b ? 'true' : 'false') } })}`;
}

/** The JSON form of a dataset, the same in the API and in the ZIP. */
export const toJson = (name: DatasetName, billId: string, rows: readonly Row[]) => ({ dataset: name, billId, generatedAt: new Date().toISOString(), rows });
