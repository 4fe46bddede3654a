import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { createServer } from '../../server/http-server';
import type { DocRegistry } from '../../server/collab/registry';
import type { Config } from '../../server/config';
import type { MailService } from '../../server/mail/service';
import type { OpinionScheduler } from '../../server/opinion-scheduler';
import { hashPassword } from '../../server/auth/passwords';
import { insertUser, type Role } from '../../server/sql/users';
import { openSession } from '../../server/commands/open-session';
import { createTestDb, type TestDb } from './db';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0, databaseUrl: undefined, databasePoolSize: 10, dataDir: '/nonexistent', admin: undefined, demo: false,
    rateLimits: false, logLevel: 'silent', publicOrigin: undefined, trustProxy: false, ...overrides,
  };
}

export interface TestApp {
  url: string;
  testDb: TestDb;
  /** supertest bound to the running server */
  http: ReturnType<typeof request>;
  registry: DocRegistry;
  mail: MailService;
  opinions: OpinionScheduler | null;
  close(): Promise<void>;
}

/** The real app on a real PostgreSQL database of its own, listening on a free port. */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const running = createServer(testConfig({ databaseUrl: testDb.url, ...overrides }), { db: testDb.db, logger: pino({ level: 'silent' }) });
  const { server } = running;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // the generated signing key is written at start: before the test looks at the database
  await running.mail.key();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    testDb,
    http: request(url),
    registry: running.registry,
    mail: running.mail,
    opinions: running.opinions,
    async close() {
      server.closeAllConnections();
      await running.close();
      await testDb.drop();
    },
  };
}

let counter = 0;
const cheapHash = hashPassword('mot-de-passe-de-test');

export interface TestUser {
  id: string;
  token: string;
  email: string;
  displayName: string;
}

/** An account created straight in the database (fast), with a session token. */
export async function createUser(
  app: TestApp,
  opts: { roles?: Role[]; kind?: 'citizen' | 'organisation'; displayName?: string; verified?: boolean } = {},
): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}-${process.pid}@example.test`;
  const displayName = opts.displayName ?? `Participant ${counter}`;
  const user = await insertUser(app.testDb.db, {
    email, passwordHash: await cheapHash, displayName, kind: opts.kind ?? 'citizen', roles: opts.roles ?? [],
  });
  if (opts.verified) await app.testDb.db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [user.id]);
  return { id: user.id, token: await openSession(app.testDb.db, user.id), email, displayName };
}

export const createCitizen = (app: TestApp, displayName?: string) => createUser(app, { displayName });
export const createAdmin = (app: TestApp) => createUser(app, { roles: ['admin'], displayName: 'Admin' });

export const auth = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });

export const SMALL_BILL = `PROJET DE LOI pour une République numérique

TITRE Ier
LA CIRCULATION DES DONNÉES

Article 1er
Les administrations communiquent leurs documents.
Elles les publient en ligne.

Article 2
Le présent article entre en vigueur au 1er janvier.
`;

/** A bill imported through the API by an admin, optionally moved to a phase. */
export async function createBill(
  app: TestApp,
  admin: TestUser,
  opts: { text?: string; status?: 'consultation' | 'commission' | 'adopted' } = {},
): Promise<{ id: string; articles: { id: string; number: string; alineas: string[] }[] }> {
  const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Projet de loi de test', text: opts.text ?? SMALL_BILL });
  if (res.status !== 201) throw new Error(`createBill: ${res.status} ${JSON.stringify(res.body)}`);
  const order = ['consultation', 'commission', 'adopted'];
  for (const status of order.slice(0, opts.status ? order.indexOf(opts.status) + 1 : 0)) {
    if (status === 'adopted') await seatCommission(app, admin, res.body.bill.id);
    await app.http.post(`/api/bills/${res.body.bill.id}/status`).set(auth(admin)).send({ status }).expect(200);
  }
  return res.body.bill;
}

/** One member in each college (adoption needs both): new accounts appointed through the API. */
export async function seatCommission(app: TestApp, admin: TestUser, billId: string): Promise<{ elected: TestUser; citizen: TestUser }> {
  const elected = await createUser(app, { displayName: `Élu ${counter + 1}` });
  const citizen = await createUser(app, { displayName: `Citoyen tiré ${counter + 1}` });
  for (const [u, college] of [[elected, 'elected'], [citizen, 'citizen']] as const) {
    await app.http.put(`/api/bills/${billId}/commission/members/${u.id}`).set(auth(admin)).send({ college }).expect(200);
  }
  return { elected, citizen };
}

/**
 * The usual frame of an integration test file: one app on its own database and an admin, started
 * before the tests and stopped after them. The fields are filled in `beforeAll`.
 */
export function useTestApp(overrides: Partial<Config> = {}): { app: TestApp; admin: TestUser } {
  const ctx = {} as { app: TestApp; admin: TestUser };
  beforeAll(async () => {
    ctx.app = await startTestApp(overrides);
    ctx.admin = await createAdmin(ctx.app);
  });
  afterAll(async () => {
    await ctx.app?.close();
  });
  return ctx;
}
