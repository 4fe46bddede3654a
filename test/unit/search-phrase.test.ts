import { phraseFree } from '../../server/sql/search';

/** What the index answers alone for a phrase query (server/sql/search.ts, migration 031). */
test('a phrase becomes « all its words »; no phrase, or an exclusion, leaves nothing to narrow with', () => {
  expect(phraseFree("'langu' <-> 'modif'")).toBe("'langu' & 'modif'");
  expect(phraseFree("'chaqu' <-> 'enfant' & 'ecol'")).toBe("'chaqu' & 'enfant' & 'ecol'");
  // stop words inside a phrase leave a distance
  expect(phraseFree("'loi' <2> 'ministr' | 'port'")).toBe("'loi' & 'ministr' | 'port'");
  // a hyphenated word is a phrase of its parts
  expect(phraseFree("'porte-monnai' <-> 'port' <-> 'monnai'")).toBe("'porte-monnai' & 'port' & 'monnai'");
  expect(phraseFree("'ecol' & 'enfant'")).toBeNull();
  expect(phraseFree("'koala' & !( 'koala' <-> 'panda' )")).toBeNull();
  // operators inside a quoted lexeme are not operators
  expect(phraseFree("'a<->b' & 'c'")).toBeNull();
  expect(phraseFree("'it''s' <-> 'x'")).toBe("'it''s' & 'x'");
});
