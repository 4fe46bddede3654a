import * as Y from 'yjs';
import { seedUpdate } from '../../server/collab/ydoc-text';
import { addComment, anchorPassage, listComments, locatePassage, setResolved } from '../../shared/draft-comments';

const TEXT = ['Les administrations communiquent leurs documents.', 'Elles les publient en ligne.'];

/** Two replicas of one draft, as two co-authors' browsers hold it. */
function twoReplicas(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  Y.applyUpdate(a, seedUpdate(TEXT));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}
const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const both = (a: Y.Doc, b: Y.Doc) => {
  sync(a, b);
  sync(b, a);
};
const text = (doc: Y.Doc, i: number) => ((doc.getXmlFragment('prosemirror').get(i) as Y.XmlElement).get(0) as Y.XmlText);
const comment = { id: 'c1', authorId: 'u1', authorName: 'Alice', body: 'Lesquels ?' };

test('a comment stays on its passage when a co-author inserts text before it concurrently', () => {
  const [a, b] = twoReplicas();
  const start = TEXT[0]!.indexOf('leurs documents');
  addComment(a, { ...comment, alinea: 0, start, end: start + 'leurs documents'.length });
  text(b, 0).insert(0, 'Désormais, ');
  both(a, b);
  for (const doc of [a, b]) {
    const [c] = listComments(doc);
    expect(c).toMatchObject({ state: 'active', alinea: 0, quote: 'leurs documents', start: start + 'Désormais, '.length });
  }
});

test('a comment follows its alinéa when a new alinéa is inserted above it', () => {
  const [a, b] = twoReplicas();
  addComment(a, { ...comment, alinea: 1, start: 0, end: 5 });
  b.transact(() => {
    const el = new Y.XmlElement('alinea');
    el.insert(0, [new Y.XmlText('Un nouvel alinéa.')]);
    b.getXmlFragment('prosemirror').insert(0, [el]);
  });
  both(a, b);
  expect(listComments(a)[0]).toMatchObject({ state: 'active', alinea: 2, quote: 'Elles' });
});

test('deleting the anchored words collapses the comment; deleting the alinéa orphans it', () => {
  const [a, b] = twoReplicas();
  addComment(a, { ...comment, alinea: 0, start: 4, end: 19 });
  addComment(a, { ...comment, id: 'c2', alinea: 1, start: 0, end: 5 });
  both(a, b);
  text(b, 0).delete(4, 15);
  b.getXmlFragment('prosemirror').delete(1, 1);
  both(a, b);
  const states = Object.fromEntries(listComments(a).map((c) => [c.id, c.state]));
  expect(states).toEqual({ c1: 'collapsed', c2: 'orphaned' });
  // the comment still tells which words it was about
  expect(listComments(a).map((c) => c.quotedText)).toEqual(['administrations', 'Elles']);
});

test('typing at the edges of a passage leaves it unchanged; resolving is shared', () => {
  const [a, b] = twoReplicas();
  addComment(a, { ...comment, alinea: 1, start: 10, end: 18 }); // « publient »
  both(a, b);
  text(b, 1).insert(18, ' vite');
  text(b, 1).insert(10, 'tous ');
  expect(setResolved(b, 'c1', true)).toBe(true);
  both(a, b);
  expect(listComments(a)[0]).toMatchObject({ quote: 'publient', resolved: true, state: 'active' });
});

test('a range outside the alinéa is refused', () => {
  const [a] = twoReplicas();
  expect(() => addComment(a, { ...comment, alinea: 0, start: 5, end: 500 })).toThrow(RangeError);
  expect(() => addComment(a, { ...comment, alinea: 9, start: 0, end: 1 })).toThrow(RangeError);
});

test('an anchored passage (the one being commented while the form is open) follows a co-author’s edits', () => {
  const [a, b] = twoReplicas();
  const anchor = anchorPassage(a, 1, 10, 18);
  expect(anchor.quote).toBe('publient');
  text(b, 1).insert(0, 'Désormais, ');
  both(a, b);
  expect(locatePassage(a, anchor)).toEqual({ state: 'active', alinea: 1, start: 21, end: 29, quote: 'publient' });
});

test('an empty alinéa has no passage to comment, and asking for one changes nothing', () => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedUpdate(['Premier.', '']));
  const before = Y.encodeStateVector(doc);
  expect(() => addComment(doc, { ...comment, alinea: 1, start: 0, end: 1 })).toThrow(RangeError);
  expect(Y.encodeStateVector(doc)).toEqual(before);
});
