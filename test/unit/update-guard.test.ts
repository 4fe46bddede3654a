import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MAX_DELETE_RANGES } from '../../server/collab/guard-deletions';
import { checkUpdate, MAX_UPDATE_STRUCTS, RefusedUpdate, type Writer } from '../../server/collab/update-guard';
import { readAlineas, seedUpdate } from '../../server/collab/ydoc-text';
import { addComment } from '../../shared/draft-comments';
import { TEXT_LIMITS } from '../../shared/limits';

/** The live-document update guard on crafted updates (issue: security review of server/collab). */

const alice: Writer = { userId: 'alice', displayName: 'Alice' };
const bob: Writer = { userId: 'bob', displayName: 'Bob' };

function serverDoc(alineas: string[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedUpdate(alineas));
  return doc;
}

/** A client's replica of `server`, and the update of what `edit` does in it. */
function edit(server: Y.Doc, change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const c = new Y.Doc();
  if (clientID !== undefined) c.clientID = clientID;
  Y.applyUpdate(c, Y.encodeStateAsUpdate(server));
  const sv = Y.encodeStateVector(server);
  change(c);
  return Y.encodeStateAsUpdate(c, sv);
}

const fragment = (doc: Y.Doc) => doc.getXmlFragment('prosemirror');
const textOf = (doc: Y.Doc, i: number) => (fragment(doc).get(i) as Y.XmlElement).get(0) as Y.XmlText;

/** The reason the guard gives, or 'accepted'. */
function verdict(doc: Y.Doc, update: Uint8Array, writer = alice): string {
  try {
    checkUpdate(doc, update, writer);
    return 'accepted';
  } catch (err) {
    if (err instanceof RefusedUpdate) return err.message;
    throw err;
  }
}

/** An update made of a delete set only: `ranges` of `client` as [clock, len]. */
function deleteSetUpdate(client: number, ranges: [number, number][]): Uint8Array {
  const e = new Y.UpdateEncoderV1();
  encoding.writeVarUint(e.restEncoder, 0); // no structs
  encoding.writeVarUint(e.restEncoder, 1);
  encoding.writeVarUint(e.restEncoder, client);
  encoding.writeVarUint(e.restEncoder, ranges.length);
  for (const [clock, len] of ranges) {
    encoding.writeVarUint(e.restEncoder, clock);
    encoding.writeVarUint(e.restEncoder, len);
  }
  return e.toUint8Array();
}

test('5,000 characters typed backwards offline are checked in linear time (was 7 s); past MAX_UPDATE_STRUCTS, refused', () => {
  const server = serverDoc(['premier alinéa']);
  const update = edit(server, (c) => {
    for (let i = 0; i < 5000; i++) textOf(c, 0).insert(0, 'x');
  });
  const started = performance.now();
  expect(verdict(server, update)).toBe('accepted');
  expect(performance.now() - started).toBeLessThan(1000);
  Y.applyUpdate(server, update);
  expect(readAlineas(server)[0]).toBe(`${'x'.repeat(5000)}premier alinéa`);

  const many = edit(serverDoc(['a']), (c) => {
    for (let a = 0; a < 2; a++) {
      const el = new Y.XmlElement('alinea');
      el.insert(0, [new Y.XmlText()]);
      fragment(c).insert(0, [el]);
      const t = el.get(0) as Y.XmlText;
      for (let i = 0; i < MAX_UPDATE_STRUCTS / 2; i++) t.insert(0, 'y');
    }
  });
  expect(verdict(serverDoc(['a']), many)).toBe('too many structs');
});

test('20,000 delete ranges over a 500-alinéa document are merged and checked once (was seconds); more than MAX_DELETE_RANGES refused', () => {
  const server = serverDoc(Array.from({ length: 500 }, (_, i) => `alinéa ${i}`));
  const client = [...server.store.clients.keys()][0]!;
  const state = Y.getState(server.store, client);
  const started = performance.now();
  expect(verdict(server, deleteSetUpdate(client, Array.from({ length: 20_000 }, () => [0, state])))).toBe('no alinéa left');
  expect(performance.now() - started).toBeLessThan(1000);
  // distinct ranges: one character of every other clock
  const distinct = Array.from({ length: MAX_DELETE_RANGES + 1 }, (_, i): [number, number] => [2 * i, 1]);
  expect(verdict(server, deleteSetUpdate(client, distinct))).toBe('too many deletions');
});

test('a deletion of what the document does not hold yet is refused (Yjs would apply it later: Bob’s future comment)', () => {
  const server = serverDoc(['premier alinéa']);
  expect(verdict(server, deleteSetUpdate(424242, [[0, 100_000]]))).toBe('deletion of unknown content');
  const client = [...server.store.clients.keys()][0]!;
  expect(verdict(server, deleteSetUpdate(client, [[Y.getState(server.store, client), 10]]))).toBe('deletion of unknown content');
  const char = textOf(server, 0)._start!.id;
  expect(verdict(server, deleteSetUpdate(char.client, [[char.clock, 1]]))).toBe('accepted');
});

