import { auth, createBill, createCitizen, useTestApp } from '../helpers/app';
import { frenchLooking, KEPT_IN_ENGLISH } from '../helpers/i18n-html';

/**
 * English as a second language of the interface (issue 16 › 5), area by area: the confirmations
 * (with a count), the charts' accessible texts, the e-mail link pages, the e-mails an account asks
 * for itself, and the policy's refusals on the « Action impossible » page (the API keeps French).
 */
const ctx = useTestApp();
const EN = 'lang=en';

async function fixture() {
  const { app, admin } = ctx;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art = bill.articles[0]!;
  const citizen = await createCitizen(app, 'Sam Citizen');
  const amendment = (await app.http.post(`/api/articles/${art.id}/amendments`).set(auth(citizen))
    .send({ kind: 'modify', alineas: [art.alineas[0], 'Elles les publient en ligne pour chaque école.'], rationale: 'Les écoles doivent trouver les documents.', submit: true }).expect(201)).body.amendment.id as string;
  return { bill, art, amendment, citizen };
}

test('a confirmation page asks in English, its count said with the right plural; French by default', async () => {
  const { app, admin } = ctx;
  // post → redirect → get: the gate's 303 leads to GET /confirmation, said in the reader's language
  const ask = async (fields: Record<string, string>, cookie?: string) => {
    const req = app.http.post('/moderation/lot').set(auth(admin)).type('form');
    const res = await (cookie ? req.set('Cookie', cookie) : req).send(fields).expect(303);
    expect(res.headers.location).toMatch(/^\/confirmation\?formulaire=[\w-]+$/);
    const get = app.http.get(res.headers.location!).set(auth(admin));
    return (cookie ? get.set('Cookie', cookie) : get).expect(200);
  };
  const two = { 'item-0': 'argument:1', 'item-1': 'argument:2', mesure: 'hide', rule: 'respect', suite: '/moderation/signalements' };
  const en = (await ask(two, EN)).text;
  expect(en).toContain('<h1 id="confirm-title">Hide 2 contributions?</h1>');
  expect(en).toContain('(rule “Respect for people”)');
  expect(en).toContain('>Hide 2 contributions</button>');
  expect(frenchLooking(en)).toEqual([]);
  expect((await ask({ 'item-0': 'argument:1', mesure: 'keep' }, EN)).text).toContain('<h1 id="confirm-title">Keep 1 contribution?</h1>');
  const fr = (await ask(two)).text;
  expect(fr).toContain('<h1 id="confirm-title">Masquer 2 contributions ?</h1>');
  expect(fr).toContain('(règle « Respect des personnes »)');
});

test('the charts: the SVG’s title and description in English, the participation page with nothing French', async () => {
  const { app } = ctx;
  const { bill, amendment } = await fixture();
  const svg = (await app.http.get(`/api/bills/${bill.id}/participation.svg`).set('Cookie', EN).expect(200)).body.toString() as string;
  expect(svg).toContain('<title id="participation-title">Participation day by day — Projet de loi de test</title>');
  expect(svg).toMatch(/<desc id="participation-desc">From \d+ \w+ \d{4} to \d+ \w+ \d{4}: 0 votes cast, 1 amendment tabled, 0 arguments, 0 annotations\. Busiest day: \d+ \w+ \d{4} \(1 contribution\)\.<\/desc>/);
  expect(svg).toContain('Amendments tabled <tspan font-weight="400" fill="#595959">(1 in all)</tspan>');
  const frSvg = (await app.http.get(`/api/bills/${bill.id}/participation.svg`).expect(200)).body.toString() as string;
  expect(frSvg).toMatch(/0 vote exprimé, 1 amendement déposé, 0 argument, 0 annotation\. Journée la plus active : le \d+ \S+ \d{4} \(1 contribution\)/);
  const votes = (await app.http.get(`/api/amendments/${amendment}/votes-over-time.svg`).set('Cookie', EN).expect(200)).body.toString() as string;
  expect(votes).toContain('<title id="votes-title">Votes over time on amendment no. 1</title>');
  expect(votes).toContain('<desc id="votes-desc">No votes yet.</desc>');
  const page = (await app.http.get(`/textes/${bill.id}/participation`).set('Cookie', EN).expect(200)).text;
  expect(page).toContain('<strong>1</strong> amendment tabled');
  // the chart's <title> (its accessible name) quotes the bill's title, which text in a <title> cannot mark as French
  expect(frenchLooking(page, [...KEPT_IN_ENGLISH, 'Projet de loi de test'])).toEqual([]);
});

