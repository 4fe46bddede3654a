/**
 * bench:collab — live co-drafting over Yjs: OUR collaboration server (session auth, PostgreSQL
 * persistence, its own process, fresh database) against the REFERENCE y-websocket@1.5.4 server
 * (its own process, in memory, no auth), on the same load, in the same run:
 *
 *   (a) 50 documents × 4 writers × 5 updates/s for 30 s;
 *   (b) one document with 200 readers and 5 writers at 5 updates/s for 30 s;
 *   (idle) memory per idle loaded document (200 documents, one idle client each).
 *
 * Clients are the stock y-websocket provider (through `ws`), spread over worker threads. Each
 * writer update is a marker typed at the end of an alinéa, carrying its send time on the
 * process-wide monotonic clock; every other client of the document records arrival − send time.
 * Each (scenario, server) pair gets a fresh server process; RSS is read from /proc/<pid>/status,
 * after a full GC requested through the server's inspector (`--inspect=127.0.0.1:0`) except while
 * the load runs. Each load runs `--warmup` seconds before the measured `--duration`.
 *
 *   npm run bench:collab [-- --server=dist|tsx --no-build --duration=30 --warmup=5 --docs=50 --writers=4 --rate=5
 *                           --readers=200 --hot-writers=5 --idle-docs=200 --workers=2 --no-awareness
 *                           --only=a,b,idle --order=ours,reference --drain=3 --settle=5 --profile --keep-db
 *                           --no-gc --wait-quiet=300 --spread=3 --alineas=6 --words=40
 *                           --server-root=<another checkout: a proposed server change> --server-env=K=V,…]
 *
 * Targets (ours): every message delivered; p99 ≤ 1.5 × the reference's p99 in (a) and (b);
 * (a) p99 ≤ 20 ms; ≤ 100 KB per idle loaded document; RSS back near baseline after clients leave.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedAccounts, seedBill } from './lib/seed';
import { createBenchDb, PG_ADMIN_URL, pgDescription } from './lib/db';
import { busyCores, formatCpu, startCpuWatch, type CpuSplit } from './lib/cpu';
import { checkMode, machineLine, parseArgs, parseEnvList, verdict, type Target as Verdict } from './lib/load';
import { latestProfile, summariseProfile } from './lib/profile';
import { buildDist, ROOT, type ServerMode } from './lib/server';
import { now, percentile, type ClientSpec, type Report } from './collab/messages';
import { collabRowsInserted, persistedMarkers } from './collab/persisted';
import { ClientPool } from './collab/pool';
import { draftText, seedDrafts } from './collab/seed';
import { refVersion, sampleRss, settledRss, startOurs, startOursCluster, startReference, type Kind, type LoopDelay, type Target } from './collab/servers';
import type { Db } from '../server/db/db';

const TARGET_P99_RATIO = 1.5;
/** Server CPU per update, PostgreSQL's included, against the reference's (which stores nothing). */
const TARGET_CPU_RATIO = 1.3;
/** `--processes N`: cross-process p99 ≤ one-process p99 + this. */
const TARGET_CLUSTER_EXTRA_MS = 5;
/** The second column: the reference server, or (`--processes N`) N of our processes. */
let COLUMN_2 = 'reference';
const TARGET_A_P99_MS = 20;
const TARGET_IDLE_DOC_BYTES = 100 * 1000;
/** "Back near baseline": what is left above the fresh process's RSS once clients left. */
const BACK_NEAR_BYTES = 10 * 2 ** 20;
const BACK_NEAR_SHARE = 0.1;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const smib = (b: number) => `${b >= 0 ? '+' : '−'}${mib(Math.abs(b))}`;
const kb = (b: number) => `${(b / 1000).toFixed(1)} KB`;
const fms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');
const fus = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} µs` : 'n/a');
/** CPU time (server + PostgreSQL) per update, in µs: cores used in the measured window over the writers' fixed rate. */
const cpuPerUpdate = (r: LoadResult) => (r.cpu ? ((r.cpu.server + r.cpu.postgres) * 1e6) / r.updatesPerSecond : NaN);
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

interface Options {
  server: ServerMode;
  build: boolean;
  duration: number;
  warmup: number;
  rate: number;
  workers: number;
  awareness: boolean;
  drain: number;
  settle: number;
  profile: boolean;
  order: Kind[];
  /** Seconds over which clients join (awareness on; see ConnectRequest.spreadMs). */
  spread: number;
  /** Seconds to wait for a quiet machine before each measured phase. */
  waitQuiet: number;
  /** Another checkout to run our server from (to measure a proposed server change); default this one. */
  serverRoot: string;
  /** Extra environment for our server (`--server-env=K=V,…`, experiments in a scratch copy). */
  serverEnv: Record<string, string>;
  /** Full GC in the server (through its inspector) before each memory reading but those during load. */
  gc: boolean;
  /**
   * `--processes N` (N ≥ 2): our server alone against N of its processes in cluster mode (Redis,
   * clients spread over them), in place of the reference server: the second column.
   */
  processes: number;
  redisUrl: string;
}

interface Scenario {
  key: 'a' | 'b';
  title: string;
  clients: ClientSpec[];
  /** Clients per document, for the expected deliveries. */
  members: Map<string, number>;
  /** Writer id → document. */
  docOf: Map<number, string>;
  docNames: string[];
}

interface LoadResult {
  kind: Kind;
  connectMs: number;
  failures: string[];
  baseline: number;
  connected: number;
  /** V8 heap in use after a full GC, by memory reading (baseline, connected, after). */
  heap: Record<string, number>;
  during: { mean: number; peak: number };
  /** RSS `settle` seconds after the clients left, as is… */
  afterNatural: number;
  /** …and after a full GC (the figure judged). */
  after: number;
  latencies: Float64Array;
  /** Updates sent, warm-up included, and their expected deliveries. */
  sent: number;
  /** Updates per second the writers sent (their fixed rate). */
  updatesPerSecond: number;
  expected: number;
  /** Deliveries expected of the measured updates (`latencies.length` of them arrived). */
  measuredExpected: number;
  delivered: number;
  duplicates: number;
  reconnects: number;
  cpu: CpuSplit | undefined;
  /** The server's event-loop delay during the measured window (through its inspector). */
  serverLoop: LoopDelay | undefined;
  workers: Report[];
  persisted?: { found: number; expected: number; rows: number };
  serverOutput: string;
}

interface IdleResult {
  kind: Kind;
  k: number;
  baseline: number;
  withDocs: number;
  withSecondConns: number;
  heap: Record<string, number>;
  afterNatural: number;
  after: number;
  connectMs: number;
  failures: string[];
}

async function start(kind: Kind, o: Options, databaseUrl: string, profDir: string | undefined): Promise<Target> {
  if (kind === 'reference' && o.processes > 1) {
    const t = await startOursCluster({
      databaseUrl, mode: o.server, cpuProfDir: profDir, inspect: o.gc, root: o.serverRoot || undefined, env: o.serverEnv,
      processes: o.processes, redisUrl: o.redisUrl, prefix: `bench:${process.pid}:${Date.now()}:`,
    });
    console.log(`  ours × ${o.processes}: ${t.describe}`);
    return t;
  }
  const t = kind === 'ours' ? await startOurs({ databaseUrl, mode: o.server, cpuProfDir: profDir, inspect: o.gc, root: o.serverRoot || undefined, env: o.serverEnv }) : await startReference({ inspect: o.gc, cpuProfDir: profDir });
  console.log(`  ${kind} server: ${t.describe}`);
  return t;
}

/** RSS once stable, after a full GC when enabled (the V8 heap then in use goes to `heap[key]`). */
async function memory(t: Target, o: Options, heap: Record<string, number>, key: string): Promise<number> {
  if (o.gc) {
    const used = await t.collectGarbage();
    if (used === undefined) throw new Error(`${t.kind} server: no inspector to ask for a GC (run with --no-gc)`);
    heap[key] = used;
  }
  const rss = await settledRss(t.pid);
  if (process.env.BENCH_MEMORY_DETAIL) console.log(`  RSS by mapping (${key}): ${smapsSummary(t.pid)}`);
  return rss;
}

/** Resident memory by kind of mapping (BENCH_MEMORY_DETAIL=1): brk heap, anonymous by size, files. */
function smapsSummary(pid: number): string {
  let text = '';
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return '?';
  }
  const kb = new Map<string, number>();
  let kind = '';
  for (const line of text.split('\n')) {
    const m = line.match(/^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/);
    if (m) {
      const size = (parseInt(m[2]!, 16) - parseInt(m[1]!, 16)) / 1024;
      const name = m[3]!;
      kind = name === '' ? `anon ${size >= 65536 ? '≥64M' : size >= 1024 ? '1-64M' : size >= 256 ? '256K-1M' : '<256K'}` : name.startsWith('[') ? name : 'files';
      continue;
    }
    const r = line.match(/^Rss:\s+(\d+) kB/);
    if (r) kb.set(kind, (kb.get(kind) ?? 0) + Number(r[1]));
  }
  return [...kb].filter(([, v]) => v > 512).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}M`).join(', ');
}

