/**
 * The frame both HTTP benches share: a fresh database, the server in its own process, optional
 * CPU profile and SQL statement counts around the measured phase, clean-up whatever happens.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBenchDb, PG_ADMIN_URL, pgDescription, type BenchDb } from './db';
import { busyCores, formatCpu, startCpuWatch, type CpuSplit } from './cpu';
import { machineLine, parseEnvList, type CommonOptions } from './load';
import { latestProfile, summariseProfile } from './profile';
import { diffCounts, readQueryCounts } from './query-counter';
import { buildDist, ROOT, startServer, type RunningServer } from './server';

/**
 * `--processes N`: N servers in cluster mode on one database and Redis (a prefix of this run),
 * behind the round-robin front of `npm run start:cluster` (server/cluster/front.ts) in a process of
 * its own (bench/lib/front-process.ts): its CPU is printed apart, as a load balancer's would be.
 */
async function startCluster(n: number, redisUrl: string, start: (extraEnv: Record<string, string>) => Promise<RunningServer>): Promise<RunningServer & { pids: number[]; frontPid: number }> {
  const env = { REDIS_URL: redisUrl, REDIS_PREFIX: `bench:${process.pid}:${Date.now()}:` };
  const all: RunningServer[] = [];
  for (let i = 0; i < n; i++) all.push(await start(env));
  const front = await startFront(all.map((s) => s.url));
  return {
    url: front.url,
    pid: all[0]!.pid,
    pids: all.map((s) => s.pid),
    frontPid: front.pid,
    mode: all[0]!.mode,
    output: () => [front.output().trim() ? `[front] ${front.output().trim()}` : '', ...all.map((s, i) => (s.output().trim() ? `[${i + 1}] ${s.output().trim()}` : ''))].filter(Boolean).join('\n'),
    signal: (sig) => all.forEach((s) => s.signal(sig)),
    async stop() {
      await front.stop();
      return (await Promise.all(all.map((s) => s.stop())))[0] ?? null;
    },
  };
}

