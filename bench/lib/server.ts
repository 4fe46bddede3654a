/**
 * The server under test, in its own process — as in production: `node dist/server/main.js` after
 * `npm run build` (mode `dist`), or `node --require tsx/cjs server/main.ts` (mode `tsx`).
 * Configuration by environment only: DATABASE_URL, PORT, RATE_LIMITS=off, LOG_LEVEL, DEMO=0.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.join(__dirname, '../..');
export type ServerMode = 'dist' | 'tsx';

export interface ServerOptions {
  databaseUrl: string;
  mode: ServerMode;
  logLevel?: string;
  /** Write a V8 CPU profile of the server into this folder (node --cpu-prof). */
  cpuProfDir?: string;
  /** Preload bench/lib/query-counter.ts: counts SQL statements, dumped on SIGUSR2 and at exit. */
  queryCountFile?: string;
  /** Another checkout to run the server from (to compare a proposed server change); default this one. */
  root?: string;
  /** Extra environment for the server (experiments: a scratch copy reading its own variables). */
  extraEnv?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  pid: number;
  mode: ServerMode;
  /** stdout + stderr so far (LOG_LEVEL=warn: only warnings and errors). */
  output(): string;
  signal(sig: NodeJS.Signals): void;
  stop(): Promise<number | null>;
}

/** `npm run build` (tsc + client bundle); throws with the compiler output when it fails. */
export function buildDist(root = ROOT): void {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`npm run build failed (use --server=tsx to bench the sources):\n${r.stdout}${r.stderr}`);
  }
  console.log(`  npm run build: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
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

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const nodeArgs: string[] = [];
  if (opts.cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`);
  if (opts.mode === 'tsx' || opts.queryCountFile) nodeArgs.push('--require', 'tsx/cjs');
  if (opts.queryCountFile) nodeArgs.push('--require', path.join(__dirname, 'query-counter.ts'));
  const root = opts.root ?? ROOT;
  const entry = opts.mode === 'dist' ? path.join(root, 'dist/server/main.js') : path.join(root, 'server/main.ts');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing`);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.homedir(),
      NODE_ENV: 'production',
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      RATE_LIMITS: 'off',
      LOG_LEVEL: opts.logLevel ?? 'warn',
      DEMO: '0',
      // as `npm start` runs it (package.json): glibc's malloc with 2 arenas gives back what the
      // clients' buffers took (bench:collab: +4 to +7 MiB after they leave, against +8 to +10 MiB)
      MALLOC_ARENA_MAX: '2',
      ...(opts.queryCountFile ? { BENCH_QUERY_COUNT_FILE: opts.queryCountFile } : {}),
      ...opts.extraEnv,
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
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}) before listening:\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid ?? -1,
    mode: opts.mode,
    output: () => out,
    signal: (sig) => child.kill(sig),
    stop: () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}
