import type { Browser, BrowserContext } from 'playwright-core';
import { auth, createAdmin, createBill, createCitizen, startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, openContext, screenshot } from '../helpers/browser';
import { startTestProvider, type TestProvider } from '../helpers/oidc';

/** « Se connecter avec … » in Chromium, against the real test provider (oidc-provider on loopback). */

let provider: TestProvider;
let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  provider = await startTestProvider();
  [app, browser] = await Promise.all([startTestApp({ oidc: provider.config }), launchBrowser()]);
  await provider.register([`${app.url}/auth/oidc/callback`]);
}, 60_000);

afterEach(() => Promise.all(contexts.splice(0).map((c) => c.close())));
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.stop();
});

async function open(signedInWith?: { token: string }) {
  const { context, page } = await openContext(browser, { baseURL: app.url, ...(signedInWith ? { signedInWith } : {}) });
  contexts.push(context);
  return page;
}

test('a visitor signs in with the provider: a new account, named by the provider, with the « identité vérifiée » badge', async () => {
  await provider.addAccount({ login: 'nadia', password: 'mot-de-passe-fournisseur', sub: 'sub-nadia', claims: { name: 'Nadia Fournier', email: 'nadia@example.test', email_verified: true, birthdate: '1990-01-01' } });
  const bill = await createBill(app, await createAdmin(app), { status: 'consultation' });
  const page = await open();
  await page.goto(`/articles/${bill.articles[0]!.id}`);
  await page.getByRole('link', { name: 'Connectez-vous' }).first().click();
  await page.getByRole('link', { name: 'Se connecter avec Fournisseur de test' }).click();
  // at the provider
  await page.getByLabel('Login').fill('nadia');
  await page.getByLabel('Password').fill('mot-de-passe-fournisseur');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // back, signed in, on the page the sign-in started from
  await page.waitForURL(`${app.url}/articles/${bill.articles[0]!.id}`);
  const who = page.locator('.site-header .who');
  expect(await who.textContent()).toContain('Nadia Fournier');
  expect(await who.textContent()).toContain('identité vérifiée');

  // and the vote form is there, as for any signed-in person
  await page.getByRole('button', { name: "D'accord", exact: true }).first().click();
  await page.getByRole('link', { name: 'identités vérifiées seulement' }).click();
  expect(await page.locator('section[aria-labelledby="avis"] .tally').first().textContent()).toMatch(/\(1 vote\)/);
  await screenshot(page, 'oidc-signed-in-verified-tally');

  await page.getByRole('link', { name: 'Mon compte' }).click();
  await page.getByRole('heading', { level: 2, name: 'Identité vérifiée' }).waitFor();
  expect(await page.locator('#identite').locator('..').textContent()).toContain('Relié à Fournisseur de test');
});

test('a signed-in person links their account from « Mon compte »', async () => {
  await provider.addAccount({ login: 'olivier', password: 'autre-mot-de-passe', sub: 'sub-olivier', claims: { name: 'Olivier P.', email: 'olivier@example.test', email_verified: true } });
  const olivier = await createCitizen(app, 'Olivier');
  const page = await open(olivier);
  await page.goto('/compte');
  await page.getByRole('button', { name: 'Relier mon compte à Fournisseur de test' }).click();
  await page.getByLabel('Login').fill('olivier');
  await page.getByLabel('Password').fill('autre-mot-de-passe');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${app.url}/compte#identite`);
  expect(await page.locator('#identite').locator('..').textContent()).toContain('Relié à Fournisseur de test');
  // the name stays the account's own; the badge is added
  expect(await page.locator('.site-header .who').textContent()).toMatch(/Olivier\s+identité vérifiée/);
  const me = await app.http.get('/api/me').set(auth(olivier));
  expect(me.body.user).toMatchObject({ displayName: 'Olivier', assurance: 'verified' });
});
