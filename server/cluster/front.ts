import http from 'node:http';
import type { Duplex } from 'node:stream';
import httpProxy from 'http-proxy';

/**
 * A small reverse proxy in front of N app processes on one machine (`npm run start:cluster`, and
 * the cluster tests): round-robin, no sticky sessions (any process serves any request and any
 * live document), WebSocket upgrades included. A process that refuses connections is skipped for
 * a moment and the request tried on the next one; that is all it does. In production a real load
 * balancer does this job (docs/deploy/nginx.conf).
 */
export interface Front {
  server: http.Server;
  /** The process the next request goes to (tests pin connections with it). */
  next(): string;
  close(): Promise<void>;
}

const DOWN_MS = 2000;

export function createFront(targets: readonly string[]): Front {
  const proxy = httpProxy.createProxyServer({ xfwd: true, ws: true });
  // Kept-alive connections to the processes: without an agent, http-proxy opens one per request
  // (`Connection: close`), a TCP handshake and a socket in TIME_WAIT per vote (bench:votes --processes).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  const downUntil = new Map<string, number>();
  let turn = 0;

  /** Targets in round-robin order from the next one, those believed up first. */
  const order = (): string[] => {
    const start = turn++ % targets.length;
    const all = targets.map((_, i) => targets[(start + i) % targets.length]!);
    const now = Date.now();
    return [...all.filter((t) => (downUntil.get(t) ?? 0) <= now), ...all.filter((t) => (downUntil.get(t) ?? 0) > now)];
  };
  // Only a refused connection is retried elsewhere: nothing was sent, nothing can be done twice.
  const refused = (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED';

  const web = (req: http.IncomingMessage, res: http.ServerResponse, tries: string[]) => {
    const target = tries.shift();
    if (!target) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('Aucun serveur disponible.\n');
      return;
    }
    proxy.web(req, res, { target, agent }, (err: NodeJS.ErrnoException) => {
      if (refused(err) && !res.headersSent) {
        downUntil.set(target, Date.now() + DOWN_MS);
        return web(req, res, tries);
      }
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  };

  const ws = (req: http.IncomingMessage, socket: Duplex, head: Buffer, tries: string[]) => {
    const target = tries.shift();
    if (!target) return socket.destroy();
    proxy.ws(req, socket, head, { target }, (err: NodeJS.ErrnoException) => {
      if (refused(err) && !socket.destroyed) {
        downUntil.set(target, Date.now() + DOWN_MS);
        return ws(req, socket, head, tries);
      }
      socket.destroy();
    });
  };

  const server = http.createServer((req, res) => web(req, res, order()));
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    ws(req, socket, head, order());
  });

  return {
    server,
    next: () => targets[turn % targets.length]!,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      proxy.close();
      agent.destroy();
    },
  };
}
