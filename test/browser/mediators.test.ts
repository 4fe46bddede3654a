import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin, createBill, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { launchBrowser, openContext, screenshot } from '../helpers/browser';

/**
 * Assisted and collective contributions (issue 16 › 3), in a real Chromium: the admin declares a
 * structure de médiation, which files an amendment for a workshop and, later, an argument for a
 * person; the person claims it into their own account with the code handed to them.
 */

let app: TestApp;
let browser: Browser;
let bill: Awaited<ReturnType<typeof createBill>>;
let admin: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  admin = await createAdmin(app);
  bill = await createBill(app, admin, { status: 'consultation' });
}, 60_000);

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await browser?.close();
  await app?.close();
});

async function open(signedInWith: { token: string }): Promise<Page> {
  const { context, page } = await openContext(browser, { baseURL: app.url, signedInWith });
  contexts.push(context);
  return page;
}

test('a mediator files an amendment for a workshop and the person claims another later', async () => {
  const mediator = await createUser(app, { displayName: 'Espace numérique de Belleville' });
  const person = await createUser(app, { displayName: 'Awa Traoré' });
  const article = bill.articles[0]!;

  // the admin declares the structure, from the admin console
  const adminPage = await open(admin);
  await adminPage.goto(`/admin/comptes/${mediator.id}`);
  await adminPage.getByLabel('Nom de la structure').fill('Espace numérique de Belleville');
  await adminPage.getByLabel('Commune').fill('Paris');
  await adminPage.getByRole('button', { name: 'Déclarer structure de médiation' }).click();
  await expect(adminPage.locator('[role="status"], .notice').first().textContent()).resolves.toContain('structure de médiation');
  await expect(adminPage.locator('#mediation').locator('..').textContent()).resolves.toContain('Espace numérique de Belleville');
  await screenshot(adminPage, 'mediator-declared');

  // the mediator files the workshop's amendment
  const page = await open(mediator);
  await page.goto(`/articles/${article.id}/amendements/nouveau`);
  const form = page.locator('form[action$="/amendements"]');
  await form.getByLabel('Texte proposé').fill('Les administrations communiquent leurs documents dans un langage clair.\nElles les publient en ligne.');
  await form.getByLabel('Exposé sommaire').fill('Proposé par les participants de l’atelier : un texte que tout le monde comprend.');
  await form.getByLabel('Pour un atelier').check();
  await form.getByLabel('Lieu de l’atelier').fill('Médiathèque Couronnes');
  await form.getByLabel('Date de l’atelier').fill('2026-11-28');
  await form.getByLabel('Nombre de participants').fill('14');
  await screenshot(page, 'mediator-amendment-form');
  await form.getByRole('button', { name: 'Déposer l’amendement' }).click();
  await page.waitForURL(/\/amendements\/[0-9a-f-]{36}$/);
  await expect(page.locator('.provenance').textContent()).resolves.toBe(
    'Atelier du 28 novembre 2026 à Médiathèque Couronnes, 14 participants, recueilli par Espace numérique de Belleville (Paris)',
  );
  // the votes stay the citizens' own: no « Pour qui contribuez-vous ? » near them
  await expect(page.locator('#avis fieldset.on-behalf').count()).resolves.toBe(0);
  await screenshot(page, 'mediator-amendment-workshop');

  // later, an argument for one person, with her consent: the code is shown once
  await page.goto(`/articles/${article.id}`);
  const argue = page.locator('form[action="/arguments"]');
  await argue.getByLabel('Contre').check();
  await argue.getByLabel('Argument').fill('Les démarches en ligne me coupent de mes droits : il faut garder un guichet.');
  await argue.getByLabel('Pour une personne accompagnée').check();
  await argue.getByLabel('Nom affiché de la personne (nom ou pseudonyme)').fill('Awa T.');
  await argue.getByLabel(/La personne a donné son accord/).check();
  await argue.getByRole('button', { name: 'Publier l’argument' }).click();
  await page.waitForURL(/\/mediation\/code\?c=/);
  const code = (await page.locator('#claim-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
  await screenshot(page, 'mediator-claim-code');
  await page.getByRole('link', { name: 'Voir la contribution publiée' }).click();
  const argument = page.locator('.argument-against').filter({ hasText: 'garder un guichet' });
  await expect(argument.locator('.provenance').textContent()).resolves.toBe('Au nom de Awa T., recueilli par Espace numérique de Belleville (Paris)');

  // the person, signed in, claims it from « Mon compte » › « Récupérer mes contributions »
  const hers = await open(person);
  await hers.goto('/compte');
  await hers.getByRole('link', { name: 'Récupérer mes contributions' }).click();
  await hers.getByLabel('Code de récupération').fill('00000-00000-00000-00000-00000');
  await hers.getByRole('button', { name: 'Récupérer' }).click();
  await expect(hers.locator('.field-error').textContent()).resolves.toContain('Ce code ne correspond à aucune contribution');
  await hers.getByLabel('Code de récupération').fill(code.toLowerCase());
  await hers.getByRole('button', { name: 'Récupérer' }).click();
  await expect(hers.locator('.notice[role="status"]').textContent()).resolves.toContain('est maintenant dans votre compte');
  await screenshot(hers, 'mediator-claimed');
  await hers.getByRole('link', { name: 'La voir' }).click();
  const claimed = hers.locator('.argument-against').filter({ hasText: 'garder un guichet' });
  await expect(claimed.locator('.meta').textContent()).resolves.toContain('Awa Traoré');
  await expect(claimed.locator('.provenance').textContent()).resolves.toContain('(récupéré par la personne)');
  await screenshot(hers, 'mediator-claimed-argument');

  // the code served once
  await hers.goto('/recuperer');
  await hers.getByLabel('Code de récupération').fill(code);
  await hers.getByRole('button', { name: 'Récupérer' }).click();
  await expect(hers.locator('.field-error').textContent()).resolves.toContain('déjà servi');
}, 120_000);
