import { ComputePool, type ComputeOptions } from './pool';

export { ComputePool } from './pool';
export type { ComputeOptions, RunOptions } from './pool';

/**
 * The process's compute pool, one per process like the database pool. Each server holds it from
 * its start to its close (`holdCompute` / `releaseCompute`, counted: tests run several servers in
 * one process); code that runs outside a server (scripts, unit tests of commands) gets one with the
 * defaults on first use, and stops it with `releaseCompute` or at exit.
 */
let current: ComputePool | null = null;
let holders = 0;

export function holdCompute(options: ComputeOptions = {}): ComputePool {
  holders += 1;
  if (!current) current = new ComputePool(options);
  return current;
}

export function compute(): ComputePool {
  if (!current) current = new ComputePool();
  return current;
}

export async function releaseCompute(): Promise<void> {
  holders = Math.max(0, holders - 1);
  if (holders > 0 || !current) return;
  const pool = current;
  current = null;
  await pool.close();
}
