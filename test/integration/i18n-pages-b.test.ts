import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';
import { frenchLooking } from '../helpers/i18n-html';

/**
 * English as a second language of the interface (issue 16 › 5), the workshop pages: the clerks'
 * desk and formalisation workspace, the amendment, draft, sub-amendment and rectification forms,
 * the reconciled text, moderation decisions and appeals, the bill import of the console. Each is
 * rendered in English with data on it; what stays French (legal text, what people wrote) is
 * inside lang="fr".
 */
const ctx = useTestApp();

const BILL = `PROJET DE LOI pour une République numérique

Article 1er
Les administrations communiquent leurs documents dans un délai d’un mois.
Elles les publient en ligne.

Article 2
Le présent article entre en vigueur au 1er janvier.
`;
const QUINZE = ['Les administrations communiquent leurs documents dans un délai de quinze jours.', 'Elles les publient en ligne.'];

async function amend(articleId: string, user: TestUser, alineas: string[], submit = true): Promise<string> {
  const res = await ctx.app.http.post(`/api/articles/${articleId}/amendments`).set(auth(user)).send({ kind: 'modify', alineas, rationale: 'Les délais sont trop longs pour les usagers.', submit });
  if (res.status !== 201) throw new Error(`amend: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment.id as string;
}

/** Each page in English, as `user`: its status, and the pieces of its own text that look French. */
async function frenchOn(pages: [string, TestUser | null][]): Promise<Record<string, string[]>> {
  const offending: Record<string, string[]> = {};
  for (const [path, user] of pages) {
    const req = ctx.app.http.get(path).set('Cookie', 'lang=en');
    const res = await (user ? req.set(auth(user)) : req);
    expect(`${path} ${res.status}`).toBe(`${path} 200`);
    expect(res.text).toContain('<html lang="en">');
    const french = frenchLooking(res.text);
    if (french.length) offending[path] = french;
  }
  return offending;
}

const english = async (path: string, user: TestUser | null) => {
  const req = ctx.app.http.get(path).set('Cookie', 'lang=en');
  return (await (user ? req.set(auth(user)) : req).expect(200)).text;
};

test('clerks’ desk, formalisation workspace, amendment and draft forms, sub-amendment and rectification, reconciled text: English around French legal text', async () => {
  const { app, admin } = ctx;
  const bill = await createBill(app, admin, { text: BILL, status: 'consultation' });
  const [art1, art2] = bill.articles;
  const alice = await createUser(app, { displayName: 'Alice Martin' });
  const bob = await createUser(app, { displayName: 'Bob Petit' });
  const clerk = await createUser(app, { displayName: 'Clerk Roy', roles: ['clerk'] });
  const other = await createUser(app, { displayName: 'Clerk Noel', roles: ['clerk'] });
  const parent = await amend(art1!.id, alice, QUINZE);
  await amend(art1!.id, bob, QUINZE); // identical: a group on the desk
  await amend(art2!.id, bob, ['Le présent article entre en vigueur au 1er juillet.']);
  const draft = await amend(art1!.id, alice, ['Les administrations communiquent tous leurs documents dans un délai d’un mois.', 'Elles les publient en ligne.'], false);

  // the desk before anyone takes the amendment, then the clerk takes it and publishes a formalisation
  const unassigned = await frenchOn([[`/textes/${bill.id}/greffe`, clerk], [`/amendements/${parent}/mise-en-forme`, clerk]]);
  await app.http.post(`/api/amendments/${parent}/assign`).set(auth(clerk)).send({}).expect(200);
  await app.http.post(`/api/amendments/${parent}/formalise`).set(auth(clerk)).send({ note: 'Rédaction vérifiée.' }).expect(200);
  const offending = {
    ...unassigned,
    ...await frenchOn([
      [`/textes/${bill.id}/greffe`, clerk],
      [`/textes/${bill.id}/greffe?greffier=me&statut=all`, clerk],
      [`/amendements/${parent}/mise-en-forme`, clerk],
      [`/amendements/${parent}/mise-en-forme`, other],
      [`/amendements/${parent}/mise-en-forme`, alice],
      [`/articles/${art1!.id}/amendements/nouveau`, alice],
      [`/amendements/${draft}`, alice],
      [`/amendements/${parent}/reprendre`, other],
    ]),
  };

  const desk = await english(`/textes/${bill.id}/greffe`, clerk);
  expect(desk).toContain('<h1>Clerks’ desk</h1>');
  expect(desk).toContain('3 amendments match the filters.');
  expect(desk).toContain('2 identical amendments — examined together, decided by a single vote');
  expect(desk).toContain('Clerk: you');
  const workspace = await english(`/amendements/${parent}/mise-en-forme`, other);
  expect(workspace).toContain('Clerk Roy is in charge of this amendment');
  expect(workspace).toContain('A legal drafting was published on');
  expect(workspace).toMatch(/<ol class="alineas" lang="fr">/);
  const form = await english(`/articles/${art1!.id}/amendements/nouveau`, alice);
  expect(form).toContain('Insert an additional article after article 1er');
  expect(form).toMatch(/<textarea id="texte" name="texte" rows="\d+" lang="fr"/);
  expect(await english(`/amendements/${draft}`, alice)).toContain('<h2 id="live-editor-title">Live drafting</h2>');

  // commission: a member sous-amends, the author rectifies, the adopted amendment shows in the reconciled text
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
  const elu = await createUser(app, { displayName: 'Elected Durand' });
  const tire = await createUser(app, { displayName: 'Citoyen Moreau' });
  for (const [u, college] of [[elu, 'elected'], [tire, 'citizen']] as const) {
    await app.http.put(`/api/bills/${bill.id}/commission/members/${u.id}`).set(auth(admin)).send({ college }).expect(200);
  }
  Object.assign(offending, await frenchOn([[`/amendements/${parent}/sous-amender`, elu], [`/amendements/${parent}/rectifier`, alice], [`/textes/${bill.id}/commission`, elu]]));
  expect(await english(`/textes/${bill.id}/commission`, elu)).toContain('Sub-amend amendment no. 1</a>');
  expect(await english(`/amendements/${parent}/sous-amender`, elu)).toContain('<h1>Sub-amend amendment no. 1</h1>');
  await app.http.post(`/api/amendments/${parent}/decision`).set(auth(admin)).send({ decision: 'adopted' }).expect(200);
  Object.assign(offending, await frenchOn([[`/textes/${bill.id}/texte-reconcilie`, null], [`/textes/${bill.id}/comparatif`, null]]));
  const reconciled = await english(`/textes/${bill.id}/texte-reconcilie`, null);
  expect(reconciled).toContain('<div class="bill-text reconciled" lang="fr">');
  expect(reconciled).toMatch(/<span class="prov-tip" role="tooltip" lang="en"> — from amendment no\. 1 \(Alice Martin\) and amendment no\. 2 \(Bob Petit\)<\/span>/);

  expect(offending).toEqual({});
  // French stays French by default
  const deskFr = (await app.http.get(`/textes/${bill.id}/greffe?statut=all`).set(auth(clerk)).expect(200)).text;
  expect(deskFr).toMatch(/\d amendements? correspond(ent)? aux filtres\./);
  expect(deskFr).toContain('Greffier : vous');
});

test('moderation decisions and appeals, account suspensions, the console’s bill import: English', async () => {
  const { app, admin } = ctx;
  const bill = await createBill(app, admin, { text: BILL, status: 'consultation' });
  const carol = await createUser(app, { displayName: 'Carol Dupuis' });
  const first = await createUser(app, { displayName: 'Moderator One', roles: ['moderator'] });
  const second = await createUser(app, { displayName: 'Moderator Two', roles: ['moderator'] });
  const hidden = await amend(bill.articles[0]!.id, carol, QUINZE);
  const hide = (await app.http.post(`/api/moderation/amendment/${hidden}/hide`).set(auth(first)).send({ reason: 'Propos hors sujet.', rule: 'hors-sujet' }).expect(200)).body.actionId as string;
  const before = await frenchOn([[`/moderation/decisions/${hide}`, carol], ['/moderation', null]]);
  const appeal = (await app.http.post(`/api/moderation/actions/${hide}/appeal`).set(auth(carol)).send({ body: 'Mon amendement porte bien sur l’article.' }).expect(201)).body;
  const pending = await frenchOn([[`/moderation/decisions/${hide}`, carol], [`/moderation/decisions/${hide}`, second], [`/moderation/decisions/${hide}`, first], ['/moderation/appels', second]]);
  expect(await english('/moderation/appels', second)).toMatch(/>Appeal of \d/);
  await app.http.post(`/api/moderation/appeals/${appeal.appealId ?? appeal.appeal?.id ?? appeal.id}/decision`).set(auth(second)).send({ decision: 'overturned', reason: 'Il porte sur l’article.' }).expect(200);
  const suspend = (await app.http.post(`/api/moderation/accounts/${carol.id}/suspend`).set(auth(first))
    .send({ until: new Date(Date.now() + 7 * 86_400_000).toISOString(), reason: 'Injures répétées.', rule: 'respect' }).expect(200)).body.actionId as string;
  const after = await frenchOn([[`/moderation/decisions/${hide}`, null], [`/moderation/decisions/${suspend}`, carol], ['/moderation', null]]);
  expect({ ...before, ...pending, ...after }).toEqual({});

  const decided = await english(`/moderation/decisions/${hide}`, null);
  expect(decided).toContain('<strong>Decision overturned on appeal</strong> on');
  expect(decided).toContain('<span lang="fr">Il porte sur l’article.</span>');
  const suspension = await english(`/moderation/decisions/${suspend}`, carol);
  expect(suspension).toContain('Account of <a href=');
  expect(suspension).toContain('<h2 id="appeal-form-title">Appeal</h2>');
  const log = await english('/moderation', null);
  expect(log).toMatch(/Account suspended until \d/);
  expect(log).toContain('Restored (appeal)');
  expect(log).toContain('Hidden');

  // the console's import: a preview, and a text that cannot be imported
  const post = (texte: string) => app.http.post('/admin/textes/nouveau').type('form').set('Origin', app.url).set('Cookie', 'lang=en').set(auth(admin))
    .send({ titre: '', format: 'texte', texte, etape: 'apercu' });
  const preview = await post(BILL).expect(200);
  expect(preview.text).toContain('2 articles, 3 paragraphs. Check the division before creating the text.');
  expect(preview.text).toContain('Preview again');
  const refused = await post('Rien à importer ici');
  expect(refused.status).toBeGreaterThanOrEqual(400);
  expect(refused.text).toMatch(/The text cannot be imported as it is: \d+ problems? to fix\./);
  const console = { preview: frenchLooking(preview.text), refused: frenchLooking(refused.text), form: frenchLooking(await english('/admin/textes/nouveau', admin)) };
  expect(console).toEqual({ preview: [], refused: [], form: [] });
});
