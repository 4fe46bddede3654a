import http from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app';
import { pgConnAuthority } from './collab/access';
import { DocRegistry, pgDocStore } from './collab/registry';
import { attachCollab } from './collab/server';
import { holdCompute, releaseCompute } from './compute';
import type { Config } from './config';
import type { Db } from './db/db';
import { createMailService, DEFAULT_MAIL_CONFIG, type MailService } from './mail/service';
import type { AddressInfo } from 'node:net';
import { OpinionScheduler } from './opinion-scheduler';

export interface PalimpsesteServer {
  server: http.Server;
  registry: DocRegistry;
  mail: MailService;
  /** Stops WebSockets (flushing live documents), then HTTP; the database stays open. */
  close(): Promise<void>;
}

/** The HTTP app and the collaboration WebSocket server on one http.Server, sharing live documents. */
export function createServer(config: Config, deps: { db: Db; logger: Logger }): PalimpsesteServer {
  holdCompute({ threads: config.computeThreads });
  const registry = new DocRegistry(pgDocStore(deps.db), deps.logger, {}, pgConnAuthority(deps.db));
  // Links in e-mails lead to the public origin, or to this server as it listens.
  const baseUrl = () => config.publicOrigin ?? `http://localhost:${(server.address() as AddressInfo | null)?.port ?? config.port}`;
  const mail = createMailService(config.mail ?? DEFAULT_MAIL_CONFIG, deps.db, deps.logger, baseUrl);
  const server = http.createServer(createApp(config, { ...deps, live: registry, mail }));
  const collab = attachCollab(server, { db: deps.db, registry, logger: deps.logger, publicOrigin: config.publicOrigin });
  const opinions = config.opinions === false ? null : new OpinionScheduler(deps.db, deps.logger, config.opinions).start();
  return {
    server,
    registry,
    mail,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await collab.close();
      await opinions?.stop();
      await closed;
      await mail.close();
      await releaseCompute();
    },
  };
}
