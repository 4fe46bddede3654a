import { auth, createBill, createCitizen, seatCommission } from '../helpers/app';
import { screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** A visitor with no account reconstructs how the law was made: from an adopted passage back to its citizen. */

const suite = useBrowserSuite();

test('a visitor follows an adopted passage to its amendment and to the citizen who proposed it, then reads the history', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art1 = bill.articles[0]!;
  const camille = await createCitizen(app, 'Camille Rousseau');
  const id = (await app.http.post(`/api/articles/${art1.id}/amendments`).set(auth(camille))
    .send({ kind: 'modify', alineas: [art1.alineas[0], 'Elles les publient en ligne dans un standard ouvert.'], rationale: 'Des données réutilisables.', submit: true }).expect(201)).body.amendment.id as string;
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
  await app.http.post(`/api/amendments/${id}/decision`).set(auth(admin)).send({ decision: 'adopted' }).expect(200);
  await seatCommission(app, admin, bill.id);
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' }).expect(200);

  const page = await suite.open(null);
  await page.goto(`/textes/${bill.id}`);
  await page.getByRole('link', { name: 'Texte adopté' }).click();
  await page.getByRole('heading', { level: 1, name: 'Texte adopté' }).waitFor();
  // « dans un standard ouvert » was brought by Camille's amendment: it says so, and leads there
  const passage = page.locator('a.prov', { hasText: 'standard ouvert' });
  expect(await passage.locator('.prov-tip').textContent()).toContain('Camille Rousseau');
  await passage.click();
  await page.waitForURL(`**/amendements/${id}`);
  await page.getByRole('link', { name: 'Camille Rousseau' }).first().click();
  await page.waitForURL(`**/contributeurs/${camille.id}`);
  await page.getByRole('heading', { level: 1, name: /Camille Rousseau/ }).waitFor();
  await screenshot(page, 'history-contributor');

  // the bill's timeline, narrowed to the commission's decisions
  await page.goto(`/textes/${bill.id}/historique`);
  await page.locator('.timeline .event', { hasText: 'Amendement n° 1 déposé' }).waitFor();
  await page.getByRole('combobox', { name: 'Événements' }).selectOption('commission');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.locator('.timeline .event', { hasText: 'Amendement n° 1 adopté par la commission' }).waitFor();
  expect(await page.locator('.timeline .event', { hasText: 'déposé' }).count()).toBe(0);
  await screenshot(page, 'history-timeline');

  // the article's versions compared, and its amendment marked as adopted
  await page.goto(`/articles/${art1.id}/historique`);
  await page.locator('.diff-side ins', { hasText: 'standard' }).first().waitFor();
  await page.locator('.history-amendments li.outcome-adopted', { hasText: 'Amendement n° 1' }).waitFor();
  await screenshot(page, 'history-article');
  // each version has its permalink
  await page.getByRole('link', { name: 'Version 1' }).click();
  await page.waitForURL(`**/articles/${art1.id}/versions/1`);
  await page.getByRole('heading', { level: 1, name: 'Article 1er — version 1' }).waitFor();
  expect(await page.locator('.alineas li').allTextContents()).toEqual(art1.alineas);
});
