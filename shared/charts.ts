/**
 * Pure geometry and data shaping for the charts the server draws as SVG: days in French time,
 * cumulative vote series, count axes with round ticks, scales, paths and bar slots. No markup here
 * (server/present/charts.ts writes the SVG), so all of it is tested without a DOM.
 */

/** Charts count days as people in France live them, whatever the server's time zone. */
export const CHART_TIME_ZONE = 'Europe/Paris';

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const parisDate = new Intl.DateTimeFormat('en-GB', { timeZone: CHART_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day (in France) on which an instant falls. */
export function dayOf(at: Date): Day {
  const parts = Object.fromEntries(parisDate.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function dayToUtc(day: Day): number {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(day: Day, n: number): Day {
  return new Date(dayToUtc(day) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysFrom(from: Day, to: Day): Day[] {
  const n = Math.round((dayToUtc(to) - dayToUtc(from)) / MS_PER_DAY);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

const frDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const frDayLong = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** « 3 mai » on an axis; « 3 mai 2025 » in a table or a sentence. */
export function frenchDay(day: Day, long = false): string {
  return (long ? frDayLong : frDay).format(new Date(dayToUtc(day)));
}

// ---------------------------------------------------------------- series

export type VoteCounts = { for: number; mitigated: number; against: number };
export const VOTE_SERIES = ['for', 'mitigated', 'against'] as const;

/** Net change of each opinion over a period starting at `at` (a vote event log, summed). */
export interface VoteDelta extends VoteCounts {
  at: Date;
}

/** The counts at the end of a day, after every change of that day and before. */
export interface VotePoint extends VoteCounts {
  day: Day;
  total: number;
}

/**
 * Cumulative counts at the end of each day on which something changed, in day order. Deltas may
 * come in any order and several per day (e.g. one per hour); a withdrawn vote is a −1.
 */
export function cumulativeByDay(deltas: readonly VoteDelta[]): VotePoint[] {
  const byDay = new Map<Day, VoteCounts>();
  for (const d of deltas) {
    const day = dayOf(d.at);
    const sum = byDay.get(day) ?? { for: 0, mitigated: 0, against: 0 };
    byDay.set(day, { for: sum.for + d.for, mitigated: sum.mitigated + d.mitigated, against: sum.against + d.against });
  }
  const run = { for: 0, mitigated: 0, against: 0 };
  return [...byDay.keys()].sort().map((day) => {
    const d = byDay.get(day)!;
    run.for += d.for;
    run.mitigated += d.mitigated;
    run.against += d.against;
    return { day, ...run, total: run.for + run.mitigated + run.against };
  });
}

/**
 * The value of each day from `days[0]` to the last day, carrying the last known counts over days
 * without change; days before the first point count zero.
 */
export function fillDays(points: readonly VotePoint[], days: readonly Day[]): VotePoint[] {
  let last: VotePoint | undefined;
  let i = 0;
  return days.map((day) => {
    while (i < points.length && points[i]!.day <= day) last = points[i++];
    return last ? { ...last, day } : { day, for: 0, mitigated: 0, against: 0, total: 0 };
  });
}

export const PARTICIPATION_SERIES = ['votes', 'amendments', 'arguments', 'annotations'] as const;
export type ParticipationSeries = (typeof PARTICIPATION_SERIES)[number];

/** How many of each contribution a day saw. */
export type ParticipationDay = { day: Day; total: number } & Record<ParticipationSeries, number>;

/** Counts per period (one list per kind of contribution), summed per day, active days only. */
export function participationByDay(counts: Record<ParticipationSeries, readonly { at: Date; n: number }[]>): ParticipationDay[] {
  const byDay = new Map<Day, ParticipationDay>();
  for (const series of PARTICIPATION_SERIES) {
    for (const c of counts[series]) {
      const day = dayOf(c.at);
      const row = byDay.get(day) ?? { day, votes: 0, amendments: 0, arguments: 0, annotations: 0, total: 0 };
      row[series] += c.n;
      row.total += c.n;
      byDay.set(day, row);
    }
  }
  return [...byDay.values()].filter((d) => d.total > 0).sort((a, b) => (a.day < b.day ? -1 : 1));
}

// ---------------------------------------------------------------- geometry

/** Maps [d0, d1] onto [r0, r1] linearly; a degenerate domain maps everything onto r0. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => r0;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/**
 * An axis for counts: whole-number ticks from 0 at a round step (1, 2 or 5 × 10ⁿ), about
 * `target` of them, the top tick at or above `max` (and at least 1, so that an axis of zeros
 * still has a height).
 */
export function countAxis(max: number, target = 5): { top: number; ticks: number[] } {
  const wanted = Math.max(1, Math.ceil(max));
  const raw = wanted / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(wanted / step) * step;
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}

/**
 * Which of `n` evenly spaced slots get a label so that at most `max` do: every k-th from the
 * first, and the last one always (added when there is room, else in place of the previous one).
 */
export function labelledIndexes(n: number, max: number): number[] {
  if (n <= 0) return [];
  const every = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  const last = n - 1;
  if (out.at(-1) !== last) {
    if (out.length < max && last - out.at(-1)! >= Math.ceil(every / 2)) out.push(last);
    else out[out.length - 1] = last;
  }
  return out;
}

export interface Point {
  x: number;
  y: number;
}

const r1 = (v: number) => String(Math.round(v * 10) / 10);

/** An SVG path through the points, straight segments, one decimal (no path for no point). */
export function linePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r1(p.x)} ${r1(p.y)}`).join('');
}

/**
 * `n` bars side by side across [x0, x1]: each slot has the same width, the bar fills `fill` of it
 * (centred). Positions are rounded to a tenth of a pixel.
 */
export function barSlots(n: number, x0: number, x1: number, fill = 0.7): { x: number; width: number; centre: number }[] {
  if (n <= 0) return [];
  const slot = (x1 - x0) / n;
  const width = slot * Math.min(1, Math.max(0.05, fill));
  return Array.from({ length: n }, (_, i) => {
    const centre = x0 + slot * (i + 0.5);
    return { x: Math.round((centre - width / 2) * 10) / 10, width: Math.round(width * 10) / 10, centre: Math.round(centre * 10) / 10 };
  });
}

/**
 * Vertical positions for labels wanted at `ys` (e.g. at the ends of lines) so that no two are
 * closer than `gap`, moving them as little as possible and keeping them within [top, bottom].
 * Returns the positions in the order of `ys`.
 */
export function spreadLabels(ys: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => Math.min(bottom, Math.max(top, o.y)));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap);
  // pushed past the bottom: move the last ones back up, still `gap` apart where there is room
  if (placed.length > 0) placed[placed.length - 1] = Math.min(bottom, placed.at(-1)!);
  for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.max(top, Math.min(placed[k]!, placed[k + 1]! - gap));
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = placed[k]!));
  return out;
}
