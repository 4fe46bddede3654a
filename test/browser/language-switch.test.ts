import { AxeBuilder } from '@axe-core/playwright';
import { createBill } from '../helpers/app';
import { pageOutline, screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** English as a second language of the interface (issue 16 › 5): the switch, with the keyboard, remembered. */
const suite = useBrowserSuite();

test('a visitor switches to English with the keyboard; the choice follows them; the legal text stays French; back to French', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art = bill.articles[0]!;
  const page = await suite.open(null);
  await page.goto(`/articles/${art.id}`);
  expect((await pageOutline(page)).lang).toBe('fr');

  const switcher = page.getByRole('navigation', { name: 'Langue' });
  await switcher.getByRole('link', { name: 'English' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/articles/${art.id}?lang=en`);
  expect((await pageOutline(page)).lang).toBe('en');
  await page.getByRole('heading', { level: 1, name: 'Article 1er' }).waitFor();
  await page.getByRole('heading', { name: 'Participants’ opinions' }).waitFor();
  // the law itself is not translated, and says so to assistive technologies
  expect(await page.locator('.bill-text').getAttribute('lang')).toBe('fr');
  expect(await page.locator('.bill-text').textContent()).toContain('Les administrations communiquent leurs documents.');
  const english = page.getByRole('navigation', { name: 'Language' });
  expect(await english.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe('true');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await screenshot(page, 'article-in-english');

  // remembered: a plain link elsewhere, then another page, in English
  await page.getByRole('link', { name: 'Bills' }).first().click();
  await page.waitForURL((url) => url.pathname === '/');
  expect((await pageOutline(page)).lang).toBe('en');
  await page.getByRole('heading', { level: 1, name: 'Bills' }).waitFor();

  await english.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/?lang=fr');
  expect((await pageOutline(page)).lang).toBe('fr');
  await page.getByRole('heading', { level: 1, name: 'Projets de loi' }).waitFor();
});
