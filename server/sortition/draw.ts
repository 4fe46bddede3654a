import type { WeightedPanel } from './leximin';
import { meetsQuotas, quotaIndex, type Problem } from './model';
import { DRAW_DOMAIN, REPLACEMENT_DOMAIN, SeededStream } from './random';

/**
 * The seeded draw (docs/sortition.md). With the stream of `DRAW_DOMAIN`, the seed and the public
 * value: one number r in [0, total) picks the panel whose cumulative weight first exceeds r (the
 * lottery's order as published); then, profile by profile in the published order, the panel's
 * seats of that profile go to members picked by a partial Fisher–Yates shuffle of its members
 * (sorted by pseudonym): for i = 0 … n−1, swap position i with i + uniform(c − i).
 */
export interface DrawInput {
  seed: string;
  publicValue?: string | null | undefined;
}

export function drawPanel(problem: Problem, lottery: readonly WeightedPanel[], input: DrawInput): { panelIndex: number; members: string[] } {
  const stream = SeededStream.of(DRAW_DOMAIN, input.seed, input.publicValue);
  const total = lottery.reduce((s, p) => s + p.weight, 0);
  const r = stream.uniform(total);
  let acc = 0;
  let panelIndex = 0;
  for (; panelIndex < lottery.length; panelIndex++) {
    acc += lottery[panelIndex]!.weight;
    if (r < acc) break;
  }
  const counts = lottery[panelIndex]!.counts;
  const members: string[] = [];
  problem.profiles.forEach((profile, t) => {
    const n = counts[t] ?? 0;
    const pool = [...profile.members];
    for (let i = 0; i < n; i++) {
      const j = i + stream.uniform(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      members.push(pool[i]!);
    }
  });
  return { panelIndex, members: members.sort() };
}

export interface Replacement {
  /** Who declined. */
  declined: string;
  /** Who takes the seat; null when nobody can without breaking a quota (the seat stays empty). */
  replacement: string | null;
}

/**
 * The rule for a decline, reproducible like the draw: the k-th decline (k = 1, 2, … in the order
 * they were recorded) uses the stream of `REPLACEMENT_DOMAIN`, the seed, the public value and k.
 * The seat goes to a volunteer never drawn before, of the same profile as who declined (so every
 * quota holds exactly as before); when none is left, to one whose profile keeps every quota with
 * the rest of the panel; picked uniformly among them, sorted by pseudonym. Nobody: the seat stays
 * empty.
 */
export function replacementFor(problem: Problem, input: DrawInput, k: number, state: { panel: readonly string[]; everDrawn: ReadonlySet<string>; declined: string }): string | null {
  const profileOf = new Map<string, number>();
  problem.profiles.forEach((p, t) => p.members.forEach((m) => profileOf.set(m, t)));
  const t0 = profileOf.get(state.declined);
  if (t0 === undefined) throw new Error(`${state.declined} n’est pas un volontaire`);
  const free = (t: number) => problem.profiles[t]!.members.filter((m) => !state.everDrawn.has(m));
  let candidates = free(t0);
  if (candidates.length === 0) {
    const counts = problem.profiles.map(() => 0);
    for (const m of state.panel) if (m !== state.declined) counts[profileOf.get(m)!]! += 1;
    candidates = problem.profiles.flatMap((_p, t) => {
      const c = free(t);
      if (c.length === 0) return [];
      counts[t]! += 1;
      const ok = meetsQuotas(problem, counts);
      counts[t]! -= 1;
      return ok ? c : [];
    }).sort();
  }
  if (candidates.length === 0) return null;
  const stream = SeededStream.of(REPLACEMENT_DOMAIN, input.seed, input.publicValue, String(k));
  return candidates[stream.uniform(candidates.length)]!;
}

/** Replays the declines in order from the drawn panel: the panel after them, and each replacement. */
export function replayDeclines(problem: Problem, input: DrawInput, drawn: readonly string[], declines: readonly string[]): { panel: string[]; replacements: Replacement[] } {
  let panel = [...drawn];
  const everDrawn = new Set(drawn);
  const replacements: Replacement[] = [];
  declines.forEach((declined, i) => {
    if (!panel.includes(declined)) throw new Error(`${declined} ne siège pas : son refus ne peut pas être rejoué`);
    const replacement = replacementFor(problem, input, i + 1, { panel, everDrawn, declined });
    panel = panel.filter((m) => m !== declined);
    if (replacement) {
      panel.push(replacement);
      everDrawn.add(replacement);
    }
    replacements.push({ declined, replacement });
  });
  return { panel: panel.sort(), replacements };
}

/** Seats per quota row filled by a set of members (for the page: target against drawn). */
export function quotaFill(problem: Problem, members: readonly string[]): number[] {
  const idx = quotaIndex(problem.strata);
  const profileOf = new Map<string, number>();
  problem.profiles.forEach((p, t) => p.members.forEach((m) => profileOf.set(m, t)));
  const filled = new Array<number>(problem.quotas.length).fill(0);
  for (const m of members) {
    const t = profileOf.get(m);
    if (t !== undefined) problem.profiles[t]!.categories.forEach((c, s) => { filled[idx[s]![c]!]! += 1; });
  }
  return filled;
}
