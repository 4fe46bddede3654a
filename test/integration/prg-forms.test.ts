import { auth, createBill, createCitizen, createUser, useTestApp, type TestUser } from '../helpers/app';
import { formClient, slice } from '../helpers/forms';

/**
 * Post → redirect → get for the `formOperation` forms that name their page (issue 16, item 7,
 * docs/forms.md): a refused form answers 303 to the page that shows it, with the refusal sealed in
 * `formulaire`; the GET shows the message in a role="alert" box, inside (or beside) the form that
 * failed and no other, with what was typed kept. The JSON API keeps its statuses.
 */

const suite = useTestApp();
const { post, get, sentBack } = formClient(suite);

let bill: Awaited<ReturnType<typeof createBill>>;
let art: string;
let alice: TestUser;
let clerk: TestUser;
let amendmentId: string;
let argumentId: string;

beforeAll(async () => {
  bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  art = bill.articles[0]!.id;
  alice = await createUser(suite.app, { displayName: 'Alice Formulaire', verified: true });
  clerk = await createUser(suite.app, { roles: ['clerk'], displayName: 'Greffier Formulaire' });
  const made = await suite.app.http.post(`/api/articles/${art}/amendments`).set(auth(await createCitizen(suite.app)))
    .send({ kind: 'modify', alineas: ['Les administrations publient tout.'], rationale: 'Plus clair.', submit: true }).expect(201);
  amendmentId = made.body.amendment.id as string;
  argumentId = (await suite.app.http.post(`/api/articles/${art}/arguments`).set(auth(await createCitizen(suite.app)))
    .send({ side: 'for', body: 'Un argument à voter.' }).expect(201)).body.argument.id as string;
});

describe('the article page’s forms', () => {
  test('the vote: the message in the vote section', async () => {
    const page = await sentBack(alice, `/articles/${art}/vote`, { value: 'n-importe-quoi' }, `/articles/${art}`);
    expect(slice(page, 'id="avis"', '</section>')).toContain('role="alert"');
  });

  test('an argument: the message and what was typed (text, side)', async () => {
    const page = await sentBack(alice, '/arguments', { targetType: 'article', targetId: art, side: 'against', body: 'Zq', suite: `/articles/${art}` }, `/articles/${art}`);
    const section = slice(page, 'id="arguments-title"', '</section>');
    expect(section).toContain('role="alert"');
    expect(section).toContain('>Zq</textarea>');
    expect(section).toMatch(/value="against" checked/);
  });

  test('a vote on an argument: the message beside that argument', async () => {
    const page = await sentBack(alice, `/arguments/${argumentId}/vote`, { value: 'bof', suite: `/articles/${art}` }, `/articles/${art}`);
    expect(slice(page, `id="argument-${argumentId}"`, '</li>')).toContain('role="alert"');
  });

  test('a report: that report form open, the rule and the comment kept', async () => {
    const page = await sentBack(alice, '/signalements', {
      subjectType: 'argument', subjectId: argumentId, reason: 'n-importe-quoi', comment: 'Mon commentaire gardé', suite: `/articles/${art}`,
    }, `/articles/${art}`);
    const report = slice(page, `id="argument-${argumentId}"`, '</details>');
    expect(report).toContain('<details class="report" open>');
    expect(report).toContain('role="alert"');
    expect(report).toContain('value="Mon commentaire gardé"');
  });

  test('a reply to an annotation: the message and the reply typed, under that annotation', async () => {
    const quote = 'administrations';
    const text = bill.articles[0]!.alineas[0]!;
    const start = text.indexOf(quote);
    const annotation = (await suite.app.http.post(`/api/articles/${art}/annotations`).set(auth(await createCitizen(suite.app)))
      .send({ version: 1, alinea: 1, start, end: start + quote.length, quote, body: 'Lesquelles ?' }).expect(201)).body.annotation.id as string;
    const long = 'Une réponse bien trop longue. '.repeat(200);
    const page = await sentBack(alice, `/annotations/${annotation}/reponses`, { body: long, suite: `/articles/${art}` }, `/articles/${art}`);
    const item = slice(page, `id="annotation-${annotation}"`, '>Envoyer</button>');
    expect(item).toContain('role="alert"');
    expect(item).toContain(`value="${long}"`);
  });

  test('the plain-language summary (clerk): the form open, the text typed kept', async () => {
    const long = 'Ce que change l’article, trop longuement. '.repeat(600);
    const page = await sentBack(clerk, `/articles/${art}/resume`, { texte: long }, `/articles/${art}`);
    const block = slice(page, 'id="ce-que-change"', '</section>');
    expect(block).toContain('<details class="explain-edit" open>');
    expect(block).toContain('role="alert"');
    expect(block).toContain(long.slice(0, 200));
  });
});

test('the exposé des motifs (clerk): back to the bill page, the text typed kept', async () => {
  const long = 'Pourquoi ce texte, trop longuement. '.repeat(1500);
  const page = await sentBack(clerk, `/textes/${bill.id}/expose-des-motifs`, { texte: long }, `/textes/${bill.id}`);
  const block = slice(page, 'id="expose-des-motifs"', '</section>');
  expect(block).toContain('role="alert"');
  expect(block).toContain(long.slice(0, 200));
});

