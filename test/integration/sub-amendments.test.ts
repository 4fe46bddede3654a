import fs from 'node:fs';
import path from 'node:path';
import { auth, createBill, useTestApp } from '../helpers/app';

/**
 * Sous-amendements and rectified amendments through the Assemblée import: real dispositifs of the
 * transparency bill (2013), amendment n° 78 to article 1er and its sous-amendement n° 132.
 */
const CORPUS = path.join(__dirname, '../../../shared/fixtures/amendments/corpus/amendments.jsonl');
const rows = new Map(fs.readFileSync(CORPUS, 'utf8').trim().split('\n').map((l) => {
  const r = JSON.parse(l) as { id: string; dispositif: string; article_text: string[] };
  return [r.id, r] as const;
}));
const P = '14-transparence_vie_publique_pjl__07_1erelecture_senat_hemicycle__1er/amendement_';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const amendement = (numero: string, dispositif: string, sort: string) => `<amendement><numeroLong>${numero}</numeroLong>
  <division><titre>Article 1er</titre></division><listeDesSignataires>M. Essai</listeDesSignataires>
  <dispositif>${escape(dispositif.split('\n').map((l) => `<p>${escape(l)}</p>`).join(''))}</dispositif><sortEnSeance>${sort}</sortEnSeance></amendement>`;
const xml = (...items: string[]) => `<amendements>${items.join('\n')}</amendements>`;

const BILL = `PROJET DE LOI relatif à la transparence de la vie publique\n\nArticle 1er\n${rows.get(`${P}78`)!.article_text.join('\n')}\n`;
const A78 = rows.get(`${P}78`)!.dispositif;
/** As the import reads it: spaces collapsed in each line. */
const A78_READ = A78.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).join('\n');
const S132 = rows.get(`${P}132`)!.dispositif;

const ctx = useTestApp();
const amendments = (billId: string) => ctx.app.testDb.db.query<{ id: string; parliament_number: string; parent_id: string | null; rectification: number; dispositif: string; status: string }>(
  'SELECT id, parliament_number, parent_id, rectification, dispositif, status FROM amendments WHERE bill_id = $1 ORDER BY number', [billId]);
const revisions = (id: string) => ctx.app.testDb.db.query<{ kind: string; dispositif: string; note: string | null }>(
  'SELECT kind, dispositif, note FROM amendment_revisions WHERE amendment_id = $1 ORDER BY revision', [id]);

test('a sous-amendement is linked to its amendment; adopted, it rewrites it (a revision, the history keeps both)', async () => {
  const bill = await createBill(ctx.app, ctx.admin, { text: BILL, status: 'commission' });
  const post = (data: string) => ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(ctx.admin)).send({ format: 'an-xml', data }).expect(201);
  // the sous-amendement comes first in the file: it still finds its amendment
  const first = await post(xml(amendement('132', S132, 'Adopté'), amendement('78 rect.', A78, 'Adopté'), amendement('500', 'Amendement n° 499, alinéa 2\nSupprimer cet alinéa.', 'Rejeté')));
  expect(first.body).toEqual({ imported: 2, rectified: [], notes: [], skipped: [{ number: '500', reason: 'sous-amendement de l’amendement n° 499, absent de ce texte' }] });
  const [a78, s132] = (await amendments(bill.id)).rows;
  expect([a78!.parliament_number, s132!.parliament_number, s132!.parent_id]).toEqual(['78 rect.', '132', a78!.id]);
  expect(a78!.dispositif.split('\n')[8]).toContain('les intérêts matériels et personnels détenus');
  const history = (await revisions(a78!.id)).rows;
  expect(history.map((r) => r.kind)).toEqual(['submission', 'sub_amendment']);
  expect(history[0]!.dispositif).toBe(A78_READ);
  expect(history[1]!.note).toBe('Réécrit par le sous-amendement n° 132, adopté.');
  // the amendment's page says so; the sous-amendement has no text of its own on the article
  const view = await ctx.app.http.get(`/api/amendments/${s132!.id}`).expect(200);
  expect(view.body.amendment.parliament).toMatchObject({ number: '132', textComputed: false, subAmendmentOf: a78!.id, rectification: 0 });
  expect((await ctx.app.http.get(`/api/amendments/${a78!.id}`).expect(200)).body.amendment.parliament).toMatchObject({ number: '78 rect.', rectification: 1, subAmendmentOf: null });
});

test('a rectified amendment replaces its earlier version in place; an earlier version is skipped', async () => {
  const bill = await createBill(ctx.app, ctx.admin, { text: BILL, status: 'commission' });
  const post = (data: string) => ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(ctx.admin)).send({ format: 'an-xml', data }).expect(201);
  await post(xml(amendement('78', A78, 'Non soutenu')));
  const rectified = A78.replace('Alinéas 1 à 44', 'Alinéas 1 à 44 ').replace('concernant la totalité', 'portant sur la totalité');
  const again = await post(xml(amendement('78 rect.', rectified, 'Adopté')));
  expect(again.body).toEqual({ imported: 0, rectified: ['78 rect.'], notes: [], skipped: [] });
  const list = (await amendments(bill.id)).rows;
  expect(list.map((a) => [a.parliament_number, a.rectification, a.status])).toEqual([['78 rect.', 1, 'adopted']]);
  expect((await revisions(list[0]!.id)).rows.map((r) => [r.kind, r.dispositif === A78_READ])).toEqual([['submission', true], ['rectification', false]]);
  const older = await post(xml(amendement('78', A78, 'Rejeté')));
  expect(older.body.skipped).toEqual([{ number: '78', reason: 'version antérieure : « 78 rect. » est déjà importé' }]);
  // the history page shows both versions
  const page = await ctx.app.http.get(`/amendements/${list[0]!.id}`).set(auth(ctx.admin)).expect(200);
  expect(page.text).toContain('78 rect.');
});