/** The front process, listening (on a free port of its choice) once this resolves. */
async function startFront(targets: string[]): Promise<{ url: string; pid: number; output(): string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'front-process.ts'), ...targets], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let line = '';
    const onData = (c: Buffer) => {
      line += c.toString();
      const m = line.match(/listening (\d+)/);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`front process exited (${code}) before listening:\n${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface BenchContext {
  bench: BenchDb;
  server: RunningServer;
  /** Wraps the measured phase: CPU split, and SQL statements per request when counting. */
  measure<T>(fn: () => Promise<T>, requests: (result: T) => number): Promise<{ result: T; cpu: CpuSplit | undefined; queries: string[] }>;
}

export async function withBench(
  label: string,
  opts: CommonOptions,
  seed: (bench: BenchDb) => Promise<void>,
  body: (ctx: BenchContext) => Promise<void>,
): Promise<void> {
  console.log(machineLine());
  console.log(`load generator: autocannon (in this process), ${opts.connections} keep-alive connections`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `palimpseste-bench-${label}-`));
  const bench = await createBenchDb(label);
  let server: RunningServer | undefined;
  try {
    console.log(`database: ${bench.name} — ${await pgDescription(bench.db)}`);
    await seed(bench);

    let mode = opts.server;
    if (mode === 'dist' && opts.build) {
      try {
        buildDist(opts.serverRoot || undefined);
      } catch (err) {
        console.log(`  ${(err as Error).message.split('\n').slice(0, 8).join('\n  ')}`);
        console.log('  → falling back to --server=tsx');
        mode = 'tsx';
      }
    }
    const queryCountFile = opts.countQueries ? path.join(tmp, 'queries.jsonl') : undefined;
    const cpuProfDir = opts.profile ? path.join(tmp, 'cpu') : undefined;
    const t0 = performance.now();
    const databaseUrl = opts.dbUrlQuery ? `${bench.url}?${opts.dbUrlQuery}` : bench.url;
    const extraEnv = parseEnvList(opts.serverEnv);
    const one = (env: Record<string, string>) => startServer({ databaseUrl, mode, logLevel: opts.logLevel, cpuProfDir, queryCountFile, root: opts.serverRoot || undefined, extraEnv: { ...extraEnv, ...env } });
    const n = opts.processes ?? 1;
    const cluster = n > 1 ? await startCluster(n, opts.redisUrl ?? 'redis://127.0.0.1:6379', one) : null;
    server = cluster ?? (await one({}));
    if (cluster) console.log(`cluster: ${n} server processes (pids ${cluster.pids.join(', ')}) in cluster mode on ${opts.redisUrl ?? 'redis://127.0.0.1:6379'}, behind the round-robin front (its own process, pid ${cluster.frontPid}) at ${cluster.url}`);
    console.log(
      `server: pid ${server.pid}, ${mode === 'dist' ? 'node dist/server/main.js' : 'node --require tsx/cjs server/main.ts'}${opts.serverRoot ? ` in ${opts.serverRoot}` : ''}` +
        ` (RATE_LIMITS=off LOG_LEVEL=${opts.logLevel} DEMO=0 NODE_ENV=production${opts.profile ? ', --cpu-prof' : ''}${opts.countQueries ? ', SQL statement counter preloaded' : ''}` +
        `${opts.serverEnv ? ` ${opts.serverEnv}` : ''}${opts.dbUrlQuery ? `, DATABASE_URL …?${opts.dbUrlQuery}` : ''}),` +
        ` ready in ${Math.round(performance.now() - t0)} ms`,
    );
    const running = server;

    const snapshot = async () => {
      if (!queryCountFile) return;
      running.signal('SIGUSR2');
      await new Promise((r) => setTimeout(r, 200));
    };
    const measure: BenchContext['measure'] = async (fn, requests) => {
      await snapshot();
      const busy = await busyCores(running.pid);
      if (busy && busy.cores > 0.2) console.log(`WARNING: the machine is not quiet: other processes use ${busy.cores.toFixed(2)} cores before the measure (${busy.top})`);
      const stopCpu = startCpuWatch(cluster ? cluster.pids : running.pid, cluster ? [cluster.frontPid] : []);
      const result = await fn();
      const cpu = stopCpu();
      await snapshot();
      const queries: string[] = [];
      if (queryCountFile) {
        const snaps = readQueryCounts(queryCountFile);
        const n = requests(result);
        const diff = diffCounts(snaps[snaps.length - 2] ?? {}, snaps[snaps.length - 1] ?? {});
        const total = diff.reduce((s, [, c]) => s + c, 0);
        queries.push(`SQL statements sent by the server: ${(total / n).toFixed(2)} per request (${total} for ${n} requests)`);
        for (const [sql, c] of diff.slice(0, 8)) queries.push(`    ${(c / n).toFixed(2)}/req  ${sql}`);
      }
      console.log(formatCpu(cpu));
      if (cpu && cpu.other > 0.2) console.log(`WARNING: other processes took ${cpu.other.toFixed(2)} cores during the measure (${cpu.otherTop}): the figures above are pessimistic`);
      for (const q of queries) console.log(q);
      return { result, cpu, queries };
    };

    await body({ bench, server: running, measure });

    const serverLog = running.output().trim();
    const code = await running.stop();
    server = undefined;
    if (code !== 0) console.log(`server exited with code ${code}`);
    if (serverLog) {
      const lines = serverLog.split('\n');
      const first = lines.slice(0, 5).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
      console.log(`server output (${lines.length} lines at LOG_LEVEL=${opts.logLevel}), first ones:\n  ${first.join('\n  ')}`);
    }
    if (cpuProfDir) {
      const file = latestProfile(cpuProfDir);
      if (file) {
        const kept = path.join(os.tmpdir(), `palimpseste-bench-${label}-${Date.now()}.cpuprofile`);
        fs.copyFileSync(file, kept);
        console.log(`server CPU profile (whole run, warm-up and checks included) kept in ${kept}:`);
        console.log(summariseProfile(file, opts.serverRoot || ROOT));
      } else console.log('no CPU profile was written');
    }
  } finally {
    if (server) await server.stop();
    if (opts.keepDb) {
      await bench.db.close();
      console.log(`database kept: ${bench.url} (drop it with: psql ${PG_ADMIN_URL} -c 'DROP DATABASE ${bench.name}')`);
    } else await bench.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function seconds(t0: number): string {
  return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
}
