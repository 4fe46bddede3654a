import type { Locator, Page } from 'playwright-core';
import { auth, createBill, createCitizen, createUser, type TestUser } from '../helpers/app';
import { screenshot, confirmInDialog } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** The formalisation desk in Chromium: a clerk formalises a citizen's amendment while its author watches live. */

const suite = useBrowserSuite();
const open = (user: TestUser) => suite.open(user, { width: 1400, height: 1000 });

/** The editor's alinéas as shown (co-authors' carets are decorations, not text). */
const editorTexts = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll('.live-editor-text p.alinea'), (p) => {
  const copy = p.cloneNode(true) as Element;
  copy.querySelectorAll('.ProseMirror-yjs-cursor').forEach((c) => c.remove());
  return copy.textContent ?? '';
}));

async function synced(page: Page): Promise<Locator> {
  await page.locator('#live-editor .live-status', { hasText: 'Synchronisé' }).waitFor();
  return page.getByRole('textbox', { name: 'Texte mis en forme, un paragraphe par alinéa', exact: true });
}

test('a clerk takes an amendment from the desk and formalises it; the author watches the text and dispositif change live, then is told', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const [alice, clerk] = await Promise.all([createCitizen(app, 'Alice Martin'), createUser(app, { roles: ['clerk'], displayName: 'Greffière Dupont' })]);
  const citizenText = [article.alineas[0]!, 'Elles les publient en ligne gratuitement.'];
  const created = await app.http.post(`/api/articles/${article.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: citizenText, rationale: 'La gratuité garantit l’accès de tous.', submit: true }).expect(201);
  const id: string = created.body.amendment.id;

  // The clerk's desk lists it, with the counts.
  const clerkPage = await open(clerk);
  await clerkPage.goto(`/textes/${bill.id}`);
  await clerkPage.getByRole('link', { name: 'Bureau du greffe' }).click();
  await clerkPage.getByRole('heading', { level: 1, name: 'Bureau du greffe' }).waitFor();
  expect(await clerkPage.locator('.desk-counts div', { hasText: 'À mettre en forme' }).locator('dd').textContent()).toBe('1');
  await screenshot(clerkPage, 'desk');
  await clerkPage.getByRole('button', { name: 'Prendre en charge et mettre en forme' }).click();
  await clerkPage.waitForURL(`**/amendements/${id}/mise-en-forme`);
  const clerkEditor = await synced(clerkPage);
  expect(await editorTexts(clerkPage)).toEqual(citizenText);
  // The dispositif generated from the citizens' text is already there.
  await clerkPage.locator('#dispositif').waitFor();
  expect(await clerkPage.locator('#dispositif').inputValue()).toContain('gratuitement');

  // Alice follows from her amendment's page.
  const alicePage = await open(alice);
  await alicePage.goto(`/amendements/${id}`);
  await alicePage.getByRole('link', { name: /Suivre la mise en forme/ }).click();
  await synced(alicePage);
  expect(await alicePage.getByRole('button', { name: 'Publier la mise en forme' }).count()).toBe(0);

  // The clerk rewrites « gratuitement » as « à titre gratuit », at the end of alinéa 2 (the last).
  await clerkEditor.locator('p.alinea').nth(1).click();
  await clerkPage.keyboard.press('Control+End');
  for (let i = 0; i < 'gratuitement.'.length; i++) await clerkPage.keyboard.press('Backspace');
  await clerkPage.keyboard.type('à titre gratuit.');
  const formal = [article.alineas[0]!, 'Elles les publient en ligne à titre gratuit.'];
  await alicePage.waitForFunction((want) => JSON.stringify(Array.from(document.querySelectorAll('.live-editor-text p.alinea'), (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.ProseMirror-yjs-cursor').forEach((c) => c.remove());
    return copy.textContent ?? '';
  })) === JSON.stringify(want), formal);
  // Alice sees the clerk's caret and the dispositif regenerate.
  await alicePage.locator('.ProseMirror-yjs-cursor', { hasText: 'Greffière Dupont' }).waitFor();
  await alicePage.locator('div[data-live-dispositif]', { hasText: 'à titre gratuit' }).waitFor();
  await clerkPage.waitForFunction(() => (document.querySelector('#dispositif') as HTMLTextAreaElement | null)?.value.includes('à titre gratuit') ?? false);
  await screenshot(clerkPage, 'formalisation-clerk');
  await screenshot(alicePage, 'formalisation-author');

  // Publish with a note.
  await clerkPage.getByRole('textbox', { name: 'Note aux auteurs' }).fill('Formule consacrée : « à titre gratuit ».');
  await clerkPage.getByRole('button', { name: 'Publier la mise en forme' }).click();
  await clerkPage.waitForURL(`**/amendements/${id}#mise-en-forme`);
  await clerkPage.getByRole('heading', { name: 'Mise en forme par le greffe' }).waitFor();
  expect(await clerkPage.locator('.status').first().textContent()).toBe('Mis en forme');

  // Alice is notified, and sees what changed between her text and the formal one, and the liasse.
  await alicePage.goto('/');
  // two: the clerk took her amendment, then formalised it
  await alicePage.locator('.notifications-link', { hasText: '2' }).click();
  await alicePage.locator('.notification.unread', { hasText: /Greffière .* a pris en charge/ }).waitFor();
  const formalised = alicePage.locator('.notification.unread', { hasText: 'Formule consacrée' });
  // following a notification marks it read
  await formalised.getByRole('link', { name: /Amendement n° 1/ }).click();
  const section = alicePage.locator('section', { has: alicePage.getByRole('heading', { name: 'Mise en forme par le greffe' }) });
  await section.locator('ins', { hasText: 'titre' }).waitFor();
  await section.locator('del', { hasText: 'gratuitement' }).waitFor();
  const liasse = alicePage.locator('.liasse');
  expect(await liasse.locator('.liasse-number').textContent()).toBe('AMENDEMENT N° 1');
  expect(await liasse.locator('.liasse-dispositif').textContent()).toContain('à titre gratuit');
  await screenshot(alicePage, 'formalised-amendment');
  expect(await alicePage.locator('.notifications-link .count').count()).toBe(1);
  await alicePage.goto('/notifications');
  await alicePage.getByRole('button', { name: 'Tout marquer comme lu' }).click();
  expect(await alicePage.locator('.notifications-link .count').count()).toBe(0);
});

