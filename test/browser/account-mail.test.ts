import type { Browser, BrowserContext } from 'playwright-core';
import { auth, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { launchBrowser, openContext, screenshot, VIEWPORTS } from '../helpers/browser';
import { linkIn, startSmtpSink, type SmtpSink } from '../helpers/smtp';

/**
 * Issue 13 in Chromium: « mot de passe oublié » from end to end (the link read from a real SMTP
 * server), the e-mail preferences of « Mon compte », and the admin's outbox.
 */
let app: TestApp;
let browser: Browser;
let sink: SmtpSink;
const contexts: BrowserContext[] = [];
const STRONG = 'cerf-volant orange sous la pluie 42';
const NEW = 'girafe pensive traverse le désert 7';

beforeAll(async () => {
  sink = await startSmtpSink();
  [app, browser] = await Promise.all([
    startTestApp({ mail: { smtpUrl: sink.url, from: 'Palimpseste <ne-pas-repondre@test.local>', verification: 'optional', worker: true, digestHour: 8, secret: undefined, pollMs: 50 } }),
    launchBrowser(),
  ]);
}, 60_000);
afterEach(() => Promise.all(contexts.splice(0).map((c) => c.close())));
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sink?.close();
});

async function page(user: TestUser | null, viewport: { width: number; height: number } = VIEWPORTS.desktop) {
  const opened = await openContext(browser, { baseURL: app.url, viewport, ...(user ? { signedInWith: user } : {}) });
  contexts.push(opened.context);
  return opened.page;
}

test('« Mot de passe oublié » from the sign-in page to a new password, the link read from the mailbox', async () => {
  await app.http.post('/api/auth/register').send({ email: 'nora@exemple.fr', password: STRONG, displayName: 'Nora Oubli' }).expect(201);
  const p = await page(null, VIEWPORTS.phone);
  await p.goto('/connexion');
  await p.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await p.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
  await p.getByLabel('Adresse électronique').fill('nora@exemple.fr');
  await p.getByRole('button', { name: 'Recevoir le lien' }).click();
  await p.getByText('Demande reçue.').waitFor();
  await screenshot(p, 'mot-de-passe-oublie-envoye');

  await sink.waitFor(2);
  const [mail] = sink.to('nora@exemple.fr').filter((m) => m.subject === 'Palimpseste — choisir un nouveau mot de passe');
  const link = linkIn(mail!, '/mot-de-passe/nouveau');
  await p.goto(link);
  await p.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();
  // a weak password is refused beside the field, in French
  await p.getByLabel('Nouveau mot de passe').fill('motdepasse1');
  await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await p.getByRole('alert').waitFor();
  expect(await p.title()).toMatch(/^Erreur – /);
  await p.getByLabel('Nouveau mot de passe').fill(NEW);
  await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await p.getByText('Votre nouveau mot de passe est enregistré').waitFor();
  await screenshot(p, 'mot-de-passe-change');

  await p.getByRole('link', { name: 'Se connecter' }).last().click();
  await p.getByLabel('Adresse électronique').fill('nora@exemple.fr');
  await p.getByLabel('Mot de passe', { exact: true }).fill(NEW);
  await p.getByRole('button', { name: 'Se connecter' }).click();
  await p.getByRole('link', { name: 'Mon compte' }).waitFor();
  // the same link does not work twice
  await p.goto(link);
  await p.getByLabel('Nouveau mot de passe').fill('une autre phrase de passe 55');
  await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await p.getByText('Ce lien a déjà servi').waitFor();
});

test('« Mon compte » : choosing, kind by kind, when to hear by e-mail — keyboard only', async () => {
  const user = await createUser(app, { displayName: 'Omar Préférences', verified: true });
  const p = await page(user);
  await p.goto('/compte');
  const section = p.getByRole('region', { name: 'Notifications par courriel' });
  await section.waitFor();
  // each radio is named by its kind and its column
  await section.getByRole('radio', { name: 'Décision Jamais' }).focus();
  await p.keyboard.press('Space');
  await section.getByRole('radio', { name: 'Commission Dans le résumé quotidien' }).check();
  await screenshot(p, 'compte-courriels');
  await section.getByRole('button', { name: 'Enregistrer mes préférences' }).press('Enter');
  await p.getByText('Vos préférences de courriels sont enregistrées.').waitFor();
  expect(await p.getByRole('radio', { name: 'Décision Jamais' }).isChecked()).toBe(true);
  const prefs = await app.http.get('/api/me/notification-preferences').set(auth(user)).expect(200);
  expect(prefs.body.preferences).toMatchObject({ decided: 'never', appointed: 'digest', formalised: 'immediate' });

  // the password form refuses a wrong current password beside the field
  await p.getByLabel('Mot de passe actuel', { exact: true }).fill('pas le bon');
  await p.getByLabel('Nouveau mot de passe').fill(NEW);
  await p.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await p.getByText('Mot de passe actuel incorrect.').first().waitFor();
  expect(await p.title()).toBe('Erreur – Mon compte · Palimpseste');
});

test('the admin reads the outbox and one message, its link clickable', async () => {
  const admin = await createUser(app, { roles: ['admin'], displayName: 'Admin Courriels', verified: true });
  const p = await page(admin);
  await p.goto('/admin');
  await p.getByRole('navigation', { name: 'Console d’administration' }).getByRole('link', { name: 'Courriels' }).click();
  await p.getByRole('heading', { level: 1, name: 'Courriels' }).waitFor();
  await p.getByText('Les courriels partent par le relais SMTP configuré').waitFor();
  await screenshot(p, 'admin-courriels');
  await p.getByRole('link', { name: 'Palimpseste — votre mot de passe a changé' }).first().click();
  await p.getByRole('heading', { level: 2, name: 'Texte' }).waitFor();
  expect(await p.locator('pre.mail-text').textContent()).toContain('Bonjour Nora Oubli,');
});
