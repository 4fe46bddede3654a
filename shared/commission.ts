/**
 * The mixed commission's rules (Fondation Jean-Jaurès / Renaissance Numérique, 2016): members in
 * two colleges vote for / against / abstain on each amendment, and the bill's decision rule turns
 * their votes into a decision when the admin does not decide explicitly.
 */
import { fill, msg } from './i18n';

export const COLLEGES = ['elected', 'citizen'] as const;
export type College = (typeof COLLEGES)[number];
export const COLLEGE_LABELS_FR: Record<College, string> = { elected: msg('Élus'), citizen: msg('Citoyens') };

export const COMMISSION_VOTES = ['for', 'against', 'abstain'] as const;
export type CommissionVote = (typeof COMMISSION_VOTES)[number];
export const COMMISSION_VOTE_LABELS_FR: Record<CommissionVote, string> = { for: msg('Pour'), against: msg('Contre'), abstain: msg('Abstention') };

export const DECISION_RULES = ['simple_majority', 'double_majority'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];
export const DECISION_RULE_LABELS_FR: Record<DecisionRule, string> = {
  simple_majority: msg('Majorité simple des suffrages exprimés'),
  double_majority: msg('Double majorité : majorité dans chaque collège'),
};

export interface CollegeTally { for: number; against: number; abstain: number; total: number }
export type CommissionTally = Record<College, CollegeTally> & { all: CollegeTally };

export const emptyCollegeTally = (): CollegeTally => ({ for: 0, against: 0, abstain: 0, total: 0 });

/** Per-college counts and their sum, from (college, value) pairs. */
export function commissionTally(votes: readonly { college: College; value: CommissionVote }[]): CommissionTally {
  const t: CommissionTally = { elected: emptyCollegeTally(), citizen: emptyCollegeTally(), all: emptyCollegeTally() };
  for (const v of votes) {
    for (const c of [t[v.college], t.all]) {
      c[v.value] += 1;
      c.total += 1;
    }
  }
  return t;
}

export type RuleOutcome = { ok: true; outcome: 'adopted' | 'rejected' } | { ok: false; message: string };

/**
 * The decision the rule gives. Abstentions count for the quorum but not for the majority (« suffrages
 * exprimés »). A tie rejects, as in parliamentary practice (« l’égalité des voix vaut rejet »).
 * Double majority: adopted only when « pour » outnumbers « contre » in each college.
 */
export function decideByRule(rule: DecisionRule, quorum: number | null, tally: CommissionTally): RuleOutcome {
  if (quorum !== null && tally.all.total < quorum) {
    const n = tally.all.total;
    // French says « 0 vote », English « no votes »: no vote at all has a sentence of its own
    const quorumMissed = n === 0 ? msg('Quorum non atteint : 0 vote pour un quorum de {{quorum}}.')
      : n === 1 ? msg('Quorum non atteint : {{n}} vote pour un quorum de {{quorum}}.') : msg('Quorum non atteint : {{n}} votes pour un quorum de {{quorum}}.');
    return { ok: false, message: fill(quorumMissed, { n, quorum }) };
  }
  if (tally.all.total === 0) return { ok: false, message: msg('Aucun membre de la commission n’a encore voté sur cet amendement.') };
  const majority = (c: CollegeTally) => c.for > c.against;
  const adopted = rule === 'simple_majority' ? majority(tally.all) : COLLEGES.every((c) => majority(tally[c]));
  return { ok: true, outcome: adopted ? 'adopted' : 'rejected' };
}

/** The refusal to adopt a bill while one college has no member (whole sentences: the colleges' names are those of `COLLEGE_LABELS_FR`). */
const MISSING_COLLEGE: Record<College, string> = {
  elected: msg('La commission doit compter des membres dans les deux collèges avant d’adopter le texte : il manque le collège « Élus ».'),
  citizen: msg('La commission doit compter des membres dans les deux collèges avant d’adopter le texte : il manque le collège « Citoyens ».'),
};

/**
 * What must hold before a bill is adopted (API.md › Second stage › Process rules): a commission
 * with members in both colleges, and no amendment still awaiting a decision (each one decided,
 * fallen, withdrawn, inadmissible or closed as « non examiné »). The first unmet one, or null.
 */
export function adoptionBlocker(members: readonly { college: College }[], pendingAmendmentIds: readonly string[]):
  | { code: 'commission_incomplete'; message: string; details: { missing: College[] } }
  | { code: 'pending_amendments'; message: string; details: { amendments: string[] } }
  | null {
  const missing = COLLEGES.filter((c) => !members.some((m) => m.college === c));
  if (missing.length) {
    return {
      code: 'commission_incomplete',
      message: missing.length === COLLEGES.length ? msg('La commission doit compter des membres dans les deux collèges avant d’adopter le texte : il manque le collège « Élus » et le collège « Citoyens ».') : MISSING_COLLEGE[missing[0]!],
      details: { missing },
    };
  }
  if (pendingAmendmentIds.length) {
    const n = pendingAmendmentIds.length;
    return {
      code: 'pending_amendments',
      message: n > 1
        ? fill(msg('{{n}} amendements attendent encore une décision de la commission (adopté, rejeté ou clos sans examen) : le texte ne peut pas être adopté.'), { n })
        : fill(msg('{{n}} amendement attend encore une décision de la commission (adopté, rejeté ou clos sans examen) : le texte ne peut pas être adopté.'), { n }),
      details: { amendments: [...pendingAmendmentIds] },
    };
  }
  return null;
}