test('the e-mail link pages and the forgotten-password page, in English', async () => {
  const { app } = ctx;
  const token = 'A'.repeat(43);
  const pages = ['/mot-de-passe-oublie', `/mot-de-passe/nouveau?jeton=x`, `/compte/confirmer-adresse?jeton=${token}`, `/compte/confirmer-nouvelle-adresse?jeton=x`, '/courriels/desabonnement/x'];
  const offending: Record<string, string[]> = {};
  for (const path of pages) {
    const res = await app.http.get(path).set('Cookie', EN);
    expect(res.text).toContain('<html lang="en">');
    const french = frenchLooking(res.text);
    if (french.length) offending[path] = french;
  }
  expect(offending).toEqual({});
  // a link confirmed with a token nobody issued: the command's refusal, said in English
  // (post → redirect → get: to the link's page, which says it)
  const dead = await app.http.post('/compte/confirmer-adresse').type('form').set('Origin', app.url).set('Cookie', EN).send({ jeton: token });
  expect(dead.status).toBe(303);
  const said = await app.http.get(dead.headers.location!).set('Cookie', EN);
  expect(said.text).toContain('This link is not valid: check that it was copied in full.');
  expect(said.text).toContain('<title>Error – ');
});

test('a message an account asks for itself comes in the language of its request; French otherwise', async () => {
  const { app } = ctx;
  const [english, french] = [await createCitizen(app, 'Sam'), await createCitizen(app, 'Camille')];
  const subjectTo = async (userId: string) => {
    for (let i = 0; i < 100; i++) {
      const r = await app.testDb.db.query<{ subject: string; body_html: string | null }>(`SELECT subject, body_html FROM mail_outbox WHERE kind = 'password_reset' AND user_id = $1`, [userId]);
      if (r.rows[0]) return r.rows[0];
      await new Promise((done) => setTimeout(done, 20));
    }
    throw new Error('no message');
  };
  await app.http.post('/mot-de-passe-oublie').type('form').set('Origin', app.url).set('Cookie', EN).send({ email: english.email }).expect(303);
  await app.http.post('/mot-de-passe-oublie').type('form').set('Origin', app.url).send({ email: french.email }).expect(303);
  const en = await subjectTo(english.id);
  expect(en.subject).toBe('Palimpseste — choose a new password');
  if (en.body_html !== null) expect(en.body_html).toContain('<html lang="en">');
  expect((await subjectTo(french.id)).subject).toBe('Palimpseste — choisir un nouveau mot de passe');
});

test('a refusal of the policy on the « Action impossible » page is in English; the API keeps its French message', async () => {
  const { app } = ctx;
  const { bill, citizen } = await fixture();
  const page = await app.http.post(`/textes/${bill.id}/phase`).type('form').set(auth(citizen)).set('Cookie', EN).send({ statut: 'commission', confirme: '1' });
  expect(page.status).toBe(403);
  expect(page.text).toContain('<h1>Action not possible</h1>');
  expect(page.text).toContain('Change the text’s phase: reserved for administrators.');
  expect(frenchLooking(page.text)).toEqual([]);
  const api = await app.http.post(`/api/bills/${bill.id}/status`).set(auth(citizen)).set('Cookie', EN).send({ status: 'commission' }).expect(403);
  expect(api.body.error).toEqual({ code: 'forbidden', message: 'Changer la phase du texte : réservé aux administrateurs.' });
});
