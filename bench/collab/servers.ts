/**
 * The two servers compared by bench:collab, each in its own process: ours (bench/lib/server.ts:
 * auth + PostgreSQL persistence on a fresh database) and the reference y-websocket@1.5.4 server
 * (`node_modules/y-websocket-ref/bin/server.js`: no auth, documents in memory), plus what we
 * read of them from /proc.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { ROOT, startServer, type ServerMode } from '../lib/server';

export type Kind = 'ours' | 'reference';

export interface Target {
  kind: Kind;
  pid: number;
  /** Every process of a cluster target (`--processes`); memory figures are the first one's. */
  pids?: number[];
  /** Base URL given to the provider (it appends `/<docName>`). */
  wsUrl: string;
  /** A cluster target's processes: clients are spread over them (client i → i mod N). */
  wsUrls?: string[];
  describe: string;
  /** The server's stdout + stderr, without the inspector's own lines. */
  output(): string;
  /** Full garbage collection in the server process (through its inspector, when enabled): V8 heap then in use. */
  collectGarbage(): Promise<number | undefined>;
  /** Starts / reads (and stops) an event-loop delay histogram inside the server. */
  loopDelay(what: 'start' | 'stop'): Promise<LoopDelay | undefined>;
  stop(): Promise<number | null>;
}

export const REF_SERVER = path.join(ROOT, 'node_modules/y-websocket-ref/bin/server.js');

export function refVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/y-websocket-ref/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * With `--inspect=127.0.0.1:0` (random port, nothing listens but the inspector thread), the bench
 * can ask the server for a full GC before reading its RSS: memory figures then measure what is
 * retained, not what the collector has not got round to freeing yet.
 */
export const INSPECT_OPTION = '--inspect=127.0.0.1:0';

const INSPECTOR_LINES = /^(Debugger (?:listening|ending) on .*|For help, see: .*|Debugger attached\.|Waiting for the debugger to disconnect\.\.\.)\n?/gm;

type Call = (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** A short inspector session with the server (undefined without an inspector). */
async function withInspector<T>(output: () => string, fn: (call: Call) => Promise<T>): Promise<T | undefined> {
  const url = output().match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
  if (!url) return undefined;
  const ws = new WebSocket(url);
  let id = 0;
  const call: Call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const mine = ++id;
      ws.on('message', function onMessage(data) {
        const reply = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown>; error?: unknown };
        if (reply.id !== mine) return;
        ws.off('message', onMessage);
        if (reply.error) reject(new Error(`${method}: ${JSON.stringify(reply.error)}`));
        else resolve(reply.result ?? {});
      });
      ws.send(JSON.stringify({ id: mine, method, params }), (err) => err && reject(err));
    });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await fn(call);
  } finally {
    // Detach before anything else: a process with a debugger attached waits for it at exit.
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  }
}

/** Two full GCs in the server, then its V8 heap in use (bytes); undefined without an inspector. */
function collectGarbage(output: () => string): Promise<number | undefined> {
  return withInspector(output, async (call) => {
    // Twice: the first pass can leave weakly-held objects for the second.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    if (process.env.BENCH_MEMORY_DETAIL) {
      // where the RSS is (BENCH_MEMORY_DETAIL=1): V8 heap committed, code, outside the heap
      const r = await call('Runtime.evaluate', { expression: `JSON.stringify({ ...process.memoryUsage(), spaces: process.mainModule.require('node:v8').getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size, s.space_used_size]) })`, returnByValue: true });
      console.log(`  memory detail: ${(r.result as { value?: string } | undefined)?.value ?? '?'}`);
    }
    return Number((await call('Runtime.getHeapUsage')).usedSize);
  });
}

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/**
 * The server's own event-loop delay, through its inspector: `start` installs a
 * monitorEventLoopDelay histogram (5 ms resolution) in the server, `stop` reads it and removes
 * it: how late its 5 ms timer fired (ms), i.e. how long the loop was kept from other work. The session is closed in between: nothing is attached while the load runs.
 */
async function loopDelay(output: () => string, what: 'start' | 'stop'): Promise<LoopDelay | undefined> {
  const expression =
    what === 'start'
      ? `(() => { const h = process.mainModule.require('node:perf_hooks').monitorEventLoopDelay({ resolution: 5 }); h.enable(); globalThis.__benchLoopDelay = h; return '{}'; })()`
      : `(() => { const h = globalThis.__benchLoopDelay; if (!h) return '{}'; h.disable(); delete globalThis.__benchLoopDelay;
           const late = (ns) => Math.max(0, ns / 1e6 - 5);
           return JSON.stringify({ p50: late(h.percentile(50)), p99: late(h.percentile(99)), max: late(h.max) }); })()`;
  const r = await withInspector(output, (call) => call('Runtime.evaluate', { expression, returnByValue: true }));
  const value = (r?.result as { value?: string } | undefined)?.value;
  const parsed = value ? (JSON.parse(value) as Partial<LoopDelay>) : {};
  return parsed.p99 === undefined ? undefined : (parsed as LoopDelay);
}