async function stop(t: Target, profDir: string | undefined): Promise<string> {
  const out = t.output().trim();
  const code = await t.stop();
  if (code !== 0 && code !== null) console.log(`  ${t.kind} server exited with code ${code}`);
  if (profDir) {
    const file = latestProfile(profDir);
    if (file) {
      const kept = path.join(os.tmpdir(), `palimpseste-bench-collab-${Date.now()}.cpuprofile`);
      fs.copyFileSync(file, kept);
      console.log(`  ${t.kind} server CPU profile (whole process life) kept in ${kept}:`);
      console.log(summariseProfile(file, ROOT));
    }
  }
  return out;
}

/** Another engineer's CPU benchmark running on this machine (its figures and ours would both suffer). */
function otherBench(): string {
  const r = spawnSync('pgrep', ['-fa', 'bench/(votes|read)'], { encoding: 'utf8' });
  return r.stdout.trim();
}

/** Waits (up to `waitS` s) until no CPU benchmark runs and other processes use < 0.2 core; warns if never. */
async function quietCheck(pid: number, waitS: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const bench = otherBench();
    const busy = await busyCores(pid);
    const loud = bench ? `another CPU benchmark runs (${bench.split('\n')[0]})` : busy && busy.cores > 0.2 ? `other processes use ${busy.cores.toFixed(2)} cores (${busy.top})` : '';
    if (!loud) {
      if (Date.now() - t0 > 2000) console.log(`  (waited ${((Date.now() - t0) / 1000).toFixed(0)} s for a quiet machine)`);
      return;
    }
    if (Date.now() - t0 > waitS * 1000) {
      console.log(`  WARNING: the machine is not quiet: ${loud}`);
      return;
    }
    await sleep(4000);
  }
}

