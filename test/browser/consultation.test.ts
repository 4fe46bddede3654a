import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_BILL_FILE } from '../../server/paths';
import { VOTE_LABELS_FR } from '../../shared/votes';
import { createAdmin, createBill, createCitizen, startTestApp, type TestApp } from '../helpers/app';
import {
  activeElement, horizontalOverflow, isFocused, launchBrowser, openContext, pageOutline, screenshot, tabTo, VIEWPORTS,
} from '../helpers/browser';

/** A visitor's consultation, in a real Chromium against the real server and database. */

let app: TestApp;
let browser: Browser;
let bill: Awaited<ReturnType<typeof createBill>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const admin = await createAdmin(app);
  bill = await createBill(app, admin, { status: 'consultation', text: fs.readFileSync(DEMO_BILL_FILE, 'utf8') });
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(opts: { viewport?: { width: number; height: number }; signedInWith?: { token: string } } = {}): Promise<Page> {
  const { context, page } = await openContext(browser, { baseURL: app.url, ...opts });
  contexts.push(context);
  return page;
}

function article(number: string): { id: string; number: string; alineas: string[] } {
  const found = bill.articles.find((a) => a.number === number);
  if (!found) throw new Error(`no article ${number} in the fixture`);
  return found;
}

/** French, one h1, and the skip link first in the tab order, visible once focused. */
async function expectSoundPage(page: Page): Promise<void> {
  // after a click, the heading can be there before the stylesheet applies (the skip link then sits in the flow)
  await page.waitForLoadState('load');
  const outline = await pageOutline(page);
  expect(outline.lang).toBe('fr');
  expect(outline.h1Count).toBe(1);
  const skip = page.locator('.skip-link');
  expect((await skip.boundingBox())?.y ?? 0).toBeLessThan(0);
  await page.keyboard.press('Tab');
  expect(await activeElement(page)).toMatchObject({ tag: 'a', className: 'skip-link', text: 'Aller au contenu' });
  const box = await skip.boundingBox();
  expect(box?.y).toBeGreaterThanOrEqual(0);
  expect(box?.height).toBeGreaterThan(0);
}

