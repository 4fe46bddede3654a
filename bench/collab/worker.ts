/**
 * A client worker thread of bench:collab: opens stock y-websocket providers (as the browser editor
 * does, through `ws` in Node), makes its writers type timestamped markers at a fixed rate, and
 * records, for every marker another client typed, the time between its sending and the arrival
 * of the WebSocket message that carried it (taken before Yjs decodes it, so that this client's
 * own work does not count).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { now, payload, PAYLOAD_RE, type ClientSpec, type ConnectRequest, type FromWorker, type StartRequest, type ToWorker } from './messages';

const port = parentPort;
if (!port) throw new Error('bench/collab/worker.ts runs as a worker thread');
// Every stock provider adds a process 'exit' listener: hundreds of clients per thread is expected.
process.setMaxListeners(0);
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Arrival time of the WebSocket message being handled (set just before the provider sees it). */
let arrivalAt = 0;

/**
 * The `ws` client, stamping each message's arrival when its socket is read, and handing it to the
 * provider on the next check phase (setImmediate): all the sockets that became readable together
 * are stamped first, then decoded — so that a message's latency does not include the Yjs work of
 * the clients of this thread that happened to be read before it (200 readers of one document).
 * Per socket, messages keep their order; the provider's own code is unchanged.
 */
class TimedWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    let handler: ((event: { data: unknown }) => void) | null = null;
    // The provider assigns `onmessage` (null when it lets the socket go): keep it for ourselves.
    Object.defineProperty(this, 'onmessage', { configurable: true, get: () => handler, set: (h: typeof handler) => (handler = h) });
    this.on('message', (data: WebSocket.RawData) => {
      const at = now();
      setImmediate(() => {
        if (!handler) return;
        arrivalAt = at;
        handler({ data });
      });
    });
  }
}

interface Client {
  spec: ClientSpec;
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: boolean;
}

const clients: Client[] = [];
let latencies = new Float64Array(1 << 16);
let sentTimes = new Float64Array(1 << 16);
let sameServer = new Uint8Array(1 << 16);
const writerServer = new Map<number, string>();
let nLatencies = 0;
let delivered = 0;
let duplicates = 0;
let reconnects = 0;
const sent = new Map<number, number>();
const timers = new Set<NodeJS.Timeout>();
const sendLags: number[] = [];
const loop = monitorEventLoopDelay({ resolution: 5 });
/** Sequence numbers below this are warm-up: delivered, not measured. */
let warmup = Infinity;

function record(sentAt: number, latency: number, same: boolean): void {
  if (nLatencies === latencies.length) {
    const grow = (a: Float64Array) => {
      const bigger = new Float64Array(a.length * 2);
      bigger.set(a);
      return bigger;
    };
    latencies = grow(latencies);
    sentTimes = grow(sentTimes);
    const bigger = new Uint8Array(sameServer.length * 2);
    bigger.set(sameServer);
    sameServer = bigger;
  }
  sameServer[nLatencies] = same ? 1 : 0;
  sentTimes[nLatencies] = sentAt;
  latencies[nLatencies++] = latency;
}