async function runLoad(kind: Kind, sc: Scenario, o: Options, ctx: { databaseUrl: string; db: Db; seed: Uint8Array; tmp: string }): Promise<LoadResult> {
  console.log(`\n(${sc.key}) ${kind}:`);
  // `--processes`: the second run is ours too, on the same documents: they start again from their seed
  if (kind === 'reference' && o.processes > 1) {
    await ctx.db.query('DELETE FROM collab_updates WHERE doc_name = ANY($1)', [sc.docNames]);
    await ctx.db.query(`INSERT INTO collab_updates (doc_name, update) SELECT name, $2 FROM unnest($1::text[]) AS x(name)`, [sc.docNames, Buffer.from(ctx.seed)]);
  }
  const profDir = o.profile ? fs.mkdtempSync(path.join(ctx.tmp, 'prof-')) : undefined;
  const target = await start(kind, o, ctx.databaseUrl, profDir);
  const pool = new ClientPool(o.workers);
  try {
    await quietCheck(target.pid, o.waitQuiet);
    await sleep(1000);
    const heap: Record<string, number> = {};
    const baseline = await memory(target, o, heap, 'baseline');
    // a cluster target: client i on process i mod N (a document's clients on every process)
    const urls = target.wsUrls;
    const clients = urls ? sc.clients.map((cl, i) => ({ ...cl, serverUrl: urls[i % urls.length]! })) : sc.clients;
    const writerServers = urls ? clients.filter((cl) => cl.writerId >= 0).map((cl): [number, string] => [cl.writerId, cl.serverUrl!]) : undefined;
    const c = await pool.connect({ serverUrl: target.wsUrl, clients, seed: ctx.seed, awareness: o.awareness, concurrency: 16, spreadMs: o.spread * 1000, timeoutMs: 60_000, writerServers });
    console.log(`  ${c.ok}/${sc.clients.length} clients connected and synced in ${(c.ms / 1000).toFixed(1)} s${c.failures.length ? `; failures: ${c.failures.slice(0, 3).join('; ')}` : ''}`);
    await sleep(1000);
    const connected = await memory(target, o, heap, 'connected');
    const rowsBefore = kind === 'ours' || o.processes > 1 ? await collabRowsInserted(ctx.db) : 0;
    await quietCheck(target.pid, 0);

    const warmup = Math.round(o.warmup * o.rate);
    const count = warmup + Math.round(o.duration * o.rate);
    const periodMs = 1000 / o.rate;
    const at = now() + 300;
    pool.start(at, periodMs, count, warmup);
    // Warm-up (JIT, first allocations in the server and in the clients): delivered, not measured.
    await sleep(300 + o.warmup * 1000);
    if (o.gc) await target.loopDelay('start');
    const stopRss = sampleRss(target.pid);
    const stopCpu = startCpuWatch(target.pids ?? target.pid);
    await sleep(o.duration * 1000);
    const cpu = stopCpu();
    const serverLoop = o.gc ? await target.loopDelay('stop') : undefined;
    await sleep(o.drain * 1000);
    const during = stopRss();
    const reports = await pool.report();

    await pool.close();
    await sleep(o.settle * 1000);
    const afterNatural = await settledRss(target.pid);
    const after = await memory(target, o, heap, 'after');

    const sentBy = new Map(reports.flatMap((r) => r.sent));
    let sent = 0;
    let expected = 0;
    let measuredExpected = 0;
    for (const [w, n] of sentBy) {
      const others = sc.members.get(sc.docOf.get(w)!)! - 1;
      sent += n;
      expected += n * others;
      measuredExpected += Math.max(0, n - warmup) * others;
    }
    const all = new Float64Array(reports.reduce((s, r) => s + r.latencies.length, 0));
    let off = 0;
    for (const r of reports) {
      all.set(r.latencies, off);
      off += r.latencies.length;
    }
    // p99 per second of the run (by send time): a burst or a drift shows here, not in the totals.
    const from = at + warmup * periodMs;
    const buckets: number[][] = Array.from({ length: Math.ceil(o.duration) }, () => []);
    for (const r of reports) r.sentTimes.forEach((t, i) => buckets[Math.min(buckets.length - 1, Math.max(0, Math.floor((t - from) / 1000)))]!.push(r.latencies[i]!));
    const timeline = buckets.map((b) => percentile(Float64Array.from(b).sort(), 99));
    console.log(`  p99 per second of the measured ${o.duration} s: ${timeline.map((x) => x.toFixed(1)).join(' ')} ms`);
    if (urls) {
      // a cluster target: deliveries within one process and across processes, apart
      const split = [1, 0].map((same) => Float64Array.from(reports.flatMap((r) => Array.from(r.latencies).filter((_, i) => r.sameServer[i] === same))).sort());
      const f = (a: Float64Array) => `${a.length} deliveries, p50 ${percentile(a, 50).toFixed(2)} p90 ${percentile(a, 90).toFixed(2)} p99 ${percentile(a, 99).toFixed(2)} max ${(a[a.length - 1] ?? NaN).toFixed(1)} ms`;
      console.log(`  writer and reader on the same process: ${f(split[0]!)}\n  on different processes: ${f(split[1]!)}`);
    }
    all.sort();
    let persisted: LoadResult['persisted'];
    if (kind === 'ours' || o.processes > 1) {
      const found = await persistedMarkers(ctx.db, sc.docNames);
      persisted = { found, expected: sent, rows: (await collabRowsInserted(ctx.db)) - rowsBefore };
    }
    const serverOutput = await stop(target, profDir);
    return {
      kind, connectMs: c.ms, failures: c.failures, baseline, connected, heap, during, afterNatural, after, latencies: all, sent, updatesPerSecond: (sent * o.rate) / count, expected, measuredExpected,
      delivered: reports.reduce((s, r) => s + r.delivered, 0),
      duplicates: reports.reduce((s, r) => s + r.duplicates, 0),
      reconnects: reports.reduce((s, r) => s + r.reconnects, 0),
      cpu, serverLoop, workers: reports, persisted, serverOutput,
    };
  } catch (err) {
    await target.stop();
    throw err;
  } finally {
    await pool.terminate();
  }
}

