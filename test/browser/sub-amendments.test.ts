import { auth, createBill, createCitizen, createUser } from '../helpers/app';
import { confirmInDialog, screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** A commission member sous-amends an amendment from the dashboard; adopted, it rewrites the amendment (docs/sub-amendments.md). */

const suite = useBrowserSuite();

const BILL = `PROJET DE LOI pour une République numérique

Article 1er
Les administrations communiquent leurs documents dans un délai de deux mois.
Elles les publient en ligne.
`;

test('a member tables a sous-amendement from the dashboard; it is examined first, adopted, and the amendment shows the new text', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { text: BILL, status: 'consultation' });
  const alice = await createCitizen(app, 'Alice Martin');
  const [elue, citoyen] = [await createUser(app, { displayName: 'Élue Lambert' }), await createUser(app, { displayName: 'Citoyen Petit' })];
  const art = bill.articles[0]!;
  const parent = (await app.http.post(`/api/articles/${art.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: [art.alineas[0]!.replace('deux mois', 'un mois'), art.alineas[1]], rationale: 'Plus vite.', submit: true }).expect(201)).body.amendment.id as string;
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
  for (const [u, college] of [[elue, 'elected'], [citoyen, 'citizen']] as const) {
    await app.http.put(`/api/bills/${bill.id}/commission/members/${u.id}`).set(auth(admin)).send({ college }).expect(200);
  }

  // The member opens the dashboard and sous-amends amendment n° 1.
  const member = await suite.open(elue);
  await member.goto(`/textes/${bill.id}/commission`);
  await member.locator('#examen-1').getByRole('link', { name: 'Sous-amender l’amendement n° 1' }).click();
  await member.getByRole('heading', { level: 1, name: 'Sous-amender l’amendement n° 1' }).waitFor();
  // the confirmation dialog is the page script's: on a loaded machine the heading shows before it runs
  await member.waitForLoadState('load');
  const text = member.getByRole('textbox', { name: 'Texte de l’amendement tel que le sous-amendement le rédige' });
  expect(await text.inputValue()).toBe('Les administrations communiquent leurs documents dans un délai de un mois.\nElles les publient en ligne.');
  await text.fill('Les administrations communiquent leurs documents dans un délai de quinze jours.\nElles les publient en ligne.');
  // a missing exposé is said beside its field, and nothing typed is lost
  await member.waitForLoadState('load'); // the dialog is the page script's
  await member.getByRole('button', { name: 'Déposer le sous-amendement' }).click();
  await confirmInDialog(member);
  await member.locator('#sous-expose[aria-invalid="true"]').waitFor();
  expect(await text.inputValue()).toContain('quinze jours');
  await member.getByRole('textbox', { name: 'Exposé sommaire' }).fill('Quinze jours suffisent.');
  await member.waitForLoadState('load'); // the dialog is the page script's
  await member.getByRole('button', { name: 'Déposer le sous-amendement' }).click();
  await confirmInDialog(member);
  await member.getByRole('heading', { level: 1, name: 'Amendement n° COM-1' }).waitFor();
  await member.getByText('Sous-amendement à l’amendement n° 1', { exact: false }).first().waitFor();

  // On the dashboard, it comes first, just before its amendment; the chair adopts it.
  const chair = await suite.open(admin);
  await chair.goto(`/textes/${bill.id}/commission`);
  const order = await chair.locator('.exam-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-amendment')));
  expect(order[1]).toBe(parent);
  await chair.locator('#examen-1 .sub-amendment-of', { hasText: 'Sous-amendement à l’amendement n° 1' }).waitFor();
  await chair.locator('#examen-1').getByRole('button', { name: 'Adopter' }).click();
  await confirmInDialog(chair);
  await chair.locator('#examen-1 [data-decision]', { hasText: 'Adopté' }).waitFor();
  await screenshot(chair, 'sub-amendment-dashboard');

  // The amendment now reads the new text; its history keeps the earlier one.
  await chair.goto(`/amendements/${parent}`);
  // the diff marks the words changed (« deux » → « quinze », « mois » → « jours »), the dispositif quotes them
  await chair.locator('[data-live-diff] ins', { hasText: 'quinze' }).first().waitFor();
  await chair.locator('main', { hasText: /substituer aux mots\s*:\s*«\s*deux mois\s*» les mots\s*:\s*«\s*quinze jours\s*»/u }).waitFor();
  await chair.locator('.revisions li', { hasText: 'sous-amendement adopté' }).waitFor();
  await screenshot(chair, 'sub-amendment-parent');
}, 90_000);
