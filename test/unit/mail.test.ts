import { digestDue } from '../../server/mail/service';
import { maskEmail, notificationMessage, passwordResetMessage, verifyEmailMessage } from '../../server/mail/render';
import { UnsubscribeLinks } from '../../server/mail/unsubscribe';
import { classifySmtpError } from '../../server/mail/worker';

describe('the daily digest is due once per Paris day, past its hour', () => {
  const at = (iso: string) => new Date(iso);
  test('past the hour, not yet run today → due; run today → not', () => {
    // 08:30 in Paris in winter is 07:30 UTC
    expect(digestDue(at('2026-12-06T07:30:00Z'), at('2026-12-05T07:05:00Z'), 8)).toBe(true);
    expect(digestDue(at('2026-12-06T07:30:00Z'), at('2026-12-06T07:10:00Z'), 8)).toBe(false);
  });
  test('before the hour in Paris → not due, even if UTC says otherwise', () => {
    expect(digestDue(at('2026-12-06T06:30:00Z'), at('2026-12-05T07:05:00Z'), 8)).toBe(false);
    // summer time: 08:10 in Paris is 06:10 UTC
    expect(digestDue(at('2026-07-01T06:10:00Z'), at('2026-06-30T06:05:00Z'), 8)).toBe(true);
  });
  test('a server down at the hour sends it when it comes back the same day', () => {
    expect(digestDue(at('2026-12-06T15:00:00Z'), at('2026-12-04T07:00:00Z'), 8)).toBe(true);
  });
});

describe('what the worker does with an SMTP error', () => {
  // the shapes nodemailer's SMTP connection gives its errors (smtp-connection/index.js)
  const nodemailerError = (message: string, extra: Record<string, unknown>) => Object.assign(new Error(message), extra);
  test('an answer decides: a refusal for good fails, a temporary one retries', () => {
    expect(classifySmtpError(nodemailerError('Can\'t send mail - all recipients were rejected', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }))).toBe('failed');
    expect(classifySmtpError(nodemailerError('Message failed', { code: 'EMESSAGE', responseCode: 451, command: 'DATA' }))).toBe('retry');
  });
  test('no connection at all: nothing left, retry', () => {
    expect(classifySmtpError(nodemailerError('connect ECONNREFUSED 127.0.0.1:2525', { code: 'ESOCKET', command: 'CONN' }))).toBe('retry');
    expect(classifySmtpError(nodemailerError('Connection timeout', { code: 'ETIMEDOUT', command: 'CONN' }))).toBe('retry');
    expect(classifySmtpError(nodemailerError('Greeting never received', { code: 'ETIMEDOUT', command: 'CONN' }))).toBe('retry');
  });
  test('a connection lost or timed out during the exchange, maybe after the data: uncertain, never resent', () => {
    expect(classifySmtpError(nodemailerError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' }))).toBe('uncertain');
    expect(classifySmtpError(nodemailerError('Timeout', { code: 'ETIMEDOUT', command: 'CONN' }))).toBe('uncertain');
    expect(classifySmtpError(new Error('socket hang up'))).toBe('uncertain');
  });
});

describe('messages', () => {
  test('to an address nobody confirmed yet, no name typed by whoever gave it', () => {
    const m = verifyEmailMessage({ base: 'https://loi.example.fr', url: 'https://loi.example.fr/compte/confirmer-adresse?jeton=abc' });
    expect(m.text.startsWith('Bonjour,\n')).toBe(true);
    expect(m.html).toContain('href="https://loi.example.fr/compte/confirmer-adresse?jeton=abc"');
    expect(m.text).toContain('https://loi.example.fr');
  });
  test('what a person typed is escaped in the HTML', () => {
    const m = passwordResetMessage({ base: 'https://loi.example.fr', displayName: '<script>alert(1)</script> Zoé', url: 'https://loi.example.fr/mot-de-passe/nouveau?jeton=abc' });
    expect(m.text).toContain('Bonjour <script>alert(1)</script> Zoé,');
    expect(m.html).not.toContain('<script>alert(1)');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Zoé');
  });
  test('a notification names what it is about and how to stop it', () => {
    const m = notificationMessage({
      base: 'https://loi.example.fr', displayName: 'Zoé', unsubscribeUrl: 'https://loi.example.fr/courriels/desabonnement/x',
      n: { id: '7', type: 'decided', message: 'La commission a adopté votre amendement.', amendment: { id: 'a', displayNumber: '12', articleNumber: '3', billTitle: 'Projet' }, bill: { id: 'b', title: 'Projet' }, url: '/notifications/7', createdAt: '', read: false },
    });
    expect(m.subject).toBe('Palimpseste — Décision : Amendement n° 12');
    expect(m.text).toContain('La commission a adopté votre amendement. (Amendement n° 12 — article 3, Projet)');
    expect(m.text).toContain('https://loi.example.fr/notifications/7');
    expect(m.text).toContain('Ne plus recevoir les courriels « Décision » : https://loi.example.fr/courriels/desabonnement/x');
  });
  test('an address told of a change is masked', () => {
    expect(maskEmail('camille.martin@exemple.fr')).toBe('c•••@exemple.fr');
  });
});

describe('unsubscribe links', () => {
  const links = new UnsubscribeLinks(Buffer.from('une clé de test assez longue pour signer'));
  const id = '0b7c7b9e-3f7e-4c38-9a31-1c1f0e0f8d2a';
  test('a link stands for one account and one kind; anything altered is nobody', () => {
    const token = links.token(id, 'decided');
    expect(links.read(token)).toEqual({ userId: id, scope: 'decided' });
    expect(links.read(token.replace('decided', 'all'))).toBeUndefined();
    expect(links.read(token.replace(id, '1b7c7b9e-3f7e-4c38-9a31-1c1f0e0f8d2a'))).toBeUndefined();
    expect(links.read(`${id}.decided.${'A'.repeat(22)}`)).toBeUndefined();
    expect(links.read('nonsense')).toBeUndefined();
    expect(new UnsubscribeLinks(Buffer.from('une autre clé')).read(token)).toBeUndefined();
  });
});
