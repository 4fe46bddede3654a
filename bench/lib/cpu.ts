/**
 * Where the machine's CPU went during a measured phase: the server process, the PostgreSQL
 * processes, the load generator (this process) and everything else, from /proc (Linux only;
 * elsewhere the split is simply not printed).
 */
import fs from 'node:fs';
import os from 'node:os';

const TICK = 100; // USER_HZ on Linux

/**
 * The bench's database (createBenchDb): PostgreSQL backends serving another database (other
 * people's tests on a shared machine) count as "other", not as "postgres"; background processes
 * (WAL writer, checkpointer…), shared by all, count as "postgres".
 */
let benchDatabase: string | undefined;
export function countPostgresOf(database: string): void {
  benchDatabase = database;
}

/** A PostgreSQL backend of another database than the bench's (from its process title). */
function otherDatabase(pid: string): boolean | undefined {
  if (!benchDatabase) return false;
  try {
    // "postgres: 15/main: <user> <database> <client address> <state>"; background: "postgres: 15/main: checkpointer"
    const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    // (a backend still starting has no client address yet: asked again next time)
    return /\(\d+\)/.test(title) ? !title.includes(` ${benchDatabase} `) : undefined;
  } catch {
    return false;
  }
}

interface Sample {
  at: number;
  byPid: Map<number, { comm: string; ticks: number; sys: number }>;
}

const otherDb = new Map<string, boolean>();

function readSample(): Sample | undefined {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const byPid = new Map<number, { comm: string; ticks: number; sys: number }>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      let comm = stat.slice(stat.indexOf('(') + 1, close);
      if (comm === 'postgres') {
        let other = otherDb.get(pid);
        if (other === undefined) {
          other = otherDatabase(pid);
          if (other !== undefined) otherDb.set(pid, other);
        }
        if (other) comm = 'postgres (other databases)';
      }
      const fields = stat.slice(close + 2).split(' ');
      // fields[0] is field 3 (state): utime is field 14, stime field 15.
      byPid.set(Number(pid), { comm, ticks: Number(fields[11]) + Number(fields[12]), sys: Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return { at: performance.now(), byPid };
}

export interface CpuSplit {
  seconds: number;
  /** cores used on average, per group */
  server: number;
  /** of which in the kernel (system time) */
  serverSys: number;
  postgres: number;
  postgresSys: number;
  loadGenerator: number;
  /** the cluster's front (`--processes N`), when there is one */
  front?: number;
  /** redis-server (shared with whoever else uses it) */
  redis: number;
  other: number;
  /** the busiest other processes, e.g. `chromium 0.40, node 0.12` */
  otherTop: string;
  cores: number;
}

export function startCpuWatch(serverPid: number | readonly number[], frontPids: readonly number[] = []): () => CpuSplit | undefined {
  const serverPids = new Set(typeof serverPid === 'number' ? [serverPid] : serverPid);
  const fronts = new Set(frontPids);
  const before = readSample();
  return () => {
    const after = readSample();
    if (!before || !after) return undefined;
    const seconds = (after.at - before.at) / 1000;
    const groups = { server: 0, postgres: 0, loadGenerator: 0, front: 0, redis: 0, other: 0 };
    const sys = { server: 0, postgres: 0, loadGenerator: 0, front: 0, redis: 0, other: 0 };
    const others = new Map<string, number>();
    for (const [pid, a] of after.byPid) {
      const b = before.byPid.get(pid);
      // Same pid before and after: the same process (kernel workers rename themselves as they go).
      const same = b !== undefined;
      const delta = a.ticks - (same ? b.ticks : 0);
      if (delta <= 0) continue;
      const group = serverPids.has(pid)
        ? 'server'
        : pid === process.pid
          ? 'loadGenerator'
          : fronts.has(pid)
            ? 'front'
            : a.comm === 'postgres'
              ? 'postgres'
              : a.comm === 'redis-server'
                ? 'redis'
                : 'other';
      groups[group] += delta / TICK;
      sys[group] += (a.sys - (same ? b.sys : 0)) / TICK;
      if (group === 'other') others.set(`${a.comm}`, (others.get(a.comm) ?? 0) + delta / TICK);
    }
    return {
      seconds,
      server: groups.server / seconds,
      serverSys: sys.server / seconds,
      postgres: groups.postgres / seconds,
      postgresSys: sys.postgres / seconds,
      loadGenerator: groups.loadGenerator / seconds,
      ...(fronts.size ? { front: groups.front / seconds } : {}),
      redis: groups.redis / seconds,
      other: groups.other / seconds,
      otherTop: [...others.entries()]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .map(([comm, t]) => `${comm} ${(t / seconds).toFixed(2)}`)
        .join(', '),
      cores: os.cpus().length,
    };
  };
}

export function formatCpu(c: CpuSplit | undefined): string {
  if (!c) return 'CPU split: unavailable (no /proc)';
  const f = (x: number) => `${x.toFixed(2)} (${((x / c.cores) * 100).toFixed(0)} %)`;
  return (
    `CPU used, in cores of ${c.cores}: server ${f(c.server)} [${c.serverSys.toFixed(2)} in kernel], postgres ${f(c.postgres)} [${c.postgresSys.toFixed(2)} in kernel], ` +
    `load generator ${f(c.loadGenerator)}, ${c.front !== undefined ? `front ${f(c.front)}, ` : ''}${c.redis >= 0.005 ? `redis ${f(c.redis)}, ` : ''}other ${f(c.other)}; ` +
    `idle ${Math.max(0, c.cores - c.server - c.postgres - c.loadGenerator - (c.front ?? 0) - c.redis - c.other).toFixed(2)}`
  );
}

/** Cores used by processes other than the server, PostgreSQL and this one, over `ms` (is the machine quiet?). */
export async function busyCores(serverPid: number, ms = 1000): Promise<{ cores: number; top: string } | undefined> {
  const stop = startCpuWatch(serverPid);
  await new Promise((r) => setTimeout(r, ms));
  const c = stop();
  return c && { cores: c.other, top: c.otherTop };
}