async function runIdle(kind: Kind, o: Options, docNames: string[], token: string, ctx: { databaseUrl: string; seed: Uint8Array; tmp: string }): Promise<IdleResult> {
  console.log(`\n(idle) ${kind}:`);
  const target = await start(kind, o, ctx.databaseUrl, undefined);
  const pool = new ClientPool(o.workers);
  try {
    const k = docNames.length;
    await sleep(1000);
    const heap: Record<string, number> = {};
    const baseline = await memory(target, o, heap, 'baseline');
    const specs = (base: number) => docNames.map((docName, i): ClientSpec => ({ id: base + i, docName, token, writerId: -1, alinea: 0, phase: 0 }));
    const c1 = await pool.connect({ serverUrl: target.wsUrl, clients: specs(0), seed: ctx.seed, awareness: o.awareness, concurrency: 16, spreadMs: o.spread * 1000, timeoutMs: 60_000 });
    await sleep(1000);
    const withDocs = await memory(target, o, heap, 'withDocs');
    // A second idle connection to each document: what a connection alone costs.
    const c2 = await pool.connect({ serverUrl: target.wsUrl, clients: specs(k), seed: ctx.seed, awareness: o.awareness, concurrency: 16, spreadMs: o.spread * 1000, timeoutMs: 60_000 });
    await sleep(1000);
    const withSecondConns = await memory(target, o, heap, 'withSecondConns');
    console.log(`  ${c1.ok}/${k} documents opened (one client each) in ${(c1.ms / 1000).toFixed(1)} s, then ${c2.ok}/${k} second clients in ${(c2.ms / 1000).toFixed(1)} s`);
    await pool.close();
    await sleep(o.settle * 1000);
    const afterNatural = await settledRss(target.pid);
    const after = await memory(target, o, heap, 'after');
    await stop(target, undefined);
    return { kind, k, baseline, withDocs, withSecondConns, heap, afterNatural, after, connectMs: c1.ms, failures: [...c1.failures, ...c2.failures] };
  } catch (err) {
    await target.stop();
    throw err;
  } finally {
    await pool.terminate();
  }
}

