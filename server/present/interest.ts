import { BUDGET_LABELS_FR, hatvpUrl } from '../../shared/interest';
import { presentUser } from '../auth/present';
import type { Queryable } from '../db/db';
import type { HearingRow } from '../sql/hearings';
import { findDeclaration, type DeclarationRow } from '../sql/interest-representatives';
import type { UserRow } from '../sql/users';
import type { MarkRow } from '../sql/inspiration-marks';

/** An organisation's declaration as every read shows it (API.md › Legitimacy: `user.interestRepresentative`). */
export function presentDeclaration(d: DeclarationRow) {
  return {
    register: d.register,
    /** The organisation's page in the HATVP register (null without a register number). */
    registerUrl: d.register ? hatvpUrl(d.register) : null,
    interests: d.interests,
    budgetBand: d.budget_band,
    budgetLabel: d.budget_band ? BUDGET_LABELS_FR[d.budget_band] : null,
    declaredAt: d.declared_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
    /** Null while the declaration is in force. */
    withdrawnAt: d.withdrawn_at?.toISOString() ?? null,
    active: d.withdrawn_at === null,
  };
}
export type DeclarationView = ReturnType<typeof presentDeclaration>;

/** A clerk's marking: the representative, who marked it, when, why. */
export const presentMark = (m: MarkRow) => ({
  representative: { id: m.representative_id, displayName: m.representative_name },
  markedBy: { id: m.marked_by, displayName: m.marked_by_name },
  note: m.note,
  markedAt: m.marked_at.toISOString(),
});
export type MarkView = ReturnType<typeof presentMark>;

export const minutesUrl = (hearingId: string) => `/api/hearings/${hearingId}/minutes`;

export function presentHearing(h: HearingRow) {
  return {
    id: h.id,
    billId: h.bill_id,
    heldOn: h.held_on,
    /** Who was heard: a declared representative (`representative`), or a name given in words. */
    heard: { name: h.representative_name ?? h.heard ?? '', representative: h.representative_id ? { id: h.representative_id, displayName: h.representative_name ?? '' } : null },
    subject: h.subject,
    /** Null: the hearing was about the whole text. */
    article: h.article_id ? { id: h.article_id, number: h.article_number ?? '' } : null,
    minutes: h.minutes_type ? {
      url: minutesUrl(h.id), filename: h.minutes_filename ?? '', mediaType: h.minutes_type, size: h.minutes_size ?? 0,
      sha256: h.minutes_sha256 ?? '', uploadedAt: h.minutes_uploaded_at?.toISOString() ?? null,
    } : null,
    createdAt: h.created_at.toISOString(),
  };
}
export type HearingView = ReturnType<typeof presentHearing>;

/** `{user}` with `interestRepresentative` (null for a person, or an organisation that never declared). */
export async function presentUserWithDeclaration(db: Queryable, user: UserRow) {
  const d = user.kind === 'organisation' ? await findDeclaration(db, user.id) : undefined;
  return { ...presentUser(user), interestRepresentative: d ? presentDeclaration(d) : null };
}