describe('the amendment page’s forms', () => {
  test('withdrawing a co-signature one did not give: the message in the co-signatories section', async () => {
    const page = await sentBack(alice, `/amendements/${amendmentId}/cosigner/retirer`, {}, `/amendements/${amendmentId}`);
    const section = slice(page, 'id="cosignataires"', '</section>');
    expect(section).toContain('role="alert"');
    expect(section).toContain('Vous ne cosignez pas cet amendement.');
  });

  test('the clerk’s inadmissibility: the message, the reason typed kept', async () => {
    const page = await sentBack(clerk, `/amendements/${amendmentId}/irrecevable`, { motif: 'pas-un-motif', raison: 'Raison publique gardée', confirme: '1' }, `/amendements/${amendmentId}`);
    const section = slice(page, 'id="greffe"', '</section>');
    expect(section).toContain('role="alert"');
    expect(section).toContain('Raison publique gardée</textarea>');
    // the other clerk form of the section does not show it
    expect(slice(page, 'action="/amendements/' + amendmentId + '/reponse"', '</form>')).not.toContain('role="alert"');
  });

  test('the clerk’s official response: the message inside that form', async () => {
    const page = await sentBack(clerk, `/amendements/${amendmentId}/reponse`, { reponse: '' }, `/amendements/${amendmentId}`);
    expect(slice(page, 'action="/amendements/' + amendmentId + '/reponse"', '</form>')).toContain('role="alert"');
  });

  test('the clerk’s inspiration marking: the message, the note typed kept', async () => {
    const page = await sentBack(clerk, `/amendements/${amendmentId}/inspiration`, { representant: '00000000-0000-4000-8000-000000000000', note: 'Note publique gardée' }, `/amendements/${amendmentId}`);
    const section = slice(page, 'id="inspiration"', '</section>');
    expect(section).toContain('role="alert"');
    expect(section).toContain('value="Note publique gardée"');
  });

  test('« prendre en charge » taken by another clerk first: back to the workspace, which says so', async () => {
    const other = await createUser(suite.app, { roles: ['clerk'], displayName: 'Greffière Rapide' });
    const made = await suite.app.http.post(`/api/articles/${art}/amendments`).set(auth(await createCitizen(suite.app)))
      .send({ kind: 'modify', alineas: ['Les administrations publient.'], rationale: 'Court.', submit: true }).expect(201);
    const id = made.body.amendment.id as string;
    await suite.app.http.post(`/api/amendments/${id}/assign`).set(auth(other)).send({}).expect(200);
    const page = await sentBack(clerk, `/amendements/${id}/prendre`, { suite: `/amendements/${id}/mise-en-forme` }, `/amendements/${id}/mise-en-forme`);
    expect(page).toContain('Greffière Rapide a cet amendement en charge');
  });
});

test('an invitation accepted once the draft is tabled: back to the invitation page, which says why', async () => {
  const author = await createCitizen(suite.app);
  const draft = (await suite.app.http.post(`/api/articles/${art}/amendments`).set(auth(author))
    .send({ kind: 'modify', alineas: ['Les administrations écrivent.'], rationale: 'Brouillon.' }).expect(201)).body.amendment.id as string;
  const token = (await suite.app.http.post(`/api/amendments/${draft}/invitations`).set(auth(author)).send({}).expect(201)).body.invitation.token as string;
  await suite.app.http.post(`/api/amendments/${draft}/submit`).set(auth(author)).send({}).expect(200);
  const page = await sentBack(alice, `/invitations/${token}`, {}, `/invitations/${token}`);
  expect(page).toContain('Cet amendement a déjà été déposé : il n’accueille plus de co-auteurs.');
});

test('the admin’s mediation form: back to the account page, beside that form, the town typed kept', async () => {
  const who = await createCitizen(suite.app);
  const page = await sentBack(suite.admin, `/admin/comptes/${who.id}/mediation`, { nom: '', commune: 'Commune gardée' }, `/admin/comptes/${who.id}`);
  const section = slice(page, 'id="mediation"', '</section>');
  expect(section).toContain('role="alert"');
  expect(section).toContain('value="Commune gardée"');
  expect(slice(page, 'id="roles"', '</section>')).not.toContain('role="alert"');
});

test('the moderators’ hide/restore form: a refusal goes back to the queue with its message', async () => {
  const moderator = await createUser(suite.app, { roles: ['moderator'] });
  const res = await post(moderator, `/moderation/amendment/${amendmentId}/restore`, { reason: 'Rien à rétablir' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/moderation\/signalements\?erreur=[\w-]+$/);
  expect((await get(moderator, res.headers.location!)).text).toContain('role="alert"');
});

test('the JSON API keeps its statuses', async () => {
  expect((await suite.app.http.put(`/api/articles/${art}/vote`).set(auth(alice)).send({ value: 'n-importe-quoi' })).status).toBe(400);
  expect((await suite.app.http.delete(`/api/amendments/${amendmentId}/cosignatures`).set(auth(alice))).status).toBe(409);
});

test('a refusal of the policy sent back to its form speaks the visitor’s language', async () => {
  const closed = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const article = closed.articles[0]!.id;
  await suite.app.http.post(`/api/bills/${closed.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  const fields = { targetType: 'article', targetId: article, side: 'for', body: 'Un argument trop tardif.', suite: `/articles/${article}` };
  const inEnglish = { Cookie: `palimpseste_session=${alice.token}; lang=en` };
  const res = await suite.app.http.post('/arguments').type('form').set('Origin', suite.app.url).set(inEnglish).send(fields);
  expect(res.status).toBe(303);
  const shown = await suite.app.http.get(res.headers.location!).set(inEnglish);
  const alert = slice(shown.text, 'role="alert"', '</div>');
  expect(alert).not.toContain('lang="fr"');
  expect(alert).toMatch(/[Cc]onsultation|phase/);
  // the same refusal for a French visitor: in French
  const fr = await post(alice, '/arguments', fields);
  const french = slice((await get(alice, fr.headers.location!)).text, 'role="alert"', '</div>');
  expect(french).not.toBe(alert);
});
