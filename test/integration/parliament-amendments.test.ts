import fs from 'node:fs';
import path from 'node:path';
import { auth, createBill, createCitizen, createUser, useTestApp } from '../helpers/app';

const DIR = path.join(__dirname, '../../../shared/fixtures/amendments');
const AN_FILES = ['135', '177', '192', '270', '723'];
/** The five Assemblée amendments, one document (each file is one `<amendement>`). */
const AN_XML = `<amendements>${AN_FILES.map((f) => fs.readFileSync(path.join(DIR, 'an-plfss2017-4072', `${f}.xml`), 'utf8').replace(/<\?xml[^>]*\?>/, '')).join('\n')}</amendements>`;
/** The Sénat exports Windows-1252; the client sends text. */
const SENAT_CSV = new TextDecoder('windows-1252').decode(fs.readFileSync(path.join(DIR, 'senat-jeu-complet-2017-2018-63-short.csv')));

// Articles 3 and 8 of the PLFSS, not 4 nor 9: the amendments on those are skipped.
const BILL = `PROJET DE LOI de financement de la sécurité sociale

Article 1er
Premier article.

Article 3
${Array.from({ length: 9 }, (_, i) => `Alinéa ${i + 1} de l’article 3.`).join('\n')}

Article 8
Huitième article.
`;

const ctx = useTestApp();
const rows = (billId: string) => ctx.app.testDb.db.query<{
  parliament_number: string; parliament_authors: string; parliament_group: string | null; origin: string; status: string; kind: string;
  alineas: string[]; dispositif: string; text_computed: boolean; article_number: string; rationale: string;
}>(`SELECT a.*, ar.number AS article_number FROM amendments a JOIN articles ar ON ar.id = a.article_id WHERE a.bill_id = $1 ORDER BY a.number`, [billId]);

