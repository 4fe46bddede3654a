import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';
import { frenchLooking } from '../helpers/i18n-html';

/**
 * English as a second language of the interface (issue 16 › 5), the forms' refusals: each field
 * error and refusal a page shows is said in English on an English page (server/i18n/message.ts),
 * what stays French inside it (a name, a quote, an admin's reason) marked lang="fr"; a French page
 * says them in French as before.
 */
const t = useTestApp();

const session = (u: TestUser, lang: 'en' | 'fr') => `lang=${lang}; palimpseste_session=${u.token}`;

/** A form posted as `who` in `lang`, and the page it lands on (post → redirect → get, or in place). */
async function refused(who: TestUser, path: string, fields: Record<string, string>, lang: 'en' | 'fr' = 'en'): Promise<string> {
  const res = await t.app.http.post(path).type('form').set('Origin', t.app.url).set('Cookie', session(who, lang)).send(fields);
  if (res.status !== 303) return res.text;
  const page = await t.app.http.get(res.headers.location!).set('Cookie', session(who, lang));
  expect(page.status).toBe(200);
  return page.text;
}

/** The field error of the element `id`, as it is in the page's markup. */
function fieldError(page: string, id: string): string {
  const m = new RegExp(`<p class="field-error" id="${id}-error">([\\s\\S]*?)</p>`).exec(page);
  if (!m) throw new Error(`no field error for #${id}`);
  return m[1]!;
}

let bill: Awaited<ReturnType<typeof createBill>>;
let alice: TestUser;

beforeAll(async () => {
  bill = await createBill(t.app, t.admin, { status: 'consultation' });
  alice = await createUser(t.app, { displayName: 'Alice Walker', verified: true });
});

test('an interest representative’s declaration: the schema’s own sentences, in English', async () => {
  const org = await createUser(t.app, { kind: 'organisation', displayName: 'Open Books Group' });
  const page = await refused(org, '/compte/representant-interets', { registre: 'Z99', interets: '', budget: 'zz' });
  expect(fieldError(page, 'decl-registre')).toMatch(/^HATVP identifier not recognised: the identifier in the HATVP register: H followed by 9 digits/);
  expect(fieldError(page, 'decl-interets')).toBe('Declare at least one interest represented.');
  expect(fieldError(page, 'decl-budget')).toBe('Choose one of the options offered.');
  expect(frenchLooking(page)).toEqual([]);
  // French: the same sentences as the API's (zod's « Entrée invalide » no more)
  const fr = await refused(org, '/compte/representant-interets', { registre: 'H123456789', interets: '', budget: '' }, 'fr');
  expect(fieldError(fr, 'decl-interets')).toBe('Déclarez au moins un intérêt représenté.');
  const api = await t.app.http.put('/api/me/interest-representative').set(auth(org)).send({ interests: [] }).expect(400);
  expect(api.body.error.details).toContainEqual(expect.objectContaining({ message: 'Déclarez au moins un intérêt représenté.' }));
});

test('the hearings’ agenda: date, representative and who was heard, in English', async () => {
  const clerk = await createUser(t.app, { roles: ['clerk'], displayName: 'Clerk Grey' });
  const path = `/textes/${bill.id}/auditions`;
  const date = await refused(clerk, path, { date: '2026-13-01', entendu: 'CNIL' });
  expect(fieldError(date, 'audition-date')).toBe('this date does not exist');
  const who = await refused(clerk, path, { date: '2026-11-01', entendu: '' });
  expect(fieldError(who, 'audition-entendu')).toBe('Say who was heard: a declared interest representative, or a name (one or the other).');
  const representative = await refused(clerk, path, { date: '2026-11-01', representant: 'nope', entendu: 'CNIL' });
  expect(fieldError(representative, 'audition-representant')).toBe('malformed identifier');
  expect({ date: frenchLooking(date), who: frenchLooking(who), representative: frenchLooking(representative) }).toEqual({ date: [], who: [], representative: [] });
  expect(fieldError(await refused(clerk, path, { date: '2026-13-01', entendu: 'CNIL' }, 'fr'), 'audition-date')).toBe('cette date n’existe pas');
});

test('claiming a contribution with a wrong code; deleting one’s account with a wrong password: English', async () => {
  const claim = await refused(alice, '/recuperer', { code: 'ABCDE-FGHJK-MNPQR-STVWX-YZ012' });
  expect(fieldError(claim, 'code')).toBe('This code matches no contribution to claim: check it with the organisation that gave it to you.');
  const bob = await createUser(t.app, { displayName: 'Bob Stone' });
  const wrong = await refused(bob, '/compte/supprimer', { password: 'faux' });
  expect(fieldError(wrong, 'delete-password')).toBe('Wrong password: your account was not deleted.');
  const empty = await refused(bob, '/compte/supprimer', { password: '' });
  expect(fieldError(empty, 'delete-password')).toBe('Enter your password to confirm the deletion.');
  expect({ claim: frenchLooking(claim), wrong: frenchLooking(wrong), empty: frenchLooking(empty) }).toEqual({ claim: [], wrong: [], empty: [] });
  expect(fieldError(await refused(bob, '/compte/supprimer', { password: '' }, 'fr'), 'delete-password')).toBe('Saisissez votre mot de passe pour confirmer la suppression.');
});

