import { displayNumber } from '../../shared/amendment';
import {
  addDays, barSlots, CHART_TIME_ZONE, countAxis, cumulativeByDay, daysFrom, fillDays, frenchDay, labelledIndexes, linearScale,
  linePath, participationByDay, PARTICIPATION_SERIES, spreadLabels, VOTE_SERIES, type Day, type ParticipationDay,
  type ParticipationSeries, type VotePoint,
} from '../../shared/charts';
import { tally, type Tally } from '../../shared/votes';
import type { Queryable } from '../db/db';
import { notFound } from '../errors';
import { html, type SafeHtml } from '../html';
import { findAmendment } from '../sql/amendments';
import { findBill, type BillRow } from '../sql/bills';
import { countAssisted, type AssistedCounts } from '../sql/assisted';
import { participationPerHour, voteDeltasPerHour } from '../sql/contributions';

/** Data and SVG of the two charts: votes on an amendment over time, participation in a bill. */

// ---------------------------------------------------------------- data

/** Counts at the end of each day on which an amendment's votes changed (from the voter-less log). */
export async function amendmentVoteSeries(db: Queryable, amendmentId: string): Promise<VotePoint[]> {
  return cumulativeByDay(await voteDeltasPerHour(db, 'amendment', amendmentId));
}

export const lastTally = (points: readonly VotePoint[]): Tally => {
  const p = points.at(-1);
  return p ? tally(p.for, p.mitigated, p.against) : tally(0, 0, 0);
};

/** The JSON of `GET /api/amendments/:id/votes-over-time` (drafts have no votes to show: 404). */
export async function loadVotesOverTime(db: Queryable, amendmentId: string) {
  const a = await findAmendment(db, amendmentId);
  if (!a || a.status === 'draft') throw notFound('Amendement introuvable.');
  const days = await amendmentVoteSeries(db, a.id);
  return {
    amendmentId: a.id, billId: a.bill_id, displayNumber: displayNumber(a.origin, a.number), timeZone: CHART_TIME_ZONE,
    /** Cumulative counts at the end of each day on which something changed. */
    days: days.map((d) => ({ date: d.day, for: d.for, mitigated: d.mitigated, against: d.against, total: d.total })),
    tally: lastTally(days),
  };
}
export type VotesOverTime = Awaited<ReturnType<typeof loadVotesOverTime>>;

