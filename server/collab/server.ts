import type { IncomingMessage, Server } from 'node:http';
import { parse as parseCookies } from 'cookie';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WS_CLOSE } from '../../shared/errors';
import type { Db } from '../db/db';
import { hashToken, SESSION_COOKIE } from '../auth/tokens';
import { findUserBySessionHash, type SessionUser } from '../sql/sessions';
import { liveDocAccess } from './access';
import { CONN_LIMITS, MessageBudget, WS_TOO_MANY, type ConnLimits } from './conn-limits';
import type { Conn } from './live-doc';
import type { DocRegistry } from './registry';
import { RefusedUpdate } from './update-guard';

export const COLLAB_PATH = '/collab/';
const MALFORMED = WS_CLOSE.refused;
const PING_MS = 30_000;
/** setTimeout's longest delay (about 24 days): a longer session is re-checked then, and re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface CollabOptions {
  db: Db;
  registry: DocRegistry;
  logger: Logger;
  /** Largest accepted message; larger ones close that connection (1009). */
  maxMessageBytes?: number;
  publicOrigin?: string | undefined;
  /** What one socket may cost (conn-limits.ts; tests lower them). */
  limits?: Partial<ConnLimits>;
}

/** The session behind an upgrade request: `?token=`, a bearer header, or the cookie (same origin only). */
async function authenticate(db: Db, req: IncomingMessage, url: URL, publicOrigin: string | undefined): Promise<{ user: SessionUser; hash: string } | null> {
  const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  let token = url.searchParams.get('token') ?? bearer ?? null;
  if (!token) {
    const cookie = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    // A cookie is sent by the browser whoever opened the socket: accept it only from our pages.
    const own = publicOrigin ?? `http://${req.headers.host ?? ''}`;
    const origin = req.headers.origin;
    if (cookie && (!origin || origin === own || origin === own.replace(/^http:/, 'https:'))) token = cookie;
  }
  if (!token) return null;
  const hash = hashToken(token);
  const user = await findUserBySessionHash(db, hash);
  return user ? { user, hash } : null;
}

/**
 * The collaboration server: y-websocket protocol at /collab/<docName>. Lifecycle of a connection:
 * authenticate on upgrade → check access → load the document (awaited; messages wait) → sync →
 * persist (in LiveDoc) → unload when the last connection leaves.
 */
export function attachCollab(server: Server, options: CollabOptions): { close(): Promise<void> } {
  const { db, registry, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 1024 * 1024 });
  const limits: ConnLimits = { ...CONN_LIMITS, ...options.limits };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(COLLAB_PATH)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      void connect(ws, req, url).catch((err: unknown) => {
        logger.error({ err }, 'collab connection failed');
        ws.close(1011, 'internal');
      });
    });
  });

  async function connect(ws: WebSocket, req: IncomingMessage, url: URL): Promise<void> {
    // Messages that arrive while we authenticate and load wait in order (a bounded few).
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let deliver: ((data: Uint8Array) => void) | null = null;
    const budget = new MessageBudget(limits);
    const tooMany = (why: string) => {
      logger.warn({ url: url.pathname }, `collab socket closed: ${why}`);
      ws.close(WS_TOO_MANY, 'too many messages');
    };
    ws.on('message', (data: RawData) => {
      if (ws.readyState !== ws.OPEN) return;
      const bytes = toBytes(data);
      if (!budget.allows(bytes.length)) return tooMany('message budget spent');
      if (deliver) return deliver(bytes);
      early.push(bytes);
      earlyBytes += bytes.length;
      if (early.length > limits.earlyMessages || earlyBytes > limits.earlyBytes) tooMany('too much before the document was ready');
    });
    let closed = false;
    ws.on('close', () => (closed = true));
    // An oversized or invalid frame errors this socket only (ws then closes it with 1009 / 1002).
    ws.on('error', (err) => logger.warn({ err: err.message }, 'collab socket error'));

    const docName = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length));
    // a revocation between this check and the connection's arrival in its document re-checks it
    const epoch = registry.epoch;
    const session = await authenticate(db, req, url, options.publicOrigin);
    if (!session) return ws.close(WS_CLOSE.unauthenticated, 'unauthenticated');
    const { user } = session;
    const access = await liveDocAccess(db, docName, user);
    if (!access.ok) return ws.close(access.reason === 'forbidden' ? WS_CLOSE.forbidden : WS_CLOSE.not_found, access.reason);
    if (closed) return;

    const live = await registry.acquire(docName);
    let sessionTimer: NodeJS.Timeout | undefined;
    const conn: Conn = {
      mode: access.mode,
      userId: user.id,
      displayName: user.display_name,
      sessionHash: session.hash,
      lockable: access.lockable,
      send: (message) => {
        if (ws.readyState !== ws.OPEN) return;
        // a socket that does not read what it is sent is cut, not buffered for without end
        if (ws.bufferedAmount + message.length > limits.maxBufferedBytes) {
          logger.warn({ docName, userId: user.id, buffered: ws.bufferedAmount }, 'collab socket cut: not reading');
          return ws.terminate();
        }
        // No callback: a failed write closes the socket, and ws the connection (`close`: it leaves).
        // A callback per message would cost one more tick per write.
        ws.send(message);
      },
      close: (code, reason) => ws.close(code, reason),
      // when the session ends, the connection checks it again (4401 unless it was extended)
      sessionEndsAt: (at) => {
        clearTimeout(sessionTimer);
        const wait = Math.min(MAX_TIMER_MS, Math.max(0, at.getTime() - Date.now()));
        sessionTimer = setTimeout(() => void registry.recheckConn(docName, conn).catch(onCheckError), wait);
      },
    };
    const onCheckError = (err: unknown) => {
      logger.error({ err, docName }, 'collab access re-check failed');
      ws.close(1011, 'internal');
    };
    let alive = true;
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_MS);
    ws.on('pong', () => (alive = true));
    const leave = () => {
      clearInterval(ping);
      clearTimeout(sessionTimer);
      live.removeConn(conn);
      registry.release(live);
    };
    // A revocation since the access check (the epoch moved) re-checks the connection before it
    // joins, as many times as needed: once it is in the document, revocations reach it there.
    for (let seen = epoch; registry.epoch !== seen && !closed && ws.readyState === ws.OPEN; ) {
      seen = registry.epoch;
      try {
        await registry.recheckConn(docName, conn);
      } catch (err) {
        onCheckError(err);
      }
    }
    if (closed || ws.readyState !== ws.OPEN) return leave();
    ws.on('close', leave);
    deliver = (data) => {
      // nothing from a connection being closed (a revoked one, a refused update) is applied
      if (ws.readyState !== ws.OPEN) return;
      try {
        live.receive(conn, data);
      } catch (err) {
        const refused = err instanceof RefusedUpdate;
        logger.warn({ err: refused ? err.message : err, docName, userId: user.id }, refused ? 'collab update refused' : 'malformed collab message');
        ws.close(MALFORMED, refused ? 'invalid update' : 'malformed message');
      }
    };
    live.addConn(conn);
    conn.sessionEndsAt?.(user.session_expires_at);
    for (const data of early.splice(0)) deliver(data);
  }

  return {
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await registry.flushAll();
    },
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
