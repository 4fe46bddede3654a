import { createHash } from 'node:crypto';

/**
 * The data of a sortition (docs/sortition.md): the strata the admin chose with each category's
 * target share of the population, the seats to fill, and the volunteers (pseudonymous) with their
 * answers. Everything here is plain data and pure functions, shared by the server, the worker
 * thread that computes the distribution, and `scripts/verify-draw.ts`, which redoes a draw from
 * its published file.
 */
export interface Category {
  value: string;
  /** Target share of the population, between 0 and 1; the shares of a stratum add up to 1. */
  share: number;
}

export interface Stratum {
  name: string;
  categories: Category[];
  /** Where the shares come from (« INSEE, recensement 2021 »). */
  source?: string | undefined;
}

export interface Volunteer {
  pseudonym: string;
  /** Stratum name → category value, one per stratum. */
  answers: Record<string, string>;
}

/** How many seats a category must and may take: ⌊share × seats⌋ to ⌈share × seats⌉. */
export interface Quota {
  stratum: string;
  value: string;
  min: number;
  max: number;
}

/**
 * Volunteers who answered alike are interchangeable for the quotas: the computation works on
 * these « profils » (one per distinct set of answers), and the draw then picks within each.
 */
export interface Profile {
  /** The category index in each stratum, in the strata's order. */
  categories: number[];
  /** The profile's volunteers' pseudonyms, sorted (code-unit order). */
  members: string[];
}

export interface Problem {
  seats: number;
  strata: Stratum[];
  quotas: Quota[];
  profiles: Profile[];
}

/** Rounding slack: 0.3 × 10 is 3, not 3.0000000000000004. */
const SLACK = 1e-9;

export function quotasFor(seats: number, strata: readonly Stratum[]): Quota[] {
  return strata.flatMap((s) => s.categories.map((c) => ({
    stratum: s.name, value: c.value,
    min: Math.floor(c.share * seats + SLACK),
    max: Math.min(seats, Math.ceil(c.share * seats - SLACK)),
  })));
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The profiles of a pool, in a canonical order (by category indices), each with its sorted members. */
export function profilesOf(strata: readonly Stratum[], volunteers: readonly Volunteer[]): Profile[] {
  const groups = new Map<string, Profile>();
  for (const v of volunteers) {
    const categories = strata.map((s) => {
      const i = s.categories.findIndex((c) => c.value === v.answers[s.name]);
      if (i < 0) throw new Error(`${v.pseudonym} : réponse manquante ou inconnue pour « ${s.name} »`);
      return i;
    });
    const key = categories.join(',');
    const g = groups.get(key) ?? { categories, members: [] };
    g.members.push(v.pseudonym);
    groups.set(key, g);
  }
  const out = [...groups.values()];
  for (const g of out) g.members.sort(byCodeUnits);
  out.sort((a, b) => {
    for (let i = 0; i < a.categories.length; i++) if (a.categories[i] !== b.categories[i]) return a.categories[i]! - b.categories[i]!;
    return 0;
  });
  return out;
}

export function problemOf(seats: number, strata: readonly Stratum[], volunteers: readonly Volunteer[]): Problem {
  return { seats, strata: [...strata], quotas: quotasFor(seats, strata), profiles: profilesOf(strata, volunteers) };
}

/** Index of each quota row: stratum i, category j → row. */
export function quotaIndex(strata: readonly Stratum[]): number[][] {
  let k = 0;
  return strata.map((s) => s.categories.map(() => k++));
}

/** Does a panel, given as a count per profile, fill the seats and meet every quota? */
export function meetsQuotas(problem: Problem, counts: readonly number[]): boolean {
  const idx = quotaIndex(problem.strata);
  const filled = new Array<number>(problem.quotas.length).fill(0);
  let total = 0;
  for (let t = 0; t < problem.profiles.length; t++) {
    const n = counts[t] ?? 0;
    if (n < 0 || n > problem.profiles[t]!.members.length || !Number.isInteger(n)) return false;
    total += n;
    problem.profiles[t]!.categories.forEach((c, s) => { filled[idx[s]![c]!]! += n; });
  }
  return total === problem.seats && problem.quotas.every((q, i) => filled[i]! >= q.min && filled[i]! <= q.max);
}

/**
 * Why no panel can meet the quotas, in French, when a simple count shows it (too few volunteers
 * in a category, a stratum that cannot fill the seats); undefined when only the combination of
 * strata makes it impossible (the caller then says so).
 */
export function obviousInfeasibility(problem: Problem): string | undefined {
  const volunteers = problem.profiles.reduce((n, p) => n + p.members.length, 0);
  if (volunteers < problem.seats) return `${problem.seats} sièges à pourvoir mais seulement ${volunteers} volontaire${volunteers > 1 ? 's' : ''}.`;
  const idx = quotaIndex(problem.strata);
  const counts = new Array<number>(problem.quotas.length).fill(0);
  for (const p of problem.profiles) p.categories.forEach((c, s) => { counts[idx[s]![c]!]! += p.members.length; });
  for (let i = 0; i < problem.quotas.length; i++) {
    const q = problem.quotas[i]!;
    if (counts[i]! < q.min) {
      return `« ${q.stratum} : ${q.value} » demande au moins ${q.min} membre${q.min > 1 ? 's' : ''} mais ne compte que ${counts[i]} volontaire${counts[i]! > 1 ? 's' : ''}.`;
    }
  }
  for (let s = 0; s < problem.strata.length; s++) {
    const reachable = problem.strata[s]!.categories.reduce((n, _c, j) => n + Math.min(counts[idx[s]![j]!]!, problem.quotas[idx[s]![j]!]!.max), 0);
    if (reachable < problem.seats) {
      return `Pour « ${problem.strata[s]!.name} », les plafonds des catégories et les volontaires disponibles ne permettent que ${reachable} sièges sur ${problem.seats}.`;
    }
  }
  return undefined;
}

/** JSON with object keys sorted, so that a hash does not depend on the order fields were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => byCodeUnits(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The fingerprint of everything the draw depends on besides the seed: seats, strata and shares,
 * and the volunteers (sorted by pseudonym). Published with the seed's hash when the call closes.
 */
export function poolHash(seats: number, strata: readonly Stratum[], volunteers: readonly Volunteer[]): string {
  const sorted = [...volunteers].sort((a, b) => byCodeUnits(a.pseudonym, b.pseudonym));
  return sha256Hex(canonicalJson({ seats, strata: strata.map((s) => ({ name: s.name, categories: s.categories })), volunteers: sorted }));
}
