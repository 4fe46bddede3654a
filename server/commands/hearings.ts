import { fill, msg } from '../../shared/i18n';
import { createHash } from 'node:crypto';
import { cleanFilename, INTEREST_LIMITS, sniffMinutes, type MinutesType } from '../../shared/interest';
import { authorize } from '../authorize';
import type { Db, Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { findArticle } from '../sql/articles';
import { findBill } from '../sql/bills';
import { appendEvent } from '../sql/events';
import { deleteHearing, findHearing, insertHearing, putMinutes, type HearingRow } from '../sql/hearings';
import type { UserRow } from '../sql/users';
import { requireRepresentative } from './interest-representatives';

/**
 * The commission's hearings (docs/interest-representatives.md): the public agenda of a bill,
 * kept by admins, clerks and commission members (the policy's `hearing.manage` row). Who was
 * heard is a declared representative or named in words; the minutes are a PDF or a text file,
 * recognised by their content. Every change is an event of the bill's history.
 */

export interface HearingInput {
  heldOn: string;
  representativeId?: string | undefined;
  heard?: string | undefined;
  subject: string;
  articleId?: string | undefined;
}

const whoWasHeard = (h: Pick<HearingRow, 'representative_name' | 'heard'>) => h.representative_name ?? h.heard ?? '';

async function hearingFor(tx: Queryable, user: UserRow, id: string): Promise<HearingRow> {
  const h = await findHearing(tx, id);
  if (!h) throw notFound(msg('Audition introuvable.'));
  await authorize(tx, 'hearing.manage', user, { billId: h.bill_id });
  return h;
}

/** POST /api/bills/:billId/hearings: a hearing on the agenda (held, or to be held). */
export async function scheduleHearing(db: Db, input: { user: UserRow; billId: string } & HearingInput): Promise<HearingRow> {
  return db.transaction(async (tx) => {
    const bill = await findBill(tx, input.billId);
    if (!bill) throw notFound(msg('Projet de loi introuvable.'));
    await authorize(tx, 'hearing.manage', input.user, { bill });
    let articleId: string | null = null;
    if (input.articleId !== undefined) {
      const article = await findArticle(tx, input.articleId);
      if (!article || article.bill_id !== bill.id) {
        throw new AppError('validation_failed', msg('Cet article n’est pas un article de ce projet de loi.'), [{ path: 'articleId', message: msg('article d’un autre texte') }]);
      }
      articleId = article.id;
    }
    const rep = input.representativeId !== undefined ? await requireRepresentative(tx, input.representativeId, 'representativeId') : undefined;
    const id = await insertHearing(tx, {
      billId: bill.id, articleId, heldOn: input.heldOn, representativeId: rep?.id ?? null, heard: rep ? null : (input.heard ?? null), subject: input.subject, createdBy: input.user.id,
    });
    const h = (await findHearing(tx, id))!;
    await appendEvent(tx, {
      billId: bill.id, type: 'hearing.scheduled', actorId: input.user.id, subjectType: 'hearing', subjectId: id,
      data: { heldOn: h.held_on, heard: whoWasHeard(h), representativeId: h.representative_id, articleNumber: h.article_number, subject: h.subject },
    });
    return h;
  });
}

/** DELETE /api/hearings/:id: off the agenda (with its minutes); the history keeps that it was there. */
export async function removeHearing(db: Db, input: { user: UserRow; hearingId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const h = await hearingFor(tx, input.user, input.hearingId);
    await deleteHearing(tx, h.id);
    await appendEvent(tx, { billId: h.bill_id, type: 'hearing.deleted', actorId: input.user.id, subjectType: 'hearing', subjectId: h.id, data: { heldOn: h.held_on, heard: whoWasHeard(h) } });
  });
}

/**
 * PUT /api/hearings/:id/minutes: the minutes, replacing earlier ones. The content decides what the
 * file is (a PDF, or UTF-8 text); a declared type that says otherwise is refused, as is anything
 * else. Their SHA-256 is published with them (and in the history), so a copy can be checked.
 */
export async function uploadMinutes(
  db: Db, input: { user: UserRow; hearingId: string; filename: string; bytes: Uint8Array; declaredType?: MinutesType | undefined },
): Promise<HearingRow> {
  if (input.bytes.length > INTEREST_LIMITS.minutesBytes) {
    throw new AppError('payload_too_large', fill(msg('Le compte rendu dépasse {{mo}} Mo.'), { mo: INTEREST_LIMITS.minutesBytes / 1024 / 1024 }));
  }
  const sniffed = sniffMinutes(input.bytes);
  if ('refused' in sniffed) throw new AppError('unprocessable', fill(msg('Compte rendu refusé : {{raison}}. Envoyez un PDF ou un fichier texte.'), { raison: sniffed.refused }), { reason: 'unsupported_file' });
  if (input.declaredType && input.declaredType !== sniffed.type) {
    throw new AppError('unprocessable', fill(msg('Compte rendu refusé : annoncé comme {{annonce}}, son contenu est {{detecte}}.'), { annonce: input.declaredType, detecte: sniffed.type }), { reason: 'type_mismatch', detected: sniffed.type });
  }
  const filename = cleanFilename(input.filename, sniffed.type);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  return db.transaction(async (tx) => {
    const h = await hearingFor(tx, input.user, input.hearingId);
    await putMinutes(tx, { hearingId: h.id, type: sniffed.type, filename, content: input.bytes, sha256, uploadedBy: input.user.id });
    await appendEvent(tx, {
      billId: h.bill_id, type: 'hearing.minutes_published', actorId: input.user.id, subjectType: 'hearing', subjectId: h.id,
      data: { heldOn: h.held_on, heard: whoWasHeard(h), filename, size: input.bytes.length, mediaType: sniffed.type, sha256, replaced: h.minutes_sha256 !== null },
    });
    return (await findHearing(tx, h.id))!;
  });
}
