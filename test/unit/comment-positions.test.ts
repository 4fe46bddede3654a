import { passageOf, pmRange } from '../../client/src/editor/comment-positions';
import { alineasToPmJson, pmNodeFromJson } from '../../shared/pm-schema';

// « Les administrations… » is 49 characters long: alinéa 1's text spans positions 1–50, alinéa 2's starts at 52
const doc = pmNodeFromJson(alineasToPmJson(['Les administrations communiquent leurs documents.', 'Elles les publient en ligne.']));

test('offset k of alinéa i is at the sizes of the alinéas before it, plus its opening, plus k', () => {
  expect(pmRange(doc, { alinea: 0, start: 33, end: 48 })).toEqual({ from: 34, to: 49 });
  expect(doc.textBetween(34, 49)).toBe('leurs documents');
  expect(pmRange(doc, { alinea: 1, start: 0, end: 5 })).toEqual({ from: 52, to: 57 });
  expect(doc.textBetween(52, 57)).toBe('Elles');
});

test('a passage the editor does not show yet (a remote change not drawn) has no range', () => {
  expect(pmRange(doc, { alinea: 2, start: 0, end: 1 })).toBeNull();
  expect(pmRange(doc, { alinea: 1, start: 20, end: 40 })).toBeNull();
});

test('a selection inside one alinéa is a passage; an empty one or one across alinéas is not', () => {
  expect(passageOf(doc, 52, 57)).toEqual({ kind: 'passage', alinea: 1, start: 0, end: 5, quote: 'Elles' });
  expect(passageOf(doc, 40, 40)).toEqual({ kind: 'empty' });
  expect(passageOf(doc, 40, 57)).toEqual({ kind: 'several-alineas' });
  // select all (Ctrl+A) puts both ends between alinéas
  expect(passageOf(doc, 0, doc.content.size)).toEqual({ kind: 'several-alineas' });
  const one = pmNodeFromJson(alineasToPmJson(['Un seul alinéa.']));
  expect(passageOf(one, 0, one.content.size)).toEqual({ kind: 'passage', alinea: 0, start: 0, end: 15, quote: 'Un seul alinéa.' });
});
