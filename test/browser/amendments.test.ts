import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setAmendmentHidden } from '../../server/sql/amendments';
import { VOTE_LABELS_FR } from '../../shared/votes';
import { createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { horizontalOverflow, launchBrowser, openContext, pageOutline, screenshot, VIEWPORTS, confirmInDialog } from '../helpers/browser';

/** Proposing, reading and voting on amendments through the server-rendered pages, in Chromium. */

let app: TestApp;
let browser: Browser;
let admin: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  admin = await createAdmin(app);
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

/** A fresh bill in consultation for each test, so that amendment numbers start at 1. */
async function articleOne(): Promise<{ id: string; number: string; alineas: string[] }> {
  const bill = await createBill(app, admin, { status: 'consultation' });
  return bill.articles[0]!;
}

async function expectOneH1InFrench(page: Page): Promise<void> {
  const outline = await pageOutline(page);
  expect(outline.lang).toBe('fr');
  expect(outline.h1Count).toBe(1);
}

test('a citizen proposes an amendment from the article page and lands on amendment 1 with its diff; another votes « D’accord » on it', async () => {
  const article = await articleOne();
  const alice = await createCitizen(app, 'Alice Roussel');
  const page = await open({ signedInWith: alice });

  await page.goto(`/articles/${article.id}`);
  await page.getByRole('link', { name: 'Supprimer l’article, insérer un article additionnel, ou écrire sans l’éditeur' }).click();
  await page.getByRole('heading', { level: 1, name: 'Proposer un amendement à l’article 1er' }).waitFor();
  await expectOneH1InFrench(page);
  expect(await page.getByLabel('Modifier l’article 1er').isChecked()).toBe(true);
  // the article's alinéas are there, one per line, ready to be edited
  expect(await page.getByLabel('Texte proposé').inputValue()).toBe(article.alineas.join('\n'));

  await page.getByLabel('Texte proposé').fill('Les administrations publient leurs données.\nElles les publient en ligne.');
  await page.getByLabel('Exposé sommaire').fill('Les données valent mieux que les documents.');
  await page.getByRole('button', { name: 'Déposer l’amendement' }).click();

  await page.getByRole('heading', { level: 1, name: 'Amendement n° 1' }).waitFor();
  await expectOneH1InFrench(page);
  expect(new URL(page.url()).pathname).toMatch(/^\/amendements\/[0-9a-f-]{36}$/);
  expect(await page.locator('.meta .status').textContent()).toBe('Déposé');
  expect(await page.locator('.meta .kind').textContent()).toBe('Modification');
  expect(await page.locator('.authors').textContent()).toBe('Auteur : Alice Roussel');
  expect(await page.locator('ol.diff ins').allTextContents()).toEqual(['ajouté : publient', 'ajouté : données']);
  expect(await page.locator('ol.diff del').allTextContents()).toEqual(['supprimé : communiquent', 'supprimé : documents']);
  expect(await page.locator('.rationale').textContent()).toBe('Les données valent mieux que les documents.');
  // deposited at once: its first revision is the deposit (there was no draft)
  expect(await page.locator('.revisions li').allTextContents()).toEqual([expect.stringMatching(/^Révision 1 — dépôt, le /)]);
  const amendmentUrl = page.url();
  await screenshot(page, 'amendment-desktop');

  // side by side, then back to the unified diff, by plain links
  await page.getByRole('link', { name: 'Afficher le texte actuel et le texte proposé côte à côte' }).click();
  await page.locator('table.diff-side').waitFor();
  expect(await page.locator('table.diff-side tbody tr').count()).toBe(2);
  await page.getByRole('link', { name: 'Afficher les modifications dans le texte' }).click();
  await page.locator('ol.diff').waitFor();

  const bob = await createCitizen(app, 'Bob Lefèvre');
  const other = await open({ signedInWith: bob });
  await other.goto(`/articles/${article.id}`);
  await other.getByRole('link', { name: 'Voir les amendements à l’article 1er' }).click();
  await other.getByRole('heading', { level: 1, name: 'Amendements à l’article 1er' }).waitFor();
  await expectOneH1InFrench(other);
  const item = other.locator('.amendment-item');
  expect(await item.count()).toBe(1);
  expect(await item.locator('.authors').textContent()).toBe('Auteur : Alice Roussel');
  expect(await item.locator('.status').textContent()).toBe('Déposé');
  await screenshot(other, 'amendment-list-desktop');

  await other.getByRole('link', { name: 'Amendement n° 1' }).click();
  await other.getByRole('heading', { level: 1, name: 'Amendement n° 1' }).waitFor();
  expect(other.url()).toBe(amendmentUrl);
  // not an author: no authors' space
  expect(await other.locator('#auteurs').count()).toBe(0);
  await other.getByRole('button', { name: VOTE_LABELS_FR.for, exact: true }).click();
  await other.locator('button.vote-for[aria-pressed="true"]').waitFor();
  expect(await other.locator('.tally-for strong').textContent()).toBe('1');
  expect(await other.locator('.tally-against strong').textContent()).toBe('0');
  expect(new URL(other.url()).hash).toBe('#avis');

  // the argument form of the article page works on an amendment too
  await other.getByLabel('Contre', { exact: true }).check();
  await other.getByLabel('Argument', { exact: true }).fill('Les documents comptent aussi, pas seulement les données.');
  await other.getByRole('button', { name: 'Publier l’argument' }).click();
  await other.locator('.argument-against').waitFor();
  expect(other.url()).toBe(`${amendmentUrl}#arguments-title`);
  expect(await other.locator('.argument-against > p').first().textContent()).toBe('Les documents comptent aussi, pas seulement les données.');
  await screenshot(other, 'amendment-desktop-voted');

  await other.goto(`/articles/${article.id}/amendements`);
  expect(await other.locator('.amendment-item .tally-for strong').textContent()).toBe('1');
}, 90_000);

test('on a phone the amendment, its side-by-side diff and the list fit the screen without sideways scrolling', async () => {
  const article = await articleOne();
  const alice = await createCitizen(app, 'Alice Phone');
  const page = await open({ viewport: VIEWPORTS.phone, signedInWith: alice });
  await page.goto(`/articles/${article.id}/amendements/nouveau`);
  await page.getByLabel('Texte proposé').fill(`${article.alineas.join('\n')}\nUn décret en Conseil d’État précise les modalités d’application du présent article.`);
  await page.getByLabel('Exposé sommaire').fill('Renvoyer au décret les détails.');
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, 'amendment-new-phone');
  await page.getByRole('button', { name: 'Déposer l’amendement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Amendement n° 1' }).waitFor();
  expect(await page.locator('ol.diff li.diff-insert').count()).toBe(1);
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, 'amendment-phone');

  await page.goto(`${new URL(page.url()).pathname}?vue=cote-a-cote`);
  await page.locator('table.diff-side').waitFor();
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, 'amendment-side-by-side-phone');

  await page.goto(`/articles/${article.id}/amendements`);
  await page.locator('.amendment-item').waitFor();
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, 'amendment-list-phone');
});

