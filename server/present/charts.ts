import { displayNumber } from '../../shared/amendment';
import {
  addDays, barSlots, CHART_TIME_ZONE, countAxis, cumulativeByDay, daysFrom, fillDays, labelledIndexes, linearScale,
  linePath, participationByDay, PARTICIPATION_SERIES, spreadLabels, VOTE_SERIES, type Day, type ParticipationDay,
  type ParticipationSeries, type VotePoint,
} from '../../shared/charts';
import { msg } from '../../shared/i18n';
import { tally, type Tally } from '../../shared/votes';
import type { Queryable } from '../db/db';
import { notFound } from '../errors';
import { html, type SafeHtml } from '../html';
import { findAmendment } from '../sql/amendments';
import { findBill, type BillRow } from '../sql/bills';
import { countAssisted, type AssistedCounts } from '../sql/assisted';
import { participationPerHour, voteDeltasPerHour } from '../sql/contributions';
import { dateFormat, t, tn } from '../i18n';

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
  for: { label: msg('d’accord'), colour: '#18753c', dash: '', marker: 'circle' },
  mitigated: { label: msg('mitigé'), colour: '#8a4b00', dash: '9 4', marker: 'square' },
  against: { label: msg('pas d’accord'), colour: '#b3261e', dash: '2 3', marker: 'triangle' },
} as const;

/** `label` is French (`msg`): say it with `t(label)`. */
export const PARTICIPATION_STYLE: Record<ParticipationSeries, { label: string; colour: string }> = {
  votes: { label: msg('Votes exprimés'), colour: '#000091' },
  amendments: { label: msg('Amendements déposés'), colour: '#18753c' },
  arguments: { label: msg('Arguments'), colour: '#8a4b00' },
  annotations: { label: msg('Annotations'), colour: '#6a3d9a' },
};

/** The noun of a series for `n` of them, without the number (« votes exprimés »), in the request's language. */
export function participationNoun(s: ParticipationSeries, n: number): string {
  switch (s) {
    case 'votes': return tn('vote exprimé', 'votes exprimés', n);
    case 'amendments': return tn('amendement déposé', 'amendements déposés', n);
    case 'arguments': return tn('argument', 'arguments', n);
    default: return tn('annotation', 'annotations', n);
  }
}

