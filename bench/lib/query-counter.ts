/**
 * Preloaded into the server process by the benches (`--count-queries`), never by the app itself:
 * counts the SQL statements the server sends, per statement text, by wrapping
 * pg.Client.prototype.query (pool queries go through it too). On SIGUSR2 and at exit it appends
 * one JSON line `{at, counts}` to BENCH_QUERY_COUNT_FILE, so that a bench can diff two snapshots
 * taken around its measured phase.
 */
import fs from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  const counts: Record<string, number> = {};
  type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '?';
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 110);
    counts[key] = (counts[key] ?? 0) + 1;
    return original.apply(this, args);
  };
  const dump = () => fs.appendFileSync(file, `${JSON.stringify({ at: Date.now(), counts })}\n`);
  process.on('SIGUSR2', dump);
  process.on('exit', dump);
}

/** Reads the snapshots a server wrote (one per SIGUSR2, plus one at exit). */
export function readQueryCounts(path: string): Record<string, number>[] {
  if (!fs.existsSync(path)) return [];
  return fs
    .readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { counts: Record<string, number> }).counts);
}

/** Statements sent between two snapshots, most frequent first. */
export function diffCounts(before: Record<string, number>, after: Record<string, number>): [string, number][] {
  return Object.entries(after)
    .map(([k, v]): [string, number] => [k, v - (before[k] ?? 0)])
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
}