test('a clerk declares an amendment inadmissible and answers another from its page; the public sees both', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const [alice, clerk] = await Promise.all([createCitizen(app, 'Alice'), createUser(app, { roles: ['clerk'] })]);
  const create = async (text: string) => (await app.http.post(`/api/articles/${article.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: [text, article.alineas[1]!], rationale: 'Pourquoi pas.', submit: true }).expect(201)).body.amendment.id as string;
  const [a, b] = [await create('Une allocation de 1 000 euros est versée à chaque citoyen.'), await create('Les administrations communiquent tous leurs documents.')];
  const page = await open(clerk);
  await page.goto(`/amendements/${a}`);
  await page.getByRole('combobox', { name: 'Motif' }).selectOption('article_40');
  await page.getByRole('textbox', { name: 'Raison publique' }).fill('Crée une charge publique sans compensation.');
  await page.waitForLoadState('load'); // the dialog is the page script's
  await page.getByRole('button', { name: 'Déclarer irrecevable' }).click();
  await confirmInDialog(page);
  await page.locator('.notice', { hasText: 'Article 40 de la Constitution' }).waitFor();
  await page.goto(`/amendements/${b}`);
  await page.getByRole('textbox', { name: 'Réponse' }).fill('Le greffe transmet cet amendement à la commission.');
  await page.getByRole('button', { name: 'Publier la réponse' }).click();
  await page.getByRole('heading', { name: 'Réponses du greffe' }).waitFor();
  const pub = await suite.open(null);
  await pub.goto(`/amendements/${a}`);
  await pub.locator('.notice', { hasText: 'Crée une charge publique' }).waitFor();
  expect(await pub.getByRole('heading', { name: 'Espace du greffe' }).count()).toBe(0);
  await pub.goto(`/amendements/${b}`);
  await pub.locator('.response', { hasText: 'transmet cet amendement' }).waitFor();
});
