import * as Y from 'yjs';
import { LiveDoc, type Conn } from '../../server/collab/live-doc';
import { updateMessage } from '../../server/collab/protocol';
import { RefusedUpdate } from '../../server/collab/update-guard';
import { readAlineas, seedUpdate } from '../../server/collab/ydoc-text';

// The guard let through (as if it had a bug): what LiveDoc does when an update leaves content pending.
jest.mock('../../server/collab/update-guard', () => ({ ...jest.requireActual('../../server/collab/update-guard'), checkUpdate: () => undefined }));

test('an update that would leave content pending is refused and the pending content dropped (never applied later)', async () => {
  const errors: unknown[] = [];
  const live = new LiveDoc('amendment-x', { load: async () => [seedUpdate(['premier alinéa'])], store: async () => {}, compact: async () => {} }, {
    debounceMs: 10_000, maxWaitMs: 10_000, compactEvery: 100, syncIntervalMs: 0, onError: (err) => errors.push(err),
  });
  await live.load();
  const conn: Conn = { mode: 'write', userId: 'u', displayName: 'U', sessionHash: 'h', lockable: true, send: () => {}, close: () => {} };
  // an alinéa typed after another client's alinéa that the server has never seen
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(live.doc));
  other.getXmlFragment('prosemirror').insert(1, [new Y.XmlElement('alinea')]);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(other));
  const el = new Y.XmlElement('alinea');
  el.insert(0, [new Y.XmlText('plus tard')]);
  client.getXmlFragment('prosemirror').insert(2, [el]);
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(other));
  expect(() => live.receive(conn, updateMessage(update))).toThrow(RefusedUpdate);
  expect(live.doc.store.pendingStructs).toBeNull();
  expect(errors).toHaveLength(1);
  // the missing alinéa arrives: the dropped one does not come back with it
  Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(live.doc)));
  expect(readAlineas(live.doc)).toEqual(['premier alinéa', '']);
  live.destroy();
});
