import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server on loopback (the `smtp-server` package) that parses every message it accepts
 * (`mailparser`). `beforeAccept` runs once the whole message has arrived and before the server
 * answers 250: a test can stall or kill the sender there.
 */
export interface SmtpSink {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** Resolves with the messages once `count` have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Messages to this address (the `To` header). */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(opts: { port?: number; beforeAccept?: (m: ParsedMail) => Promise<void> } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // a pooled client keeps its connection open: do not wait 30 s for it on close
    closeTimeout: 500,
    onData(stream: SMTPServerDataStream, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      simpleParser(stream).then(async (parsed) => {
        if (opts.beforeAccept) await opts.beforeAccept(parsed);
        messages.push(parsed);
        for (const w of waiters.splice(0)) w();
        callback();
      }, (err: Error) => callback(err));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`SMTP sink: ${messages.length} message(s) after ${timeoutMs} ms, ${count} expected`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 200));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return messages;
    },
    to: (address) => messages.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link to `path` in a message's text. */
export function linkIn(m: ParsedMail, path: string): string {
  const found = (m.text ?? '').match(new RegExp(`https?://[^\\s]+${path.replace(/[/.?]/g, (c) => `\\${c}`)}[^\\s]*`));
  if (!found) throw new Error(`no link to ${path} in « ${m.subject ?? ''} »:\n${m.text ?? ''}`);
  return found[0];
}

/** The token of a link (`?jeton=…`). */
export const tokenOf = (link: string): string => new URL(link).searchParams.get('jeton') ?? '';
