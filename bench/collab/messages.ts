/**
 * What the bench's main thread and its client worker threads say to each other, and the bits both
 * sides share: the clock and the payload a writer types.
 */

/** One simulated client: the stock y-websocket provider on one document. */
export interface ClientSpec {
  /** Unique within a run. */
  id: number;
  docName: string;
  /** Session token (our server); ignored by the reference server. */
  token: string;
  /** -1 for a reader; else a unique writer id, used in the payloads it types. */
  writerId: number;
  /** Alinéa (0-based) a writer appends to. */
  alinea: number;
  /** The writer's phase in the send period, in [0, 1). */
  phase: number;
  /** The process it connects to, when not the request's (`--processes`: clients spread over them). */
  serverUrl?: string;
}

export interface ConnectRequest {
  type: 'connect';
  /** `ws://host:port/collab` (ours) or `ws://host:port` (reference): the provider appends `/<docName>`. */
  serverUrl: string;
  clients: ClientSpec[];
  /** Applied to every client's Y.Doc before it connects (same bytes everywhere: idempotent). */
  seed: Uint8Array;
  /** Keep the stock provider's awareness (an empty local state, renewed every 15 s). */
  awareness: boolean;
  /** Connections opened at once by this worker. */
  concurrency: number;
  /**
   * With awareness: clients start at random times within this many ms (the awareness check timer
   * of each client then ticks at its own phase of its 3 s period), and each one re-announces its
   * state once at a random time within the next 15 s, so that the stock 15 s renewals are spread
   * as they are among real clients that did not all join in the same second (otherwise 200
   * clients of one document renew together: 40,000 messages in one burst every 15 s).
   */
  spreadMs: number;
  timeoutMs: number;
  /** A cluster target (`--processes`): the server each writer is connected to (split of the latencies). */
  writerServers?: [writerId: number, serverUrl: string][];
}

export interface StartRequest {
  type: 'start';
  /** `now()` of the first period. */
  at: number;
  periodMs: number;
  /** Updates per writer, warm-up included. */
  count: number;
  /** The first `warmup` updates of each writer are not measured (JIT, first allocations): only delivered. */
  warmup: number;
}

export type ToWorker = ConnectRequest | StartRequest | { type: 'report' } | { type: 'close' };

export interface ConnectReply {
  type: 'connected';
  ok: number;
  failures: string[];
  ms: number;
}

export interface Report {
  type: 'report';
  /** Propagation latencies (ms), one per delivered measured update and receiving client. */
  latencies: Float64Array;
  /** Per latency: 1 when the writer and the receiving client were on the same server process (cluster targets). */
  sameServer: Uint8Array;
  /** Send time of each of them (same order). */
  sentTimes: Float64Array;
  /** Updates sent, per writer id. */
  sent: [number, number][];
  /** Updates received (unique per client), warm-up included; `latencies.length` of them were measured. */
  delivered: number;
  duplicates: number;
  /** Connections lost (then re-opened by the provider) after the initial sync. */
  reconnects: number;
  /** This worker's event-loop delay while the writers ran (ms). */
  loopDelay: { p50: number; p99: number; max: number };
  /** Writer sends that fired later than planned, p99 (ms): the generator keeping its rate. */
  sendLagP99: number;
}

export type FromWorker = ConnectReply | Report | { type: 'closed' } | { type: 'error'; message: string };

/** Milliseconds on the process-wide monotonic clock (the same in every thread, sub-µs precision). */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** What a writer types: a marker with its id, its sequence number and the send time. */
export function payload(writerId: number, seq: number, sentAt: number): string {
  return ` [w${writerId}#${seq}@${sentAt.toFixed(3)}]`;
}

export const PAYLOAD_RE = /\[w(\d+)#(\d+)@(\d+\.\d+)\]/g;

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
