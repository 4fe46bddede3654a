import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createFront, type Front } from '../../server/cluster/front';
import { hashPassword } from '../../server/auth/passwords';
import { openSession } from '../../server/commands/open-session';
import { insertUser, type Role } from '../../server/sql/users';
import { createTestDb, type TestDb } from './db';
import { startServerProcess, type RunningServer } from './process';

/** The machine's Redis (CI: started before the session, as PostgreSQL). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestCluster {
  testDb: TestDb;
  nodes: RunningServer[];
  /** The round-robin front over the nodes (server/cluster/front.ts). */
  front: Front;
  frontUrl: string;
  env: Record<string, string>;
  /** Starts node `i` again (after a kill), on a new port; the front is not told (tests use node URLs then). */
  restart(i: number): Promise<RunningServer>;
  close(): Promise<void>;
}

/**
 * N app processes (`server/main.ts`, as `npm start` runs it) on one fresh database, in cluster
 * mode on `redisUrl` with a key and channel prefix of their own (test files run in parallel on
 * one Redis), behind a front.
 */
export async function startCluster(n: number, opts: { redisUrl?: string; env?: Record<string, string> } = {}): Promise<TestCluster> {
  const testDb = await createTestDb();
  const env = {
    DATABASE_URL: testDb.url,
    REDIS_URL: opts.redisUrl ?? REDIS_URL,
    REDIS_PREFIX: `test:${process.pid}:${randomBytes(4).toString('hex')}:`,
    DEMO: '0',
    ...opts.env,
  };
  const nodes = await Promise.all(Array.from({ length: n }, () => startServerProcess(env)));
  const front = createFront(nodes.map((s) => s.url));
  await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
  const frontUrl = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
  return {
    testDb, nodes, front, frontUrl, env,
    async restart(i) {
      nodes[i] = await startServerProcess(env);
      return nodes[i]!;
    },
    async close() {
      await front.close();
      await Promise.all(nodes.map((s) => (s.child.exitCode === null && s.child.signalCode === null ? s.stop('SIGKILL') : null)));
      await testDb.drop();
    },
  };
}

let counter = 0;
const cheapHash = hashPassword('mot-de-passe-de-test');

/** An account straight in the database, with a session token. */
export async function clusterUser(t: TestCluster, opts: { roles?: Role[]; displayName?: string } = {}) {
  counter += 1;
  const email = `cluster${counter}-${process.pid}@example.test`;
  const displayName = opts.displayName ?? `Participant ${counter}`;
  const user = await insertUser(t.testDb.db, { email, passwordHash: await cheapHash, displayName, kind: 'citizen', roles: opts.roles ?? [] });
  return { id: user.id, email, displayName, token: await openSession(t.testDb.db, user.id) };
}

/** A JSON call to one process (or the front). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, read by the tests
export async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
