import { auth, createBill, createUser } from '../helpers/app';
import { confirmInDialog, screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** The sortition in Chromium: the admin opens the call, a volunteer opts in, the admin commits and draws, a visitor checks the draw. */
const suite = useBrowserSuite();
jest.setTimeout(120_000);

test('a volunteer opts in, the admin draws, a visitor opens the verification page', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });

  // The admin opens the call from the page (no JavaScript needed: a textarea, one category per line).
  const chair = await suite.open(admin);
  await chair.goto(`/textes/${bill.id}`);
  await chair.getByRole('link', { name: 'Tirage au sort du collège citoyen' }).click();
  await chair.getByRole('heading', { level: 1, name: 'Tirage au sort du collège citoyen' }).waitFor();
  await chair.getByLabel('Sièges du collège citoyen').fill('4');
  await chair.getByLabel(/Critères : une catégorie par ligne/).fill('Sexe | Femme | 50 | INSEE 2024\nSexe | Homme | 50 | INSEE 2024\nÂge | Moins de 45 ans | 50 | INSEE 2024\nÂge | 45 ans et plus | 50 | INSEE 2024');
  await chair.getByRole('button', { name: 'Ouvrir l’appel' }).click();
  await chair.locator('[data-sortition-status="open"]').waitFor();

  // Eleven volunteers through the API, one through the page.
  for (let i = 0; i < 11; i++) {
    const u = await createUser(app);
    await app.http.post(`/api/bills/${bill.id}/sortition/volunteers`).set(auth(u)).send({ answers: { Sexe: i % 2 ? 'Homme' : 'Femme', Âge: i % 3 ? 'Moins de 45 ans' : '45 ans et plus' } }).expect(201);
  }
  const camille = await createUser(app, { displayName: 'Camille Roux' });
  const citizen = await suite.open(camille);
  await citizen.goto(`/textes/${bill.id}/tirage`);
  await citizen.getByLabel('Sexe').selectOption('Femme');
  await citizen.getByLabel('Âge').selectOption('45 ans et plus');
  await citizen.getByRole('button', { name: 'Me porter volontaire' }).click();
  await citizen.getByText(/Vous êtes volontaire \(pseudonyme V-[0-9a-f]{10}\)/).waitFor();
  await screenshot(citizen, 'sortition-volunteer');

  // The admin closes the call (the server draws a secret seed), waits for the lottery, then draws.
  await chair.reload();
  await chair.getByRole('button', { name: 'Clore l’appel et s’engager' }).click();
  await confirmInDialog(chair);
  await chair.locator('[data-seed-hash]').waitFor();
  // while the lottery is computed the page reloads itself (client/src/auto-refresh.ts): no reload by hand
  await chair.locator('[data-sortition-status="ready"]').waitFor({ timeout: 60_000 });
  // the page that says « ready » came by a reload: its script (the confirmation dialog) must be there first
  await chair.waitForLoadState('load');
  await chair.getByLabel(/Valeur publique/).fill('Loto du 4 mars 2026 : 3 12 27 33 41');
  await chair.getByRole('button', { name: 'Tirer au sort' }).click();
  await confirmInDialog(chair);
  await chair.locator('[data-sortition-status="drawn"]').waitFor();
  expect(await chair.locator('[data-panel] tbody tr').count()).toBe(4);

  // A visitor opens the verification page: the seed, its hash, the probabilities, the file.
  const visitor = await suite.open(null);
  await visitor.goto(`/textes/${bill.id}/tirage`);
  const seed = (await visitor.locator('[data-seed]').textContent())!;
  expect(seed).toMatch(/^[0-9a-f]{64}$/);
  await visitor.locator('[data-min-probability]').waitFor();
  await visitor.getByText('Probabilité de chaque volontaire (12)').click();
  await visitor.getByRole('heading', { name: 'Vérifier vous-même' }).waitFor();
  const href = await visitor.locator('[data-file-link]').getAttribute('href');
  const file = (await app.http.get(href!).expect(200)).body;
  expect(file.seed).toBe(seed);
  expect(file.panel).toHaveLength(4);
  await screenshot(visitor, 'sortition-verification');
});