test('the amendment form: its kind, the mediator’s « on behalf » fieldset, a co-author: English, a name marked French', async () => {
  const art = bill.articles[0]!;
  const kind = await refused(alice, `/articles/${art.id}/amendements`, { kind: 'bogus', texte: 'x', expose: 'y' });
  expect(fieldError(kind, 'kind')).toBe('Choose one of the options offered.');
  expect(frenchLooking(kind)).toEqual([]);

  const mediator = await createUser(t.app, { displayName: 'Social Centre' });
  await t.app.http.put(`/api/users/${mediator.id}/mediator`).set(auth(t.admin)).send({ name: 'Social Centre', town: 'Bordeaux' }).expect(200);
  const workshop = { kind: 'modify', texte: 'Les administrations publient.', expose: 'Plus court.', pour: 'atelier', atelier_lieu: 'Salle des fêtes', atelier_date: '2026-01-10' };
  const participants = await refused(mediator, `/articles/${art.id}/amendements`, { ...workshop, atelier_participants: '1' });
  expect(fieldError(participants, 'amendement-pour')).toBe('Check the number of participants: At least 2.');
  const place = await refused(mediator, `/articles/${art.id}/amendements`, { ...workshop, atelier_lieu: 'x', atelier_participants: '12' });
  expect(fieldError(place, 'amendement-pour')).toBe('Check the workshop’s place: At least 2 characters.');
  const consent = await refused(mediator, `/articles/${art.id}/amendements`, { ...workshop, pour: 'personne', personne_nom: 'Jean' });
  expect(fieldError(consent, 'amendement-pour')).toBe('Tick the consent box: the person must have agreed.');
  expect({ participants: frenchLooking(participants), place: frenchLooking(place), consent: frenchLooking(consent) }).toEqual({ participants: [], place: [], consent: [] });
  const fr = await refused(mediator, `/articles/${art.id}/amendements`, { ...workshop, atelier_participants: '1' }, 'fr');
  expect(fieldError(fr, 'amendement-pour')).toBe('Vérifiez le nombre de participants : Au moins 2.');

  const draft = (await t.app.http.post(`/api/articles/${art.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: ['Les administrations publient.'], rationale: 'Plus court.', submit: false }).expect(201)).body.amendment.id as string;
  const coauthor = await refused(alice, `/amendements/${draft}/coauteurs`, { compte: 'Jeanne Inconnue' });
  expect(fieldError(coauthor, 'coauteur')).toBe('No account is called “<span lang="fr">Jeanne Inconnue</span>”.');
  expect(frenchLooking(coauthor)).toEqual([]);
  expect(fieldError(await refused(alice, `/amendements/${draft}/coauteurs`, { compte: '' }), 'coauteur')).toBe('Enter the display name (or the identifier) of your co-author’s account.');
  expect(fieldError(await refused(alice, `/amendements/${draft}/coauteurs`, { compte: 'Jeanne Inconnue' }, 'fr'), 'coauteur')).toBe('Aucun compte ne s’appelle « Jeanne Inconnue ».');
});

test('the commission’s dashboard: a refused decision, and an admin’s reason marked French', async () => {
  const own = await createBill(t.app, t.admin, { status: 'consultation' });
  const art = own.articles[0]!;
  const id = (await t.app.http.post(`/api/articles/${art.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: ['Les administrations publient.', ...art.alineas.slice(1)], rationale: 'Plus court.', submit: true }).expect(201)).body.amendment.id as string;
  await t.app.http.post(`/api/bills/${own.id}/status`).set(auth(t.admin)).send({ status: 'commission' }).expect(200);
  const dashboard = `/textes/${own.id}/commission`;
  const page = await refused(t.admin, `/amendements/${id}/decision`, { decision: 'not_examined', raison: '', suite: dashboard, confirme: '1' });
  expect(page).toMatch(/role="alert"[^>]*><p>a public reason is required for “not examined”<\/p>/);
  await refused(t.admin, `/amendements/${id}/decision`, { decision: 'not_examined', raison: 'Hors délai.', suite: dashboard, confirme: '1' });
  const decided = (await t.app.http.get(dashboard).set('Cookie', session(t.admin, 'en')).expect(200)).text;
  expect(decided).toMatch(/<p class="decision decision-not_examined" data-decision><strong>Not examined<\/strong> — [^<]+ : <span lang="fr">Hors délai\.<\/span><\/p>/);
  const fr = (await t.app.http.get(dashboard).set('Cookie', session(t.admin, 'fr')).expect(200)).text;
  expect(fr).toMatch(/<strong>Non examiné<\/strong> — [^<]+ : Hors délai\.<\/p>/);
});
