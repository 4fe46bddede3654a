import * as Y from 'yjs';
import { amendmentDocName } from '../../shared/live-docs';
import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';
import { clientAlineas, eventually, typeInto, until, useClients } from '../helpers/collab';

/** Co-signing instead of tabling a duplicate (issue 16 › 1), through the API and the pages. */
const t = useTestApp();
const connect = useClients(() => t.app.url);

const BILL = `PROJET DE LOI sur la scolarité

Article 1er
L’instruction est obligatoire dès l’âge de trois ans.
Elle dure jusqu’à seize ans.

Article 2
Le présent article entre en vigueur au 1er janvier.
`;

let bill: Awaited<ReturnType<typeof createBill>>;
let alice: TestUser;
let bruno: TestUser;
let tabled: string;

const formPost = (path: string, who: TestUser | null, fields: Record<string, string> = {}) => {
  const req = t.app.http.post(path).type('form').set('Origin', t.app.url);
  return (who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req).send(fields);
};
const page = (path: string, who: TestUser | null) => {
  const req = t.app.http.get(path);
  return who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req;
};

async function amend(who: TestUser, alineas: string[], rationale: string, submit: boolean, articleIndex = 0): Promise<string> {
  const res = await t.app.http.post(`/api/articles/${bill.articles[articleIndex]!.id}/amendments`).set(auth(who)).send({ kind: 'modify', alineas, rationale, submit });
  expect(res.status).toBe(201);
  return res.body.amendment.id as string;
}

beforeAll(async () => {
  bill = await createBill(t.app, t.admin, { text: BILL, status: 'consultation' });
  alice = await createUser(t.app, { displayName: 'Alice Auteure' });
  bruno = await createUser(t.app, { displayName: 'Bruno Cosignataire' });
  tabled = await amend(alice, ['L’instruction est obligatoire dès l’âge de cinq ans.', 'Elle dure jusqu’à seize ans.'], 'Cinq ans suffisent.', true);
  // an unrelated amendment to the same article, and one to another article
  await amend(alice, ['L’instruction est obligatoire dès l’âge de trois ans.', 'Elle dure jusqu’à dix-huit ans.'], 'Plus longtemps.', true);
  await amend(alice, ['Le présent article entre en vigueur au 1er septembre.'], 'À la rentrée.', true, 1);
});

test('before tabling, the author of a draft sees the closest tabled amendments to the same article', async () => {
  const draft = await amend(bruno, ['L’instruction est obligatoire dès l’âge de cinq ans révolus.', 'Elle dure jusqu’à seize ans.'], 'Cinq ans.', false);
  const res = await t.app.http.get(`/api/amendments/${draft}/closest`).set(auth(bruno));
  expect(res.status).toBe(200);
  expect(res.body.closest.map((c: { id: string }) => c.id)).toEqual([tabled]);
  expect(res.body.closest[0]).toMatchObject({ title: 'Amendement n° 1', status: 'submitted', url: `/amendements/${tabled}`, cosignatories: 0 });
  expect(res.body.closest[0].similarity).toBeGreaterThanOrEqual(0.3);
  // a draft is its authors' alone
  expect((await t.app.http.get(`/api/amendments/${draft}/closest`)).status).toBe(404);
  expect((await t.app.http.get(`/api/amendments/${draft}/closest`).set(auth(alice))).status).toBe(404);
  // the draft's page offers « Cosigner plutôt »
  const html = (await page(`/amendements/${draft}`, bruno).expect(200)).text;
  expect(html).toContain('Amendements proches déjà déposés');
  expect(html).toContain(`action="/amendements/${tabled}/cosigner"`);
  expect(html).toMatch(/href="\/glossaire#cosigner"[^>]*aria-describedby="proches-cosigner-\d+"/);
});

