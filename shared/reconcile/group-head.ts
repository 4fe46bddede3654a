/**
 * The head of a group of identical amendments: the one the commission's votes are cast on and
 * its decision reads its tally from. One definition, for both (server/commands/commission-vote.ts,
 * decide-amendment.ts): among the group's **open** members (decided ones no longer carry a vote),
 * commission amendments first (the rapporteur presents them), then by number, then by id — the
 * tie-break of the examination order.
 */
export interface GroupMember {
  id: string;
  origin: 'citizen' | 'commission' | 'parliament';
  number: number | null;
}

/** Commission first, then by number, then by id (examination.ts ties). */
export function compareTies(a: GroupMember, b: GroupMember): number {
  const originRank = (o: GroupMember['origin']) => (o === 'commission' ? 0 : 1);
  return originRank(a.origin) - originRank(b.origin) || (a.number ?? 0) - (b.number ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The head of `open` (the open members of one identical group); undefined for an empty group. */
export function groupHead<T extends GroupMember>(open: readonly T[]): T | undefined {
  let head: T | undefined;
  for (const m of open) if (head === undefined || compareTies(m, head) < 0) head = m;
  return head;
}