function table(rows: [string, string, string, string][]): string {
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r[0].padEnd(w[0]!)}  ${r[1].padStart(w[1]!)}  ${r[2].padStart(w[2]!)}  ${r[3].padStart(w[3]!)}`).join('\n');
}

function loadTable(sc: Scenario, res: Map<Kind, LoadResult>, gcNote: string, settle: number): string {
  const ours = res.get('ours');
  const ref = res.get('reference');
  const v = (f: (r: LoadResult) => string) => [ours ? f(ours) : '-', ref ? f(ref) : '-'] as const;
  const n = (f: (r: LoadResult) => number, fmt: (x: number) => string, withRatio = true): [string, string, string] => {
    const a = ours ? f(ours) : NaN;
    const b = ref ? f(ref) : NaN;
    return [ours ? fmt(a) : '-', ref ? fmt(b) : '-', withRatio ? ratio(a, b) : ''];
  };
  const p = (q: number) => (r: LoadResult) => percentile(r.latencies, q);
  const workerLine = (r: LoadResult) => r.workers.map((w) => `${fms(w.loopDelay.p99)}/${fms(w.loopDelay.max)}`).join(', ');
  const rows: [string, string, string, string][] = [
    ['', 'ours', COLUMN_2, 'ours/2nd'],
    ['clients connected + synced', ...v((r) => `${sc.clients.length - r.failures.length}/${sc.clients.length} in ${(r.connectMs / 1000).toFixed(1)} s`), ''],
    ['updates sent (warm-up included)', ...v((r) => String(r.sent)), ''],
    ['delivered / expected (all)', ...v((r) => `${r.delivered}/${r.expected}`), ''],
    ['  of which measured', ...v((r) => `${r.latencies.length}/${r.measuredExpected}`), ''],
    ['duplicates, reconnects', ...v((r) => `${r.duplicates}, ${r.reconnects}`), ''],
    ['propagation p50', ...n(p(50), fms)],
    ['propagation p90', ...n(p(90), fms)],
    ['propagation p99', ...n(p(99), fms)],
    ['propagation max', ...n((r) => r.latencies[r.latencies.length - 1] ?? NaN, fms)],
    ['server CPU (cores)', ...n((r) => r.cpu?.server ?? NaN, (x) => x.toFixed(2))],
    ['server + postgres CPU per update', ...n((r) => cpuPerUpdate(r), fus)],
    ['server event-loop delay p50/p99/max', ...v((r) => (r.serverLoop ? `${fms(r.serverLoop.p50)}/${fms(r.serverLoop.p99)}/${fms(r.serverLoop.max)}` : 'n/a')), ''],
    ['postgres CPU (cores)', ...n((r) => r.cpu?.postgres ?? NaN, (x) => x.toFixed(2), false)],
    ['load generator CPU (cores)', ...n((r) => r.cpu?.loadGenerator ?? NaN, (x) => x.toFixed(2), false)],
    ['other CPU (cores)', ...n((r) => r.cpu?.other ?? NaN, (x) => x.toFixed(2), false)],
    ['generator loop delay p99/max', ...v(workerLine), ''],
    ['generator send lag p99', ...v((r) => r.workers.map((w) => fms(w.sendLagP99)).join(', ')), ''],
    [`server RSS baseline${gcNote}`, ...n((r) => r.baseline, mib)],
    [`server RSS clients connected${gcNote}`, ...n((r) => r.connected, mib)],
    ['server RSS during load (mean)', ...n((r) => r.during.mean, mib)],
    ['server RSS during load (peak)', ...n((r) => r.during.peak, mib)],
    [`server RSS after clients left (+${settle} s)`, ...n((r) => r.afterNatural, mib)],
    [`  the same${gcNote}`, ...n((r) => r.after, mib)],
    ['  after − baseline', ...n((r) => r.after - r.baseline, smib, false)],
    ['V8 heap used after GC: baseline', ...n((r) => r.heap.baseline ?? NaN, mib)],
    ['  clients connected', ...n((r) => r.heap.connected ?? NaN, mib)],
    ['  after clients left', ...n((r) => r.heap.after ?? NaN, mib)],
  ];
  if (ours?.persisted) {
    const second = (f: (p: NonNullable<LoadResult['persisted']>) => string) => (ref?.persisted ? f(ref.persisted) : '-');
    rows.push(['persisted updates', `${ours.persisted.found}/${ours.persisted.expected}`, second((p) => `${p.found}/${p.expected}`), ''], ['collab_updates rows inserted', String(ours.persisted.rows), second((p) => String(p.rows)), '']);
  }
  return table(rows);
}

function idleTable(res: Map<Kind, IdleResult>, gcNote: string, settle: number): string {
  const ours = res.get('ours');
  const ref = res.get('reference');
  const n = (f: (r: IdleResult) => number, fmt: (x: number) => string, withRatio = true): [string, string, string] => {
    const a = ours ? f(ours) : NaN;
    const b = ref ? f(ref) : NaN;
    return [ours ? fmt(a) : '-', ref ? fmt(b) : '-', withRatio ? ratio(a, b) : ''];
  };
  return table([
    ['', 'ours', COLUMN_2, 'ours/2nd'],
    [`server RSS baseline${gcNote}`, ...n((r) => r.baseline, mib)],
    [`RSS with K docs × 1 idle client${gcNote}`, ...n((r) => r.withDocs, mib)],
    [`RSS with a 2nd idle client each${gcNote}`, ...n((r) => r.withSecondConns, mib)],
    ['per idle loaded doc (+ its client)', ...n((r) => (r.withDocs - r.baseline) / r.k, kb)],
    ['  of which one connection', ...n((r) => (r.withSecondConns - r.withDocs) / r.k, kb)],
    ['  document alone (difference)', ...n((r) => (2 * r.withDocs - r.withSecondConns - r.baseline) / r.k, kb)],
    [`RSS after clients left (+${settle} s)`, ...n((r) => r.afterNatural, mib)],
    [`  the same${gcNote}`, ...n((r) => r.after, mib)],
    ['  after − baseline', ...n((r) => r.after - r.baseline, smib, false)],
    ['V8 heap used per idle doc (+ client)', ...n((r) => ((r.heap.withDocs ?? NaN) - (r.heap.baseline ?? NaN)) / r.k, kb)],
    ['  of which one connection', ...n((r) => ((r.heap.withSecondConns ?? NaN) - (r.heap.withDocs ?? NaN)) / r.k, kb)],
    ['V8 heap used: baseline → after left', ...([ours, ref].map((r) => (r ? `${mib(r.heap.baseline ?? NaN)} → ${mib(r.heap.after ?? NaN)}` : '-')) as [string, string]), ''],
  ]);
}

function backNear(r: { baseline: number; after: number }): boolean {
  return r.after - r.baseline <= Math.max(BACK_NEAR_BYTES, BACK_NEAR_SHARE * r.baseline);
}

async function main(): Promise<void> {
  const a = parseArgs({
    server: 'dist', build: true, duration: 30, warmup: 5, docs: 50, writers: 4, rate: 5, readers: 200, hotWriters: 5, idleDocs: 200, workers: 2,
    awareness: true, only: 'a,b,idle', order: 'ours,reference', drain: 3, settle: 5, profile: false, keepDb: false, alineas: 6, words: 40, gc: true, waitQuiet: 300, spread: 3, serverRoot: '', serverEnv: '', processes: 1, redisUrl: 'redis://127.0.0.1:6379',
  });
  const order = a.order.split(',').map((k) => {
    if (k !== 'ours' && k !== 'reference') throw new Error(`--order: ours and/or reference, not ${k}`);
    return k as Kind;
  });
  const only = new Set(a.only.split(','));
  const o: Options = { server: checkMode(a.server), build: a.build, duration: a.duration, warmup: a.warmup, rate: a.rate, workers: a.workers, awareness: a.awareness, drain: a.drain, settle: a.settle, profile: a.profile, order, gc: a.gc, waitQuiet: a.waitQuiet, spread: a.spread, serverRoot: a.serverRoot, serverEnv: parseEnvList(a.serverEnv), processes: a.processes, redisUrl: a.redisUrl };
  const cluster = o.processes > 1;
  if (cluster) {
    // one process against N in the same run, in place of the reference (idle: one process only)
    only.delete('idle');
    COLUMN_2 = `ours × ${o.processes}`;
  }
  const gcNote = o.gc ? ' (after full GC)' : '';

  console.log('bench:collab — live co-drafting over Yjs, our server vs the reference y-websocket server');
  console.log(machineLine());
  console.log(
    `load generator: ${o.workers} worker threads of stock y-websocket providers (y-websocket client ${(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/y-websocket/package.json'), 'utf8')) as { version: string }).version}, ws), ` +
      `awareness ${o.awareness ? `on (stock: empty local state, renewed every 15 s; clients join at random times over ${o.spread} s and re-announce once at a random time, so that renewals are spread as among real clients)` : 'off'}; latency = WebSocket message arrival − send time (process-wide monotonic clock), per receiving client`,
  );
  console.log(`reference: y-websocket ${refVersion()} bin/server.js`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'palimpseste-bench-collab-'));
  const bench = await createBenchDb('collab');
  try {
    console.log(`database: ${bench.name} — ${await pgDescription(bench.db)}`);
    const t0 = performance.now();
    const nA = a.docs * a.writers;
    const nB = a.hotWriters + a.readers;
    const accounts = await seedAccounts(bench.db, nA + nB + 1, { sessions: true });
    const bill = await seedBill(bench.db, { authors: [accounts.ids[0]!], amendmentsPerArticle: [0] });
    const alineas = draftText(a.alineas, a.words);
    const authorsA = Array.from({ length: a.docs }, (_, d) => accounts.ids.slice(d * a.writers, (d + 1) * a.writers));
    const authorsB = [accounts.ids.slice(nA, nA + nB)];
    const idleUser = accounts.ids[nA + nB]!;
    const authorsIdle = Array.from({ length: a.idleDocs }, () => [idleUser]);
    const drafts = await seedDrafts(bench.db, { billId: bill.billId, articleId: bill.articleIds[0]!, authors: [...authorsA, ...authorsB, ...authorsIdle], alineas });
    const seed = drafts.seed;
    const docsA = drafts.docNames.slice(0, a.docs);
    const docB = drafts.docNames[a.docs]!;
    const docsIdle = drafts.docNames.slice(a.docs + 1);
    console.log(
      `seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${accounts.ids.length} accounts with sessions, a bill in consultation, ` +
        `${drafts.docNames.length} draft amendments (${a.alineas} alinéas, ${alineas.join('').length} characters; seeded Yjs state ${seed.length} bytes): ` +
        `${a.docs} with ${a.writers} authors each, 1 with ${nB} authors, ${a.idleDocs} with one author`,
    );
    console.log(
      `NOTE: on our server a draft is open to its authors only, so the ${a.readers} readers of (b) are made co-authors of that draft ` +
        `(they have write access but never write); the reference server has no access control.`,
    );

    if (o.server === 'dist' && o.build) {
      try {
        buildDist(o.serverRoot || undefined);
      } catch (err) {
        console.log(`  ${(err as Error).message.split('\n').slice(0, 8).join('\n  ')}\n  → falling back to --server=tsx`);
        o.server = 'tsx';
      }
    }

    const token = (i: number) => accounts.tokens[i]!;
    const scenarios: Scenario[] = [];
    if (only.has('a')) {
      const clients: ClientSpec[] = [];
      const docOf = new Map<number, string>();
      for (let d = 0; d < a.docs; d++) {
        for (let w = 0; w < a.writers; w++) {
          const id = d * a.writers + w;
          clients.push({ id, docName: docsA[d]!, token: token(id), writerId: id, alinea: w % a.alineas, phase: id / nA });
          docOf.set(id, docsA[d]!);
        }
      }
      scenarios.push({
        key: 'a', title: `${a.docs} documents × ${a.writers} writers × ${a.rate} updates/s for ${a.duration} s`,
        clients, members: new Map(docsA.map((d) => [d, a.writers])), docOf, docNames: docsA,
      });
    }
    if (only.has('b')) {
      const clients: ClientSpec[] = [];
      const docOf = new Map<number, string>();
      for (let i = 0; i < nB; i++) {
        const writer = i < a.hotWriters;
        clients.push({ id: i, docName: docB, token: token(nA + i), writerId: writer ? 100_000 + i : -1, alinea: i % a.alineas, phase: writer ? i / a.hotWriters : 0 });
        if (writer) docOf.set(100_000 + i, docB);
      }
      scenarios.push({
        key: 'b', title: `one document, ${a.readers} readers + ${a.hotWriters} writers × ${a.rate} updates/s for ${a.duration} s`,
        clients, members: new Map([[docB, nB]]), docOf, docNames: [docB],
      });
    }

    const ctx = { databaseUrl: bench.url, db: bench.db, seed, tmp };
    const loadResults = new Map<'a' | 'b', Map<Kind, LoadResult>>();
    for (const sc of scenarios) {
      console.log(`\n=== (${sc.key}) ${sc.title}: ${sc.clients.length} clients; measured after a ${o.warmup} s warm-up at the same rate (its updates must be delivered too)`);
      const res = new Map<Kind, LoadResult>();
      for (const kind of o.order) res.set(kind, await runLoad(kind, sc, o, ctx));
      loadResults.set(sc.key, res);
      for (const r of res.values()) {
        console.log(`  ${r.kind} CPU: ${formatCpu(r.cpu)}`);
        if (r.cpu && r.cpu.other > 0.2) console.log(`  WARNING (${r.kind}): other processes took ${r.cpu.other.toFixed(2)} cores (${r.cpu.otherTop})`);
        if (r.serverOutput) {
          const file = path.join(os.tmpdir(), `palimpseste-bench-collab-${sc.key}-${r.kind === 'reference' ? COLUMN_2.replace(/\W+/g, '') : r.kind}-${Date.now()}.log`);
          fs.writeFileSync(file, `${r.serverOutput}\n`);
          const lines = r.serverOutput.split('\n');
          console.log(`  ${r.kind} server output (${lines.length} lines, all in ${file}): ${lines.slice(0, 3).join(' | ').slice(0, 600)}`);
        }
      }
      console.log(`\n(${sc.key}) ${sc.title}\n${loadTable(sc, res, gcNote, o.settle)}`);
    }

    let idle: Map<Kind, IdleResult> | undefined;
    if (only.has('idle') && a.idleDocs > 0) {
      console.log(`\n=== (idle) ${a.idleDocs} idle loaded documents (one idle client each, then a second one each)`);
      idle = new Map();
      for (const kind of o.order) idle.set(kind, await runIdle(kind, o, docsIdle, token(nA + nB), ctx));
      console.log(`\n(idle) memory per idle loaded document, K = ${a.idleDocs}\n${idleTable(idle, gcNote, o.settle)}`);
    }

    // Summary.
    const targets: Verdict[] = [];
    const lines: string[] = [];
    for (const [key, res] of loadResults) {
      const ours = res.get('ours');
      const ref = res.get('reference');
      for (const r of [ours, ref]) {
        if (!r) continue;
        lines.push(
          `SUMMARY bench:collab (${key}) ${r.kind === 'reference' ? COLUMN_2 : r.kind}: p50 ${fms(percentile(r.latencies, 50))} p99 ${fms(percentile(r.latencies, 99))} max ${fms(r.latencies[r.latencies.length - 1] ?? NaN)}, ` +
            `delivered ${r.delivered}/${r.expected}, RSS baseline ${mib(r.baseline)} → load mean ${mib(r.during.mean)} peak ${mib(r.during.peak)} → after ${mib(r.afterNatural)} (${mib(r.after)} after GC), server CPU ${r.cpu?.server.toFixed(2) ?? '?'} cores`,
        );
      }
      if (ours) {
        const ok = ours.delivered === ours.expected && ours.failures.length === 0 && ours.duplicates === 0;
        targets.push({ name: `(${key}) every message delivered:`, measured: `${ours.delivered}/${ours.expected}`, ok });
        if (ours.persisted) targets.push({ name: `(${key}) every update persisted:`, measured: `${ours.persisted.found}/${ours.persisted.expected}`, ok: ours.persisted.found === ours.persisted.expected });
        if (ref && cluster) {
          const po = percentile(ours.latencies, 99);
          const pc = percentile(ref.latencies, 99);
          const delivered = ref.delivered === ref.expected && ref.failures.length === 0 && ref.duplicates === 0;
          targets.push({ name: `(${key}) ${COLUMN_2}: every message delivered:`, measured: `${ref.delivered}/${ref.expected}`, ok: delivered });
          if (ref.persisted) targets.push({ name: `(${key}) ${COLUMN_2}: every update persisted:`, measured: `${ref.persisted.found}/${ref.persisted.expected}`, ok: ref.persisted.found === ref.persisted.expected });
          targets.push({ name: `(${key}) cross-process p99 ≤ one-process p99 + ${TARGET_CLUSTER_EXTRA_MS} ms:`, measured: `${fms(pc)} vs ${fms(po)}`, ok: pc <= po + TARGET_CLUSTER_EXTRA_MS });
        } else if (ref) {
          const po = percentile(ours.latencies, 99);
          const pr = percentile(ref.latencies, 99);
          targets.push({ name: `(${key}) p99 ours/ref ≤ ${TARGET_P99_RATIO}:`, measured: `${fms(po)}/${fms(pr)} = ${ratio(po, pr)}`, ok: po <= TARGET_P99_RATIO * pr });
          const co = cpuPerUpdate(ours);
          const cr = cpuPerUpdate(ref);
          targets.push({ name: `(${key}) CPU per update (server + postgres) ours/ref ≤ ${TARGET_CPU_RATIO}:`, measured: `${fus(co)}/${fus(cr)} = ${ratio(co, cr)}`, ok: co <= TARGET_CPU_RATIO * cr });
        }
        if (key === 'a') {
          const po = percentile(ours.latencies, 99);
          targets.push({ name: `(a) p99 ≤ ${TARGET_A_P99_MS} ms:`, measured: fms(po), ok: po <= TARGET_A_P99_MS });
        }
        targets.push({ name: `(${key}) RSS back near baseline:`, measured: smib(ours.after - ours.baseline), ok: backNear(ours) });
      }
    }
    const idleOurs = idle?.get('ours');
    if (idle) {
      for (const r of idle.values()) {
        lines.push(
          `SUMMARY bench:collab (idle) ${r.kind}: ${kb((r.withDocs - r.baseline) / r.k)} per idle loaded document with its client ` +
            `(connection ${kb((r.withSecondConns - r.withDocs) / r.k)}), RSS baseline ${mib(r.baseline)} → ${mib(r.withDocs)} → after ${mib(r.afterNatural)} (${mib(r.after)} after GC)`,
        );
      }
    }
    if (idleOurs) {
      const per = (idleOurs.withDocs - idleOurs.baseline) / idleOurs.k;
      targets.push({ name: `(idle) ≤ ${kb(TARGET_IDLE_DOC_BYTES)} per idle doc:`, measured: kb(per), ok: per <= TARGET_IDLE_DOC_BYTES && idleOurs.failures.length === 0 });
      targets.push({ name: '(idle) RSS back near baseline:', measured: smib(idleOurs.after - idleOurs.baseline), ok: backNear(idleOurs) });
    }
    console.log(
      `\n(“back near baseline”: RSS ${o.settle} s after the clients left${gcNote} ≤ baseline${gcNote} + max(${mib(BACK_NEAR_BYTES)}, ${BACK_NEAR_SHARE * 100} % of baseline))`,
    );
    for (const l of lines) console.log(l);
    console.log(verdict('RESULT bench:collab (ours)', targets));
    for (const t of targets) console.log(`  ${t.ok ? 'PASS' : 'FAIL'}  ${t.name} ${t.measured}`);
  } finally {
    if (a.keepDb) {
      await bench.db.close();
      console.log(`database kept: ${bench.url} (drop it with: psql ${PG_ADMIN_URL} -c 'DROP DATABASE ${bench.name}')`);
    } else await bench.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

