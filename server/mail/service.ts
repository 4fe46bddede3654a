import type nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { MailConfig } from '../config';
import type { Db } from '../db/db';
import { purgeOldMail, queueDigests } from '../sql/mail-outbox';
import { signingKey, UnsubscribeLinks } from './unsubscribe';
import { MailWorker, WORKER_DEFAULTS } from './worker';

/**
 * E-mail for one process: the links messages carry, the outbox worker (when an SMTP relay is
 * configured and MAIL_WORKER is on), and the daily digest. Without SMTP_URL nothing is sent:
 * messages wait in the outbox, where an admin reads them (/admin/courriels).
 */
export interface MailService {
  readonly verification: 'optional' | 'required';
  /** Whether an SMTP relay is configured (else messages stay in the outbox). */
  readonly sending: boolean;
  baseUrl(): string;
  /** The key this deployment signs and seals with (APP_SECRET, else the database's), loaded at start. */
  key(): Promise<Buffer>;
  links(): Promise<UnsubscribeLinks>;
  /** Something was queued: look now rather than at the next poll. */
  kick(): void;
  /** Sends what is due now (tests, and the loop). */
  drain(): Promise<number>;
  /** Queues every waiting digest now; returns how many messages. */
  runDigest(): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_MAIL_CONFIG: MailConfig = {
  smtpUrl: undefined, from: 'Palimpseste <ne-pas-repondre@palimpseste.localhost>', verification: 'optional', worker: false, digestHour: 8, secret: undefined,
};

const parisHourFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' });
/** The hour in Paris (the parts, not the text: French writes « 08 h »). */
const parisHour = (d: Date) => Number(parisHourFormat.formatToParts(d).find((p) => p.type === 'hour')?.value ?? NaN);
const parisDay = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Is the daily digest due: past the hour in Paris, and not yet run on that Paris day? */
export function digestDue(now: Date, lastRun: Date, hour: number): boolean {
  return parisHour(now) >= hour && parisDay.format(lastRun) < parisDay.format(now);
}

export function createMailService(config: MailConfig, db: Db, logger: Logger, baseUrl: () => string): MailService {
  // loaded now, once: a request (even a refused one) never writes the generated key itself
  const key = signingKey(db, config.secret);
  key.catch((err: unknown) => logger.error({ err }, 'mail: signing key not loaded'));
  const signed = key.then((k) => new UnsubscribeLinks(k));
  const links = () => signed;
  const transport = config.smtpUrl
    // loaded only when mail is sent from this process (~2 MiB of heap otherwise for nothing)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ? (require('nodemailer') as typeof nodemailer).createTransport({
      url: config.smtpUrl, pool: true, maxConnections: 4, maxMessages: 500,
      // short timeouts keep an exchange well inside the worker's lease
      connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0])
    : undefined;
  const host = () => {
    try {
      return new URL(baseUrl()).hostname || 'palimpseste.localhost';
    } catch {
      return 'palimpseste.localhost';
    }
  };
  const worker = transport
    ? new MailWorker(db, transport, { from: config.from, baseUrl, links, logger, messageIdHost: host }, {
      ...WORKER_DEFAULTS,
      ...(config.retryBaseMs !== undefined ? { retryBaseMs: config.retryBaseMs } : {}),
      ...(config.leaseSeconds !== undefined ? { leaseSeconds: config.leaseSeconds } : {}),
      ...(config.ratePerSecond !== undefined ? { ratePerSecond: config.ratePerSecond } : {}),
    })
    : undefined;

  const pollMs = config.pollMs ?? 2000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  async function runDigest(): Promise<number> {
    const n = await queueDigests(db);
    if (n > 0) logger.info({ digests: n }, 'mail: daily digests queued');
    return n;
  }

  let lastLook = 0;
  /** The daily job, run by whichever process moves `last_run` first (looked at once a minute). */
  async function dailyJob(): Promise<void> {
    if (Date.now() - lastLook < 60_000) return;
    lastLook = Date.now();
    await db.query(`INSERT INTO scheduled_jobs (name, last_run) VALUES ('mail-digest', now() - interval '1 day') ON CONFLICT (name) DO NOTHING`);
    const row = (await db.query<{ last_run: Date }>(`SELECT last_run FROM scheduled_jobs WHERE name = 'mail-digest'`)).rows[0]!;
    if (!digestDue(new Date(), row.last_run, config.digestHour)) return;
    const won = await db.query(`UPDATE scheduled_jobs SET last_run = now() WHERE name = 'mail-digest' AND last_run = $1`, [row.last_run]);
    if (won.rowCount === 0) return;
    await runDigest();
    await purgeOldMail(db);
  }

  async function cycle(): Promise<void> {
    do {
      again = false;
      try {
        await dailyJob();
        if (worker) await worker.drain();
      } catch (err) {
        logger.error({ err }, 'mail: worker cycle failed');
      }
    } while (again && !closed);
  }

  function tick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = cycle().finally(() => {
      running = undefined;
      if (!closed) timer = setTimeout(tick, pollMs).unref();
    });
  }

  if (config.worker) timer = setTimeout(tick, 0).unref();

  return {
    verification: config.verification,
    sending: worker !== undefined,
    baseUrl,
    key: () => key,
    links,
    kick() {
      if (!config.worker || closed) return;
      if (timer) clearTimeout(timer);
      tick();
    },
    async drain() {
      return worker ? worker.drain() : 0;
    },
    runDigest,
    async close() {
      closed = true;
      worker?.stop();
      if (timer) clearTimeout(timer);
      await running;
      transport?.close();
    },
  };
}
