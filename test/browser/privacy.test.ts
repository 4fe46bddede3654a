import fs from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { auth, createAdmin, createBill, createCitizen, startTestApp, type TestApp } from '../helpers/app';
import { horizontalOverflow, launchBrowser, openContext, pageOutline, screenshot, VIEWPORTS, confirmInDialog } from '../helpers/browser';

/** A citizen downloads their data, then deletes their account from « Mon compte », in Chromium. */

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await app?.close();
});

test('download my data, delete my account with my password; my amendment then reads « contributeur supprimé »', async () => {
  const bill = await createBill(app, await createAdmin(app), { status: 'consultation' });
  const camille = await createCitizen(app, 'Camille Départ');
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(camille))
    .send({ kind: 'delete', rationale: 'Cet article ne sert à rien.', submit: true }).expect(201);
  const amendmentId: string = res.body.amendment.id;
  for (const [who, value] of [[camille, 'for'], [await createCitizen(app), 'against'], [await createCitizen(app), 'for']] as const) {
    await app.http.put(`/api/amendments/${amendmentId}/vote`).set(auth(who)).send({ value }).expect(200);
  }

  const { context, page } = await openContext(browser, { baseURL: app.url, signedInWith: camille });
  contexts.push(context);
  await page.goto('/');
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
  expect((await pageOutline(page)).title).toBe('Mon compte · Palimpseste');

  // the download is a JSON file with my account and my own vote
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger mes données' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^palimpseste-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(data.account).toMatchObject({ email: camille.email, displayName: 'Camille Départ' });
  expect(data.votes).toEqual([expect.objectContaining({ targetType: 'amendment', targetId: amendmentId, value: 'for' })]);
  expect(JSON.stringify(data)).not.toMatch(/argon2/);

  // a wrong password is refused next to the field, and nothing happens
  const password = page.getByLabel('Votre mot de passe, pour confirmer');
  await password.fill('pas le bon');
  await page.waitForLoadState('load'); // the dialog is the page script's
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await confirmInDialog(page);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('Mot de passe incorrect');
  expect(await password.getAttribute('aria-invalid')).toBe('true');
  await screenshot(page, 'account-delete-refused');

  await password.fill('mot-de-passe-de-test');
  await page.waitForLoadState('load'); // the dialog is the page script's
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await confirmInDialog(page);
  await page.getByRole('heading', { level: 1, name: 'Compte supprimé' }).waitFor();
  // signed out: the header offers to sign in again
  await page.getByRole('link', { name: 'Se connecter' }).waitFor();

  await page.goto(`/amendements/${amendmentId}`);
  const authors = page.locator('.authors');
  expect(await authors.textContent()).toBe('Auteur : contributeur supprimé');
  expect(await page.content()).not.toContain('Camille');
  // the votes still count, the chart and its figures are there
  expect(await page.locator('.tally-for strong').textContent()).toBe('2');
  await page.locator('#evolution-votes').waitFor();
  await page.getByText('Voir les données').click();
  await page.locator('.chart-data table').waitFor();
  await screenshot(page, 'amendment-after-account-deletion');

  // the author's link leads to a page that keeps the contributions and nothing of the person
  await authors.getByRole('link', { name: 'contributeur supprimé' }).click();
  await page.getByRole('heading', { level: 1, name: 'contributeur supprimé' }).waitFor();
  expect(await page.locator('.contribution').count()).toBe(1);
  await screenshot(page, 'contributor-deleted');

  // the amendment's chart links to the bill's participation, which fits a phone's width
  await page.goto(`/amendements/${amendmentId}`);
  await page.getByRole('link', { name: 'Participation jour par jour au projet de loi' }).click();
  await page.getByRole('heading', { level: 1, name: 'Participation jour par jour' }).waitFor();
  await page.setViewportSize(VIEWPORTS.phone);
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, 'participation-phone');
}, 60_000);