function open(spec: ClientSpec, req: ConnectRequest): Promise<Client> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, req.seed);
  const seen = new Set<number>();
  doc.getXmlFragment('prosemirror').observeDeep((events, tr) => {
    if (tr.local) return;
    const at = arrivalAt;
    for (const ev of events) {
      if (!(ev.target instanceof Y.XmlText)) continue;
      for (const op of (ev as Y.YTextEvent).delta) {
        if (typeof op.insert !== 'string') continue;
        for (const m of op.insert.matchAll(PAYLOAD_RE)) {
          const key = Number(m[1]) * 1e6 + Number(m[2]);
          if (seen.has(key)) {
            duplicates++;
            continue;
          }
          seen.add(key);
          delivered++;
          if (Number(m[2]) < warmup) continue;
          const sentAt = Number(m[3]);
          record(sentAt, at - sentAt, writerServer.get(Number(m[1])) === (spec.serverUrl ?? req.serverUrl));
        }
      }
    }
  });
  const provider = new WebsocketProvider(spec.serverUrl ?? req.serverUrl, spec.docName, doc, {
    WebSocketPolyfill: TimedWebSocket as unknown as typeof globalThis.WebSocket,
    params: spec.token ? { token: spec.token } : {},
    disableBc: true,
    connect: false,
  });
  if (!req.awareness) provider.awareness.setLocalState(null);
  const client: Client = { spec, doc, provider, synced: false };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client ${spec.id} (${spec.docName}): not synced after ${req.timeoutMs} ms`)), req.timeoutMs);
    provider.on('sync', (synced: boolean) => {
      if (!synced || client.synced) return;
      client.synced = true;
      clearTimeout(timer);
      if (req.awareness && req.spreadMs > 0) {
        // Re-announce once at a random time: the next stock renewals (every 15 s) follow from it.
        const t = setTimeout(() => {
          timers.delete(t);
          provider.awareness.setLocalState(provider.awareness.getLocalState());
        }, Math.random() * 15_000);
        timers.add(t);
      }
      resolve(client);
    });
    provider.on('connection-close', (event: { code: number; reason: string } | null) => {
      if (client.synced) reconnects++;
      if (event && event.code >= 4000) {
        clearTimeout(timer);
        reject(new Error(`client ${spec.id} (${spec.docName}): closed ${event.code} ${event.reason}`));
      }
    });
    provider.connect();
  });
}

async function connect(req: ConnectRequest): Promise<void> {
  for (const [w, url] of req.writerServers ?? []) writerServer.set(w, url);
  const t0 = performance.now();
  const failures: string[] = [];
  let next = 0;
  let ok = 0;
  const one = async (spec: ClientSpec) => {
    try {
      clients.push(await open(spec, req));
      ok++;
    } catch (err) {
      failures.push((err as Error).message);
    }
  };
  const lane = async () => {
    while (next < req.clients.length) await one(req.clients[next++]!);
  };
  if (req.awareness && req.spreadMs > 0) {
    // Each client at its own random time (see ConnectRequest.spreadMs).
    await Promise.all(req.clients.map((spec) => new Promise((r) => setTimeout(r, Math.random() * req.spreadMs)).then(() => one(spec))));
  } else await Promise.all(Array.from({ length: Math.max(1, req.concurrency) }, lane));
  post({ type: 'connected', ok, failures, ms: performance.now() - t0 });
}

function start(req: StartRequest): void {
  warmup = req.warmup;
  // The event-loop delay is measured from the end of the warm-up.
  setTimeout(() => {
    loop.reset();
    loop.enable();
  }, Math.max(0, req.at + req.warmup * req.periodMs - now()));
  for (const c of clients) {
    const { writerId, alinea, phase } = c.spec;
    if (writerId < 0) continue;
    const text = (c.doc.getXmlFragment('prosemirror').get(alinea) as Y.XmlElement).get(0) as Y.XmlText;
    sent.set(writerId, 0);
    let seq = 0;
    const tick = () => {
      const planned = req.at + (phase + seq) * req.periodMs;
      const sentAt = now();
      if (seq >= req.warmup) sendLags.push(sentAt - planned);
      // One keystroke burst, appended where this writer types: the provider sends it at once.
      text.insert(text.length, payload(writerId, seq, sentAt));
      sent.set(writerId, ++seq);
      if (seq < req.count) schedule(req.at + (phase + seq) * req.periodMs);
    };
    const schedule = (at: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        tick();
      }, Math.max(0, at - now()));
      timers.add(t);
    };
    schedule(req.at + phase * req.periodMs);
  }
}

function report(): void {
  loop.disable();
  const ms = (ns: number) => ns / 1e6;
  const lags = sendLags.slice().sort((a, b) => a - b);
  const out = latencies.slice(0, nLatencies);
  const outSent = sentTimes.slice(0, nLatencies);
  const outSame = sameServer.slice(0, nLatencies);
  post(
    {
      type: 'report',
      latencies: out,
      sentTimes: outSent,
      sameServer: outSame,
      sent: [...sent.entries()],
      delivered,
      duplicates,
      reconnects,
      loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      sendLagP99: lags.length ? lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))]! : 0,
    },
    [out.buffer, outSent.buffer, outSame.buffer],
  );
}

function close(): void {
  for (const t of timers) clearTimeout(t);
  timers.clear();
  for (const c of clients.splice(0)) {
    c.provider.destroy();
    c.doc.destroy();
  }
  post({ type: 'closed' });
}

port.on('message', (m: ToWorker) => {
  try {
    if (m.type === 'connect') void connect(m).catch((err: unknown) => post({ type: 'error', message: String(err) }));
    else if (m.type === 'start') start(m);
    else if (m.type === 'report') report();
    else close();
  } catch (err) {
    post({ type: 'error', message: String((err as Error).stack ?? err) });
  }
});
