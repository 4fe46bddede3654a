import pg from 'pg';
import request from 'supertest';
import { createTestDb, type TestDb } from '../helpers/db';
import { startServerProcess, type RunningServer } from '../helpers/process';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

/**
 * « Never twice », proved the hard way: the server process is killed (SIGKILL) after the relay
 * accepted a message and before the outbox recorded it. The restarted server must not send it
 * again — it marks it « uncertain », for an admin to decide — and must send everything else.
 *
 * The kill lands in that exact window: when the message arrives, the test locks its outbox row,
 * lets the relay answer 250, waits until the worker's acknowledgement is blocked on the lock, and
 * only then kills the process.
 */
jest.setTimeout(90_000);

const STRONG = 'cerf-volant orange sous la pluie 42';
let testDb: TestDb;
let sink: SmtpSink;
let locker: pg.Client;
let server: RunningServer | undefined;
let armed = true;

beforeAll(async () => {
  testDb = await createTestDb();
  locker = new pg.Client({ connectionString: testDb.url });
  await locker.connect();
  sink = await startSmtpSink({
    beforeAccept: async (m) => {
      if (!armed) return;
      armed = false;
      const id = /<outbox-(\d+)@/.exec(m.messageId ?? '')?.[1];
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM mail_outbox WHERE id = $1 FOR UPDATE', [id]);
    },
  });
});
afterAll(async () => {
  await server?.stop('SIGKILL');
  await locker?.end();
  await sink?.close();
  await testDb?.drop();
});

const env = () => ({
  DATABASE_URL: testDb.url, SMTP_URL: sink.url, MAIL_POLL_MS: '50', MAIL_RETRY_BASE_MS: '100', MAIL_LEASE_SECONDS: '1', DEMO: '0',
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const status = async (id: string) => (await testDb.db.query<{ status: string }>('SELECT status FROM mail_outbox WHERE id = $1', [id])).rows[0]?.status;

test('a server killed between the relay’s « 250 » and its own record does not send the message again', async () => {
  server = await startServerProcess(env());
  await request(server.url).post('/api/auth/register').send({ email: 'lea@exemple.fr', password: STRONG, displayName: 'Léa' }).expect(201);

  // the relay has the message and answered; the worker's acknowledgement waits on our lock
  const first = await until('the first message', async () => sink.messages[0]);
  const firstId = /<outbox-(\d+)@/.exec(first.messageId ?? '')![1]!;
  const ackBackend = await until('the acknowledgement to block', async () => {
    const r = await testDb.db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%UPDATE mail_outbox SET status = ''sent''%'`);
    return r.rows[0]?.pid;
  });
  await server.stop('SIGKILL');
  // the acknowledgement had left the process but not reached the table: PostgreSQL would still run
  // it once the lock is free, so its connection dies with the process, as if it had never been sent
  await testDb.db.query('SELECT pg_terminate_backend($1)', [ackBackend]);
  await locker.query('ROLLBACK');
  expect(await status(firstId)).toBe('sending');

  // a new server: the abandoned claim becomes « uncertain » (never resent by itself); new mail flows
  server = await startServerProcess(env());
  await request(server.url).post('/api/auth/register').send({ email: 'marc@exemple.fr', password: STRONG, displayName: 'Marc' }).expect(201);
  await until('the second message', async () => sink.to('marc@exemple.fr')[0]);
  await until('the first to be marked uncertain', async () => ((await status(firstId)) === 'uncertain' ? true : undefined));
  await new Promise((r) => setTimeout(r, 1500));
  expect(sink.to('lea@exemple.fr')).toHaveLength(1);
  expect(sink.to('marc@exemple.fr')).toHaveLength(1);
  const row = (await testDb.db.query<{ last_error: string }>('SELECT last_error FROM mail_outbox WHERE id = $1', [firstId])).rows[0]!;
  expect(row.last_error).toContain('peut-être parti');
});
