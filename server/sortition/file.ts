import { drawPanel, replayDeclines, type Replacement } from './draw';
import { KNOWN_ALGORITHMS, leximin, probabilitiesOf, type WeightedPanel } from './leximin';
import { meetsQuotas, poolHash, problemOf, quotasFor, sha256Hex, type Quota, type Stratum, type Volunteer } from './model';

/**
 * The verification file of a sortition: everything needed to redo the draw, published at
 * `GET /api/bills/:billId/sortition` and on the page « Tirage au sort », and checked by
 * `npm run verify-draw -- <file>` (scripts/verify-draw.ts) with `verifyFile` below.
 */
export const FILE_FORMAT = 'palimpseste-tirage/1';

export interface SortitionFile {
  format: typeof FILE_FORMAT;
  billId: string;
  billTitle: string;
  status: string;
  seats: number;
  strata: Stratum[];
  /** ⌊share × seats⌋ to ⌈share × seats⌉ per category. */
  quotas: Quota[];
  /** Sorted by pseudonym. */
  volunteers: Volunteer[];
  poolHash: string | null;
  seedHash: string | null;
  committedAt: string | null;
  lottery: {
    algorithm: string;
    total: number;
    /** Volunteers with the same answers, in the order the panels' counts use. */
    profiles: { answers: Record<string, string>; members: string[] }[];
    panels: WeightedPanel[];
    stats: Record<string, number>;
  } | null;
  probabilities: Record<string, number> | null;
  minimumProbability: number | null;
  seed: string | null;
  publicValue: string | null;
  drawnAt: string | null;
  /** The panel as drawn, before any decline. */
  drawn: string[] | null;
  /** Who declined, in the order recorded (the replacement rule's k = 1, 2, …). */
  declines: string[];
  replacements: Replacement[];
  /** The panel after the declines. */
  panel: string[] | null;
  failure: string | null;
}

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

/**
 * Redoes everything the file claims: the seed's hash, the pool's fingerprint, the quotas of every
 * panel of the lottery, the published probabilities, the lottery itself (recomputed with the same
 * algorithm: its probabilities must agree within `tolerance`), the draw and the replacements.
 */
export async function verifyFile(file: SortitionFile, opts: { recompute?: boolean; tolerance?: number } = {}): Promise<{ ok: boolean; checks: Check[]; drawn: string[] | null; panel: string[] | null }> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail?: string) => checks.push({ name, ok, ...(detail ? { detail } : {}) });
  const problem = problemOf(file.seats, file.strata, file.volunteers);
  check('quotas recalculés à partir des parts', JSON.stringify(quotasFor(file.seats, file.strata)) === JSON.stringify(file.quotas));
  if (file.poolHash) check('empreinte du vivier (sièges, critères, volontaires)', poolHash(file.seats, file.strata, file.volunteers) === file.poolHash);
  let drawn: string[] | null = null;
  let panel: string[] | null = null;
  if (file.lottery) {
    const lottery = file.lottery;
    check(`algorithme ${lottery.algorithm} connu (${KNOWN_ALGORITHMS.join(', ')} : mêmes probabilités LEXIMIN)`, KNOWN_ALGORITHMS.includes(lottery.algorithm));
    check('profils = volontaires regroupés par réponses', JSON.stringify(lottery.profiles.map((p) => p.members)) === JSON.stringify(problem.profiles.map((p) => p.members)));
    check(`poids entiers de total ${lottery.total}`, lottery.panels.reduce((s, p) => s + p.weight, 0) === lottery.total && lottery.panels.every((p) => Number.isSafeInteger(p.weight) && p.weight > 0));
    const bad = lottery.panels.findIndex((p) => !meetsQuotas(problem, p.counts));
    check(`chacun des ${lottery.panels.length} panels de la loterie respecte tous les quotas`, bad < 0, bad >= 0 ? `panel n° ${bad + 1}` : undefined);
    const byProfile = probabilitiesOf(lottery.panels, problem.profiles.map((p) => p.members.length));
    const published = file.probabilities ?? {};
    const mismatch = problem.profiles.flatMap((p, t) => p.members.filter((m) => !close(published[m] ?? -1, byProfile[t]!, 1e-12)));
    check('probabilités publiées = probabilités de la loterie', mismatch.length === 0, mismatch.length ? `différentes pour ${mismatch.slice(0, 5).join(', ')}` : undefined);
    check('probabilité minimale publiée', file.minimumProbability !== null && close(Math.min(...byProfile), file.minimumProbability, 1e-12));
    if (opts.recompute !== false) {
      const again = await leximin(problem);
      const tol = opts.tolerance ?? 1e-4;
      const worst = Math.max(0, ...again.probabilities.map((p, t) => Math.abs(p - byProfile[t]!)));
      check(`loterie LEXIMIN recalculée : mêmes probabilités à ${tol} près`, worst <= tol, `écart maximal ${worst.toExponential(2)}`);
    }
    if (file.seed !== null) {
      check('la graine révélée a l’empreinte publiée', file.seedHash !== null && sha256Hex(file.seed) === file.seedHash);
      drawn = drawPanel(problem, lottery.panels, { seed: file.seed, publicValue: file.publicValue }).members;
      check('tirage refait : même panel', JSON.stringify(drawn) === JSON.stringify(file.drawn));
      try {
        const replay = replayDeclines(problem, { seed: file.seed, publicValue: file.publicValue }, drawn, file.declines);
        panel = replay.panel;
        check('remplacements refaits : mêmes remplaçants', JSON.stringify(replay.replacements) === JSON.stringify(file.replacements));
        check('panel après les refus', JSON.stringify(panel) === JSON.stringify(file.panel));
      } catch (err) {
        check('remplacements refaits : mêmes remplaçants', false, err instanceof Error ? err.message : String(err));
      }
    }
  }
  return { ok: checks.every((c) => c.ok), checks, drawn, panel };
}
