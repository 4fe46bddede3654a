import { AxeBuilder } from '@axe-core/playwright';
import { computeOpinionGroupsOf } from '../../server/commands/compute-opinion-groups';
import { auth, createBill, createCitizen, createUser, type TestUser } from '../helpers/app';
import { screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';
import { seeded } from '../helpers/electorate';

/** Issue 18 › « Cartographie des opinions »: groups only, what they support, what brings them together. */

const suite = useBrowserSuite();

test('a visitor reads the opinion map of a bill; a voter learns their own group; without JavaScript too', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art = bill.articles[0]!;
  const author = await createCitizen(app, 'Inès Martin');
  const ams: string[] = [];
  for (let i = 0; i < 8; i++) {
    ams.push((await app.http.post(`/api/articles/${art.id}/amendments`).set(auth(author))
      .send({ kind: 'modify', alineas: [`Les administrations communiquent leurs documents sous ${i + 2} jours.`, 'Elles les publient en ligne.'], rationale: `Motif ${i}.`, submit: true }).expect(201)).body.amendment.id);
  }
  // three camps of 40, 30 and 20 voters; amendment 1 pleases all of them (votes cast by the same SQL function as the API)
  const random = seeded(8);
  const camps: TestUser[][] = [];
  for (const size of [40, 30, 20]) {
    const members: TestUser[] = [];
    for (let i = 0; i < size; i++) members.push(await createUser(app));
    camps.push(members);
  }
  for (const [c, members] of camps.entries()) {
    for (const u of members) {
      for (const [j, id] of ams.entries()) {
        if (random() < 0.15) continue;
        const likes = j === 0 ? 0.9 : j % 3 === c ? 0.9 : 0.1;
        await app.testDb.db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', id, u.id, random() < likes ? 'for' : 'against']);
      }
    }
  }
  await computeOpinionGroupsOf(app.testDb.db, bill.id);

  const page = await suite.open(null);
  await page.goto(`/textes/${bill.id}`);
  await page.getByRole('link', { name: 'Cartographie des opinions' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cartographie des opinions' }).waitFor();
  const map = page.getByRole('img', { name: 'Carte des groupes d’opinion' });
  await map.waitFor();
  // groups only: three discs, never a point per voter
  expect(await map.locator('circle').count()).toBe(3);
  for (const g of ['A', 'B', 'C']) await page.getByRole('heading', { level: 3, name: new RegExp(`^Groupe ${g}`) }).waitFor();
  // the consensus amendment is the first of « Ce qui rassemble »
  const together = page.locator('h2:has-text("Ce qui rassemble") ~ ol').first();
  expect(await together.locator('li').first().textContent()).toContain('Amendement n° 1 ');
  // the data table gives the same figures to screen readers
  const table = page.getByRole('table', { name: /Soutien dans chaque groupe/ });
  const headers = await table.getByRole('columnheader').allTextContents();
  expect(headers[0]).toBe('Proposition');
  expect(headers.slice(1, 4).map((h) => h.replace(/\d+/, 'n'))).toEqual(['Groupe A (n)', 'Groupe B (n)', 'Groupe C (n)']);
  expect(headers.slice(1, 4).reduce((s, h) => s + Number(/\((\d+)\)/.exec(h)![1]), 0)).toBe(90);
  expect(headers[4]).toBe('Score rassembleur');
  expect(await table.locator('tbody tr').count()).toBe(8);
  expect(await page.content()).not.toContain(author.id);
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await screenshot(page, 'opinion-map');

  // a voter of the third camp sees their group, and only theirs
  const voter = camps[2]![0]!;
  const mine = await suite.open(voter);
  await mine.goto(`/textes/${bill.id}/opinions`);
  const group = (await app.http.get(`/api/bills/${bill.id}/opinion-groups/mine`).set(auth(voter)).expect(200)).body.group as string;
  expect(group).toMatch(/^[ABC]$/);
  expect(await mine.locator('.callout').textContent()).toContain(`Vos votes vous placent dans le groupe ${group}`);

  // the same page without JavaScript: it is all server-rendered
  const context = await suite.browser.newContext({ baseURL: app.url, javaScriptEnabled: false, locale: 'fr-FR' });
  suite.track(context);
  const plain = await context.newPage();
  await plain.goto(`/textes/${bill.id}/opinions`);
  expect(await plain.locator('svg.opinion-map circle').count()).toBe(3);
  expect(await plain.locator('table.opinion-table tbody tr').count()).toBe(8);
});
