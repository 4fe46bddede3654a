import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp } from '../helpers/app';
import { confirmInDialog, launchBrowser, openContext, screenshot } from '../helpers/browser';

/** Annotating, arguing and moderating through the pages, in a real Chromium. */

let app: TestApp;
let browser: Browser;
let bill: Awaited<ReturnType<typeof createBill>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  bill = await createBill(app, await createAdmin(app), { status: 'consultation' });
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(signedInWith?: { token: string }): Promise<Page> {
  const { context, page } = await openContext(browser, { baseURL: app.url, ...(signedInWith ? { signedInWith } : {}) });
  contexts.push(context);
  return page;
}

test('a citizen annotates a passage with the keyboard only; it is highlighted with its footnote', async () => {
  const page = await open(await createCitizen(app, 'Inès'));
  const article = bill.articles[0]!;
  await page.goto(`/articles/${article.id}`);
  // Keyboard only: focus the form fields and type, as a screen-reader or keyboard user would.
  await page.getByLabel('Alinéa', { exact: true }).focus();
  await page.keyboard.press('ArrowDown'); // alinéa 2 : « Elles les publient en ligne. »
  await page.keyboard.press('Tab');
  await page.keyboard.type('publient en ligne');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Dans quel format ? Ouvert, j’espère.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#annotations-title$/);
  const mark = page.locator('li[data-alinea="2"] mark');
  await expect(mark.textContent()).resolves.toBe('publient en ligne');
  await expect(page.locator('.annotation').first().textContent()).resolves.toContain('Dans quel format ?');
  await screenshot(page, 'article-annotated');
});

test('a wrong passage is refused next to the form, keeping what was typed', async () => {
  const page = await open(await createCitizen(app));
  await page.goto(`/articles/${bill.articles[1]!.id}`);
  await page.getByLabel('Passage cité').fill('un passage absent');
  await page.getByLabel('Votre commentaire').fill('Mon commentaire');
  await page.getByRole('button', { name: 'Publier l’annotation' }).click();
  await expect(page.locator('#annoter [role="alert"]').textContent()).resolves.toContain('ne figure pas');
  await expect(page.getByLabel('Votre commentaire').inputValue()).resolves.toBe('Mon commentaire');
});

test('selecting words with the mouse fills the annotation form (JavaScript enhancement)', async () => {
  const page = await open(await createCitizen(app));
  await page.goto(`/articles/${bill.articles[0]!.id}`);
  // Select « communiquent » inside alinéa 1.
  await page.evaluate(() => {
    const text = document.querySelector('li[data-alinea="1"] .al-text')!.firstChild!;
    const start = text.textContent!.indexOf('communiquent');
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + 'communiquent'.length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  const offer = page.locator('button.annotate-selection');
  await offer.waitFor({ state: 'visible' });
  await offer.click();
  await expect(page.getByLabel('Passage cité').inputValue()).resolves.toBe('communiquent');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('annot-body');
  await page.keyboard.type('Communiquer, ou publier ?');
  await page.getByRole('button', { name: 'Publier l’annotation' }).click();
  await page.waitForURL(/#annotations-title$/);
  await expect(page.locator('li[data-alinea="1"] mark').textContent()).resolves.toBe('communiquent');
});

test('an argument is posted and voted; a moderator hides it with a public reason shown in its place and in the log', async () => {
  const citizen = await open(await createCitizen(app, 'Paul'));
  const article = bill.articles[1]!;
  await citizen.goto(`/articles/${article.id}`);
  await citizen.getByLabel('Contre').check();
  await citizen.getByLabel('Argument', { exact: true }).fill('La date est trop proche pour les petites communes.');
  await citizen.getByRole('button', { name: 'Publier l’argument' }).click();
  await citizen.waitForURL(/#arguments-title$/);
  const arg = citizen.locator('.argument-against').first();
  await expect(arg.textContent()).resolves.toContain('trop proche');
  await arg.getByRole('button', { name: /D'accord/ }).click();
  await expect(citizen.locator('.argument-against').first().textContent()).resolves.toMatch(/D'accord 1/);

  const moderator = await open(await createUser(app, { roles: ['moderator'], displayName: 'Équipe de modération' }));
  await moderator.goto(`/articles/${article.id}`);
  const reported = moderator.locator('.argument-against').first();
  await reported.getByText('Signaler').click();
  await reported.getByLabel('Règle de la charte enfreinte').selectOption('spam');
  await reported.getByLabel('Commentaire (facultatif)').fill('Hors sujet ?');
  await reported.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await moderator.goto('/moderation/signalements');
  await moderator.getByLabel(/^Choisir/).first().check();
  await moderator.getByRole('radio', { name: 'Masquer' }).check();
  await moderator.getByLabel('Règle de la charte (obligatoire pour masquer)').selectOption('spam');
  await moderator.getByLabel('Raison publique (facultative)').fill('Message publicitaire');
  await moderator.waitForLoadState('load'); // the dialog is the page script's
  await moderator.getByRole('button', { name: 'Appliquer aux éléments cochés' }).click();
  await confirmInDialog(moderator);
  await moderator.waitForURL(/\/moderation\/signalements\?fait=/);
  await citizen.goto(`/articles/${article.id}`);
  await expect(citizen.locator('.argument-against .moderated').first().textContent()).resolves.toBe('masqué par la modération : Message publicitaire');
  await citizen.goto('/moderation');
  await expect(citizen.locator('table.data tbody tr').first().textContent()).resolves.toContain('Message publicitaire');
  await screenshot(citizen, 'moderation-log');
});
