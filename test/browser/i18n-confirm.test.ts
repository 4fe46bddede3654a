import { auth, createBill, createCitizen } from '../helpers/app';
import { useBrowserSuite } from '../helpers/browser-suite';

/** Issue 16 › 5: on an English page the confirmation dialog asks in English (its catalogue a chunk loaded then). */
const suite = useBrowserSuite();

test('an author withdrawing an amendment on an English page is asked in English, « Cancel » focused first', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art = bill.articles[0]!;
  const author = await createCitizen(app, 'Sam Citizen');
  const id = (await app.http.post(`/api/articles/${art.id}/amendments`).set(auth(author))
    .send({ kind: 'modify', alineas: [art.alineas[0], 'Elles les publient en ligne pour chaque école.'], rationale: 'Les écoles doivent trouver les documents.', submit: true }).expect(201)).body.amendment.id as string;
  const page = await suite.open(author);
  await page.context().addCookies([{ name: 'lang', value: 'en', url: app.url }]);
  await page.goto(`/amendements/${id}`);
  await page.waitForLoadState('load');
  await page.getByRole('button', { name: 'Withdraw the amendment' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  expect(await dialog.getByRole('heading').textContent()).toBe('Withdraw this amendment?');
  expect(await dialog.locator('.consequences li').allTextContents()).toEqual(['It stays visible marked “Withdrawn”, but is no longer put to the vote nor examined.', 'This choice is final.']);
  expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement)).toBe(true);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
});
