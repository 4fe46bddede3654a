import { examinationOrder, measure, type ExaminedAmendment } from '../../shared/reconcile';

const base = ['Le mandat des membres du conseil dure trois ans.', 'Il est renouvelable une fois.', 'Le conseil élit son président.'];
const articles = [
  { id: 'a1', number: '1er', alineas: base },
  { id: 'a2', number: '2', alineas: ['Un décret fixe les modalités.'] },
];

let n = 0;
function am(id: string, fields: Partial<ExaminedAmendment>): ExaminedAmendment {
  return { id, articleId: 'a1', kind: 'modify', base, alineas: base, number: ++n, origin: 'citizen', ...fields };
}
const withAlinea = (i: number, text: string) => base.map((a, k) => (k === i ? text : a));
const ids = (groups: ReturnType<typeof examinationOrder>) => groups.map((g) => g.amendmentIds.join('+'));

describe('measure: how far an amendment departs from the text, and where', () => {
  test('departure is (removed + added) / (base + added) words; place is the first change', () => {
    // 9 + 5 + 5 = 19 base words; « trois » → « cinq »: 1 removed, 1 added
    expect(measure(am('m', { alineas: withAlinea(0, 'Le mandat des membres du conseil dure cinq ans.') }))).toEqual({ departure: 2 / 20, place: [0, 7] });
    // alinéa 2 deleted: 5 removed
    expect(measure(am('m', { alineas: [base[0]!, base[2]!] }))).toEqual({ departure: 5 / 19, place: [1, 0] });
    // an alinéa inserted before alinéa 3: 3 added, placed just before its words
    expect(measure(am('m', { alineas: [base[0]!, base[1]!, 'Il est gratuit.', base[2]!] }))).toEqual({ departure: 3 / 22, place: [2, -1] });
    expect(measure(am('m', { alineas: ['Tout autre texte.'] })).departure).toBe(1);
    expect(measure(am('m', { kind: 'delete', alineas: [] })).departure).toBe(1);
  });
});

describe('examinationOrder', () => {
  test('article by article in text order, whatever the order amendments were tabled in', () => {
    const onTwo = am('two', { articleId: 'a2', base: articles[1]!.alineas, alineas: ['Un décret en Conseil d’État fixe les modalités.'] });
    const onOne = am('one', { alineas: withAlinea(1, 'Il est renouvelable deux fois.') });
    expect(examinationOrder(articles, [onTwo, onOne])).toEqual([
      { amendmentIds: ['one'], articleId: 'a1', kind: 'modify' },
      { amendmentIds: ['two'], articleId: 'a2', kind: 'modify' },
    ]);
  });

  test('on one article: deletions first, then furthest from the text, then by place', () => {
    // « small » and « early » both change one word (2/20): the earlier place goes first
    const small = am('small', { alineas: withAlinea(2, 'Le conseil élit son bureau.') });
    const early = am('early', { alineas: withAlinea(0, 'Le mandat des membres du conseil dure cinq ans.') });
    const rewrite = am('rewrite', { alineas: ['Le conseil est renouvelé tous les quatre ans.'] });
    const deletion = am('deletion', { kind: 'delete', alineas: [] });
    const additionnel = am('additionnel', { kind: 'insert_after', alineas: ['Un article nouveau.'] });
    expect(ids(examinationOrder(articles, [additionnel, small, early, rewrite, deletion]))).toEqual(['deletion', 'rewrite', 'early', 'small', 'additionnel']);
  });

  test('identical amendments form one group placed where the first would be; deletions of one article too', () => {
    const text = withAlinea(1, 'Il n’est pas renouvelable.');
    const groups = examinationOrder(articles, [
      am('c1', { alineas: text, number: 40 }),
      am('d1', { kind: 'delete', alineas: [], number: 41 }),
      am('c2', { alineas: text, number: 12, origin: 'commission' }),
      am('d2', { kind: 'delete', alineas: [], number: 13 }),
      am('lone', { alineas: withAlinea(2, 'Le conseil élit son bureau.') }),
    ]);
    expect(groups).toEqual([
      { amendmentIds: ['d2', 'd1'], articleId: 'a1', kind: 'delete' },
      { amendmentIds: ['c2', 'c1'], articleId: 'a1', kind: 'modify' },
      { amendmentIds: ['lone'], articleId: 'a1', kind: 'modify' },
    ]);
  });

  test('identical means what similarity.ts identityKey says: blanks around alinéas do not count', () => {
    const groups = examinationOrder(articles, [am('x', { alineas: withAlinea(1, ' Il est renouvelable. ') }), am('y', { alineas: withAlinea(1, 'Il est renouvelable.') })]);
    expect(ids(groups)).toEqual(['x+y']);
  });

  test('ties: commission amendments first, then by number', () => {
    const text = (w: string) => withAlinea(0, `Le mandat des membres du conseil dure ${w} ans.`);
    const groups = examinationOrder(articles, [
      am('cit-5', { alineas: text('cinq'), number: 5 }),
      am('cit-2', { alineas: text('deux'), number: 2 }),
      am('com-9', { alineas: text('six'), number: 9, origin: 'commission' }),
    ]);
    expect(ids(groups)).toEqual(['com-9', 'cit-2', 'cit-5']);
  });

  test('articles additionnels after the amendments on their article, amendments on them right after them', () => {
    const additionnel = am('new', { kind: 'insert_after', alineas: ['Un observatoire est créé.'] });
    const onNew = am('on-new', { articleId: 'new', base: ['Un observatoire est créé.'], alineas: ['Un observatoire national est créé.'] });
    const onTwo = am('two', { articleId: 'a2', base: articles[1]!.alineas, alineas: ['Un arrêté fixe les modalités.'] });
    const onOne = am('one', { alineas: withAlinea(1, 'Il est renouvelable deux fois.') });
    const stale = am('stale', { articleId: 'gone' });
    expect(ids(examinationOrder(articles, [stale, onNew, onTwo, additionnel, onOne]))).toEqual(['one', 'new', 'on-new', 'two', 'stale']);
  });
});
