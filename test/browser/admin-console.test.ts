import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { VOTE_LABELS_FR } from '../../shared/votes';
import { ensureAdmin } from '../../server/commands/ensure-admin';
import { PROJECT_ROOT } from '../../server/paths';
import { startTestApp, type TestApp } from '../helpers/app';
import { ARTIFACTS_DIR, confirmInDialog, horizontalOverflow, launchBrowser, openContext, screenshot, VIEWPORTS } from '../helpers/browser';

/**
 * A consultation run from the browser only, from an empty database: the admin (from the `admin`
 * start-up option) imports a bill by pasting it, opens the consultation, two citizens amend and
 * vote, the admin names a clerk and the commission by typing part of their names, the clerk
 * formalises, the commission decides or closes each amendment, the admin adopts and downloads.
 */

const ADMIN = { email: 'admin@palimpseste.test', password: 'Girafe-Horloge-Pivoine-57' };
const PASSWORD = 'Tournesol-Quartz-Violon-82';
// The first three articles of the fixture bill: small enough for a fast test.
const FIXTURE = fs.readFileSync(path.join(PROJECT_ROOT, '../shared/fixtures/bills/pjl-enseignement-superieur-extrait.txt'), 'utf8');
const BILL = FIXTURE.slice(0, FIXTURE.indexOf('\nArticle 3\n') + 1);

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  await ensureAdmin(app.testDb.db, ADMIN); // what `npm start` does with ADMIN_EMAIL / ADMIN_PASSWORD
}, 60_000);
afterAll(async () => Promise.all([browser?.close(), app?.close()]));

async function newPage(opts: { javaScript?: boolean; phone?: boolean } = {}): Promise<Page> {
  if (opts.javaScript === false) {
    const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false, locale: 'fr-FR', viewport: VIEWPORTS.desktop });
    return context.newPage();
  }
  return (await openContext(browser, { baseURL: app.url, viewport: opts.phone ? VIEWPORTS.phone : VIEWPORTS.desktop })).page;
}

async function signIn(email: string, password: string, opts: { javaScript?: boolean } = {}): Promise<Page> {
  const page = await newPage(opts);
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  return page;
}

async function register(displayName: string): Promise<Page> {
  const page = await newPage();
  await page.goto('/inscription');
  await page.getByLabel('Nom affiché').fill(displayName);
  await page.getByLabel('Adresse électronique').fill(`${displayName.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase()}@exemple.fr`);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  return page;
}

async function amend(page: Page, billId: string, article: string, from: string, to: string): Promise<void> {
  await page.goto(`/textes/${billId}`);
  await page.locator('.article-title a', { hasText: new RegExp(`^Article ${article}$`) }).click();
  await page.getByRole('link', { name: 'Supprimer l’article, insérer un article additionnel, ou écrire sans l’éditeur' }).click();
  const text = page.getByLabel('Texte proposé');
  await text.fill((await text.inputValue()).replace(from, to));
  await page.getByLabel('Exposé sommaire').fill(`Remplacer « ${from} » par « ${to} ».`);
  await page.getByRole('button', { name: 'Déposer l’amendement' }).click();
  await page.getByRole('heading', { level: 1, name: /^Amendement n° \d+$/ }).waitFor();
}