const DAY_SHORT = dateFormat({ timeZone: 'UTC', day: 'numeric', month: 'short' });
const DAY_LONG = dateFormat({ timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** « 3 mai » / « 3 May » on an axis; « 3 mai 2025 » / « 3 May 2025 » in a table or a sentence (the request's language). */
export function chartDay(day: Day, long = false): string {
  return (long ? DAY_LONG : DAY_SHORT).format(new Date(`${day}T00:00:00Z`));
}

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

function frame(words: SvgText, width: number, height: number, body: SafeHtml): SafeHtml {
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${words.id}-title ${words.id}-desc" class="chart-svg" font-family="${FONT}" font-size="13" fill="${INK}">
<title id="${words.id}-title">${words.title}</title>
<desc id="${words.id}-desc">${words.desc}</desc>
<rect width="${width}" height="${height}" fill="#ffffff"/>
${body}
</svg>`;
}

/** A chart with nothing to draw yet says so (its description says it too). */
function emptySvg(words: SvgText, width: number, height: number): string {
  return frame(words, width, height, html`<text x="${width / 2}" y="${height / 2 + 4}" text-anchor="middle" fill="${MUTED}">${words.desc}</text>`).value;
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
<text x="${o.x(i)}" y="${o.bottom + 18}" text-anchor="middle" fill="${MUTED}">${chartDay(o.days[i]!)}</text>`);
  return html`<g>${grid}</g><line x1="${o.left}" x2="${o.right}" y1="${o.bottom}" y2="${o.bottom}" stroke="${INK}" stroke-width="1"/><g>${labels}</g>`;
}

/**
 * Cumulative d'accord / mitigé / pas d'accord per day, as three lines told apart by colour, dash,
 * marker and a label at their end with the last count; the day before the first vote starts at 0.
 */
export function voteChartSvg(points: readonly VotePoint[], words: SvgText): string {
  const W = 560, H = 300, left = 40, right = W - 132, top = 44, bottom = H - 44;
  if (points.length === 0) return emptySvg(words, W, 120);
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
<text x="${right + 10}" y="${ends[k]! + 4}" fill="${st.colour}" font-weight="700">${t('{{libelle}} : {{nombre}}', { libelle: t(st.label), nombre: last })}</text></g>`;
  });
  const legend = VOTE_SERIES.map((s, k) => {
    const st = VOTE_STYLE[s];
    const lx = left + k * 140;
    return html`<g><line x1="${lx}" x2="${lx + 28}" y1="14" y2="14" stroke="${st.colour}" stroke-width="2.5"${st.dash ? html` stroke-dasharray="${st.dash}"` : ''}/>${marker(st.marker, lx + 14, 14, st.colour)}<text x="${lx + 34}" y="18">${t(st.label)}</text></g>`;
  });
  return frame(words, W, H, html`<g>${legend}</g>
<text x="${left - 6}" y="${top - 10}" text-anchor="start" fill="${MUTED}">${t('Nombre de votes (cumul)')}</text>
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
export function participationSvg(active: readonly ParticipationDay[], words: SvgText): string {
  const W = 560, left = 40, right = W - 16, panelH = 76, gap = 34, top = 24;
  const H = top + PARTICIPATION_SERIES.length * (panelH + gap) + 18;
  if (active.length === 0) return emptySvg(words, W, 120);
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
    const bars = values.map((v, i) => (v > 0 ? html`<rect x="${slots[i]!.x}" y="${y(v)}" width="${Math.max(1, slots[i]!.width)}" height="${pBottom - y(v)}" fill="url(#${words.id}-${s})" stroke="${PARTICIPATION_STYLE[s].colour}" stroke-width="0.5"/>` : ''));
    return html`<g><text x="${left}" y="${pTop - 8}" font-weight="700">${t(PARTICIPATION_STYLE[s].label)} <tspan font-weight="400" fill="${MUTED}">${t('({{total}} au total)', { total })}</tspan></text>
${ticks.map((v) => html`<line x1="${left}" x2="${right}" y1="${y(v)}" y2="${y(v)}" stroke="${GRID}"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="${MUTED}">${v}</text>`)}
${bars}<line x1="${left}" x2="${right}" y1="${pBottom}" y2="${pBottom}" stroke="${INK}"/></g>`;
  });
  const axisY = top + PARTICIPATION_SERIES.length * (panelH + gap) - gap;
  const labels = labelledIndexes(days.length, 7).map((i) => html`<line x1="${slots[i]!.centre}" x2="${slots[i]!.centre}" y1="${axisY}" y2="${axisY + 5}" stroke="${INK}"/>
<text x="${slots[i]!.centre}" y="${axisY + 18}" text-anchor="middle" fill="${MUTED}">${chartDay(days[i]!)}</text>`);
  return frame(words, W, H, html`${patterns(words.id)}${panels}<g>${labels}</g>`).value;
}

// ---------------------------------------------------------------- words

/** « le 3 mai 2025 » or « du 1er au 3 mai 2025 »: the span of a series, in the request's language. */
const span = (first: Day, last: Day) => (first === last ? t('le {{jour}}', { jour: chartDay(last, true) }) : t('du {{debut}} au {{fin}}', { debut: chartDay(first, true), fin: chartDay(last, true) }));

/** The description read instead of the drawing: the span and the latest counts in words. */
export function voteChartText(id: string, displayNo: string | null, points: readonly VotePoint[]): SvgText {
  const title = displayNo ? t('Évolution des votes sur l’amendement n° {{numero}}', { numero: displayNo }) : t('Évolution des votes sur l’amendement');
  const last = points.at(-1);
  if (!last) return { id, title, desc: t('Aucun vote pour l’instant.') };
  return {
    id, title,
    desc: t('Votes cumulés jour par jour, {{periode}}. Au {{jour}} : {{pour}} d’accord, {{mitige}} mitigé, {{contre}} pas d’accord ({{total}}).', {
      periode: span(points[0]!.day, last.day), jour: chartDay(last.day, true), pour: last.for, mitige: last.mitigated, contre: last.against,
      total: tn('{{count}} vote', '{{count}} votes', last.total),
    }),
  };
}

export function participationText(id: string, bill: BillRow, json: ParticipationJson): SvgText {
  const title = t('Participation jour par jour — {{titre}}', { titre: bill.title });
  const first = json.days[0];
  const last = json.days.at(-1);
  if (!first || !last) return { id, title, desc: t('Aucune participation pour l’instant.') };
  const busiest = json.days.reduce((a, b) => (b.total > a.total ? b : a));
  const tt = json.totals;
  const counted = (s: ParticipationSeries) => `${tt[s]} ${participationNoun(s, tt[s])}`;
  return {
    id, title,
    desc: t('Du {{debut}} au {{fin}} : {{votes}}, {{amendements}}, {{arguments}}, {{annotations}}. Journée la plus active : le {{jour}} ({{contributions}}).', {
      debut: chartDay(first.date, true), fin: chartDay(last.date, true),
      votes: counted('votes'), amendements: counted('amendments'), arguments: counted('arguments'), annotations: counted('annotations'),
      jour: chartDay(busiest.date, true), contributions: tn('{{count}} contribution', '{{count}} contributions', busiest.total),
    }),
  };
}
