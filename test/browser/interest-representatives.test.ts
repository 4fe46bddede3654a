import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { auth, createBill, createUser } from '../helpers/app';
import { screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** Issue 17 › 2: a clerk fills the agenda of hearings with minutes; a visitor reads the legislative footprint. */
const suite = useBrowserSuite();

test('a clerk schedules a hearing and uploads its minutes; a visitor reads the agenda and the article’s footprint', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art = bill.articles[0]!;
  const lobby = await createUser(app, { kind: 'organisation', displayName: 'Fédération des Éditeurs' });
  const citizen = await createUser(app, { displayName: 'Camille Rousseau' });
  const clerk = await createUser(app, { roles: ['clerk'], displayName: 'Greffière Gaëlle' });
  await app.http.put('/api/me/interest-representative').set(auth(lobby)).send({ register: 'H123456789', interests: ['Édition', 'Droit d’auteur'], budgetBand: '100k_500k' }).expect(200);
  await app.http.post(`/api/articles/${art.id}/amendments`).set(auth(citizen))
    .send({ kind: 'modify', alineas: [art.alineas[0], 'Elles les publient en ligne sous trois mois.'], rationale: 'Laisser du temps aux éditeurs.', submit: true, inspiredBy: lobby.id }).expect(201);
  await app.http.post(`/api/articles/${art.id}/amendments`).set(auth(lobby))
    .send({ kind: 'modify', alineas: [art.alineas[0], 'Elles les publient en ligne sous un an.'], rationale: 'Le coût de la mise en ligne.', submit: true }).expect(201);

  // the clerk, by keyboard and mouse, on the agenda page
  const desk = await suite.open(clerk);
  await desk.goto(`/textes/${bill.id}/auditions`);
  await desk.getByLabel('Date').fill('2026-11-20');
  await desk.getByLabel('Représentant d’intérêts entendu').selectOption({ label: 'Fédération des Éditeurs (H123456789)' });
  await desk.getByLabel('Article concerné').selectOption({ label: `Article ${art.number}` });
  await desk.getByLabel('Objet').fill('Délais de publication des documents administratifs');
  await desk.getByRole('button', { name: 'Inscrire à l’agenda' }).click();
  await desk.locator('.hearing', { hasText: 'Fédération des Éditeurs' }).waitFor();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-')), 'compte-rendu-audition.txt');
  fs.writeFileSync(file, 'Audition de la Fédération des Éditeurs, 20 novembre 2026.\nLa fédération demande un délai de trois mois.\n');
  await desk.locator('.hearing input[type=file]').setInputFiles(file);
  await desk.getByRole('button', { name: 'Déposer', exact: true }).click();
  await desk.getByRole('link', { name: /Compte rendu \(texte/ }).waitFor();
  await screenshot(desk, 'lobbying-agenda');

  // a visitor: the agenda, then the footprint of the article, then the organisation's declaration
  const visitor = await suite.open(null);
  await visitor.goto(`/textes/${bill.id}`);
  await visitor.getByRole('link', { name: 'Auditions' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Auditions de la commission' }).waitFor();
  expect(await visitor.getByText('Inscrire une audition').count()).toBe(0);
  await visitor.goto(`/articles/${art.id}/empreinte`);
  await visitor.getByRole('heading', { level: 1, name: `Empreinte législative de l’article ${art.number}` }).waitFor();
  expect(await visitor.locator('.footprint-links li', { hasText: 'inspiré par (selon ses auteurs)' }).count()).toBe(1);
  expect(await visitor.locator('.footprint-links li', { hasText: 'écrit par' }).count()).toBe(1);
  await visitor.locator('.hearing', { hasText: 'Délais de publication' }).waitFor();
  await screenshot(visitor, 'lobbying-footprint');
  await visitor.getByRole('link', { name: 'Fédération des Éditeurs' }).first().click();
  await visitor.getByRole('link', { name: 'H123456789' }).waitFor();
  expect(await visitor.getByRole('link', { name: 'H123456789' }).getAttribute('href')).toBe('https://www.hatvp.fr/fiche-organisation/?organisation=H123456789');
});
