import type { Logger } from 'pino';
import type { SessionCache, SessionEvent } from '../auth/session-cache';
import type { DocStore } from '../collab/live-doc';
import type { DocCluster, DocRegistry, LiveEvent } from '../collab/registry';
import type { Bus } from './bus';
import { DocChannel } from './doc-channel';

type Control = { from: string; live: LiveEvent } | { from: string; session: SessionEvent };

/**
 * Cluster mode (REDIS_URL): live documents on per-document channels (doc-channel.ts), and on one
 * control channel what every process must apply to its own connections and caches: revocations
 * and changes of mode (the registry's), forgotten sessions (the session cache's). Messages of one
 * process arrive in the order it sent them, whatever their channel (one connection each way).
 */
export class Cluster implements DocCluster {
  private readonly control: string;
  private registry: DocRegistry | null = null;
  private sessions: SessionCache | null = null;

  constructor(
    readonly bus: Bus,
    private readonly store: DocStore,
    private readonly logger: Logger,
  ) {
    this.control = `${bus.prefix}control`;
    void bus.subscribe(this.control, (message) => this.onControl(message));
    bus.onReconnect(() => {
      void this.registry?.resyncAll().catch((err: unknown) => logger.error({ err }, 'live documents resync failed'));
    });
  }

  /** The registry and session cache of this process: they relay through the cluster and apply what it relays. */
  attach(registry: DocRegistry, sessions: SessionCache): void {
    this.registry = registry;
    this.sessions = sessions;
    sessions.relayTo((session) => this.send({ from: this.bus.nodeId, session }));
  }

  link(name: string): DocChannel {
    return new DocChannel(this.bus, name, this.store, this.logger);
  }

  relay(live: LiveEvent): void {
    this.send({ from: this.bus.nodeId, live });
  }

  private send(message: Control): void {
    this.bus.publish(this.control, JSON.stringify(message)).catch((err: unknown) => {
      this.logger.warn({ err, message }, 'cluster message not relayed (redis away)');
    });
  }

  private onControl(raw: Buffer): void {
    let message: Control;
    try {
      message = JSON.parse(raw.toString()) as Control;
    } catch {
      return;
    }
    if (message.from === this.bus.nodeId) return;
    if ('session' in message) this.sessions?.apply(message.session);
    else void this.registry?.apply(message.live).catch((err: unknown) => this.logger.error({ err, event: message.live }, 'relayed revocation failed'));
  }
}
