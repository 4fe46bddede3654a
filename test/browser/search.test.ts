import { auth, createBill, createCitizen } from '../helpers/app';
import { screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** A visitor searches from the header, and reads what an article changes before its legal text. */
const suite = useBrowserSuite();

test('search from the header: accents and plurals ignored, marked extracts, a type filter, to the amendment', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art1 = bill.articles[0]!;
  const camille = await createCitizen(app, 'Camille Écoute');
  const id = (await app.http.post(`/api/articles/${art1.id}/amendments`).set(auth(camille))
    .send({ kind: 'modify', alineas: [art1.alineas[0], 'Elles les publient en ligne pour chaque école.'], rationale: 'Les écoles doivent trouver les documents.', submit: true }).expect(201)).body.amendment.id as string;

  const page = await suite.open(null);
  await page.goto('/');
  await page.getByRole('link', { name: 'Rechercher' }).click();
  await page.getByRole('searchbox', { name: 'Mots à chercher' }).fill('ecoles');
  await page.getByRole('combobox', { name: 'Chercher parmi' }).selectOption('amendment');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('status').filter({ hasText: '1 résultat' }).waitFor();
  const result = page.locator('.search-result').first();
  expect(await result.locator('mark').first().textContent()).toMatch(/écoles?/i);
  await screenshot(page, 'search-results');
  await result.getByRole('link').click();
  await page.waitForURL(`**/amendements/${id}`);
});

test('« Ce que change cet article » comes before the legal text, written by a clerk from the page', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art1 = bill.articles[0]!;
  const page = await suite.open(admin);
  await page.goto(`/articles/${art1.id}`);
  await page.getByText('Écrire : ce que change l’article 1er').click();
  await page.getByRole('textbox', { name: 'Ce que change l’article 1er' })
    .fill('Les administrations devront publier leurs documents en ligne.\nLe premier alinéa ne change pas.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(`**/articles/${art1.id}#ce-que-change`);

  const visitor = await suite.open(null);
  await visitor.goto(`/articles/${art1.id}`);
  const summary = visitor.getByRole('region', { name: 'Ce que change cet article' });
  await summary.getByText('Les administrations devront publier').waitFor();
  // shown before the legal text
  const [summaryTop, textTop] = await Promise.all([summary.boundingBox(), visitor.locator('.bill-text').boundingBox()]);
  expect(summaryTop!.y).toBeLessThan(textTop!.y);
  // « alinéa » is explained in place: its definition is the link's accessible description
  const term = summary.getByRole('link', { name: 'alinéa' });
  expect(await term.getAttribute('href')).toBe('/glossaire#alinea');
  const describedBy = await term.getAttribute('aria-describedby');
  expect(await visitor.locator(`#${describedBy}`).textContent()).toContain('paragraphe');
  await screenshot(visitor, 'article-summary');
  await term.click();
  await visitor.waitForURL('**/glossaire#alinea');
  await visitor.locator('#alinea:target').waitFor();
});

test('« Rechercher dans ce texte » from a bill’s page lands on /recherche limited to it; its articles can then be chosen', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const [art1, art2] = bill.articles;
  const page = await suite.open(null);
  await page.goto(`/textes/${bill.id}`);
  const within = page.getByRole('search', { name: 'Rechercher dans ce texte' });
  await within.getByRole('searchbox', { name: 'Rechercher dans ce texte' }).fill('vigueur');
  await within.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL(`**/recherche?bill=${bill.id}&q=vigueur`);
  await page.getByRole('status').filter({ hasText: '1 résultat' }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Projet de loi' }).inputValue()).toBe(bill.id);
  // the bill chosen, its articles are offered
  await page.getByRole('combobox', { name: 'Article' }).selectOption({ label: 'Article 1er' });
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/recherche' && u.searchParams.get('bill') === bill.id && u.searchParams.get('article') === art1!.id && u.searchParams.get('q') === 'vigueur');
  await page.getByRole('status').filter({ hasText: 'Aucun résultat' }).waitFor();
  // from an article's page, limited to that article
  await page.goto(`/articles/${art2!.id}`);
  await page.getByRole('searchbox', { name: 'Rechercher dans cet article' }).fill('vigueur');
  await page.getByRole('searchbox', { name: 'Rechercher dans cet article' }).press('Enter');
  await page.waitForURL(`**/recherche?bill=${bill.id}&article=${art2!.id}&q=vigueur`);
  await page.getByRole('status').filter({ hasText: '1 résultat' }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Article' }).inputValue()).toBe(art2!.id);
});
