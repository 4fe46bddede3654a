import type { Page } from 'playwright-core';
import { auth, createBill, createCitizen, createUser, type TestUser } from '../helpers/app';
import { confirmInDialog, screenshot } from '../helpers/browser';
import { useBrowserSuite } from '../helpers/browser-suite';

/** Issue 17 › 3: a moderator works the queue in bulk, the author appeals, another moderator decides. */

const suite = useBrowserSuite();

test('a moderator hides two reported arguments in one go; their author appeals; another moderator overturns and the argument is back', async () => {
  const { app, admin } = suite;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const bastien = await createCitizen(app, 'Bastien Lemoine');
  const other = await createCitizen(app, 'Inès Garnier');
  const argue = async (who: TestUser, body: string) => (await app.http.post(`/api/articles/${article.id}/arguments`).set(auth(who)).send({ side: 'against', body }).expect(201)).body.argument.id as string;
  const spam1 = await argue(bastien, 'Achetez nos montres à prix cassés, offre limitée !');
  const spam2 = await argue(bastien, 'Promotion exceptionnelle sur nos montres, cliquez vite.');
  const fine = await argue(other, 'Cet article oublie les petites communes.');
  await argue(other, 'Sources : https://a.example/1 https://b.example/2 https://c.example/3');
  const reporter = await createCitizen(app, 'Paul Signaleur');
  for (const id of [spam1, spam2]) await app.http.post('/api/reports').set(auth(reporter)).send({ subjectType: 'argument', subjectId: id, reason: 'spam', comment: 'Publicité' }).expect(201);
  await app.http.post('/api/reports').set(auth(reporter)).send({ subjectType: 'argument', subjectId: fine, reason: 'hors-sujet' }).expect(201);

  // The first moderator filters the queue on the charter's « spam » rule and hides both at once.
  const claire = await suite.open(await createUser(app, { roles: ['moderator'], displayName: 'Claire Modératrice' }));
  await claire.goto('/');
  await claire.getByRole('link', { name: 'Signalements' }).click();
  await claire.getByRole('heading', { level: 1, name: 'File de modération' }).waitFor();
  expect(await claire.locator('table.queue tbody tr').count()).toBe(4);
  await claire.locator('table.queue', { hasText: 'Nombreux liens' }).waitFor();
  await screenshot(claire, 'moderation-queue');
  await claire.getByLabel('Motif').selectOption('spam');
  await claire.getByRole('button', { name: 'Filtrer' }).click();
  await claire.waitForURL(/reason=spam/);
  expect(await claire.locator('table.queue tbody tr').count()).toBe(2);
  for (const box of await claire.getByRole('checkbox').all()) await box.check();
  await claire.getByRole('radio', { name: 'Masquer' }).check();
  await claire.getByLabel('Règle de la charte (obligatoire pour masquer)').selectOption('spam');
  await claire.getByLabel('Raison publique (facultative)').fill('Publicité commerciale');
  await claire.waitForLoadState('load'); // the dialog is the page script's
  await claire.getByRole('button', { name: 'Appliquer aux éléments cochés' }).click();
  expect(await confirmInDialog(claire)).toBe('Masquer 2 contributions ?');
  await claire.getByRole('status').filter({ hasText: '2 éléments traités' }).waitFor();
  await claire.getByText('Aucun élément en attente pour ces filtres.').waitFor();
  await screenshot(claire, 'moderation-queue-after-bulk');

  // The author is told, follows the notification to the decision, and appeals.
  const author = await suite.open(bastien);
  await author.goto('/notifications');
  const note = author.locator('.notification', { hasText: 'masqué' }).first();
  expect(await note.textContent()).toContain('règle « Pas de spam ni de publicité » : Publicité commerciale');
  await note.getByRole('link', { name: /Voir la décision et faire appel/ }).click();
  await author.getByRole('heading', { level: 1, name: 'Décision de modération' }).waitFor();
  await author.getByLabel('Votre appel').fill('Ce message était une citation ironique d’une publicité reçue, pour illustrer le démarchage.');
  await author.waitForLoadState('load'); // the dialog is the page script's
  await author.getByRole('button', { name: 'Faire appel' }).click();
  expect(await confirmInDialog(author)).toBe('Envoyer votre appel ?');
  await author.getByRole('status').filter({ hasText: 'Votre appel est enregistré' }).waitFor();
  await screenshot(author, 'moderation-appeal-sent');
  const decisionUrl = new URL(author.url()).pathname;

  // The moderator who decided cannot settle the appeal; another one can.
  await claire.goto(decisionUrl);
  await claire.getByText('un autre modérateur tranchera').waitFor();
  expect(await claire.getByRole('button', { name: 'Trancher l’appel' }).count()).toBe(0);
  const denis: Page = await suite.open(await createUser(app, { roles: ['moderator'], displayName: 'Denis Relecteur' }));
  await denis.goto('/moderation/signalements');
  await denis.getByRole('link', { name: /1 appel en attente/ }).click();
  await denis.getByRole('link', { name: /Appel du/ }).click();
  await denis.getByText('Ce message était une citation ironique').waitFor();
  await denis.getByRole('radio', { name: /Infirmer la décision/ }).check();
  await denis.getByLabel('Raison publique').fill('Citation dans le sujet : rétablie.');
  await screenshot(denis, 'moderation-appeal-decision');
  await denis.waitForLoadState('load'); // the dialog is the page script's
  await denis.getByRole('button', { name: 'Trancher l’appel' }).click();
  expect(await confirmInDialog(denis)).toBe('Infirmer la décision ?');
  await denis.locator('.appeal-outcome', { hasText: 'Décision infirmée en appel' }).waitFor();

  // The argument is back, the other one stays hidden, and the public log tells it all.
  await author.goto(`/articles/${article.id}`);
  // (the notification followed was the latest: one of the two, the other one stays hidden)
  await author.getByText(/Achetez nos montres|Promotion exceptionnelle/).waitFor();
  expect(await author.locator('.moderated').count()).toBe(1);
  await screenshot(author, 'moderation-restored');
  const visitor = await suite.open(null);
  await visitor.goto('/moderation');
  const rows = visitor.locator('table.data tbody tr');
  expect(await rows.first().textContent()).toContain('Rétablie (appel)');
  expect(await rows.count()).toBe(3);
  await screenshot(visitor, 'moderation-public-log');
  await visitor.getByRole('link', { name: 'charte de modération' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Charte de modération' }).waitFor();
});
