import { WS_CLOSE } from '../../shared/errors';
import { parseDocName } from '../../shared/live-docs';
import type { Conn, Mode } from './live-doc';

/** Which live documents to re-check: one amendment's (draft and workspace), or a whole bill's. */
export type DocFilter = { amendmentId: string } | { billId: string };

/**
 * How lost rights reach open WebSockets. Commands call it after the change is committed; it
 * re-runs, for the matching connections, the same checks as at connection time (the session, then
 * `liveDocAccess`) and closes them (4401 session ended, 4403 rights lost) or changes their mode
 * (read-only, or back to writing). Behind an interface so that it can be relayed to the other
 * processes later (Redis): every call is plain data.
 */
export interface LiveRevocation {
  /** Closes (4401) every connection opened with this session (logout). */
  revokeSession(tokenHash: string): void;
  /** Re-checks every connection of this account (deletion, roles). */
  recheckUser(userId: string): Promise<void>;
  /** Re-checks every connection to the matching documents (co-authors, clerk in charge, phase). */
  recheckDocs(filter: DocFilter): Promise<void>;
}

export type ConnVerdict = { ok: true; mode: Mode; sessionEndsAt: Date } | { ok: false; code: number; reason: string };

/** The checks themselves (the database side), injected in the registry. */
export interface ConnAuthority {
  check(docName: string, conn: Pick<Conn, 'userId' | 'sessionHash'>): Promise<ConnVerdict>;
  /** Those of `docNames` that belong to the bill. */
  docsOfBill(billId: string, docNames: readonly string[]): Promise<string[]>;
}

type Refusal = Extract<ConnVerdict, { ok: false }>;
export const sessionEnded: Refusal = { ok: false, code: WS_CLOSE.unauthenticated, reason: 'session ended' };
export const rightsLost: Refusal = { ok: false, code: WS_CLOSE.forbidden, reason: 'access revoked' };

/** Applies the checks to `targets` (one query set per distinct document, session), in parallel. */
export async function recheck(authority: ConnAuthority, targets: readonly { docName: string; conn: Conn }[]): Promise<void> {
  const verdicts = new Map<string, Promise<ConnVerdict>>();
  await Promise.all(targets.map(async ({ docName, conn }) => {
    const key = `${docName}\n${conn.sessionHash}`;
    let verdict = verdicts.get(key);
    if (!verdict) verdicts.set(key, (verdict = authority.check(docName, conn)));
    const v = await verdict;
    if (!v.ok) return conn.close(v.code, v.reason);
    // A draft's author who may no longer write (the consultation closed) is told, not left typing
    // into a document that drops every change: 4403, and the editor says so; reopening reads it.
    if (conn.mode === 'write' && v.mode === 'read' && parseDocName(docName)?.kind === 'amendment') return conn.close(WS_CLOSE.forbidden, 'draft frozen');
    conn.mode = v.mode;
    conn.sessionEndsAt?.(v.sessionEndsAt);
  }));
}
