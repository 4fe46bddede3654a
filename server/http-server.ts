import http from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { RedisBus as Bus } from './cluster/bus';
import { Cluster } from './cluster/cluster';
import { pgConnAuthority } from './collab/access';
import { DocRegistry, pgDocStore } from './collab/registry';
import { attachCollab } from './collab/server';
import { holdCompute, releaseCompute } from './compute';
import type { Config } from './config';
import type { Db } from './db/db';
import { setFlashKey } from './pages/flash';
import { createMailService, DEFAULT_MAIL_CONFIG, type MailService } from './mail/service';
import type { AddressInfo } from 'node:net';
import { OpinionScheduler } from './opinion-scheduler';
import { startSortitionRecovery } from './commands/sortition-compute';

export interface PalimpsesteServer {
  server: http.Server;
  registry: DocRegistry;
  mail: MailService;
  /** The other processes (REDIS_URL set), else null. */
  cluster: Cluster | null;
  /** Recomputes opinion groups after votes change (null: turned off). */
  opinions: OpinionScheduler | null;
  /** Stops WebSockets (flushing live documents), then HTTP; the database stays open. */
  close(): Promise<void>;
}

/**
 * The HTTP app and the collaboration WebSocket server on one http.Server, sharing live documents.
 * With REDIS_URL, this process is one of several (server/cluster/): live documents, rate limits,
 * session caches and revocations are shared through Redis.
 */
export function createServer(config: Config, deps: { db: Db; logger: Logger; reads?: Db }): PalimpsesteServer {
  holdCompute({ threads: config.computeThreads });
  const store = pgDocStore(deps.db, { shared: Boolean(config.redisUrl) });
  // ioredis is loaded in cluster mode only
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bus = config.redisUrl ? new (require('./cluster/bus') as { RedisBus: typeof Bus }).RedisBus({ url: config.redisUrl, prefix: config.redisPrefix ?? 'palimpseste:', logger: deps.logger }) : null;
  const cluster = bus ? new Cluster(bus, store, deps.logger) : null;
  const registry = new DocRegistry(store, deps.logger, {}, pgConnAuthority(deps.db), cluster);
  // Links in e-mails lead to the public origin, or to this server as it listens.
  const baseUrl = () => config.publicOrigin ?? `http://localhost:${(server.address() as AddressInfo | null)?.port ?? config.port}`;
  const mail = createMailService(config.mail ?? DEFAULT_MAIL_CONFIG, deps.db, deps.logger, baseUrl);
  // the key every process shares seals the pages' flash messages too (a redirect may land on another process)
  mail.key().then(setFlashKey, () => undefined);
  const server = http.createServer(createApp(config, { ...deps, live: registry, cluster, mail }));
  const collab = attachCollab(server, { db: deps.db, registry, logger: deps.logger, publicOrigin: config.publicOrigin });
  const opinions = config.opinions === false ? null : new OpinionScheduler(deps.db, deps.logger, config.opinions).start();
  // lotteries left computing by a process that stopped are taken over (docs/sortition.md › Calcul interrompu)
  const sortitions = startSortitionRecovery({ db: deps.db, baseUrl, log: (msg, err) => deps.logger.warn({ err }, msg) });
  return {
    server,
    registry,
    mail,
    cluster,
    opinions,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await collab.close();
      await opinions?.stop();
      sortitions.stop();
      await closed;
      await mail.close();
      await bus?.close();
      await releaseCompute();
    },
  };
}
