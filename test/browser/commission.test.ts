import { auth, createBill, createCitizen, createUser, type TestUser } from '../helpers/app';
import { screenshot, tabTo, confirmInDialog } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** A commission session in Chromium, end to end: appointment, votes by college, decisions live, the reconciled text, the comparatif. */

const suite = useBrowserSuite();

const BILL = `PROJET DE LOI pour une République numérique

Article 1er
Les administrations communiquent leurs documents dans un délai de deux mois.
Elles les publient en ligne.

Article 2
Un décret précise les modalités d’application.
`;

test('members vote by college, the chair decides, everyone sees it live; the reconciled text leads each word back to its amendment', async () => {
  const { app, admin } = suite;
  const open = (u: TestUser) => suite.open(u);
  const bill = await createBill(app, admin, { text: BILL, status: 'consultation' });
  const [alice, bob] = [await createCitizen(app, 'Alice Martin'), await createCitizen(app, 'Bob Durand')];
  const [elue, citoyen] = [await createUser(app, { displayName: 'Élue Lambert' }), await createUser(app, { displayName: 'Citoyen Petit' })];
  const [art1, art2] = [bill.articles[0]!, bill.articles[1]!];
  const submit = async (user: TestUser, articleId: string, body: object) =>
    (await app.http.post(`/api/articles/${articleId}/amendments`).set(auth(user)).send({ rationale: 'Pour mieux faire.', submit: true, ...body }).expect(201)).body.amendment.id as string;
  const delay = await submit(alice, art1.id, { kind: 'modify', alineas: [art1.alineas[0]!.replace('deux mois', 'un mois'), art1.alineas[1]] });
  const deletion = await submit(bob, art2.id, { kind: 'delete' });
  const onArt2 = await submit(alice, art2.id, { kind: 'modify', alineas: ['Un décret en Conseil d’État précise les modalités d’application.'] });
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);

  // The chair appoints the members from the dashboard.
  const chair = await open(admin);
  await chair.goto(`/textes/${bill.id}`);
  await chair.getByRole('link', { name: 'Commission mixte' }).click();
  await chair.getByRole('heading', { level: 1, name: 'Commission mixte' }).waitFor();
  for (const [name, college] of [['Élue Lambert', 'elected'], ['Citoyen Petit', 'citizen']] as const) {
    await chair.getByRole('combobox', { name: 'Nom affiché du compte' }).fill(name);
    await chair.getByRole('combobox', { name: 'Collège' }).selectOption(college);
    await chair.getByRole('button', { name: 'Nommer' }).click();
    await chair.locator('.members', { hasText: name }).waitFor();
  }
  // Examination order: the deletion of article 2 comes before the rewrite of article 2, after article 1.
  const order = await chair.locator('.exam-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-amendment')));
  expect(order).toEqual([delay, deletion, onArt2]);

  // Deciding by the rule before anyone voted is refused, and said beside the amendment.
  // (the page reloaded after « Nommer »: its script, which opens the dialog, must have loaded)
  await chair.waitForLoadState('load');
  await chair.locator('#examen-1').getByRole('button', { name: 'Décider selon la règle' }).click();
  await confirmInDialog(chair);
  await chair.locator('#examen-1 [role="alert"]', { hasText: 'Aucun membre de la commission n’a encore voté' }).waitFor();
  expect(new URL(chair.url()).pathname).toBe(`/textes/${bill.id}/commission`);

  // Both members vote for Alice's amendment, from their own screens.
  const [pageE, pageC] = [await open(elue), await open(citoyen)];
  for (const p of [pageE, pageC]) {
    await p.goto(`/textes/${bill.id}/commission`);
    await p.locator('#examen-1').getByRole('button', { name: 'Pour' }).click();
    await p.locator('#examen-1').getByRole('button', { name: 'Pour', pressed: true }).waitFor();
  }
  await chair.reload();
  expect(await chair.locator('#examen-1 .commission-tally tbody tr').last().textContent()).toMatch(/Total\s*2\s*0\s*0/);
  await chair.locator('#examen-1').getByRole('button', { name: 'Décider selon la règle' }).click();
  await confirmInDialog(chair);
  await chair.locator('#examen-1 [data-decision]', { hasText: 'Adopté' }).waitFor();
  // The members' pages learn it without reloading.
  await pageE.locator('#examen-1 [data-decision]', { hasText: 'Adopté' }).waitFor({ timeout: 15_000 });

  // Adopting the deletion of article 2 makes the rewrite of article 2 fall, with the reason.
  await chair.waitForLoadState('load');
  await chair.locator('#examen-2').getByRole('button', { name: 'Adopter' }).click();
  await confirmInDialog(chair);
  await chair.locator('#examen-3 [data-decision]', { hasText: 'Tombé' }).waitFor();
  expect(await chair.locator('#examen-3 [data-decision]').textContent()).toMatch(/supprimé/i);
  await screenshot(chair, 'commission-dashboard');
  // narrowed to what is still to decide: nothing left, said in words
  await chair.getByRole('checkbox', { name: 'En attente de décision seulement' }).check();
  await chair.getByRole('button', { name: 'Filtrer' }).click();
  await chair.locator('.empty', { hasText: 'Aucun amendement ne correspond à ces filtres.' }).waitFor();
  await chair.getByRole('checkbox', { name: 'En attente de décision seulement' }).uncheck();
  await chair.getByRole('button', { name: 'Filtrer' }).click();
  await pageC.locator('#examen-3 [data-decision]', { hasText: 'Tombé' }).waitFor({ timeout: 15_000 });

  // The reconciled text: « un mois » leads to Alice's amendment; its provenance shows on keyboard focus.
  const pub = await suite.open(null);
  await pub.goto(`/textes/${bill.id}/texte-reconcilie`);
  await pub.getByRole('heading', { level: 1, name: 'Texte réconcilié' }).waitFor();
  expect(await pub.locator('.article').count()).toBe(1);
  const passage = pub.locator('a.prov').first();
  expect(await passage.textContent()).toMatch(/un/);
  await pub.locator('h1').click();
  await tabTo(pub, passage);
  const tip = passage.locator('.prov-tip');
  expect(await tip.textContent()).toContain('amendement n° 1 (Alice Martin)');
  expect(await tip.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  await screenshot(pub, 'reconciled-provenance-focus');
  await passage.press('Enter');
  await pub.waitForURL(`**/amendements/${delay}`);
  await pub.locator('.status', { hasText: 'Adopté' }).first().waitFor();

  // The tableau comparatif: deletions struck, additions marked, and a Word version.
  await pub.goto(`/textes/${bill.id}/comparatif`);
  await pub.locator('.comparatif del', { hasText: 'deux' }).waitFor();
  await pub.locator('.comparatif ins', { hasText: 'un' }).first().waitFor();
  expect(await pub.locator('.comparatif', { hasText: 'Supprimé' }).count()).toBe(1);
  const docx = await pub.request.get(`/api/bills/${bill.id}/comparatif?format=docx`);
  expect(docx.status()).toBe(200);
  expect(docx.headers()['content-type']).toContain('wordprocessingml');
  await screenshot(pub, 'comparatif');

  // Adoption freezes the text.
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' }).expect(200);
  await pub.goto(`/textes/${bill.id}/texte-reconcilie`);
  await pub.getByRole('heading', { level: 1, name: 'Texte adopté' }).waitFor();
});
