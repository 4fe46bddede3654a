import type { Logger } from 'pino';
import type { Transporter } from 'nodemailer';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/db';
import { presentNotification } from '../present/notification';
import { abandonStale, claimDue, markRetry, markSent, settle, type OutboxRow } from '../sql/mail-outbox';
import { notificationsByIds } from '../sql/notifications';
import { mailRecipients } from '../sql/users';
import { digestMessage, notificationMessage, type Rendered } from './render';
import type { UnsubscribeLinks } from './unsubscribe';


export interface WorkerOptions {
  /** Messages claimed at once; they go out in parallel over the transport's pooled connections. */
  batch: number;
  /** A claim older than this (seconds) belonged to a worker that died during the exchange. */
  leaseSeconds: number;
  /** First retry delay (ms), doubled at each attempt, at most `maxDelayMs`. */
  retryBaseMs: number;
  maxDelayMs: number;
  /** After this many attempts, a message that still cannot go is `failed`. */
  maxAttempts: number;
  /** At most this many messages per second from this process (0: no limit), so that a big send-out never crowds the votes out. */
  ratePerSecond: number;
  /**
   * While the process is busy serving people (its event loop more than `busyUtilisation` in use
   * during the pause after a batch, when the worker itself does nothing), the worker yields: at most `busyRatePerSecond` messages per second.
   * The mail waits a little; the votes do not.
   */
  busyUtilisation: number;
  busyRatePerSecond: number;
}

/** The shortest pause between batches, long enough to tell how busy the process is without us. */
const PROBE_MS = 50;

export const WORKER_DEFAULTS: WorkerOptions = { batch: 20, leaseSeconds: 600, retryBaseMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 10, ratePerSecond: 100, busyUtilisation: 0.5, busyRatePerSecond: 5 };

/** Failures that happen before any connection exists: nothing can have been sent. */
const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Greeting never received|Connection timeout/i;

/**
 * What to do with a message the relay did not take. An answer from the relay decides: 4xx, try
 * again later; 5xx, give up. Without an answer, only a failure to connect at all is safe to
 * retry; any other (a connection lost or timed out during the exchange, maybe after the data) may
 * have left the message delivered, so it is never resent by itself.
 */
