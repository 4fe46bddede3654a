import { auth, createBill, createCitizen, type TestUser } from '../helpers/app';
import { screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';
import { openDraft } from '../helpers/live-draft';

/**
 * « Cosigner plutôt » (issue 16 › 1): an author about to table a near-duplicate sees the close
 * amendment already tabled, and co-signs it instead — from the plain form's « Déposer », and from
 * the live editor, whose list follows the text being typed.
 */
const suite = useBrowserSuite();

let bill: Awaited<ReturnType<typeof createBill>>;
let tabled: string;

beforeAll(async () => {
  bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app, 'Alice Première');
  const article = bill.articles[0]!;
  tabled = (await suite.app.http.post(`/api/articles/${article.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: [article.alineas[0], 'Elles les publient en ligne sous huit jours.'], rationale: 'Un délai, enfin.', submit: true }).expect(201)).body.amendment.id as string;
});

/** The amendments `who` authored on the bill (tabled: the public list). */
const filedBy = async (who: TestUser) =>
  ((await suite.app.http.get(`/api/bills/${bill.id}/amendments`).expect(200)).body.amendments as { authors: { id: string }[] }[]).filter((a) => a.authors.some((u) => u.id === who.id)).length;

test('the plain form: « Déposer » a near-duplicate shows the close amendment first; « Cosigner plutôt » co-signs it, nothing filed', async () => {
  const bruno = await createCitizen(suite.app, 'Bruno Presque');
  const article = bill.articles[0]!;
  const page = await suite.open(bruno);
  await page.goto(`/articles/${article.id}/amendements/nouveau`);
  await page.getByLabel('Texte proposé').fill(`${article.alineas[0]}\nElles les publient en ligne sous huit jours ouvrés.`);
  await page.getByLabel('Exposé sommaire').fill('Huit jours ouvrés.');
  await page.getByRole('button', { name: 'Déposer l’amendement' }).click();

  const close = page.getByRole('region', { name: 'Des amendements proches sont déjà déposés' });
  await close.waitFor();
  expect(new URL(page.url()).pathname).toBe(`/articles/${article.id}/amendements/nouveau`);
  await close.getByRole('link', { name: 'Amendement n° 1' }).waitFor();
  expect(await close.textContent()).toContain('Un délai, enfin.');
  // nothing filed yet; what was typed is still there, and the form now says « Déposer quand même »
  expect(await filedBy(bruno)).toBe(0);
  expect(await page.getByLabel('Texte proposé').inputValue()).toContain('sous huit jours ouvrés.');
  expect(await page.getByLabel('Exposé sommaire').inputValue()).toBe('Huit jours ouvrés.');
  await page.getByRole('button', { name: 'Déposer quand même' }).waitFor();
  await screenshot(page, 'cosign-instead-before-filing');

  await close.getByRole('button', { name: 'Cosigner plutôt Amendement n° 1' }).click();
  await page.waitForURL(`**/amendements/${tabled}#cosignataires`);
  await page.getByRole('region', { name: 'Cosignataires' }).getByRole('link', { name: 'Bruno Presque' }).waitFor();
  expect(await filedBy(bruno)).toBe(0);
});

test('the live editor: the close amendments follow the text typed, and « Cosigner plutôt » from the refreshed list', async () => {
  const carole = await createCitizen(suite.app, 'Carole Directe');
  const article = bill.articles[0]!;
  const draft = (await suite.app.http.post(`/api/articles/${article.id}/amendments`).set(auth(carole))
    .send({ kind: 'modify', rationale: 'Un délai.' }).expect(201)).body.amendment.id as string;
  const page = await suite.open(carole);
  const editor = await openDraft(page, draft);
  const close = page.getByRole('region', { name: 'Amendements proches déjà déposés' });
  await close.getByText('Aucun amendement déposé à cet article ne fait des modifications semblables').waitFor();
  expect(await close.getByRole('listitem').count()).toBe(0);

  // « Elles les publient en ligne. » → « … en ligne sous huit jours. », as amendment n° 1 does
  await editor.locator('p.alinea').nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' sous huit jours.');
  await page.locator('#live-editor .live-status', { hasText: 'Synchronisé' }).waitFor();
  // a few seconds after typing stops, the list is asked again; the polite status says it once
  await close.getByRole('link', { name: 'Amendement n° 1' }).waitFor({ timeout: 15_000 });
  expect(await close.getByText('Aucun amendement déposé à cet article').isHidden()).toBe(true);
  expect(await close.getByRole('status').textContent()).toBe('1 amendement déjà déposé fait des modifications proches des vôtres.');
  expect(await close.textContent()).toContain('modifications communes : 100 %');
  await screenshot(page, 'cosign-instead-live');

  await close.getByRole('button', { name: 'Cosigner plutôt Amendement n° 1' }).click();
  await page.waitForURL(`**/amendements/${tabled}#cosignataires`);
  await page.getByRole('region', { name: 'Cosignataires' }).getByRole('link', { name: 'Carole Directe' }).waitFor();
});