/** The JSON of `GET /api/bills/:billId/participation`: active days only, and totals. */
export async function loadParticipation(db: Queryable, billId: string): Promise<{ bill: BillRow; json: ParticipationJson; days: ParticipationDay[] }> {
  const bill = await findBill(db, billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  const [perHour, assisted] = await Promise.all([participationPerHour(db, bill.id), countAssisted(db, bill.id)]);
  const days = participationByDay(perHour);
  const totals = { votes: 0, amendments: 0, arguments: 0, annotations: 0, total: 0 };
  for (const d of days) for (const k of [...PARTICIPATION_SERIES, 'total'] as const) totals[k] += d[k];
  return { bill, days, json: { billId: bill.id, timeZone: CHART_TIME_ZONE, days: days.map(({ day, ...n }) => ({ date: day, ...n })), totals, assisted } };
}
export interface ParticipationJson {
  billId: string;
  timeZone: string;
  days: ({ date: Day; total: number } & Record<ParticipationSeries, number>)[];
  totals: { total: number } & Record<ParticipationSeries, number>;
  /**
   * Counted apart: of the totals, what structures de médiation filed for a person or a workshop
   * (issue 16 › 3), and the workshops behind them. Votes are never filed on anyone's behalf.
   */
  assisted: AssistedCounts;
}

// ---------------------------------------------------------------- SVG

/** Colours of the site's vote buttons; each line also has its own dash and marker, and a label. */
export const VOTE_STYLE = {
  for: { label: 'd’accord', colour: '#18753c', dash: '', marker: 'circle' },
  mitigated: { label: 'mitigé', colour: '#8a4b00', dash: '9 4', marker: 'square' },
  against: { label: 'pas d’accord', colour: '#b3261e', dash: '2 3', marker: 'triangle' },
} as const;

export const PARTICIPATION_STYLE: Record<ParticipationSeries, { label: string; one: string; many: string; colour: string }> = {
  votes: { label: 'Votes exprimés', one: 'vote exprimé', many: 'votes exprimés', colour: '#000091' },
  amendments: { label: 'Amendements déposés', one: 'amendement déposé', many: 'amendements déposés', colour: '#18753c' },
  arguments: { label: 'Arguments', one: 'argument', many: 'arguments', colour: '#8a4b00' },
  annotations: { label: 'Annotations', one: 'annotation', many: 'annotations', colour: '#6a3d9a' },
};

/** At least a week on the time axis, so that a single busy day does not fill the whole width. */
const MIN_DAYS = 7;

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const INK = '#1b1b1b';
const MUTED = '#595959';
const GRID = '#d6d6d0';

export interface SvgText {
  /** Unique within the page: prefixes every id of the drawing. */
  id: string;
  title: string;
  desc: string;
}

function frame(t: SvgText, width: number, height: number, body: SafeHtml): SafeHtml {
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${t.id}-title ${t.id}-desc" class="chart-svg" font-family="${FONT}" font-size="13" fill="${INK}">
<title id="${t.id}-title">${t.title}</title>
<desc id="${t.id}-desc">${t.desc}</desc>
<rect width="${width}" height="${height}" fill="#ffffff"/>
${body}
</svg>`;
}

/** A chart with nothing to draw yet says so (its description says it too). */
function emptySvg(t: SvgText, width: number, height: number): string {
  return frame(t, width, height, html`<text x="${width / 2}" y="${height / 2 + 4}" text-anchor="middle" fill="${MUTED}">${t.desc}</text>`).value;
}

function marker(kind: 'circle' | 'square' | 'triangle', x: number, y: number, colour: string): SafeHtml {
  if (kind === 'circle') return html`<circle cx="${x}" cy="${y}" r="3.5" fill="${colour}"/>`;
  if (kind === 'square') return html`<rect x="${x - 3.5}" y="${y - 3.5}" width="7" height="7" fill="${colour}"/>`;
  return html`<path d="M${x} ${y - 4.5}L${x + 4.5} ${y + 3.5}L${x - 4.5} ${y + 3.5}Z" fill="${colour}"/>`;
}

/** Horizontal grid lines with their counts on the left, and the day labels under the plot. */
function axes(o: { left: number; right: number; top: number; bottom: number; ticks: number[]; y: (v: number) => number; days: Day[]; x: (i: number) => number; maxLabels: number }): SafeHtml {
  const grid = o.ticks.map((t) => html`<line x1="${o.left}" x2="${o.right}" y1="${o.y(t)}" y2="${o.y(t)}" stroke="${GRID}" stroke-width="1"/>
<text x="${o.left - 6}" y="${o.y(t) + 4}" text-anchor="end" fill="${MUTED}">${t}</text>`);
  const labels = labelledIndexes(o.days.length, o.maxLabels).map((i) => html`<line x1="${o.x(i)}" x2="${o.x(i)}" y1="${o.bottom}" y2="${o.bottom + 5}" stroke="${INK}"/>
<text x="${o.x(i)}" y="${o.bottom + 18}" text-anchor="middle" fill="${MUTED}">${frenchDay(o.days[i]!)}</text>`);
  return html`<g>${grid}</g><line x1="${o.left}" x2="${o.right}" y1="${o.bottom}" y2="${o.bottom}" stroke="${INK}" stroke-width="1"/><g>${labels}</g>`;
}

/**
 * Cumulative d'accord / mitigé / pas d'accord per day, as three lines told apart by colour, dash,
 * marker and a label at their end with the last count; the day before the first vote starts at 0.
 */
export function voteChartSvg(points: readonly VotePoint[], t: SvgText): string {
  const W = 560, H = 300, left = 40, right = W - 132, top = 44, bottom = H - 44;
  if (points.length === 0) return emptySvg(t, W, 120);
  const days = daysFrom(addDays(points[0]!.day, -1), points.at(-1)!.day);
  const filled = fillDays(points, days);
  const { top: max, ticks } = countAxis(Math.max(0, ...filled.flatMap((p) => [p.for, p.mitigated, p.against])));
  const x = linearScale([0, Math.max(1, days.length - 1)], [left, right]);
  const y = linearScale([0, max], [bottom, top]);
  const ends = spreadLabels(VOTE_SERIES.map((s) => y(filled.at(-1)?.[s] ?? 0)), 15, top, bottom);
  const lines = VOTE_SERIES.map((s, k) => {
    const st = VOTE_STYLE[s];
    const pts = filled.map((p, i) => ({ x: x(i), y: y(p[s]) }));
    const last = filled.at(-1)?.[s] ?? 0;
    return html`<g><path d="${linePath(pts)}" fill="none" stroke="${st.colour}" stroke-width="2.5"${st.dash ? html` stroke-dasharray="${st.dash}"` : ''} stroke-linejoin="round"/>
${days.length <= 31 ? pts.map((p) => marker(st.marker, p.x, p.y, st.colour)) : ''}
<text x="${right + 10}" y="${ends[k]! + 4}" fill="${st.colour}" font-weight="700">${st.label} : ${last}</text></g>`;
  });
  const legend = VOTE_SERIES.map((s, k) => {
    const st = VOTE_STYLE[s];
    const lx = left + k * 140;
    return html`<g><line x1="${lx}" x2="${lx + 28}" y1="14" y2="14" stroke="${st.colour}" stroke-width="2.5"${st.dash ? html` stroke-dasharray="${st.dash}"` : ''}/>${marker(st.marker, lx + 14, 14, st.colour)}<text x="${lx + 34}" y="18">${st.label}</text></g>`;
  });
  return frame(t, W, H, html`<g>${legend}</g>
<text x="${left - 6}" y="${top - 10}" text-anchor="start" fill="${MUTED}">Nombre de votes (cumul)</text>
${axes({ left, right, top, bottom, ticks, y, days, x, maxLabels: 6 })}
${lines}`).value;
}

/** Diagonal hatches, dots or cross-hatches over each colour: the bars differ by more than hue. */
function patterns(id: string): SafeHtml {
  const p = (s: ParticipationSeries, inner: SafeHtml) => html`<pattern id="${id}-${s}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${PARTICIPATION_STYLE[s].colour}"/>${inner}</pattern>`;
  return html`<defs>${p('votes', html``)}
${p('amendments', html`<path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="#ffffff" stroke-width="1.2"/>`)}
${p('arguments', html`<circle cx="3" cy="3" r="1.2" fill="#ffffff"/>`)}
${p('annotations', html`<path d="M0 3H6M3 0V6" stroke="#ffffff" stroke-width="1"/>`)}</defs>`;
}

/**
 * Participation per day as four small bar charts sharing one time axis (votes outnumber the rest
 * by far: one scale for all would flatten them), each with its own scale, label and total.
 */
export function participationSvg(active: readonly ParticipationDay[], t: SvgText): string {
  const W = 560, left = 40, right = W - 16, panelH = 76, gap = 34, top = 24;
  const H = top + PARTICIPATION_SERIES.length * (panelH + gap) + 18;
  if (active.length === 0) return emptySvg(t, W, 120);
  const last = active.at(-1)!.day;
  const first = active[0]!.day < addDays(last, 1 - MIN_DAYS) ? active[0]!.day : addDays(last, 1 - MIN_DAYS);
  const days = daysFrom(first, last);
  const byDay = new Map(active.map((d) => [d.day, d]));
  const slots = barSlots(days.length, left, right).map((b) => (b.width > 28 ? { ...b, x: b.centre - 14, width: 28 } : b));
  const panels = PARTICIPATION_SERIES.map((s, k) => {
    const pTop = top + k * (panelH + gap);
    const pBottom = pTop + panelH;
    const values = days.map((d) => byDay.get(d)?.[s] ?? 0);
    const { top: max, ticks } = countAxis(Math.max(0, ...values), 2);
    const y = linearScale([0, max], [pBottom, pTop + 4]);
    const total = values.reduce((a, b) => a + b, 0);
    const bars = values.map((v, i) => (v > 0 ? html`<rect x="${slots[i]!.x}" y="${y(v)}" width="${Math.max(1, slots[i]!.width)}" height="${pBottom - y(v)}" fill="url(#${t.id}-${s})" stroke="${PARTICIPATION_STYLE[s].colour}" stroke-width="0.5"/>` : ''));
    return html`<g><text x="${left}" y="${pTop - 8}" font-weight="700">${PARTICIPATION_STYLE[s].label} <tspan font-weight="400" fill="${MUTED}">(${total} au total)</tspan></text>
${ticks.map((v) => html`<line x1="${left}" x2="${right}" y1="${y(v)}" y2="${y(v)}" stroke="${GRID}"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="${MUTED}">${v}</text>`)}
${bars}<line x1="${left}" x2="${right}" y1="${pBottom}" y2="${pBottom}" stroke="${INK}"/></g>`;
  });
  const axisY = top + PARTICIPATION_SERIES.length * (panelH + gap) - gap;
  const labels = labelledIndexes(days.length, 7).map((i) => html`<line x1="${slots[i]!.centre}" x2="${slots[i]!.centre}" y1="${axisY}" y2="${axisY + 5}" stroke="${INK}"/>
<text x="${slots[i]!.centre}" y="${axisY + 18}" text-anchor="middle" fill="${MUTED}">${frenchDay(days[i]!)}</text>`);
  return frame(t, W, H, html`${patterns(t.id)}${panels}<g>${labels}</g>`).value;
}

// ---------------------------------------------------------------- words

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The description read instead of the drawing: the span and the latest counts in words. */
export function voteChartText(id: string, displayNo: string | null, points: readonly VotePoint[]): SvgText {
  const title = `Évolution des votes sur l’amendement${displayNo ? ` n° ${displayNo}` : ''}`;
  const last = points.at(-1);
  if (!last) return { id, title, desc: 'Aucun vote pour l’instant.' };
  const span = points[0]!.day === last.day ? `le ${frenchDay(last.day, true)}` : `du ${frenchDay(points[0]!.day, true)} au ${frenchDay(last.day, true)}`;
  return {
    id, title,
    desc: `Votes cumulés jour par jour, ${span}. Au ${frenchDay(last.day, true)} : ${last.for} d’accord, ${last.mitigated} mitigé, ${last.against} pas d’accord (${count(last.total, 'vote', 'votes')}).`,
  };
}

export function participationText(id: string, bill: BillRow, json: ParticipationJson): SvgText {
  const title = `Participation jour par jour — ${bill.title}`;
  const first = json.days[0];
  const last = json.days.at(-1);
  if (!first || !last) return { id, title, desc: 'Aucune participation pour l’instant.' };
  const busiest = json.days.reduce((a, b) => (b.total > a.total ? b : a));
  const tt = json.totals;
  return {
    id, title,
    desc: `Du ${frenchDay(first.date, true)} au ${frenchDay(last.date, true)} : ${count(tt.votes, 'vote exprimé', 'votes exprimés')}, ${count(tt.amendments, 'amendement déposé', 'amendements déposés')}, ${count(tt.arguments, 'argument', 'arguments')}, ${count(tt.annotations, 'annotation', 'annotations')}. Journée la plus active : le ${frenchDay(busiest.date, true)} (${count(busiest.total, 'contribution', 'contributions')}).`,
  };
}
