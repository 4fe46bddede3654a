import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBill, createUser } from '../helpers/app';
import { useBrowserSuite } from '../helpers/browser-suite';
import { screenshot, tabTo, isFocused, VIEWPORTS } from '../helpers/browser';

/**
 * The console's import forms: a bill from an Akoma Ntoso file (read by the page's script, then
 * previewed), and a chamber's amendments into a bill, from a file or pasted without JavaScript.
 */
const SHARED = path.join(__dirname, '../../../shared/fixtures');
const AKN_FILE = path.join(SHARED, 'akn/bill-extrait.xml');
const AMENDMENTS = path.join(SHARED, 'amendments');
const AN_XML = `<amendements>${['135', '177', '192', '270', '723'].map((f) => fs.readFileSync(path.join(AMENDMENTS, 'an-plfss2017-4072', `${f}.xml`), 'utf8').replace(/<\?xml[^>]*\?>/, '')).join('\n')}</amendements>`;
const SENAT_CSV = path.join(AMENDMENTS, 'senat-jeu-complet-2017-2018-63-short.csv');
const BILL = `PROJET DE LOI de financement de la sécurité sociale

Article 1er
Premier article.

Article 3
${Array.from({ length: 9 }, (_, i) => `Alinéa ${i + 1} de l’article 3.`).join('\n')}

Article 8
Huitième article.
`;

const suite = useBrowserSuite();

test('an admin imports a bill from an Akoma Ntoso file: the format follows the file, the preview shows its articles', async () => {
  const page = await suite.open(suite.admin);
  await page.goto('/admin/textes/nouveau');
  await page.getByLabel('Lire un fichier (.txt, .json ou .xml)').setInputFiles(AKN_FILE);
  await page.waitForFunction(() => (document.getElementById('texte') as HTMLTextAreaElement).value.includes('akomaNtoso'));
  expect(await page.getByLabel(/Akoma Ntoso 3\.0/).isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await page.getByRole('heading', { name: 'Aperçu : République numérique' }).waitFor();
  await page.getByText('2 articles, 3 alinéas.').waitFor();
  await screenshot(page, 'import-akn-preview');
  await page.getByRole('button', { name: 'Créer le texte (brouillon)' }).click();
  await page.getByText('Texte créé : 2 articles, à l’état de brouillon.').waitFor();
  // a broken document: the page says why, with a 422 for a well-formed document that is no bill
  await page.goto('/admin/textes/nouveau');
  await page.getByLabel(/Akoma Ntoso 3\.0/).check();
  await page.getByLabel('Texte du projet de loi').fill('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><judgment/></akomaNtoso>');
  const refused = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Prévisualiser' }).click()]);
  expect(refused[0].status()).toBe(422);
  await page.getByText(/Document attendu : <bill>/).waitFor();
});

test('on the bill’s console page, an admin imports the Assemblée’s amendments from a file, and reads what was skipped', async () => {
  const bill = await createBill(suite.app, suite.admin, { text: BILL, status: 'consultation' });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'an-')), 'amendements.xml');
  fs.writeFileSync(file, AN_XML);
  const page = await suite.open(suite.admin);
  await page.goto(`/admin/textes/${bill.id}`);
  await page.getByRole('heading', { name: 'Amendements parlementaires' }).waitFor();
  await page.getByLabel('Lire un fichier (.xml ou .csv)').setInputFiles(file);
  await page.waitForFunction(() => (document.getElementById('donnees') as HTMLTextAreaElement).value.includes('<amendement'));
  expect(await page.getByLabel(/^Assemblée nationale/).isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Importer les amendements' }).click();
  await page.getByText('4 amendements importés, 1 écarté.').waitFor();
  const row = page.getByRole('table', { name: 'Amendements écartés' }).getByRole('row', { name: /135/ });
  expect(await row.textContent()).toContain('aucun article 9 dans ce projet de loi');
  await screenshot(page, 'import-an-report');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

test('a clerk, without JavaScript, pastes the Sénat’s CSV from the keyboard; an empty paste is refused in place', async () => {
  const bill = await createBill(suite.app, suite.admin, { text: BILL, status: 'commission' });
  const clerk = await createUser(suite.app, { roles: ['clerk'] });
  const page = await suite.open(clerk, VIEWPORTS.phone);
  await page.goto(`/textes/${bill.id}/greffe`);
  await page.getByRole('link', { name: 'Importer des amendements parlementaires' }).click();
  await page.getByRole('heading', { level: 1, name: 'Importer des amendements parlementaires' }).waitFor();
  // the script reveals the file picker (it may run after the heading is shown)
  await page.getByLabel('Lire un fichier (.xml ou .csv)').waitFor();
  // the keyboard reaches the form; without data, the refusal is shown beside the field
  await page.getByRole('button', { name: 'Importer les amendements' }).click();
  await page.getByText('Ce champ est requis.').first().waitFor();
  expect(await page.getByLabel('Contenu du fichier').getAttribute('aria-invalid')).toBe('true');

  const context = await suite.browser.newContext({ baseURL: suite.app.url, javaScriptEnabled: false, locale: 'fr-FR', viewport: VIEWPORTS.desktop, storageState: await page.context().storageState() });
  suite.track(context);
  const noJs = await context.newPage();
  await noJs.goto(`/textes/${bill.id}/amendements/importer`);
  expect(await noJs.getByLabel('Lire un fichier (.xml ou .csv)').isVisible()).toBe(false); // the script shows it
  await tabTo(noJs, noJs.getByLabel(/^Assemblée nationale/)); // Tab reaches the group's checked radio, arrows choose
  await noJs.keyboard.press('ArrowDown');
  expect(await isFocused(noJs.getByLabel(/^Sénat/))).toBe(true);
  expect(await noJs.getByLabel(/^Sénat/).isChecked()).toBe(true);
  await noJs.getByLabel('Contenu du fichier').fill(new TextDecoder('windows-1252').decode(fs.readFileSync(SENAT_CSV)));
  await noJs.getByLabel('Contenu du fichier').focus();
  await noJs.keyboard.press('Tab');
  expect(await isFocused(noJs.getByRole('button', { name: 'Importer les amendements' }))).toBe(true);
  await noJs.keyboard.press('Enter');
  await noJs.getByRole('heading', { name: 'Résultat de l’import' }).waitFor();
  expect(await noJs.getByRole('status').first().textContent()).toMatch(/^\d+ amendements? importés?, \d+ écartés?\.$/);
  await screenshot(noJs, 'import-senat-report-nojs');
});