export async function startReference(opts: { inspect: boolean; cpuProfDir?: string | undefined }): Promise<Target> {
  const port = await freePort();
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, REF_SERVER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port),
      ...(opts.inspect ? { NODE_OPTIONS: INSPECT_OPTION } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`reference server exited (${exitCode}):\n${out}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`reference server did not answer within 15 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    kind: 'reference',
    pid: child.pid ?? -1,
    wsUrl: url.replace(/^http/, 'ws'),
    describe: `pid ${child.pid}, node node_modules/y-websocket-ref/bin/server.js (y-websocket ${refVersion()}, in memory, no auth${opts.cpuProfDir ? ', --cpu-prof' : ''}${opts.inspect ? `; NODE_OPTIONS=${INSPECT_OPTION}` : ''})`,
    output: () => out.replace(/^running at .*\n?/m, '').replace(INSPECTOR_LINES, ''),
    collectGarbage: () => collectGarbage(() => out),
    loopDelay: (what) => loopDelay(() => out, what),
    stop: async () => {
      // It has no SIGTERM handler: a CPU profile is only written on a normal exit, asked through the inspector.
      if (exitCode === undefined && opts.cpuProfDir && opts.inspect) {
        await withInspector(() => out, (call) => call('Runtime.evaluate', { expression: 'setImmediate(() => process.exit(0)), 0' })).catch(() => undefined);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function startOurs(opts: { databaseUrl: string; mode: ServerMode; cpuProfDir?: string | undefined; inspect: boolean; root?: string | undefined; env?: Record<string, string> }): Promise<Target> {
  const s = await startServer({
    databaseUrl: opts.databaseUrl, mode: opts.mode, logLevel: 'warn', cpuProfDir: opts.cpuProfDir, root: opts.root,
    extraEnv: { ...opts.env, ...(opts.inspect ? { NODE_OPTIONS: [INSPECT_OPTION, opts.env?.NODE_OPTIONS].filter(Boolean).join(' ') } : {}) },
  });
  return {
    kind: 'ours',
    pid: s.pid,
    wsUrl: `${s.url.replace(/^http/, 'ws')}/collab`,
    describe:
      `pid ${s.pid}, ${opts.mode === 'dist' ? 'node dist/server/main.js' : 'node --require tsx/cjs server/main.ts'}${opts.root ? ` in ${opts.root}` : ''}` +
      ` (PostgreSQL persistence, session auth, RATE_LIMITS=off LOG_LEVEL=warn NODE_ENV=production${opts.cpuProfDir ? ', --cpu-prof' : ''}` +
      `${opts.inspect ? `; NODE_OPTIONS=${INSPECT_OPTION}` : ''}${opts.env && Object.keys(opts.env).length ? `; ${Object.entries(opts.env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''})`,
    output: () => s.output().replace(INSPECTOR_LINES, ''),
    collectGarbage: () => collectGarbage(() => s.output()),
    loopDelay: (what) => loopDelay(() => s.output(), what),
    stop: () => s.stop(),
  };
}

/** Resident memory of a process (VmRSS), in bytes; NaN when unreadable. */
export function rss(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples RSS every `everyMs` until stopped: mean and peak. */
export function sampleRss(pid: number, everyMs = 200): () => { mean: number; peak: number; n: number } {
  const values: number[] = [rss(pid)];
  const timer = setInterval(() => values.push(rss(pid)), everyMs);
  return () => {
    clearInterval(timer);
    values.push(rss(pid));
    const ok = values.filter((v) => Number.isFinite(v));
    return { mean: ok.reduce((s, v) => s + v, 0) / ok.length, peak: Math.max(...ok), n: ok.length };
  };
}

/** RSS once it has stopped moving: sampled every 250 ms until 4 samples agree within 256 KiB (or `maxMs`). */
export async function settledRss(pid: number, maxMs = 6000): Promise<number> {
  const deadline = Date.now() + maxMs;
  const window: number[] = [];
  for (;;) {
    window.push(rss(pid));
    if (window.length > 4) window.shift();
    if (window.length === 4 && Math.max(...window) - Math.min(...window) <= 256 * 1024) return window[3]!;
    if (Date.now() > deadline) return window[window.length - 1]!;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * `--processes N`: N of our server processes on one database in cluster mode (REDIS_URL, a key and
 * channel prefix of this run), clients spread over them. Memory and the inspector are the first
 * process's; CPU is all of theirs.
 */
export async function startOursCluster(opts: Parameters<typeof startOurs>[0] & { processes: number; redisUrl: string; prefix: string }): Promise<Target> {
  const env = { ...opts.env, REDIS_URL: opts.redisUrl, REDIS_PREFIX: opts.prefix };
  const all: Target[] = [];
  for (let i = 0; i < opts.processes; i++) all.push(await startOurs({ ...opts, env, inspect: i === 0 && opts.inspect, cpuProfDir: i === 0 ? opts.cpuProfDir : undefined }));
  const first = all[0]!;
  return {
    ...first,
    pids: all.map((t) => t.pid),
    wsUrls: all.map((t) => t.wsUrl),
    describe: `${opts.processes} processes (pids ${all.map((t) => t.pid).join(', ')}) on Redis ${opts.redisUrl} prefix ${opts.prefix}; first: ${first.describe}`,
    output: () => all.map((t, i) => (t.output() ? `[${i + 1}] ${t.output()}` : '')).filter(Boolean).join('\n'),
    stop: async () => (await Promise.all(all.map((t) => t.stop())))[0] ?? null,
  };
}