describe('importing parliamentary amendments', () => {
  test('Assemblée XML: matched by article number, printed numbers, authors, outcomes, dispositif applied; re-import skips', async () => {
    const bill = await createBill(ctx.app, ctx.admin, { text: BILL, status: 'consultation' });
    const res = await ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(ctx.admin)).send({ format: 'an-xml', data: AN_XML });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: 4, rectified: [], notes: [], skipped: [{ number: '135', reason: 'aucun article 9 dans ce projet de loi' }] });
    const { rows: stored } = await rows(bill.id);
    expect(stored.map((r) => [r.parliament_number, r.origin, r.article_number, r.kind, r.status])).toEqual([
      ['177', 'parliament', '3', 'delete', 'rejected'],
      ['192', 'parliament', '8', 'insert_after', 'not_examined'],
      ['270', 'parliament', '3', 'delete', 'rejected'],
      ['723', 'parliament', '3', 'modify', 'adopted'],
    ]);
    expect(stored[1]!.parliament_authors).toBe('M. Tardy');
    expect(stored[0]!.parliament_authors).toMatch(/^M\. Door, Mme Poletti, M\. Lurton/);
    // 723 applied to article 3 by the engine: the article as amended, not a guess.
    const amended = stored[3]!;
    expect(amended.text_computed).toBe(true);
    expect(amended.alineas).not.toEqual(bill.articles.find((a) => a.number === '3')!.alineas);
    expect(amended.dispositif.length).toBeGreaterThan(0);
    expect(stored[1]!.alineas[0]).toMatch(/^I\. – La section 3 du chapitre 1er/);

    const again = await ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(ctx.admin)).send({ format: 'an-xml', data: AN_XML }).expect(201);
    expect(again.body.imported).toBe(0);
    expect(again.body.skipped.filter((s: { reason: string }) => s.reason === 'déjà importé').map((s: { number: string }) => s.number)).toEqual(['177', '192', '270', '723']);
  });

  test('Sénat CSV, by a clerk: authors and group, outcome, « Alinéa 8 » rewritten in article 3', async () => {
    const bill = await createBill(ctx.app, ctx.admin, { text: BILL, status: 'commission' });
    const clerk = await createUser(ctx.app, { roles: ['clerk'] });
    const res = await ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(clerk)).send({ format: 'senat-csv', data: SENAT_CSV });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: 1, rectified: [], notes: [], skipped: [{ number: '443', reason: 'aucun article 4 dans ce projet de loi' }] });
    const [a] = (await rows(bill.id)).rows;
    expect(a).toMatchObject({ parliament_number: '31', origin: 'parliament', parliament_authors: 'M. VANLERENBERGHE', parliament_group: 'commission des affaires sociales', status: 'adopted', kind: 'modify', text_computed: true });
    expect(a!.alineas).toHaveLength(9);
    expect(a!.alineas[7]).toMatch(/^II\. – Par dérogation au IV de l’article L\. 862-4/);
    expect(a!.alineas[6]).toBe('Alinéa 7 de l’article 3.');
    expect(a!.rationale).toMatch(/^Cet amendement précise l’assiette/);
  });

  test('a citizen is refused (403); unreadable data is a 400 validation_failed and stores nothing', async () => {
    const bill = await createBill(ctx.app, ctx.admin, { text: BILL, status: 'consultation' });
    const citizen = await createCitizen(ctx.app);
    const refused = await ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(citizen)).send({ format: 'an-xml', data: AN_XML });
    expect(refused.status).toBe(403);
    for (const body of [
      { format: 'an-xml', data: '<amendement><numero>1</numero' },
      { format: 'an-xml', data: '<liste><rien/></liste>' },
      { format: 'senat-csv', data: 'a\tb\n1\t2\n' },
      { format: 'pdf', data: 'x' },
      { format: 'senat-csv' },
    ]) {
      const res = await ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(ctx.admin)).send(body);
      expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
    }
    expect((await rows(bill.id)).rowCount).toBe(0);
  });

  test('shown beside citizens’ amendments, never voted on, left out of rankings by votes; an unapplicable dispositif keeps no text', async () => {
    const bill = await createBill(ctx.app, ctx.admin, { text: BILL, status: 'consultation' });
    const open = fs.readFileSync(path.join(DIR, 'an-plfss2017-4072', '723.xml'), 'utf8')
      .replace('<numeroLong>723</numeroLong>', '<numeroLong>723 rect.</numeroLong>').replace(/<sortEnSeance>[^<]*<\/sortEnSeance>/, '<sortEnSeance></sortEnSeance>')
      .replace(/<dispositif>[\s\S]*?<\/dispositif>/, '<dispositif>&lt;p&gt;Au mieux, faire autrement.&lt;/p&gt;</dispositif>');
    await ctx.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(ctx.admin)).send({ format: 'an-xml', data: open }).expect(201);
    const list = await ctx.app.http.get(`/api/bills/${bill.id}/amendments`).expect(200);
    expect(list.body.amendments).toHaveLength(1);
    const [a] = list.body.amendments;
    expect(a).toMatchObject({ origin: 'parliament', status: 'submitted', displayNumber: '723 rect.', alineas: [] });
    expect(a.parliament).toMatchObject({ number: '723 rect.', textComputed: false, label: 'Amendement parlementaire n° 723 rect.', dispositif: 'Au mieux, faire autrement.' });
    expect(a.parliament.authors).toBe('le Gouvernement');
    const view = await ctx.app.http.get(`/api/amendments/${a.id}`).expect(200);
    expect([view.body.amendment.diff, view.body.amendment.dispositifSource]).toEqual([null, 'parliament']);

    const citizen = await createCitizen(ctx.app);
    const vote = await ctx.app.http.put(`/api/amendments/${a.id}/vote`).set(auth(citizen)).send({ value: 'for' });
    expect([vote.status, vote.body.error?.code]).toEqual([409, 'conflict']);
    expect((await ctx.app.testDb.db.query('SELECT 1 FROM votes WHERE target_id = $1', [a.id])).rowCount).toBe(0);
    for (const sort of ['support', 'controversy']) {
      expect((await ctx.app.http.get(`/api/bills/${bill.id}/amendments?sort=${sort}`).expect(200)).body.total).toBe(0);
    }
    const page = await ctx.app.http.get(`/amendements/${a.id}`).expect(200);
    expect(page.text).toContain('<h1>Amendement parlementaire n° 723 rect.</h1>');
    expect(page.text).toContain('pas pu être appliqué automatiquement');
    expect(page.text).not.toContain('class="vote-form"');
  });
});