test('depositing without an exposé sommaire is refused next to that field, keeping what was typed; the draft can then be completed and deposited', async () => {
  const article = await articleOne();
  const alice = await createCitizen(app, 'Alice Brouillon');
  const page = await open({ signedInWith: alice });
  await page.goto(`/articles/${article.id}/amendements/nouveau`);
  const proposed = 'Les administrations communiquent leurs documents sans délai.\nElles les publient en ligne.';
  await page.getByLabel('Texte proposé').fill(proposed);
  await page.getByRole('button', { name: 'Déposer l’amendement' }).click();

  await page.getByRole('alert').waitFor();
  await expectOneH1InFrench(page);
  // post → redirect → get: the browser is back on the form's address, and a reload sends nothing
  expect(new URL(page.url()).pathname).toBe(`/articles/${article.id}/amendements/nouveau`);
  const message = 'Ajoutez un exposé sommaire avant de déposer l’amendement.';
  expect(await page.getByRole('alert').locator('p').textContent()).toBe(message);
  // the summary links to the field
  await page.getByRole('alert').getByRole('link', { name: message }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('expose');
  expect(await page.locator('#expose-error').textContent()).toBe(message);
  const expose = page.getByLabel('Exposé sommaire');
  expect(await expose.getAttribute('aria-invalid')).toBe('true');
  expect((await expose.getAttribute('aria-describedby'))?.split(' ')).toContain('expose-error');
  expect(await page.getByLabel('Texte proposé').inputValue()).toBe(proposed);
  expect((await pageOutline(page)).title).toMatch(/^Erreur – /);
  await screenshot(page, 'amendment-new-errors');

  // nothing was created
  const list = await open();
  await list.goto(`/articles/${article.id}/amendements`);
  expect(await list.locator('.empty').textContent()).toMatch(/^Aucun amendement n’a encore été déposé sur cet article\./);

  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByRole('heading', { level: 1, name: 'Brouillon d’amendement' }).waitFor();
  const draftUrl = page.url();
  await screenshot(page, 'amendment-draft-desktop');
  expect(await page.locator('.meta .status').textContent()).toBe('Brouillon');
  expect(await page.locator('ol.diff ins').allTextContents()).toEqual([expect.stringMatching(/^ajouté : \s*sans délai$/)]);

  // a draft exists only for its authors
  const stranger = await open({ signedInWith: await createCitizen(app) });
  const response = await stranger.goto(draftUrl);
  expect(response?.status()).toBe(404);

  // « Déposer » saves what was just typed in the draft form, then submits
  await page.getByRole('textbox', { name: 'Exposé sommaire' }).fill('Un délai indéfini vide le droit de sa substance.');
  await page.getByRole('main').getByRole('button', { name: 'Déposer l’amendement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Amendement n° 1' }).waitFor();
  expect(page.url()).toBe(draftUrl);
  expect(await page.locator('.rationale').textContent()).toBe('Un délai indéfini vide le droit de sa substance.');
  expect(await page.locator('.revisions li').allTextContents()).toEqual([
    expect.stringMatching(/^Révision 1 — brouillon, le /), expect.stringMatching(/^Révision 2 — brouillon, le /), expect.stringMatching(/^Révision 3 — dépôt, le /),
  ]);
});

test('an author invites by link and adds a co-author by display name; an unknown account is refused next to the field; the deposited amendment can be withdrawn', async () => {
  const article = await articleOne();
  const alice = await createCitizen(app, 'Alice Autrice');
  await createUser(app, { kind: 'organisation', displayName: 'Association Données Ouvertes' });
  const page = await open({ signedInWith: alice });
  await page.goto(`/articles/${article.id}/amendements/nouveau`);
  await page.getByLabel('Supprimer l’article 1er').check();
  await page.getByLabel('Exposé sommaire').fill('Cet article est inutile.');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByRole('heading', { level: 1, name: 'Brouillon d’amendement' }).waitFor();
  expect(await page.locator('.meta .kind').textContent()).toBe('Suppression');
  expect(await page.locator('ol.diff del').count()).toBe(2);

  await page.getByLabel('Nom affiché du co-auteur').fill('00000000-0000-0000-0000-000000000000');
  await page.getByRole('button', { name: 'Ajouter le co-auteur' }).click();
  await page.locator('#coauteur-error').waitFor();
  expect(await page.getByLabel('Nom affiché du co-auteur').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('alert').count()).toBe(1);

  await page.getByRole('button', { name: 'Créer un lien d’invitation' }).click();
  const link = await page.getByRole('status').getByRole('link').textContent();
  expect(link).toMatch(/\/invitations\/[\w-]{20,}$/);
  await page.getByLabel('Nom affiché du co-auteur').fill('Association Données Ouvertes');
  await page.getByRole('button', { name: 'Ajouter le co-auteur' }).click();
  await page.locator('.authors .badge').waitFor();
  expect(await page.locator('.authors').textContent()).toBe('Auteurs : Alice Autrice, Association Données Ouvertes organisation');

  await page.getByRole('main').getByRole('button', { name: 'Déposer l’amendement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Amendement n° 1' }).waitFor();
  // the dialog is the page script's: a click before it loaded would get the no-JS confirmation page
  await page.waitForLoadState('load');
  await page.getByRole('button', { name: 'Retirer l’amendement' }).click();
  await confirmInDialog(page);
  await page.locator('.meta .status-withdrawn').waitFor();
  expect(await page.locator('.meta .status').textContent()).toBe('Retiré');
  expect(await page.locator('.vote-form').count()).toBe(0);
});

test('a signed-out visitor asked to sign in before proposing comes back to the form; a moderated amendment shows only the reason', async () => {
  const article = await articleOne();
  const alice = await createCitizen(app, 'Alice Masquée');
  const page = await open();
  await page.goto(`/articles/${article.id}/amendements/nouveau`);
  await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
  expect(new URL(page.url()).searchParams.get('suite')).toBe(`/articles/${article.id}/amendements/nouveau`);
  await page.getByLabel('Adresse électronique').fill(alice.email);
  await page.getByLabel('Mot de passe').fill('mot-de-passe-de-test');
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Proposer un amendement à l’article 1er' }).waitFor();

  await page.getByLabel('Texte proposé').fill('Texte <b>injecté</b> & « guillemets ».');
  await page.getByLabel('Exposé sommaire').fill('<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Déposer l’amendement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Amendement n° 1' }).waitFor();
  // what people type is text, never markup
  expect(await page.locator('main b, main script').count()).toBe(0);
  expect(await page.locator('.rationale').textContent()).toBe('<script>alert(1)</script>');
  const id = new URL(page.url()).pathname.split('/').pop()!;

  await setAmendmentHidden(app.testDb.db, id, 'propos injurieux');
  const visitor = await open();
  await visitor.goto(`/amendements/${id}`);
  await visitor.locator('.moderated').waitFor();
  expect(await visitor.locator('.moderated').textContent()).toBe('masqué par la modération : propos injurieux');
  expect(await visitor.locator('ol.diff, .rationale').count()).toBe(0);
  await visitor.goto(`/articles/${article.id}/amendements`);
  expect(await visitor.locator('.amendment-item .moderated').textContent()).toBe('masqué par la modération : propos injurieux');
});