export function classifySmtpError(err: unknown): 'retry' | 'failed' | 'uncertain' {
  const e = err as { responseCode?: number; code?: string; message?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 ? 'failed' : 'retry';
  if (e.code === 'EDNS' || NEVER_CONNECTED.test(`${e.code ?? ''} ${e.message ?? ''}`)) return 'retry';
  if (e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return 'failed';
  return 'uncertain';
}

export interface Outgoing {
  to: string;
  message: Rendered;
  headers: Record<string, string>;
}

/**
 * Drains the outbox: claims due messages (committed before the exchange starts), renders the
 * notification ones, hands them to the SMTP transport, and records each outcome. Never twice:
 * a message is only ever resent after an answer that says it was not taken.
 */
export class MailWorker {
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly transport: Transporter,
    private readonly deps: { from: string; baseUrl: () => string; links: () => Promise<UnsubscribeLinks>; logger: Logger; messageIdHost: () => string },
    private readonly opts: WorkerOptions = WORKER_DEFAULTS,
  ) {}

  /** Marks abandoned claims uncertain, then sends every due message; returns how many went out. */
  async drain(): Promise<number> {
    const abandoned = await abandonStale(this.db, this.opts.leaseSeconds);
    if (abandoned > 0) this.deps.logger.warn({ abandoned }, 'mail: claims abandoned by a stopped worker marked uncertain');
    let sent = 0;
    let busy = false;
    while (!this.stopping) {
      const started = Date.now();
      const rows = await claimDue(this.db, this.opts.batch);
      if (rows.length === 0) return sent;
      let prepared: Awaited<ReturnType<MailWorker['prepare']>>;
      try {
        prepared = await this.prepare(rows);
      } catch (err) {
        // nothing was sent: the batch goes back to the queue
        for (const row of rows) await markRetry(this.db, row.id, err instanceof Error ? err.message : String(err), this.opts.retryBaseMs / 1000);
        throw err;
      }
      const results = await Promise.all(rows.map((row) => this.sendOne(row, prepared.get(row.id))));
      // acknowledged together once the batch is through (a crash before this leaves them « uncertain », never resent)
      const accepted = rows.filter((_r, i) => results[i]).map((r) => r.id);
      await markSent(this.db, accepted);
      sent += accepted.length;
      const rate = busy ? Math.min(this.opts.busyRatePerSecond, this.opts.ratePerSecond || Infinity) : this.opts.ratePerSecond;
      const due = rate > 0 ? (rows.length / rate) * 1000 - (Date.now() - started) : 0;
      // the pause between batches is also the probe: how busy is the event loop while we do nothing?
      const probe = performance.eventLoopUtilization();
      await new Promise((resolve) => setTimeout(resolve, Math.max(PROBE_MS, due)));
      busy = performance.eventLoopUtilization(probe).utilization > this.opts.busyUtilisation;
    }
    return sent;
  }

  /** The batch under way finishes (sent and acknowledged); no other starts. */
  stop(): void {
    this.stopping = true;
  }

  /** Renders the notifications and digests of a batch with two queries. */
  private async prepare(rows: OutboxRow[]): Promise<Map<string, Outgoing | { cancel: string }>> {
    const ids = rows.flatMap((r) => (r.kind === 'notification' ? [r.notification_id!] : r.kind === 'digest' ? (r.digest_ids ?? []) : []));
    const [notifications, recipients] = await Promise.all([
      notificationsByIds(this.db, ids.map(String)),
      mailRecipients(this.db, [...new Set(rows.flatMap((r) => (r.user_id ? [r.user_id] : [])))]),
    ]);
    const byId = new Map(notifications.map((n) => [String(n.id), n]));
    const base = this.deps.baseUrl();
    const links = await this.deps.links();
    const out = new Map<string, Outgoing | { cancel: string }>();
    for (const row of rows) {
      const who = row.user_id ? recipients.get(row.user_id) : undefined;
      if (!who || who.deleted) {
        out.set(row.id, { cancel: 'Compte supprimé.' });
        continue;
      }
      if (row.kind === 'notification' || row.kind === 'digest') {
        if (!who.verified) {
          out.set(row.id, { cancel: 'Adresse non confirmée.' });
          continue;
        }
        // as the person wants it now: unsubscribing stops what was queued before too
        const wanted = row.kind === 'notification' ? 'immediate' : 'digest';
        const items = (row.kind === 'notification' ? [row.notification_id!] : (row.digest_ids ?? [])).map((id) => byId.get(String(id))).filter((n): n is NonNullable<typeof n> => n !== undefined && n.mode === wanted);
        if (items.length === 0) {
          out.set(row.id, { cancel: 'Notification supprimée, ou courriel désormais refusé par la personne.' });
          continue;
        }
        const scope = row.kind === 'notification' ? items[0]!.type : 'all';
        const unsubscribeUrl = `${base}/courriels/desabonnement/${links.token(who.id, scope)}`;
        const presented = items.map(presentNotification);
        const message = row.kind === 'notification'
          ? notificationMessage({ base, displayName: who.display_name, n: presented[0]!, unsubscribeUrl, lang: who.lang ?? undefined })
          : digestMessage({ base, displayName: who.display_name, items: presented, unsubscribeUrl, lang: who.lang ?? undefined });
        out.set(row.id, {
          to: who.email, message,
          headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
        continue;
      }
      out.set(row.id, { to: row.to_address ?? who.email, message: { subject: row.subject ?? '', text: row.body_text ?? '', html: row.body_html ?? '' }, headers: {} });
    }
    return out;
  }

  private async sendOne(row: OutboxRow, m: Outgoing | { cancel: string } | undefined): Promise<boolean> {
    if (!m || 'cancel' in m) {
      await settle(this.db, row.id, 'cancelled', m?.cancel ?? 'Rien à envoyer.');
      return false;
    }
    try {
      await this.transport.sendMail({
        from: this.deps.from, to: m.to, subject: m.message.subject, text: m.message.text, html: m.message.html,
        messageId: `<outbox-${row.id}@${this.deps.messageIdHost()}>`,
        headers: { 'Auto-Submitted': 'auto-generated', ...m.headers },
      });
    } catch (err) {
      const verdict = classifySmtpError(err);
      const text = err instanceof Error ? err.message : String(err);
      if (verdict === 'retry' && row.attempts < this.opts.maxAttempts) {
        const delay = Math.min(this.opts.retryBaseMs * 2 ** (row.attempts - 1), this.opts.maxDelayMs);
        await markRetry(this.db, row.id, text, delay / 1000);
      } else {
        await settle(this.db, row.id, verdict === 'uncertain' ? 'uncertain' : 'failed', text);
      }
      this.deps.logger.warn({ outbox: row.id, verdict, attempts: row.attempts, err: text }, 'mail: not sent');
      return false;
    }
    return true;
  }
}
