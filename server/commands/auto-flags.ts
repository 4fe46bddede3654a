import { createHash } from 'node:crypto';
import { countLinks, FLAG_RULES, normaliseForHash, type FlagCause } from '../../shared/moderation';
import type { Queryable } from '../db/db';
import { countRecentByAuthor, insertFingerprint, insertFlags, sameTextRecently, type FlagSubject } from '../sql/moderation-flags';
import type { SubjectType } from '../sql/moderation';
import type { UserRow } from '../sql/users';

export interface NewContribution {
  type: SubjectType;
  id: string;
  billId: string;
  author: Pick<UserRow, 'id' | 'created_at'>;
  /** What others read of it (an argument's body, an amendment's exposé…). */
  text: string;
}

/**
 * Raises the automatic flags of a contribution just published, in its transaction: the same text
 * posted many times (every copy is flagged), a burst of contributions from a new account, many
 * links. A flag only puts the contribution in the moderators' queue, with its cause: it never
 * hides anything. Thresholds: shared/moderation.ts › FLAG_RULES.
 */
export async function raiseAutoFlags(tx: Queryable, c: NewContribution, now = new Date()): Promise<FlagCause[]> {
  const normalised = normaliseForHash(c.text);
  const hash = createHash('sha256').update(normalised).digest('hex');
  await insertFingerprint(tx, { type: c.type, id: c.id, billId: c.billId, authorId: c.author.id, hash });
  const self: FlagSubject = { subject_type: c.type, subject_id: c.id, bill_id: c.billId };
  const flags: (FlagSubject & { cause: FlagCause; detail: string })[] = [];
  // very short texts (« D’accord ») are said many times in good faith
  if (normalised.length >= 20) {
    const same = await sameTextRecently(tx, hash, FLAG_RULES.duplicateWindowHours);
    if (same.length >= FLAG_RULES.duplicateCount) {
      const detail = `${same.length} contributions au texte identique en ${FLAG_RULES.duplicateWindowHours / 24} jours`;
      flags.push(...same.map((s) => ({ ...s, cause: 'duplicate_text' as const, detail })));
    }
  }
  const ageHours = (now.getTime() - c.author.created_at.getTime()) / 3_600_000;
  if (ageHours < FLAG_RULES.newAccountHours) {
    const recent = await countRecentByAuthor(tx, c.author.id, FLAG_RULES.burstMinutes);
    if (recent >= FLAG_RULES.burstCount) {
      flags.push({ ...self, cause: 'new_account_burst', detail: `${recent} contributions en ${FLAG_RULES.burstMinutes} minutes d’un compte créé il y a ${Math.max(0, Math.floor(ageHours))} h` });
    }
  }
  const links = countLinks(c.text);
  if (links >= FLAG_RULES.linkCount) flags.push({ ...self, cause: 'many_links', detail: `${links} liens dans la contribution` });
  await insertFlags(tx, flags);
  return [...new Set(flags.filter((f) => f.subject_id === c.id).map((f) => f.cause))];
}
