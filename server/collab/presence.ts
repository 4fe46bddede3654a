import { createDecoder, readVarString, readVarUint } from 'lib0/decoding';
import { createEncoder, toUint8Array, writeVarString, writeVarUint } from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { awarenessMessage } from './protocol';

/** Who a presence entry belongs to: the connection's account, not what the client says. */
export interface PresenceOwner {
  readonly userId: string;
  readonly displayName: string;
  send(message: Uint8Array): void;
}

/** At most this often are one connection's presence changes relayed (the latest state wins). */
export const PRESENCE_INTERVAL_MS = 100;

/**
 * A stock client's presence is its name, colour and cursor (two relative positions): a few
 * hundred bytes, for one Yjs client id (a second one if its document changes id). Bigger
 * messages close the connection (4400) before they are parsed; further client ids are ignored.
 */
export const PRESENCE_LIMITS = { stateChars: 2048, messageBytes: 4096, clientIds: 2 } as const;

/** Origin of the entries relayed by the other processes (cluster mode). */
export const REMOTE_PRESENCE = Symbol('remote presence');

/**
 * Where this process's presence changes go besides its own connections (the other processes):
 * an awareness update, and the account behind each of its client ids.
 */
export type PresencePublisher = (update: Uint8Array, owners: [clientId: number, userId: string][]) => void;

/**
 * The presence (awareness) of a document's connections. A connection sets and clears only the
 * entries of the Yjs client ids it introduced itself (a watcher cannot overwrite a writer's
 * cursor); the `user.name` of its entries is its account's display name; its changes are relayed
 * at most every PRESENCE_INTERVAL_MS, coalesced, so that a flood costs ten messages a second and
 * the last state always arrives.
 */
export class Presence<C extends PresenceOwner> {
  readonly awareness: Awareness;
  private readonly owners = new Map<number, C>();
  private readonly owned = new Map<C, Set<number>>();
  private readonly relays = new Map<C, { last: number; timer: NodeJS.Timeout | null; dirty: Set<number> }>();
  /** Client ids of connections to other processes, and their accounts (only that account takes one over here). */
  private readonly foreign = new Map<number, string>();

  constructor(
    awareness: Awareness,
    private readonly recipients: () => Iterable<C>,
    private readonly publish: PresencePublisher | null = null,
  ) {
    this.awareness = awareness;
    awareness.on('update', this.onUpdate);
  }

  /** Applies a connection's awareness message, keeping only its own entries, renamed to its account. */
  receive(conn: C, update: Uint8Array): void {
    if (update.length > PRESENCE_LIMITS.messageBytes) throw new Error('presence too large');
    const decoder = createDecoder(update);
    const encoder = createEncoder();
    const entries: [number, number, string][] = [];
    const count = readVarUint(decoder);
    let ids = this.owned.get(conn)?.size ?? 0;
    for (let i = 0; i < count; i++) {
      const clientId = readVarUint(decoder);
      const clock = readVarUint(decoder);
      const json = readVarString(decoder);
      if (json.length > PRESENCE_LIMITS.stateChars) throw new Error('presence too large');
      const state: unknown = JSON.parse(json);
      const owner = this.owners.get(clientId);
      if ((owner && owner !== conn) || clientId === this.awareness.clientID) continue;
      // someone connected to another process (the same account may come here: a reconnection)
      const elsewhere = this.foreign.get(clientId);
      if (elsewhere !== undefined && elsewhere !== conn.userId) continue;
      if (!owner && entries.every(([id]) => id !== clientId) && ++ids > PRESENCE_LIMITS.clientIds) continue;
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue;
      entries.push([clientId, clock, JSON.stringify(state === null ? null : signed(state as Record<string, unknown>, conn.displayName))]);
    }
    if (entries.length === 0) return;
    writeVarUint(encoder, entries.length);
    for (const [clientId, clock, json] of entries) {
      writeVarUint(encoder, clientId);
      writeVarUint(encoder, clock);
      writeVarString(encoder, json);
      if (!this.owners.has(clientId)) {
        this.owners.set(clientId, conn);
        this.foreign.delete(clientId);
        const mine = this.owned.get(conn) ?? new Set<number>();
        this.owned.set(conn, mine.add(clientId));
      }
    }
    applyAwarenessUpdate(this.awareness, toUint8Array(encoder), conn);
  }

  /** A connection leaves: its entries go (relayed at once), with anything it had pending. */
  remove(conn: C): void {
    const relay = this.relays.get(conn);
    if (relay?.timer) clearTimeout(relay.timer);
    this.relays.delete(conn);
    const ids = [...(this.owned.get(conn) ?? [])];
    this.owned.delete(conn);
    for (const id of ids) this.owners.delete(id);
    if (ids.length) {
      removeAwarenessStates(this.awareness, ids, null);
      // (an entry whose first message was not applied has no clock: nothing to tell)
      const told = ids.filter((id) => this.awareness.meta.has(id));
      if (told.length) this.publish?.(encodeAwarenessUpdate(this.awareness, told), []);
    }
  }

  /** Entries relayed by another process (already checked and signed there): applied and relayed here. */
  receiveRemote(update: Uint8Array, owners: readonly [number, string][]): void {
    for (const [clientId, userId] of owners) if (!this.owners.has(clientId)) this.foreign.set(clientId, userId);
    applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE);
  }

  destroy(): void {
    for (const relay of this.relays.values()) if (relay.timer) clearTimeout(relay.timer);
    this.relays.clear();
    this.awareness.off('update', this.onUpdate);
  }

  private onUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    for (const id of changes.removed) this.foreign.delete(id);
    const conn = origin as C;
    if (!this.owned.has(conn)) return this.broadcast(changed);
    let relay = this.relays.get(conn);
    if (!relay) this.relays.set(conn, (relay = { last: 0, timer: null, dirty: new Set() }));
    for (const id of changed) relay.dirty.add(id);
    if (relay.timer) return;
    const wait = relay.last + PRESENCE_INTERVAL_MS - Date.now();
    if (wait <= 0) this.flush(conn);
    else relay.timer = setTimeout(() => this.flush(conn), wait);
  };

  private flush(conn: C): void {
    const relay = this.relays.get(conn);
    if (!relay) return;
    relay.timer = null;
    relay.last = Date.now();
    const ids = [...relay.dirty];
    relay.dirty.clear();
    if (ids.length === 0) return;
    this.broadcast(ids);
    this.publish?.(encodeAwarenessUpdate(this.awareness, ids), ids.map((id) => [id, conn.userId]));
  }

  private broadcast(ids: number[]): void {
    if (ids.length === 0) return;
    const message = awarenessMessage(this.awareness, ids);
    for (const conn of this.recipients()) conn.send(message);
  }
}

/** The state as the client sent it, with the account's name in `user.name`. */
function signed(state: Record<string, unknown>, name: string): Record<string, unknown> {
  const user = state.user;
  return { ...state, user: { ...(user && typeof user === 'object' && !Array.isArray(user) ? user : {}), name } };
}
