import { msg } from './i18n';
/** d'accord / mitigé / pas d'accord. */
export const VOTE_VALUES = ['for', 'mitigated', 'against'] as const;
export type VoteValue = (typeof VOTE_VALUES)[number];

export const VOTE_LABELS_FR: Record<VoteValue, string> = {
  for: msg("D'accord"),
  mitigated: msg('Mitigé'),
  against: msg("Pas d'accord"),
};

export interface Tally {
  for: number;
  mitigated: number;
  against: number;
  total: number;
}

export function tally(forVotes: number, mitigated: number, against: number): Tally {
  return { for: forVotes, mitigated, against, total: forVotes + mitigated + against };
}

export const EMPTY_TALLY: Tally = tally(0, 0, 0);
