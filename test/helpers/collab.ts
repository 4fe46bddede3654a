import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DocRegistry } from '../../server/collab/registry';
import { auth, createBill, createCitizen, createUser, type TestApp, type TestUser } from './app';

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

/** The stock y-websocket client, in Node, connected and synced (or rejected with the close code). */
export function connectClient(baseUrl: string, docName: string, token: string): Promise<Client> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const client = { doc, provider, close: () => { provider.destroy(); doc.destroy(); } };
  return new Promise((resolve, reject) => {
    provider.on('sync', (synced: boolean) => synced && resolve(client));
    provider.on('connection-close', (event: { code: number } | null) => {
      if (event && event.code >= 4000) {
        client.close();
        reject(new Error(`closed ${event.code}`));
      }
    });
  });
}

/** Close code of a raw WebSocket that the server refuses. */
export function closeCodeOf(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

/** The alinéas of a client's document (first text of each `alinea` element). */
export function clientAlineas(doc: Y.Doc): string[] {
  return doc.getXmlFragment('prosemirror').toArray().map((el) => (el as Y.XmlElement).toArray().map((t) => (t as Y.XmlText).toString()).join(''));
}

/** Types `text` at `offset` in alinéa `index` (0-based), as an editor would. */
export function typeInto(doc: Y.Doc, index: number, offset: number, text: string): void {
  const alinea = doc.getXmlFragment('prosemirror').get(index) as Y.XmlElement;
  let t = alinea.get(0) as Y.XmlText | undefined;
  doc.transact(() => {
    if (!t) {
      t = new Y.XmlText();
      alinea.insert(0, [t]);
    }
    t.insert(offset, text);
  });
}

/** Resolves once `check()` holds, re-checking on every document update (no fixed timers). */
export function until(doc: Y.Doc, check: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error('condition not reached'));
    }, timeoutMs);
    const onUpdate = () => {
      if (!check()) return;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

/** Polls an async condition (for server-side state seen through HTTP), a few ms apart. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The code of the next close (≥ 4000, the server's) of a client's connection, and when it came (Date.now()). */
export function nextClose(client: Client, timeoutMs = 5000): Promise<{ code: number; at: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not closed')), timeoutMs);
    client.provider.on('connection-close', (event: { code: number } | null) => {
      if (!event || event.code < 4000) return;
      clearTimeout(timer);
      resolve({ code: event.code, at: Date.now() });
    });
  });
}

/**
 * Resolves once everything `client` sent before has been handled by the server: a mark in its
 * presence, sent after, reaches `observer` (one socket's messages are handled in order).
 */
export async function handled(client: Client, observer: Client): Promise<void> {
  const mark = Math.random();
  client.provider.awareness.setLocalStateField('mark', mark);
  const seen = () => (observer.provider.awareness.getStates().get(client.doc.clientID) as { mark?: number } | undefined)?.mark === mark;
  await new Promise<void>((resolve, reject) => {
    if (seen()) return resolve();
    const timer = setTimeout(() => reject(new Error('mark not relayed')), 5000);
    const check = () => {
      if (!seen()) return;
      clearTimeout(timer);
      observer.provider.awareness.off('change', check);
      resolve();
    };
    observer.provider.awareness.on('change', check);
  });
}

/** Clients a test opens, closed after each test: `const connect = useClients(() => app.url)`. */
export function useClients(url: () => string): (docName: string, user: { token: string }) => Promise<Client> {
  const clients: Client[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  return async (docName, user) => {
    const c = await connectClient(url(), docName, user.token);
    clients.push(c);
    return c;
  };
}

/**
 * A submitted amendment in its formalisation workspace: a bill in consultation, its citizen author
 * and a clerk in charge of it; `docName` is the workspace's live document.
 */
export async function formalisationWorkspace(app: TestApp, admin: TestUser) {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const alice = await createCitizen(app, 'Alice');
  const clerk = await createUser(app, { roles: ['clerk'], displayName: 'Greffière' });
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: ['Texte citoyen.'], rationale: 'Clarifier.', submit: true }).expect(201);
  const id: string = res.body.amendment.id;
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(clerk)).send({}).expect(200);
  return { bill, alice, clerk, id, docName: `formalisation-${id}` };
}

/**
 * Holds the next connection that reaches `registry.acquire` (it passed authentication and its
 * access check) until `release()`: what happens in between is what the test does.
 */
export function holdNextJoin(registry: DocRegistry): { reached: Promise<void>; release(): void } {
  const own = registry as unknown as { acquire: DocRegistry['acquire'] };
  const original = DocRegistry.prototype.acquire;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  own.acquire = async function (this: DocRegistry, name: string) {
    delete (own as Partial<typeof own>).acquire;
    reach();
    await gate;
    return original.call(this, name);
  };
  return { reached, release: () => release() };
}

/**
 * A raw WebSocket to a live document (for what the stock client never sends), once it joined the
 * document (the server's sync step 1 arrived) unless `joined: false`.
 */
export async function rawSocket(baseUrl: string, docName: string, user: { token: string }, opts: { joined?: boolean } = {}): Promise<WebSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${docName}?token=${user.token}`);
  const first = new Promise((resolve) => ws.once('message', resolve));
  await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
  if (opts.joined !== false) await first;
  return ws;
}

/** The code the server closes a raw socket with. */
export function closeOf(ws: WebSocket, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (ws.readyState === ws.CLOSED) return reject(new Error('already closed'));
    const timer = setTimeout(() => reject(new Error('not closed')), timeoutMs);
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** One y-websocket awareness message, as a client sends it: entries (clientID, clock, state). */
export function awarenessFrame(entries: [number, number, unknown][]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}