test('an admin runs a consultation from the browser, from an empty database to the adopted text and its exports', async () => {
  const [camille, dominique, gaelle, elise] = (await Promise.all(['Camille Rousseau', 'Dominique Leroy', 'Gaëlle Greffier', 'Élise Lambert'].map(register))) as [Page, Page, Page, Page];

  // The admin signs in and finds the console in the header.
  const admin = await signIn(ADMIN.email, ADMIN.password);
  await admin.getByRole('link', { name: 'Administration' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  await screenshot(admin, 'admin-console-home');

  // Import by pasting: a duplicated article is shown with its line numbers, then the preview.
  await admin.getByRole('navigation', { name: 'Console d’administration' }).getByRole('link', { name: 'Textes' }).click();
  await admin.getByRole('link', { name: 'Nouveau texte' }).click();
  await admin.getByLabel('Texte du projet de loi').fill(`${BILL}\nArticle 2\nUn alinéa de trop.\n`);
  await admin.getByRole('button', { name: 'Prévisualiser' }).click();
  const issue = admin.locator('.import-issues li').first();
  expect(await issue.textContent()).toMatch(/Ligne \d+ : L’article 2 apparaît deux fois : lignes \d+ et \d+\./);
  expect(await admin.getByRole('button', { name: /Créer le texte/ }).count()).toBe(0);
  await screenshot(admin, 'admin-import-errors');
  await admin.getByLabel('Texte du projet de loi').fill(BILL);
  await admin.getByRole('button', { name: 'Prévisualiser à nouveau' }).click();
  await admin.getByRole('heading', { name: /^Aperçu : PROJET DE LOI relatif à l'enseignement supérieur/ }).waitFor();
  expect(await admin.locator('.import-preview tbody th').allTextContents()).toEqual(['1er bis', '2', '2 bis']);
  await screenshot(admin, 'admin-import-preview');
  await admin.getByRole('button', { name: 'Créer le texte (brouillon)' }).click();
  await admin.getByRole('status').filter({ hasText: 'Texte créé : 3 articles' }).waitFor();
  const billId = new URL(admin.url()).pathname.split('/')[3]!;

  // Opening the consultation asks first, in a dialog that says what follows (once the page's script is there).
  await admin.waitForLoadState('load');
  await admin.getByRole('button', { name: 'Ouvrir la consultation' }).click();
  expect(await confirmInDialog(admin)).toBe('Ouvrir la consultation ?');
  await admin.locator('.meta .phase', { hasText: 'Consultation' }).waitFor();

  // Two citizens amend, each votes for the other's amendment.
  await amend(camille, billId, '2 bis', 'trois ans', 'deux ans');
  await amend(dominique, billId, '1er bis', "sur l'ensemble du territoire", "sur l'ensemble du territoire national");
  for (const [page, other] of [[camille, dominique], [dominique, camille]] as const) {
    await page.goto(other.url());
    await page.getByRole('button', { name: VOTE_LABELS_FR.for, exact: true }).click();
    await page.getByRole('button', { name: VOTE_LABELS_FR.for, exact: true, pressed: true }).waitFor();
  }

  // The admin finds the clerk by part of her name and makes her a clerk (confirmed).
  await admin.goto('/admin');
  await admin.getByRole('navigation', { name: 'Console d’administration' }).getByRole('link', { name: 'Comptes' }).click();
  await admin.getByLabel('Nom ou adresse électronique').fill('gaël');
  await admin.getByRole('button', { name: 'Chercher' }).click();
  await admin.getByRole('status').filter({ hasText: '1 compte pour « gaël »' }).waitFor();
  await screenshot(admin, 'admin-people-search');
  await admin.getByRole('link', { name: 'Gaëlle Greffier' }).click();
  await admin.getByRole('checkbox', { name: 'Greffe' }).check();
  await admin.waitForLoadState('load'); // the dialog is the page script's
  await admin.getByRole('button', { name: 'Enregistrer les rôles' }).click();
  expect(await confirmInDialog(admin)).toBe('Changer les rôles de « Gaëlle Greffier » ?');
  await admin.getByRole('status').filter({ hasText: 'Rôles de Gaëlle Greffier : Greffe.' }).waitFor();
  await screenshot(admin, 'admin-account');

  // The commission: « Éli » suggests Élise Lambert; « Dom », not completed, leads to a page to choose.
  await admin.goto(`/admin/textes/${billId}`);
  const name = admin.getByRole('combobox', { name: 'Nom affiché du compte' });
  await name.pressSequentially('Éli');
  const suggestion = admin.locator('datalist#membre-suggestions option[value="Élise Lambert"]');
  await suggestion.waitFor({ state: 'attached' });
  await name.fill((await suggestion.getAttribute('value'))!);
  await admin.getByRole('combobox', { name: 'Collège' }).selectOption('elected');
  await admin.getByRole('button', { name: 'Nommer', exact: true }).click();
  await admin.locator('.members-admin', { hasText: 'Élise Lambert' }).waitFor();
  await admin.getByRole('combobox', { name: 'Nom affiché du compte' }).fill('Dom');
  await admin.getByRole('combobox', { name: 'Collège' }).selectOption('citizen');
  await admin.getByRole('button', { name: 'Nommer', exact: true }).click();
  await admin.getByRole('heading', { level: 1, name: 'Choisir le compte à nommer' }).waitFor();
  await admin.getByRole('button', { name: 'Nommer Dominique Leroy' }).click();
  await admin.locator('.members-admin li li', { hasText: 'Dominique Leroy' }).waitFor();
  await screenshot(admin, 'admin-bill-commission');

  // The clerk formalises Camille's amendment from her desk.
  await gaelle.goto(`/textes/${billId}/greffe`);
  await gaelle.getByRole('button', { name: 'Prendre en charge et mettre en forme' }).first().click();
  await gaelle.waitForURL('**/mise-en-forme');
  await gaelle.locator('#live-editor .live-status', { hasText: 'Synchronisé' }).waitFor();
  await gaelle.getByRole('textbox', { name: 'Note aux auteurs' }).fill('Rédaction conforme.');
  await gaelle.getByRole('button', { name: 'Publier la mise en forme' }).click();
  await gaelle.getByRole('heading', { name: 'Mise en forme par le greffe' }).waitFor();

  // Closing the consultation without JavaScript: a confirmation page states the consequences.
  const plain = await signIn(ADMIN.email, ADMIN.password, { javaScript: false });
  await plain.goto(`/admin/textes/${billId}`);
  await plain.getByRole('button', { name: 'Clore la consultation et réunir la commission' }).click();
  await plain.getByRole('heading', { level: 1, name: 'Clore la consultation et réunir la commission ?' }).waitFor();
  expect(await plain.locator('.consequences li').allTextContents()).toContain('Les brouillons d’amendement encore ouverts sont figés (lecture seule) et leurs auteurs en sont avertis.');
  await screenshot(plain, 'admin-confirm-page');
  await plain.getByRole('button', { name: 'Clore la consultation' }).click();
  await plain.locator('.meta .phase', { hasText: 'Commission' }).waitFor();

  // Adopting too early is refused, with the amendments still pending linked.
  await admin.goto(`/admin/textes/${billId}`);
  await admin.getByRole('button', { name: 'Adopter le texte' }).click();
  await confirmInDialog(admin);
  await admin.getByRole('heading', { level: 1, name: 'Changement de phase impossible' }).waitFor();
  expect(await admin.locator('.pending-amendments a').allTextContents()).toEqual(expect.arrayContaining(['Amendement n° 1', 'Amendement n° 2']));
  await screenshot(admin, 'admin-adoption-refused');

  // The members vote for Camille's amendment; the chair decides by the rule and closes the other.
  for (const member of [elise, dominique]) {
    await member.goto(`/textes/${billId}/commission`);
    await member.locator('#examen-2').getByRole('button', { name: 'Pour' }).click();
    await member.locator('#examen-2').getByRole('button', { name: 'Pour', pressed: true }).waitFor();
  }
  await admin.goto(`/textes/${billId}/commission`);
  await admin.locator('#examen-2').getByRole('button', { name: 'Décider selon la règle' }).click();
  await confirmInDialog(admin);
  await admin.locator('#examen-2 [data-decision]', { hasText: 'Adopté' }).waitFor();
  await admin.locator('#examen-1 summary').click();
  await admin.locator('#examen-1').getByLabel(/Raison publique/).fill('Hors du champ de la séance.');
  await admin.waitForLoadState('load'); // the dialog is the page script's
  await admin.locator('#examen-1').getByRole('button', { name: 'Clore comme « non examiné »' }).click();
  expect(await confirmInDialog(admin)).toBe('Clore cet amendement comme « non examiné » ?');
  await admin.locator('[data-pending]', { hasText: '0 amendement' }).waitFor();

  // Adoption, confirmed, from the console; at phone width the console fits.
  const phone = await signIn(ADMIN.email, ADMIN.password);
  await phone.setViewportSize(VIEWPORTS.phone);
  await phone.goto(`/admin/textes/${billId}`);
  expect(await horizontalOverflow(phone)).toBe(0);
  await screenshot(phone, 'admin-bill-phone');
  await phone.waitForLoadState('load'); // the dialog is the page script's
  await phone.getByRole('button', { name: 'Adopter le texte' }).click();
  await phone.getByRole('dialog').waitFor();
  await phone.screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-adopt-dialog-phone.png') });
  expect(await confirmInDialog(phone)).toBe('Adopter le texte ?');
  await phone.locator('.meta .phase', { hasText: 'Adopté' }).waitFor();

  // The exports download.
  await admin.goto(`/textes/${billId}/texte-reconcilie`);
  await admin.getByRole('heading', { level: 1, name: 'Texte adopté' }).waitFor();
  const links = await admin.locator('.downloads a[href^="/api/"]').all();
  expect(links.length).toBeGreaterThanOrEqual(4);
  const names: string[] = [];
  for (const link of links) {
    const [download] = await Promise.all([admin.waitForEvent('download'), link.click()]);
    names.push(download.suggestedFilename());
    expect(fs.statSync((await download.path())!).size).toBeGreaterThan(100);
  }
  for (const ext of ['.json', '.md', '.html', '.xml']) expect(names.some((n) => n.endsWith(ext))).toBe(true);
}, 180_000);