test('an item whose right neighbour is unknown is refused: nothing goes pending, the fragment keeps its alinéas', () => {
  const server = serverDoc(['premier alinéa', 'second']);
  const x = new Y.Doc();
  x.clientID = 424242;
  Y.applyUpdate(x, Y.encodeStateAsUpdate(server));
  fragment(x).insert(2, [new Y.XmlElement('alinea')]);
  const d = new Y.Doc();
  d.clientID = 777;
  Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
  Y.applyUpdate(d, Y.encodeStateAsUpdate(x));
  d.transact(() => {
    const el = new Y.XmlElement('alinea');
    el.insert(0, [new Y.XmlText('fantôme')]);
    fragment(d).insert(2, [el]);
    fragment(d).delete(0, 2);
  });
  // everything of d but x's alinéa (the new alinéa's right neighbour)
  const sv = new Map(Y.decodeStateVector(Y.encodeStateVector(server)));
  sv.set(424242, 1);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, sv.size);
  for (const [client, clock] of sv) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, clock);
  }
  const update = Y.encodeStateAsUpdate(d, encoder.toUint8Array());
  expect(verdict(server, update)).toBe('reference to unknown content');
});

test('a deleted value written under a key of another author’s comment is refused (it would erase the body)', () => {
  const server = serverDoc(['premier alinéa']);
  const bobsComment = edit(server, (c) => addComment(c, { id: 'c1', authorId: 'bob', authorName: 'Bob', body: 'avis de Bob', alinea: 0, start: 0, end: 3 }));
  expect(verdict(server, bobsComment, bob)).toBe('accepted');
  Y.applyUpdate(server, bobsComment);
  // Alice sets then deletes `body`, and sends the deleted value alone (no delete set)
  const a = new Y.Doc();
  Y.applyUpdate(a, Y.encodeStateAsUpdate(server));
  a.transact(() => {
    const m = a.getArray('comments').get(0) as Y.Map<unknown>;
    m.set('body', 'x');
    m.delete('body');
  });
  const item = a.store.clients.get(a.clientID)!.at(-1) as Y.Item;
  expect(item.content).toBeInstanceOf(Y.ContentDeleted);
  const e = new Y.UpdateEncoderV1();
  encoding.writeVarUint(e.restEncoder, 1);
  encoding.writeVarUint(e.restEncoder, 1);
  e.writeClient(a.clientID);
  encoding.writeVarUint(e.restEncoder, item.id.clock);
  item.write(e, 0);
  encoding.writeVarUint(e.restEncoder, 0);
  const erase = e.toUint8Array();
  expect(verdict(server, erase)).toBe('comment of another author');
  expect(verdict(server, erase, bob)).toBe('accepted');
  Y.applyUpdate(server, erase);
  expect((server.getArray('comments').get(0) as Y.Map<unknown>).get('body')).toBeUndefined(); // what Bob may do
});

test('formatting (marks) outside the ProseMirror schema is refused', () => {
  const server = serverDoc(['premier alinéa', 'deux']);
  expect(verdict(server, edit(server, (c) => textOf(c, 0).format(0, 5, { bogus: { x: 1 } })))).toBe('invalid text content');
  expect(verdict(server, edit(server, (c) => textOf(c, 0).insert(0, 'gras ', { strong: true })))).toBe('invalid text content');
});

test('text limits: NUL, an alinéa past alineaChars, a text past textChars, alinéas past the count are refused; shrinking and replacing are not', () => {
  const { alineaChars, textChars, alineas } = TEXT_LIMITS;
  const server = serverDoc(['premier alinéa']);
  expect(verdict(server, edit(server, (c) => textOf(c, 0).insert(0, 'a\u0000b')))).toBe('forbidden character');
  expect(verdict(server, edit(server, (c) => textOf(c, 0).insert(0, 'x'.repeat(alineaChars - 'premier alinéa'.length + 1))))).toBe('alinéa too long');
  expect(verdict(server, edit(server, (c) => textOf(c, 0).insert(0, 'x'.repeat(alineaChars - 'premier alinéa'.length))))).toBe('accepted');
  const add = (n: number, chars: number) => (c: Y.Doc) => {
    for (let i = 0; i < n; i++) {
      const el = new Y.XmlElement('alinea');
      el.insert(0, [new Y.XmlText('y'.repeat(chars))]);
      fragment(c).insert(fragment(c).length, [el]);
    }
  };
  expect(verdict(server, edit(server, add(alineas, 1)))).toBe('too many alinéas');
  expect(verdict(server, edit(server, add(alineas - 1, 1)))).toBe('accepted');
  expect(verdict(server, edit(server, add(Math.ceil(textChars / alineaChars) + 1, alineaChars)))).toBe('text too long');
  // a full text replaced by another in one update (select all, paste): within the limits
  const full = serverDoc(Array.from({ length: 5 }, () => 'z'.repeat(alineaChars - 10)));
  expect(verdict(full, edit(full, (c) => {
    fragment(c).delete(0, 5);
    add(5, alineaChars - 10)(c);
  }))).toBe('accepted');
  expect(verdict(full, edit(full, (c) => textOf(c, 2).delete(0, 100)))).toBe('accepted');
});

test('an update continuing characters the server already holds (a re-sent sync step 2) is accepted and applies', () => {
  const server = serverDoc(['premier alinéa']);
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(server);
  textOf(c, 0).insert(0, 'abc');
  const first = Y.encodeStateAsUpdate(c, before);
  Y.applyUpdate(server, first);
  textOf(c, 0).insert(3, 'def'); // merged with « abc » into one struct in c
  const resent = Y.encodeStateAsUpdate(c, before);
  expect(verdict(server, resent)).toBe('accepted');
  Y.applyUpdate(server, resent);
  expect(readAlineas(server)).toEqual(['abcdefpremier alinéa']);
  expect(server.store.pendingStructs).toBeNull();
});
