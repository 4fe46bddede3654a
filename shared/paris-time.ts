/**
 * Wall-clock times in Europe/Paris (the platform's time zone), turned into instants with the
 * offset in force on that day (+01:00 in winter, +02:00 in summer), computed by Intl.
 */
export const PARIS = 'Europe/Paris';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: PARIS, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Paris's offset from UTC at the instant `ms`, in minutes (60 or 120). */
export function parisOffsetMinutes(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * « 2026-07-14 » at « 23:59 » in Paris, as an ISO instant with its offset
 * (« 2026-07-14T23:59:00+02:00 »). A date that is not YYYY-MM-DD comes back unchanged with the
 * time appended, for the schema to refuse.
 */
export function parisLocalIso(date: string, time = '23:59'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !t) return `${date}T${time}:00`;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(asUtc)) return `${date}T${time}:00`;
  // the offset in force at that wall time: guess with the offset at the same UTC reading, then check
  let offset = parisOffsetMinutes(asUtc - parisOffsetMinutes(asUtc) * 60000);
  offset = parisOffsetMinutes(asUtc - offset * 60000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