test('co-signing: once per person, public, not by its authors, not a draft, and can be withdrawn', async () => {
  expect((await t.app.http.post(`/api/amendments/${tabled}/cosignatures`)).status).toBe(401);
  const first = await t.app.http.post(`/api/amendments/${tabled}/cosignatures`).set(auth(bruno));
  expect(first.status).toBe(201);
  expect(first.body.cosignatories).toEqual([expect.objectContaining({ id: bruno.id, displayName: 'Bruno Cosignataire', kind: 'citizen' })]);
  const again = await t.app.http.post(`/api/amendments/${tabled}/cosignatures`).set(auth(bruno));
  expect(again.status).toBe(200);
  expect(again.body.cosignatories).toHaveLength(1);
  expect((await t.app.http.get(`/api/amendments/${tabled}/cosignatures`)).body.cosignatories.map((c: { id: string }) => c.id)).toEqual([bruno.id]);

  const own = await t.app.http.post(`/api/amendments/${tabled}/cosignatures`).set(auth(alice));
  expect(own.status).toBe(409);
  const draft = await amend(alice, ['L’instruction est obligatoire dès l’âge de quatre ans.', 'Elle dure jusqu’à seize ans.'], 'Quatre.', false);
  expect((await t.app.http.post(`/api/amendments/${draft}/cosignatures`).set(auth(bruno))).status).toBe(404);
  expect((await t.app.http.post('/api/amendments/00000000-0000-4000-8000-000000000000/cosignatures').set(auth(bruno))).status).toBe(404);

  // the page lists co-signatories and offers to withdraw
  const html = (await page(`/amendements/${tabled}`, bruno).expect(200)).text;
  expect(html).toMatch(/<h2 id="cosignataires">Cosignataires<\/h2>[\s\S]*Bruno Cosignataire/);
  expect(html).toContain(`action="/amendements/${tabled}/cosigner/retirer"`);

  const gone = await t.app.http.delete(`/api/amendments/${tabled}/cosignatures`).set(auth(bruno));
  expect(gone.status).toBe(200);
  expect(gone.body.cosignatories).toEqual([]);
  expect((await t.app.http.delete(`/api/amendments/${tabled}/cosignatures`).set(auth(bruno))).status).toBe(409);
});

test('the page forms co-sign and withdraw, then come back to the list', async () => {
  const carole = await createUser(t.app, { displayName: 'Carole Formulaire' });
  const res = await formPost(`/amendements/${tabled}/cosigner`, carole);
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`/amendements/${tabled}#cosignataires`);
  expect((await page(`/amendements/${tabled}`, null).expect(200)).text).toContain('Carole Formulaire');
  expect((await formPost(`/amendements/${tabled}/cosigner/retirer`, carole)).status).toBe(303);
  expect((await t.app.http.get(`/api/amendments/${tabled}/cosignatures`)).body.cosignatories).toEqual([]);
  // a visitor is sent to sign in
  const visitor = await formPost(`/amendements/${tabled}/cosigner`, null);
  expect(visitor.status).toBe(303);
  expect(visitor.headers.location).toMatch(/^\/connexion\?suite=/);
});

/** The ids `GET /api/amendments/:id/closest` gives the author of a draft. */
const closestIds = async (draft: string, who: TestUser) => ((await t.app.http.get(`/api/amendments/${draft}/closest`).set(auth(who)).expect(200)).body.closest as { id: string }[]).map((c) => c.id);

