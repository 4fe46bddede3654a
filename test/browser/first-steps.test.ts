import { SESSION_COOKIE } from '../../server/auth/tokens';
import { auth, createBill, createCitizen } from '../helpers/app';
import { horizontalOverflow, screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** Issue 16 › a citizen's first steps, and pages that reflow (every page here is audited by axe too). */
const suite = useBrowserSuite();

test('« Proposer un amendement » opens a draft in the live editor at once, with the co-author invitation; without JavaScript, its textarea form', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const camille = await createCitizen(app, 'Camille Premiers-Pas');
  const page = await suite.open(camille);
  await page.goto(`/articles/${article.id}`);
  await page.getByRole('button', { name: 'Proposer un amendement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Brouillon d’amendement' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Rédaction en direct' }).waitFor();
  await page.getByRole('button', { name: 'Créer un lien d’invitation' }).waitFor();
  await screenshot(page, 'first-steps-live-editor');

  const context = await suite.browser.newContext({ baseURL: app.url, javaScriptEnabled: false, locale: 'fr-FR' });
  suite.track(context);
  await context.addCookies([{ name: SESSION_COOKIE, value: camille.token, url: app.url }]);
  const plain = await context.newPage();
  await plain.goto(`/articles/${article.id}`);
  await plain.getByRole('button', { name: 'Proposer un amendement' }).click();
  await plain.getByRole('heading', { level: 1, name: 'Brouillon d’amendement' }).waitFor();
  expect(await plain.getByRole('textbox', { name: 'Texte proposé', exact: true }).inputValue()).toBe(article.alineas.join('\n'));
  expect(await plain.locator('#live-editor').isHidden()).toBe(true);
});

test('a refused form comes back by a redirect: errors summarised with links, fields marked, what was typed kept, a reload sends nothing', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const page = await suite.open(await createCitizen(app, 'Dominique Oubli'));
  await page.goto(`/articles/${article.id}/amendements/nouveau`);
  // the browser's own bubble never shows: the form is « novalidate », our messages do
  expect(await page.locator('form[action$="/amendements"]').getAttribute('novalidate')).not.toBeNull();
  await page.getByRole('button', { name: 'Déposer l’amendement' }).click();
  await page.getByRole('alert').waitFor();
  expect(new URL(page.url()).pathname).toBe(`/articles/${article.id}/amendements/nouveau`);
  expect(new URL(page.url()).hash).toBe('#erreurs');
  // the summary links to each field in error, and that field says so
  const link = page.getByRole('alert').getByRole('link').first();
  const target = (await link.getAttribute('href'))!;
  expect(await page.locator(`${target}`).getAttribute('aria-invalid') ?? await page.locator(`${target} [aria-invalid]`).count()).toBeTruthy();
  // a reload is a plain GET of the form: the form is shown again (the sealed state lasts a minute), nothing is created
  const reload = await page.reload();
  expect(reload?.request().method()).toBe('GET');
  expect((await app.testDb.db.query('SELECT 1 FROM amendments WHERE article_id = $1', [article.id])).rowCount).toBe(0);
});

test('the main pages reflow at 320 px and at 200 % zoom (640 px): no sideways scrolling', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const camille = await createCitizen(app, 'Camille Étroit');
  const amendment = (await app.http.post(`/api/articles/${article.id}/amendments`).set(auth(camille))
    .send({ kind: 'modify', alineas: [article.alineas[0], 'Elles les publient en ligne, dans un format ouvert et réutilisable par tous.'], rationale: 'Un format ouvert.', submit: true })
    .expect(201)).body.amendment.id as string;
  const pages = [
    '/', `/textes/${bill.id}`, `/articles/${article.id}`, `/amendements/${amendment}`, `/amendements/${amendment}?vue=cote-a-cote`,
    `/articles/${article.id}/amendements`, '/recherche?q=format', '/connexion', '/inscription', '/mot-de-passe-oublie',
    '/accessibilite', '/plan-du-site', '/glossaire',
  ];
  const signedIn = ['/compte', `/articles/${article.id}/amendements/nouveau`];
  for (const width of [320, 640]) {
    const visitor = await suite.open(null, { width, height: 720 });
    const citizen = await suite.open(camille, { width, height: 720 });
    for (const [page, path] of [...pages.map((p) => [visitor, p] as const), ...signedIn.map((p) => [citizen, p] as const)]) {
      await page.goto(path);
      if (process.env.REFLOW_DEBUG) console.log(path, width, await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 6).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)));
      expect({ path, width, overflow: await horizontalOverflow(page) }).toEqual({ path, width, overflow: 0 });
      if (width === 320) await screenshot(page, `reflow-320${path.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
    }
  }
}, 120_000);

test('every page links to the accessibility statement and the site map', async () => {
  const page = await suite.open(null);
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: /^Accessibilité/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' }).waitFor();
  for (const h of ['État de conformité', 'Résultats des tests', 'Contenus non accessibles', 'Établissement de cette déclaration d’accessibilité', 'Retour d’information et contact', 'Voies de recours']) {
    await page.getByRole('heading', { level: 2, name: h }).waitFor();
  }
  expect(await page.getByRole('main').textContent()).toContain('partiellement conforme');
  await page.getByRole('link', { name: 'Défenseur des droits' }).first().waitFor();
  await page.getByRole('contentinfo').getByRole('link', { name: 'Plan du site' }).click();
  await page.getByRole('heading', { level: 1, name: 'Plan du site' }).waitFor();
  expect(await page.getByRole('main').getByRole('link').count()).toBeGreaterThan(10);
});
