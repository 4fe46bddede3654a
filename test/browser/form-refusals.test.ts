import { createBill, createCitizen } from '../helpers/app';
import { auditPage } from '../helpers/axe-audit';
import { useBrowserSuite } from '../helpers/browser-suite';

/**
 * Issue 16 › 7: a refused form of a page that holds several (the article page) comes back by a
 * redirect to that page, the message beside the form that failed and what was typed kept; the
 * browser is then on a GET address, so a reload sends nothing again.
 */
const suite = useBrowserSuite();

test('a refused argument comes back to the article page, its text kept; a reload sends no POST', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const page = await suite.open(await createCitizen(app, 'Romane Recharge'));
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
  });
  await page.goto(`/articles/${article.id}`);
  await page.waitForLoadState('load');
  await page.getByLabel('Contre').check();
  await page.getByLabel('Argument', { exact: true }).fill('Zq');
  await page.getByRole('button', { name: 'Publier l’argument' }).click();
  const alert = page.locator('.arguments-section [role="alert"]');
  await alert.waitFor();
  expect(posts).toEqual(['/arguments']);
  // back on the article page (GET), at the message: the refusal sealed in the address
  const url = new URL(page.url());
  expect(url.pathname).toBe(`/articles/${article.id}`);
  expect(url.searchParams.get('formulaire')).toMatch(/^[\w-]+$/);
  expect(url.hash).toBe('#erreurs');
  expect(await page.title()).toMatch(/^Erreur – /);
  // only that form shows it; what was typed is there
  expect(await page.getByRole('alert').count()).toBe(1);
  expect(await page.getByLabel('Argument', { exact: true }).inputValue()).toBe('Zq');
  expect(await page.getByLabel('Contre').isChecked()).toBe(true);
  expect(await auditPage(page)).toEqual([]);

  // the reload is a GET of that address: no POST again, nothing filed
  const reload = await page.reload();
  expect(reload?.request().method()).toBe('GET');
  expect(posts).toEqual(['/arguments']);
  expect((await app.testDb.db.query('SELECT 1 FROM arguments WHERE target_id = $1', [article.id])).rowCount).toBe(0);
});
