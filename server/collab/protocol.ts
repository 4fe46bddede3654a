import { createDecoder, readVarUint, readVarUint8Array } from 'lib0/decoding';
import { createEncoder, toUint8Array, writeVarUint, writeVarUint8Array } from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, writeSyncStep1, writeSyncStep2, writeUpdate } from 'y-protocols/sync';
import { Doc, decodeStateVector } from 'yjs';

/** Message types of the y-websocket protocol (what the stock client sends and expects). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export function syncStep1Message(doc: Doc): Uint8Array {
  const encoder = createEncoder();
  writeVarUint(encoder, MESSAGE_SYNC);
  writeSyncStep1(encoder, doc);
  return toUint8Array(encoder);
}

/** The reply to a client's sync step 1: what the document holds beyond its state vector. */
export function syncStep2Message(doc: Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = createEncoder();
  writeVarUint(encoder, MESSAGE_SYNC);
  writeSyncStep2(encoder, doc, stateVector);
  return toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = createEncoder();
  writeVarUint(encoder, MESSAGE_SYNC);
  writeUpdate(encoder, update);
  return toUint8Array(encoder);
}

export function awarenessMessage(awareness: Awareness, clients: number[]): Uint8Array {
  const encoder = createEncoder();
  writeVarUint(encoder, MESSAGE_AWARENESS);
  writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients));
  return toUint8Array(encoder);
}

export type Incoming =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'doc-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/**
 * Decodes one client message. Nothing is applied nor answered, so that the caller decides:
 * read-only connections' changes are dropped, writers' are checked, a sync step 1 is answered
 * when the connection's budget allows. Throws on a malformed message.
 */
export function decodeMessage(data: Uint8Array): Incoming {
  const decoder = createDecoder(data);
  const type = readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    const syncType = readVarUint(decoder);
    if (syncType === messageYjsSyncStep1) {
      const stateVector = readVarUint8Array(decoder);
      decodeStateVector(stateVector); // throws now, rather than when answered
      return { kind: 'sync-step1', stateVector };
    }
    if (syncType === messageYjsSyncStep2 || syncType === messageYjsUpdate) {
      return { kind: 'doc-update', update: readVarUint8Array(decoder) };
    }
    throw new Error(`unknown sync message ${syncType}`);
  }
  if (type === MESSAGE_AWARENESS) return { kind: 'awareness', update: readVarUint8Array(decoder) };
  if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-awareness' };
  throw new Error(`unknown message type ${type}`);
}
