import { titleSlug } from '../../server/present/downloads';
import { auth, createBill, createCitizen, seatCommission, useTestApp } from '../helpers/app';

/** Issue 12 › downloads that make sense: a descriptive name, the right extension and type, and never « adopté » before adoption. */
const suite = useTestApp();

test('file names: the bill title without accents, what the file is, the extension', () => {
  expect(titleSlug('Projet de loi pour une République numérique')).toBe('projet-de-loi-pour-une-republique-numerique');
  expect(titleSlug('« Œuvre » : l’été, 2026 !')).toBe('uvre-l-ete-2026');
  expect(titleSlug('???')).toBe('texte');
  expect(titleSlug('a '.repeat(100)).length).toBeLessThanOrEqual(60);
});

test('every download has a descriptive name, its extension and type; « provisoire » until adoption', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app);
  const a1 = bill.articles[0]!.alineas;
  const id = (await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: [a1[0], 'Elles les publient en ligne sans délai.'], rationale: 'x', submit: true }).expect(201)).body.amendment.id;
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  await suite.app.http.post(`/api/amendments/${id}/decision`).set(auth(suite.admin)).send({ decision: 'adopted' }).expect(200);
  const base = `/api/bills/${bill.id}`;
  const slug = 'projet-de-loi-de-test';
  const expected: [string, string, RegExp][] = [
    [`${base}/reconciled?format=json`, `${slug}-texte-commission-provisoire.json`, /application\/json/],
    [`${base}/reconciled?format=markdown`, `${slug}-texte-commission-provisoire.md`, /text\/markdown/],
    [`${base}/reconciled?format=html`, `${slug}-texte-commission-provisoire.html`, /text\/html/],
    [`${base}/reconciled?format=akn`, `${slug}-texte-commission-provisoire.akn.xml`, /application\/akn\+xml/],
    [`${base}/liasse?format=html`, `${slug}-liasse.html`, /text\/html/],
    [`${base}/liasse?format=akn`, `${slug}-liasse.akn.xml`, /application\/akn\+xml/],
    [`${base}/comparatif?format=html`, `${slug}-tableau-comparatif.html`, /text\/html/],
    [`${base}/comparatif?format=docx`, `${slug}-tableau-comparatif.docx`, /wordprocessingml/],
    [`${base}/opendata/amendments.csv`, `${slug}-amendements.csv`, /text\/csv/],
    [`${base}/opendata/decisions.json`, `${slug}-decisions.json`, /application\/json/],
    [`${base}/opendata.zip`, `${slug}-donnees-ouvertes.zip`, /application\/zip/],
  ];
  for (const [url, name, type] of expected) {
    const res = await suite.app.http.get(url).buffer(true).expect(200);
    expect([url, res.headers['content-disposition']]).toEqual([url, `attachment; filename=${name}`]);
    expect([url, res.headers['content-type']]).toEqual([url, expect.stringMatching(type)]);
  }
  // before adoption nothing says « adopté »
  const md = (await suite.app.http.get(`${base}/reconciled?format=markdown`)).text;
  expect(md).toContain('Texte de la commission — provisoire');
  expect(md).not.toContain('Texte adopté');
  expect((await suite.app.http.get(`${base}/comparatif?format=html`)).text).not.toContain('Texte adopté');
  // the AKN liasse is linked from the reconciled text's page
  expect((await suite.app.http.get(`/textes/${bill.id}/texte-reconcilie`)).text).toContain(`${base}/liasse?format=akn`);

  await seatCommission(suite.app, suite.admin, bill.id);
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'adopted' }).expect(200);
  const adopted = await suite.app.http.get(`${base}/reconciled?format=akn`).expect(200);
  expect(adopted.headers['content-disposition']).toBe(`attachment; filename=${slug}-texte-adopte.akn.xml`);
  expect((await suite.app.http.get(`${base}/reconciled?format=markdown`)).text).toContain('Texte adopté');
});
