import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { pgConnAuthority } from '../../server/collab/access';
import { WS_TOO_MANY } from '../../server/collab/conn-limits';
import { DocRegistry, pgDocStore } from '../../server/collab/registry';
import { attachCollab } from '../../server/collab/server';
import { auth, createBill, createCitizen, createUser, useTestApp } from '../helpers/app';
import { closeOf, connectClient, eventually, formalisationWorkspace, holdNextJoin, rawSocket, useClients, awarenessFrame } from '../helpers/collab';

/** Security review of server/collab › 4: what one socket may cost the server is bounded. */

const suite = useTestApp();
const connect = useClients(() => suite.app.url);
const sockets: WebSocket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.terminate()));
const raw = async (url: string, docName: string, user: { token: string }, opts: { joined?: boolean } = {}) => {
  const ws = await rawSocket(url, docName, user, opts);
  sockets.push(ws);
  return ws;
};

async function draft() {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app, 'Alice');
  const res = await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'modify', rationale: 'Clarifier.' }).expect(201);
  return { alice, id: res.body.amendment.id as string, docName: `amendment-${res.body.amendment.id as string}` };
}

const frame = (...parts: (number | Uint8Array)[]) => {
  const e = encoding.createEncoder();
  for (const p of parts) {
    if (typeof p === 'number') encoding.writeVarUint(e, p);
    else encoding.writeVarUint8Array(e, p);
  }
  return encoding.toUint8Array(e);
};
/** Sync step 1 with an empty state vector: « send me the whole document ». */
const wholeDocPlease = frame(0, 0, new Uint8Array([0]));
const presence = awarenessFrame;

test('a socket past its message budget is closed 4429 (600 messages at once)', async () => {
  const { alice, docName } = await draft();
  const ws = await raw(suite.app.url, docName, alice);
  const closed = closeOf(ws);
  for (let i = 0; i < 600; i++) ws.send(frame(3)); // query-awareness
  expect(await closed).toBe(WS_TOO_MANY);
});

test('a read-only socket past its byte budget is closed 4429 (its updates are dropped, never free)', async () => {
  const { docName } = await formalisationWorkspace(suite.app, suite.admin);
  const watcher = await createUser(suite.app, { roles: ['clerk'], displayName: 'Greffier observateur' });
  const ws = await raw(suite.app.url, docName, watcher);
  const closed = closeOf(ws);
  for (let i = 0; i < 3; i++) ws.send(frame(0, 2, new Uint8Array(900_000)));
  expect(await closed).toBe(WS_TOO_MANY);
});

test('presence: a 3 KB state closes the socket (4400); a third client id is ignored', async () => {
  const { alice, docName } = await draft();
  const observer = await connect(docName, alice);
  const ws = await raw(suite.app.url, docName, alice);
  ws.send(presence([[9001, 1, { n: 1 }]]));
  ws.send(presence([[9002, 1, { n: 2 }], [9003, 1, { n: 3 }]]));
  ws.send(presence([[9001, 2, { n: 4 }]]));
  await eventually(async () => observer.provider.awareness.getStates().get(9001) as { n?: number } | undefined, (s) => s?.n === 4);
  expect(observer.provider.awareness.getStates().has(9002)).toBe(true);
  expect(observer.provider.awareness.getStates().has(9003)).toBe(false);
  const closed = closeOf(ws);
  ws.send(presence([[9001, 3, { junk: 'y'.repeat(3000) }]]));
  expect(await closed).toBe(4400);
});

test('sync step 1 is answered at most once per interval per socket (50 asked at once: 2 answers)', async () => {
  const { alice, docName } = await draft();
  const ws = await raw(suite.app.url, docName, alice);
  let answers = 0;
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === 1) answers += 1; // sync step 2
  });
  for (let i = 0; i < 50; i++) ws.send(wholeDocPlease);
  await new Promise((r) => setTimeout(r, 2500));
  expect(answers).toBe(2); // the first at once, the others together at the end of the interval
});

test('messages sent while the connection is being set up are bounded: past 64, closed 4429', async () => {
  const { alice, docName } = await draft();
  const held = holdNextJoin(suite.app.registry);
  const ws = await raw(suite.app.url, docName, alice, { joined: false });
  await held.reached;
  const closed = closeOf(ws);
  for (let i = 0; i < 100; i++) ws.send(frame(3));
  try {
    expect(await closed).toBe(WS_TOO_MANY);
  } finally {
    held.release();
  }
});

test('a socket that does not read what it is sent is cut past maxBufferedBytes (server memory stays bounded)', async () => {
  const { alice, docName } = await draft();
  const db = suite.app.testDb.db;
  const registry = new DocRegistry(pgDocStore(db), pino({ level: 'silent' }), { syncIntervalMs: 0 }, pgConnAuthority(db));
  const server = http.createServer();
  const collab = attachCollab(server, { db, registry, logger: pino({ level: 'silent' }), limits: { maxBufferedBytes: 256 * 1024, messageBurst: 10_000 } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const writer = await connectClient(url, docName, alice.token);
  try {
    // ~80 KB of text: every sync step 1 with an empty state vector asks for all of it
    const fragment = writer.doc.getXmlFragment('prosemirror');
    for (let i = 0; i < 4; i++) {
      const el = new Y.XmlElement('alinea');
      el.insert(0, [new Y.XmlText(`${i} `.padEnd(19_000, 'x'))]);
      fragment.insert(fragment.length, [el]);
    }
    const conns = () => (registry as unknown as { docs: Map<string, { live: { conns: Set<unknown> } }> }).docs.get(docName)?.live.conns.size ?? 0;
    const ws = await raw(url, docName, alice);
    await eventually(async () => conns(), (n) => n === 2);
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 400; i++) ws.send(wholeDocPlease); // 32 MB if all were answered
    expect(await eventually(async () => conns(), (n) => n === 1, 10_000)).toBe(1);
  } finally {
    writer.close();
    await collab.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
