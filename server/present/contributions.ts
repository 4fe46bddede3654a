import { displayNumber } from '../../shared/amendment';
import type { Queryable } from '../db/db';
import { notFound } from '../errors';
import { countContributions, findPerson, listContributions, type ContributionRow, type Cursor, type PersonRow } from '../sql/contributions';
import { declarationEvents, findDeclaration } from '../sql/interest-representatives';
import { eventLabel } from './history';
import { presentDeclaration } from './interest';

export const CONTRIBUTIONS_PAGE_SIZE = 20;

/** `<ISO instant with microseconds>_<id>`: where the next (older) page starts. */
const CURSOR_PATTERN = /^((\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{6}Z_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** `<timestamp with microseconds>_<uuid>`, a real instant (no 31 February, no year 0) PostgreSQL reads. */
export function parseCursor(value: string | undefined): Cursor | null {
  const m = value ? CURSOR_PATTERN.exec(value) : null;
  if (!m || Number(m[2]) < 1) return null;
  const at = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 19) !== m[1]) return null;
  return { at: value!.slice(0, 27), id: m[3]! };
}

export const isCursor = (value: string): boolean => parseCursor(value) !== null;

const encodeCursor = (r: ContributionRow) => `${r.cursor_at}_${r.id}`;

/** A deleted account keeps its id, so that its contributions stay together; nothing else. */
export const presentPerson = (p: PersonRow) => ({ id: p.id, displayName: p.display_name, kind: p.kind, assurance: p.assurance, deleted: p.deleted });

/** Where the contribution is read on the site. */
function urlOf(r: ContributionRow): string {
  if (r.type === 'amendment') return `/amendements/${r.id}`;
  if (r.type === 'argument') return `${r.target_type === 'amendment' ? `/amendements/${r.target_id}` : `/articles/${r.article_id}`}#argument-${r.id}`;
  return `/articles/${r.article_id}#annotation-${r.type === 'reply' ? r.target_id : r.id}`;
}

export function presentContribution(r: ContributionRow) {
  const common = {
    id: r.id, at: r.at.toISOString(), url: urlOf(r),
    bill: { id: r.bill_id, title: r.bill_title }, article: { id: r.article_id, number: r.article_number },
  };
  switch (r.type) {
    case 'amendment':
      return { type: 'amendment' as const, ...common, amendment: { displayNumber: displayNumber(r.origin!, r.number), kind: r.amendment_kind!, status: r.status! } };
    case 'argument':
      return {
        type: 'argument' as const, ...common, side: r.side!, body: r.body!,
        target: r.target_type === 'amendment'
          ? { type: 'amendment' as const, id: r.target_id!, displayNumber: displayNumber(r.target_origin!, r.target_number) }
          : { type: 'article' as const, id: r.article_id },
      };
    case 'annotation':
      return { type: 'annotation' as const, ...common, quote: r.quote!, body: r.body! };
    case 'reply':
      return { type: 'reply' as const, ...common, body: r.body!, annotation: { id: r.target_id!, quote: r.quote! } };
  }
}

export type ContributionView = ReturnType<typeof presentContribution>;

/** One page of a person's public contributions, newest first, with counts and the next cursor. */
export async function loadContributions(db: Queryable, userId: string, before: Cursor | null) {
  const person = await findPerson(db, userId);
  if (!person) throw notFound('Ce compte n’existe pas.');
  const [rows, counts, declaration, declarationHistory] = await Promise.all([
    listContributions(db, person.id, before, CONTRIBUTIONS_PAGE_SIZE + 1),
    countContributions(db, person.id),
    findDeclaration(db, person.id),
    declarationEvents(db, person.id),
  ]);
  const page = rows.slice(0, CONTRIBUTIONS_PAGE_SIZE);
  return {
    user: presentPerson(person),
    counts: { amendments: counts.amendment, arguments: counts.argument, annotations: counts.annotation, replies: counts.reply },
    contributions: page.map(presentContribution),
    /** An organisation's declaration as an interest representative (docs/interest-representatives.md), and its history. */
    interestRepresentative: declaration ? presentDeclaration(declaration) : null,
    declarationHistory: declarationHistory.map((e) => ({ type: e.type, at: e.at.toISOString(), label: eventLabel(e.type, e.data) })),
    next: rows.length > CONTRIBUTIONS_PAGE_SIZE ? encodeCursor(page.at(-1)!) : null,
  };
}

export type ContributionsView = Awaited<ReturnType<typeof loadContributions>>;
