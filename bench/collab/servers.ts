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
import { ROOT, startServer, type ServerMode } from '../lib/server';

export type Kind = 'ours' | 'reference';

export interface Target {
  kind: Kind;
  pid: number;
  /** Base URL given to the provider (it appends `/<docName>`). */
  wsUrl: string;
  describe: string;
  output(): string;
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

export async function startReference(): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, [REF_SERVER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port) },
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
    describe: `pid ${child.pid}, node node_modules/y-websocket-ref/bin/server.js (y-websocket ${refVersion()}, in memory, no auth)`,
    output: () => out.replace(/^running at .*\n?/m, ''),
    stop: () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function startOurs(opts: { databaseUrl: string; mode: ServerMode; cpuProfDir?: string | undefined }): Promise<Target> {
  const s = await startServer({ databaseUrl: opts.databaseUrl, mode: opts.mode, logLevel: 'warn', cpuProfDir: opts.cpuProfDir });
  return {
    kind: 'ours',
    pid: s.pid,
    wsUrl: `${s.url.replace(/^http/, 'ws')}/collab`,
    describe:
      `pid ${s.pid}, ${opts.mode === 'dist' ? 'node dist/server/main.js' : 'node --require tsx/cjs server/main.ts'}` +
      ` (PostgreSQL persistence, session auth, RATE_LIMITS=off LOG_LEVEL=warn NODE_ENV=production${opts.cpuProfDir ? ', --cpu-prof' : ''})`,
    output: () => s.output(),
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