test('a visitor registers, logs out, logs back in, reads Article 2 and votes « D’accord » with the keyboard only', async () => {
  const page = await open();
  const account = page.getByRole('navigation', { name: 'Compte' });

  await page.goto('/');
  await expectSoundPage(page);
  await page.getByRole('link', { name: 'Projet de loi de test' }).waitFor();
  expect(await page.locator('.bill-list li .phase-consultation').textContent()).toBe('Consultation');

  await account.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
  await expectSoundPage(page);
  await page.getByLabel('Nom affiché').fill('Camille Durand');
  await page.getByLabel('Adresse électronique').fill('camille.durand@example.test');
  await page.getByLabel('Mot de passe').fill('une phrase de passe solide');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await account.locator('.who').waitFor();
  expect(await account.locator('.who').textContent()).toBe('Camille Durand');
  expect(new URL(page.url()).pathname).toBe('/');

  await account.getByRole('button', { name: 'Se déconnecter' }).click();
  await account.getByRole('link', { name: 'Se connecter' }).waitFor();
  expect(await account.locator('.who').count()).toBe(0);

  await account.getByRole('link', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
  await expectSoundPage(page);
  await page.getByLabel('Adresse électronique').fill('camille.durand@example.test');
  await page.getByLabel('Mot de passe').fill('une phrase de passe solide');
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await account.locator('.who').waitFor();
  expect(await account.locator('.who').textContent()).toBe('Camille Durand');

  await screenshot(page, 'home-desktop');

  await page.getByRole('link', { name: 'Projet de loi de test' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projet de loi de test' }).waitFor();
  await expectSoundPage(page);
  const toc = page.getByRole('navigation', { name: 'Sommaire' });
  expect(await toc.getByRole('link').allTextContents()).toEqual(bill.articles.map((a) => `Article ${a.number}`));
  expect(await toc.getByRole('link').count()).toBe(11);
  const alineas = page.locator('.bill-text .alineas > li');
  expect(await alineas.count()).toBe(bill.articles.reduce((n, a) => n + a.alineas.length, 0));
  expect(await page.locator('#art_2 ~ .alineas .al-num').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  await screenshot(page, 'bill-desktop');

  await page.locator('.bill-text').getByRole('link', { name: 'Article 2', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Article 2' }).waitFor();
  await expectSoundPage(page);
  const items = page.locator('.alineas > li');
  expect(await items.count()).toBe(10);
  expect(await page.locator('.alineas .al-num').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  expect(await items.first().textContent()).toBe(`1${article('2').alineas[0]}`);
  expect(await items.last().textContent()).toMatch(/^10II\. - Au second alinéa/);
  expect(await page.locator('.tally-for strong').textContent()).toBe('0');
  await screenshot(page, 'article-desktop');

  const agree = page.getByRole('button', { name: VOTE_LABELS_FR.for, exact: true });
  expect(await agree.getAttribute('aria-pressed')).toBe('false');
  await tabTo(page, agree);
  await page.keyboard.press('Enter');
  await page.locator('button.vote-for[aria-pressed="true"]').waitFor();
  expect(await page.locator('.tally-for strong').textContent()).toBe('1');
  expect(await page.locator('.tally-mitigated strong').textContent()).toBe('0');
  expect(await page.locator('.tally-against strong').textContent()).toBe('0');
  expect(await page.locator('button.vote[aria-pressed="true"]').count()).toBe(1);
  expect(new URL(page.url()).hash).toBe('#avis');
  await screenshot(page, 'article-desktop-voted');
}, 90_000);

test('on a phone (375 and 360 px wide) the bill and an article fit the screen without sideways scrolling', async () => {
  const citizen = await createCitizen(app, 'Lou Martin');
  for (const [name, viewport] of [['phone', VIEWPORTS.phone], ['phone-360', VIEWPORTS.smallPhone]] as const) {
    const page = await open({ viewport, signedInWith: citizen });
    await page.goto(`/textes/${bill.id}`);
    await page.getByRole('navigation', { name: 'Sommaire' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    // the table of contents comes above the text on a narrow screen
    const tocBox = await page.locator('.toc').boundingBox();
    const textBox = await page.locator('.bill-layout > .bill-text').boundingBox();
    expect(tocBox && textBox && tocBox.y + tocBox.height <= textBox.y).toBe(true);
    await screenshot(page, `bill-${name}`);

    await page.goto(`/articles/${article('2').id}`);
    await page.getByRole('heading', { level: 1, name: 'Article 2' }).waitFor();
    await page.locator('.vote-form').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, `article-${name}`);
  }
});

test('on a wide screen the table of contents sits beside the text, and alinéa numbers sit in its margin', async () => {
  const page = await open();
  await page.goto(`/textes/${bill.id}`);
  const tocBox = await page.locator('.toc').boundingBox();
  const textBox = await page.locator('.bill-layout > .bill-text').boundingBox();
  expect(tocBox && textBox && tocBox.x + tocBox.width < textBox.x).toBe(true);
  expect(tocBox?.y).toBe(textBox?.y);

  const geometry = await page.locator('#art_2 ~ .alineas > li').first().evaluate((li) => {
    const num = li.querySelector('.al-num');
    const text = li.lastChild;
    const range = document.createRange();
    if (text) range.selectNodeContents(text);
    return {
      marker: getComputedStyle(li).listStyleType,
      numRight: num?.getBoundingClientRect().right ?? Infinity,
      textLeft: range.getBoundingClientRect().left,
    };
  });
  expect(geometry.marker).toBe('none');
  expect(geometry.numRight).toBeLessThan(geometry.textLeft);
});

test('a visitor reaches every page of the consultation in French, with one h1 and the skip link first', async () => {
  const page = await open();
  for (const path of ['/', '/inscription', '/connexion', `/textes/${bill.id}`, `/articles/${article('1er bis').id}`, '/nulle-part']) {
    await page.goto(path);
    await expectSoundPage(page);
    // following the skip link puts the focus on the main content
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'contenu');
    expect(await isFocused(page.getByRole('main'))).toBe(true);
  }
});

test('a registration with a bad address and a short password is refused with each error next to its field', async () => {
  const page = await open({ viewport: VIEWPORTS.phone });
  await page.goto('/inscription');
  await page.getByLabel('Nom affiché').fill('Sacha Petit');
  await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
  await page.getByLabel('Mot de passe').fill('court');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('alert').waitFor();
  await expectSoundPage(page);

  expect(await page.getByRole('alert').textContent()).toBe('Le formulaire contient des erreurs.');
  for (const [label, id] of [['Adresse électronique', 'email'], ['Mot de passe', 'password']] as const) {
    const input = page.getByLabel(label);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(`${id}-error`);
    expect(await page.locator(`#${id}-error`).isVisible()).toBe(true);
  }
  expect(await page.locator('#password-error').textContent()).toBe('Le mot de passe est trop court : il doit compter au moins 10 caractères.');
  expect(await page.locator('#email-error').textContent()).toBe('Saisissez une adresse électronique valide, par exemple nom@exemple.fr.');
  expect((await pageOutline(page)).title).toBe('Erreur – Créer un compte · Palimpseste');
  // what was typed is kept, except the password
  expect(await page.getByLabel('Nom affiché').inputValue()).toBe('Sacha Petit');
  expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
  expect(await page.getByRole('navigation', { name: 'Compte' }).locator('.who').count()).toBe(0);
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, 'register-errors-phone');
});