test('the list sorts by the chosen ranking without JavaScript, links to the formulas, and pages by 20', async () => {
  const article = await articleOne();
  const alice = await createCitizen(app, 'Alice Série');
  // 21 amendments through the API: the pages are what is tested here
  for (let i = 1; i <= 21; i++) {
    await app.http.post(`/api/articles/${article.id}/amendments`).set({ Authorization: `Bearer ${alice.token}` })
      .send({ kind: 'insert_after', alineas: [`Article additionnel numéro ${i}.`], rationale: 'Pour la série.', submit: true }).expect(201);
  }
  const page = await open({ viewport: VIEWPORTS.desktop });
  await page.goto(`/articles/${article.id}/amendements`);
  expect(await page.locator('.amendment-item').count()).toBe(20);
  expect(await page.locator('.amendment-item-title').first().textContent()).toBe('Amendement n° 1');
  await page.getByRole('link', { name: 'Page suivante →' }).click();
  await page.getByRole('link', { name: '← Page précédente' }).waitFor();
  expect(await page.locator('.amendment-item-title').allTextContents()).toEqual(['Amendement n° 21']);

  await page.getByLabel('Trier par').selectOption('recent');
  await page.getByRole('button', { name: 'Trier' }).click();
  await page.waitForURL(/tri=recent/);
  await screenshot(page, 'amendment-list-sorted-desktop');
  expect(await page.locator('.amendment-item-title').first().textContent()).toBe('Amendement n° 21');
  expect(await page.getByLabel('Trier par').inputValue()).toBe('recent');

  await page.getByRole('link', { name: 'Comment ces classements sont-ils calculés ?' }).click();
  await page.getByRole('heading', { level: 1, name: 'Comment les amendements sont classés' }).waitFor();
  await expectOneH1InFrench(page);
  expect(await page.locator('.ranking-doc h2').count()).toBe(6);
  expect(await page.locator('#classement-support').textContent()).toContain('les plus soutenus');
  await screenshot(page, 'rankings-desktop');
});
