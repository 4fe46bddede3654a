/**
 * Load generation (autocannon, programmatic, keep-alive) and the shared bits of the two HTTP
 * benches: command-line options, machine description, latency formatting, PASS/FAIL lines.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import type { ServerMode } from './server';

export function runLoad(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    // Abort cleanly on Ctrl-C rather than leaving the server and the database behind.
    const stop = () => instance.stop();
    process.once('SIGINT', stop);
    instance.on('done', () => process.off('SIGINT', stop));
  });
}

export interface CommonOptions {
  server: ServerMode;
  build: boolean;
  duration: number;
  warmup: number;
  connections: number;
  profile: boolean;
  countQueries: boolean;
  logLevel: string;
  /** Run the server from another checkout (default: this one). */
  serverRoot: string;
  /** Leave the database in place at the end (for EXPLAIN ANALYZE); default: dropped. */
  keepDb: boolean;
  /** `K=V,K=V` added to the server's environment (experiments). */
  serverEnv: string;
  /** Query string added to the server's DATABASE_URL, e.g. `options=-c%20synchronous_commit%3Doff`. */
  dbUrlQuery: string;
  /** N ≥ 2: N server processes in cluster mode (REDIS_URL) behind the round-robin front, in this process. */
  processes?: number;
  redisUrl?: string;
}

export function parseEnvList(list: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of list.split(',').filter(Boolean)) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new Error(`--server-env: KEY=VALUE expected, not ${pair}`);
    env[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return env;
}

/** `--name=value` / `--flag` / `--no-flag` options; unknown ones are refused. */
export function parseArgs<T extends Record<string, string | number | boolean>>(defaults: T, argv = process.argv.slice(2)): T {
  const out: Record<string, string | number | boolean> = { ...defaults };
  // `--key value` as well as `--key=value` (for options that take a value)
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const key = arg.match(/^--([a-z][a-z-]*)$/)?.[1]?.replace(/-([a-z])/g, (_s, c: string) => c.toUpperCase());
    const next = argv[i + 1];
    if (key && key in defaults && typeof defaults[key] !== 'boolean' && next !== undefined && !next.startsWith('--')) {
      args.push(`${arg}=${next}`);
      i += 1;
    } else args.push(arg);
  }
  for (const arg of args) {
    const m = arg.match(/^--(no-)?([a-z][a-z-]*)(?:=(.*))?$/);
    const key = m?.[2]?.replace(/-([a-z])/g, (_s, c: string) => c.toUpperCase());
    if (!m || !key || !(key in defaults)) throw new Error(`unknown option ${arg}; options: ${Object.keys(defaults).join(', ')}`);
    const def = defaults[key];
    if (typeof def === 'boolean') out[key] = m[3] === undefined ? !m[1] : ['1', 'true', 'yes', 'on'].includes(m[3]);
    else if (typeof def === 'number') {
      const n = Number(m[3]);
      if (!Number.isFinite(n)) throw new Error(`${arg}: a number is expected`);
      out[key] = n;
    } else out[key] = m[3] ?? '';
  }
  return out as T;
}

export function checkMode(mode: string): ServerMode {
  if (mode !== 'dist' && mode !== 'tsx') throw new Error(`--server must be dist or tsx, not ${mode}`);
  return mode;
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

export function latencyLine(r: autocannon.Result): string {
  const l = r.latency;
  return `latency p50 ${ms(l.p50)}, p90 ${ms(l.p90)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (mean ${ms(l.mean)})`;
}

export function statusLine(r: autocannon.Result): string {
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count ?? 0}`)
    .join(', ');
  return `responses: ${codes || 'none'}; non-2xx ${r.non2xx}, connection errors ${r.errors}, timeouts ${r.timeouts}`;
}

export interface Target {
  name: string;
  ok: boolean;
  measured: string;
}

export function verdict(bench: string, targets: Target[]): string {
  const all = targets.every((t) => t.ok);
  const parts = targets.map((t) => `${t.name} ${t.measured} ${t.ok ? 'PASS' : 'FAIL'}`);
  return `${bench} ${all ? 'PASS' : 'FAIL'} — ${parts.join(' | ')}`;
}
