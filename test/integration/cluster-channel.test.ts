import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import pino from 'pino';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { RedisBus } from '../../server/cluster/bus';
import { DocChannel } from '../../server/cluster/doc-channel';
import { LiveDoc, type Conn, type DocStore, type LiveDocOptions } from '../../server/collab/live-doc';
import { decodeMessage } from '../../server/collab/protocol';
import { pgDocStore } from '../../server/collab/registry';
import { readAlineas, seedUpdate } from '../../server/collab/ydoc-text';
import { REDIS_URL } from '../helpers/cluster';
import { createTestDb, type TestDb } from '../helpers/db';

/**
 * A document's Redis channel between two buses of this process (the machine's Redis, a prefix of
 * this file), on a fresh database: what one turn's updates cost on the wire, and who stores the
 * updates of a process that is late rather than dead.
 */
const logger = pino({ level: 'silent' });
const prefix = `test:${process.pid}:${randomBytes(4).toString('hex')}:`;
const name = 'amendment-channel';
const options: LiveDocOptions = { debounceMs: 50, maxWaitMs: 50, compactEvery: 1000, syncIntervalMs: 0, onError: (err) => { throw err; } };

let testDb: TestDb;
const buses: RedisBus[] = [];
const closers: (() => void)[] = [];

beforeAll(async () => {
  testDb = await createTestDb();
});

afterAll(async () => {
  for (const close of closers) close();
  await Promise.all(buses.map((b) => b.close()));
  await testDb.drop();
});

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function bus(): Promise<RedisBus> {
  const b = new RedisBus({ url: REDIS_URL, prefix, logger });
  buses.push(b);
  await until(() => b.up, 'redis up');
  return b;
}

/** A process's live document on the channel, loaded as the registry loads it (subscribe → load → ready). */
async function open(b: RedisBus, orphanMs = 5000, hangingWrites = false): Promise<{ live: LiveDoc; channel: DocChannel; sent: Uint8Array[] }> {
  const pgStore = pgDocStore(testDb.db, { shared: true });
  const store: DocStore = hangingWrites ? { ...pgStore, store: () => new Promise<void>(() => {}) } : pgStore;
  const channel = new DocChannel(b, name, store, logger, orphanMs);
  const live = new LiveDoc(name, store, options, channel);
  await channel.subscribe(live);
  await live.load();
  await channel.ready();
  const sent: Uint8Array[] = [];
  const conn: Conn = { mode: 'read', userId: 'u', displayName: 'U', sessionHash: 'h', lockable: false, send: (m) => sent.push(m), close: () => {} };
  live.addConn(conn);
  sent.length = 0;
  closers.push(() => {
    channel.close();
    live.destroy();
  });
  return { live, channel, sent };
}

/** Appends `text` to the first alinéa of `doc` (as a client's keystrokes would), origin `origin`. */
function type(doc: Y.Doc, text: string, origin: unknown): void {
  doc.transact(() => {
    const t = (doc.getXmlFragment('prosemirror').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(t.length, text);
  }, origin);
}

const rows = async () => Number((await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM collab_updates WHERE doc_name = $1', [name])).rows[0]!.n);

test('the updates a process accepts in one turn cross in one message, and reach the other process’s connections in one', async () => {
  await testDb.db.query('INSERT INTO collab_updates (doc_name, update) VALUES ($1, $2)', [name, Buffer.from(seedUpdate(['un']))]);
  const a = await open(await bus());
  const b = await open(await bus());
  // what crosses Redis on the channel, as a third subscriber sees it
  const spy = new Redis(REDIS_URL);
  const wire: Buffer[] = [];
  spy.on('messageBuffer', (_channel: Buffer, message: Buffer) => wire.push(message));
  await spy.subscribe(`${prefix}doc:${name}`);
  try {
    type(a.live.doc, ' A', 'client-1');
    type(a.live.doc, ' B', 'client-2');
    type(a.live.doc, ' C', 'client-3');
    await until(() => readAlineas(b.live.doc)[0] === 'un A B C', 'B has the three updates');
    // one Update message (kind 0) carrying three updates
    const updates = wire.map((m) => decoding.createDecoder(new Uint8Array(m))).filter((d) => decoding.readVarUint(d) === 0);
    expect(updates).toHaveLength(1);
    const d = updates[0]!;
    decoding.readVarString(d);
    decoding.readVarUint(d);
    expect(decoding.readVarUint(d)).toBe(3);
    // B's connection got them in one y-websocket update message
    const docUpdates = b.sent.map((m) => decodeMessage(m)).filter((m) => m.kind === 'doc-update');
    expect(docUpdates).toHaveLength(1);
    // stored once, by A only (B waits for A's confirmation and stores nothing)
    await until(async () => (await rows()) === 2, 'A stored its row');
    await new Promise((r) => setTimeout(r, 300));
    expect(await rows()).toBe(2);
  } finally {
    spy.disconnect();
    for (const close of closers.splice(0)) close();
  }
});

test('updates of a process that is late but still talking are left to it; those of a silent one are stored by the other', async () => {
  await testDb.db.query('DELETE FROM collab_updates WHERE doc_name = $1', [name]);
  await testDb.db.query('INSERT INTO collab_updates (doc_name, update) VALUES ($1, $2)', [name, Buffer.from(seedUpdate(['deux']))]);
  // A's writes never complete (a stuck database, a starved process); B gives up on silent processes after 300 ms
  const busA = await bus();
  const a = await open(busA, 5000, true);
  const b = await open(await bus(), 300);
  for (let i = 0; i < 10; i++) {
    type(a.live.doc, ` ${i}`, 'client');
    await new Promise((r) => setTimeout(r, 100));
  }
  await until(() => readAlineas(b.live.doc)[0] === 'deux 0 1 2 3 4 5 6 7 8 9', 'B has A’s updates');
  // a second of unconfirmed updates, more than B's 300 ms: A kept talking, B stored nothing
  expect(await rows()).toBe(1);
  // A dies without a word (no flush, no goodbye)
  closers.splice(0, 1)[0]!();
  await busA.close();
  await until(async () => (await rows()) === 2, 'B stored what A never confirmed', 3000);
  const stored = new Y.Doc();
  for (const r of (await testDb.db.query<{ update: Buffer }>('SELECT update FROM collab_updates WHERE doc_name = $1 ORDER BY id', [name])).rows) Y.applyUpdate(stored, new Uint8Array(r.update));
  expect(readAlineas(stored)[0]).toBe('deux 0 1 2 3 4 5 6 7 8 9');
});