test('the closest list follows the draft’s live text, as the live editor changes it', async () => {
  const dora = await createUser(t.app, { displayName: 'Dora Direct' });
  // a draft that starts from the article's text changes nothing yet: nothing to compare
  const draft = (await t.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(dora)).send({ kind: 'modify', rationale: 'Cinq ans.' }).expect(201)).body.amendment.id as string;
  expect(await closestIds(draft, dora)).toEqual([]);
  const client = await connect(amendmentDocName(draft), dora);
  // « trois ans » → « cinq ans », as amendment n° 1 does, typed in the live document only
  const first = clientAlineas(client.doc)[0]!;
  const at = first.indexOf('trois');
  ((client.doc.getXmlFragment('prosemirror').get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(at, 'trois'.length);
  typeInto(client.doc, 0, at, 'cinq');
  await until(client.doc, () => clientAlineas(client.doc)[0]!.includes('cinq ans'));
  expect(await eventually(() => closestIds(draft, dora), (ids) => ids.length > 0)).toEqual([tabled]);
  // the row still holds the article's text: the draft page compares the live text too
  const html = (await page(`/amendements/${draft}`, dora).expect(200)).text;
  expect(html).toContain(`action="/amendements/${tabled}/cosigner"`);
  expect(html).toContain(`data-closest="/api/amendments/${draft}/closest"`);
});

test('the plain form’s « Déposer »: close amendments are shown first, nothing filed; « Cosigner plutôt » or « Déposer quand même »', async () => {
  const emile = await createUser(t.app, { displayName: 'Émile Presque-Doublon' });
  const article = bill.articles[0]!;
  const mine = () => t.app.http.get(`/api/bills/${bill.id}/amendments`).then((r) => (r.body.amendments as { authors: { id: string }[] }[]).filter((a) => a.authors.some((u) => u.id === emile.id)).length);
  const fields = { kind: 'modify', texte: 'L’instruction est obligatoire dès l’âge de cinq ans révolus.\nElle dure jusqu’à seize ans.', expose: 'Cinq ans, révolus.', action: 'deposer' };

  // an exposé missing: the refusal comes first, as before
  const refused = await formPost(`/articles/${article.id}/amendements`, emile, { ...fields, expose: '' });
  expect(refused.status).toBe(303);
  expect(refused.headers.location).toMatch(/\/amendements\/nouveau\?formulaire=[\w-]+#erreurs$/);

  const res = await formPost(`/articles/${article.id}/amendements`, emile, fields);
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(new RegExp(`^/articles/${article.id}/amendements/nouveau\\?formulaire=[\\w-]+#avant-depot$`));
  expect(await mine()).toBe(0);
  const html = (await page(res.headers.location as string, emile).expect(200)).text;
  expect(html).toContain('Des amendements proches sont déjà déposés');
  expect(html).toContain(`action="/amendements/${tabled}/cosigner"`);
  expect(html).toContain('Cosigner plutôt');
  // what was typed is kept, and the form now files anyway
  expect(html).toContain('cinq ans révolus');
  expect(html).toContain('Cinq ans, révolus.');
  expect(html).toContain('<input type="hidden" name="proches" value="vus">');
  expect(html).toContain('Déposer quand même');

  const anyway = await formPost(`/articles/${article.id}/amendements`, emile, { ...fields, proches: 'vus' });
  expect(anyway.status).toBe(303);
  expect(anyway.headers.location).toMatch(/^\/amendements\/[0-9a-f-]{36}$/);
  expect(await mine()).toBe(1);

  // a proposal like no tabled one is filed at once
  const other = await formPost(`/articles/${article.id}/amendements`, emile, { kind: 'modify', texte: 'L’instruction est facultative.\nElle dure jusqu’à seize ans.', expose: 'Liberté.', action: 'deposer' });
  expect(other.status).toBe(303);
  expect(other.headers.location).toMatch(/^\/amendements\/[0-9a-f-]{36}$/);
  // the JSON API files at once, as API.md says, close amendments or not
  const api = await t.app.http.post(`/api/articles/${article.id}/amendments`).set(auth(emile))
    .send({ kind: 'modify', alineas: ['L’instruction est obligatoire dès l’âge de cinq ans pile.', 'Elle dure jusqu’à seize ans.'], rationale: 'Cinq.', submit: true });
  expect(api.status).toBe(201);
  expect(api.body.amendment.status).toBe('submitted');
});

test('the closest list says which one the viewer wrote or co-signs, with no « Cosigner plutôt » there', async () => {
  // Alice drafts close to her own tabled amendment: hers is listed, without the button (co-signing it is refused)
  const draft = await amend(alice, ['L’instruction est obligatoire dès l’âge de cinq ans pleins.', 'Elle dure jusqu’à seize ans.'], 'Cinq ans.', false);
  const api = await t.app.http.get(`/api/amendments/${draft}/closest`).set(auth(alice)).expect(200);
  expect(api.body.closest.find((c: { id: string }) => c.id === tabled)).toMatchObject({ mine: 'author' });
  const html = (await page(`/amendements/${draft}`, alice).expect(200)).text;
  expect(html).toContain(`href="/amendements/${tabled}"`);
  expect(html).not.toContain(`action="/amendements/${tabled}/cosigner"`);
  expect(html).toContain('Vous en êtes l’un des auteurs.');
  // a co-signatory sees « Vous le cosignez déjà. » on the plain form's step before filing
  const claire = await createUser(t.app, { displayName: 'Claire Cosignataire' });
  await t.app.http.post(`/api/amendments/${tabled}/cosignatures`).set(auth(claire)).expect((r) => expect([200, 201]).toContain(r.status));
  const art = bill.articles[0]!.id;
  const filed = await formPost(`/articles/${art}/amendements`, claire, {
    kind: 'modify', texte: 'L’instruction est obligatoire dès l’âge de cinq ans accomplis.\nElle dure jusqu’à seize ans.', expose: 'Cinq ans.', action: 'deposer',
  }).expect(303);
  const before = (await page(filed.headers.location!, claire).expect(200)).text;
  expect(before).toContain('Vous le cosignez déjà.');
  expect(before).not.toContain(`action="/amendements/${tabled}/cosigner"`);
  // in English
  const en = (await t.app.http.get(`/amendements/${draft}`).set('Cookie', `lang=en; palimpseste_session=${alice.token}`).expect(200)).text;
  expect(en).toContain('You are one of its authors.');
  await t.app.http.delete(`/api/amendments/${tabled}/cosignatures`).set(auth(claire)).expect(200);
});

test('closed, withdrawn or masked amendments cannot be co-signed; nor after the consultation', async () => {
  const withdrawn = await amend(alice, ['L’instruction est obligatoire dès l’âge de six ans.', 'Elle dure jusqu’à seize ans.'], 'Six.', true);
  await t.app.http.post(`/api/amendments/${withdrawn}/withdraw`).set(auth(alice)).expect(200);
  expect((await t.app.http.post(`/api/amendments/${withdrawn}/cosignatures`).set(auth(bruno))).status).toBe(409);

  const masked = await amend(alice, ['L’instruction est obligatoire dès l’âge de sept ans.', 'Elle dure jusqu’à seize ans.'], 'Sept.', true);
  await t.app.http.post(`/api/moderation/amendment/${masked}/hide`).set(auth(t.admin)).send({ reason: 'Hors sujet' }).expect(200);
  expect((await t.app.http.post(`/api/amendments/${masked}/cosignatures`).set(auth(bruno))).status).toBe(409);

  await t.app.http.post(`/api/amendments/${tabled}/cosignatures`).set(auth(bruno)).expect(201);
  await t.app.http.post(`/api/bills/${bill.id}/status`).set(auth(t.admin)).send({ status: 'commission' }).expect(200);
  const late = await t.app.http.post(`/api/amendments/${tabled}/cosignatures`).set(auth(alice));
  expect(late.status).toBe(409);
  expect(late.body.error.code).toBe('wrong_phase');
  expect((await t.app.http.delete(`/api/amendments/${tabled}/cosignatures`).set(auth(bruno))).body.error.code).toBe('wrong_phase');
  // the list stays, frozen
  expect((await t.app.http.get(`/api/amendments/${tabled}/cosignatures`)).body.cosignatories).toHaveLength(1);
});
