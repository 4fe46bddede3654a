import http from 'node:http';
import { INTEREST_LIMITS } from '../../shared/interest';
import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';

/** Issue 17 › 2: interest representatives, « inspiré par », the clerks' markings, hearings and the legislative footprint. */
const t = useTestApp();

let bill: Awaited<ReturnType<typeof createBill>>;
let lobby: TestUser;
let ngo: TestUser;
let citizen: TestUser;
let clerk: TestUser;
let member: TestUser;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

function amend(who: TestUser, body: Record<string, unknown>, articleIndex = 0) {
  const article = bill.articles[articleIndex]!;
  return t.app.http.post(`/api/articles/${article.id}/amendments`).set(auth(who))
    .send({ kind: 'modify', alineas: [...article.alineas.slice(0, -1), `Elles les publient en ligne sous ${Math.random().toString(36).slice(2, 6)} jours.`], rationale: 'Plus vite.', submit: true, ...body });
}

beforeAll(async () => {
  bill = await createBill(t.app, t.admin, { status: 'consultation' });
  lobby = await createUser(t.app, { kind: 'organisation', displayName: 'Fédération des Éditeurs' });
  ngo = await createUser(t.app, { kind: 'organisation', displayName: 'Regards Citoyens' });
  citizen = await createUser(t.app, { displayName: 'Camille Citoyenne' });
  clerk = await createUser(t.app, { roles: ['clerk'], displayName: 'Greffière Gaëlle' });
  member = await createUser(t.app, { displayName: 'Membre Marc' });
  await t.app.http.put(`/api/bills/${bill.id}/commission/members/${member.id}`).set(auth(t.admin)).send({ college: 'elected' }).expect(200);
});

describe('the declaration', () => {
  test('an organisation declares itself with its HATVP number (typed loosely), its interests and a budget band; GET /api/me shows it', async () => {
    const res = await t.app.http.put('/api/me/interest-representative').set(auth(lobby))
      .send({ register: ' h 123 456 789 ', interests: ['Édition', ' édition ', 'Droit d’auteur', ''], budgetBand: '100k_500k' }).expect(200);
    expect(res.body.user.interestRepresentative).toMatchObject({
      register: 'H123456789', registerUrl: 'https://www.hatvp.fr/fiche-organisation/?organisation=H123456789',
      interests: ['Édition', 'Droit d’auteur'], budgetBand: '100k_500k', budgetLabel: 'de 100 000 à 500 000 €', active: true, withdrawnAt: null,
    });
    const me = await t.app.http.get('/api/me').set(auth(lobby)).expect(200);
    expect(me.body.user.interestRepresentative.register).toBe('H123456789');
    // a SIREN is accepted too, and no register at all
    await t.app.http.put('/api/me/interest-representative').set(auth(ngo)).send({ interests: ['Transparence'] }).expect(200);
    const list = await t.app.http.get('/api/interest-representatives').expect(200);
    expect(list.body.representatives.map((r: { displayName: string }) => r.displayName)).toEqual(['Fédération des Éditeurs', 'Regards Citoyens']);
  });

  test('a person cannot declare; a visitor is asked to sign in; bad numbers, bands and lists are 400s that change nothing', async () => {
    await t.app.http.put('/api/me/interest-representative').send({ interests: ['x'] }).expect(401);
    const person = await t.app.http.put('/api/me/interest-representative').set(auth(citizen)).send({ interests: ['x'] }).expect(403);
    expect(person.body.error.code).toBe('forbidden');
    for (const body of [
      { register: 'H12345', interests: ['x'] },
      { register: 'X123456789', interests: ['x'] },
      { register: 'H'.padEnd(5000, '1'), interests: ['x'] },
      { interests: [] },
      { interests: ['   '] },
      { interests: Array.from({ length: 21 }, (_, i) => `intérêt ${i}`) },
      { interests: ['x'.repeat(201)] },
      { interests: 'pas une liste' },
      { interests: ['x'], budgetBand: 'un milliard' },
      { interests: ['ok\u0000'] },
    ]) {
      const res = await t.app.http.put('/api/me/interest-representative').set(auth(lobby)).send(body);
      expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
    }
    const me = await t.app.http.get('/api/me').set(auth(lobby)).expect(200);
    expect(me.body.user.interestRepresentative.interests).toEqual(['Édition', 'Droit d’auteur']);
  });

  test('withdrawing ends the declaration, is recorded, and declaring again starts anew', async () => {
    const org = await createUser(t.app, { kind: 'organisation', displayName: 'Cabinet Éphémère' });
    await t.app.http.delete('/api/me/interest-representative').set(auth(org)).expect(404);
    await t.app.http.put('/api/me/interest-representative').set(auth(org)).send({ register: '552100554', interests: ['Conseil'] }).expect(200);
    const w = await t.app.http.delete('/api/me/interest-representative').set(auth(org)).expect(200);
    expect(w.body.user.interestRepresentative).toMatchObject({ active: false, register: '552100554' });
    const events = await t.app.testDb.db.query<{ type: string }>("SELECT type FROM events WHERE subject_type = 'user' AND subject_id = $1 ORDER BY id", [org.id]);
    expect(events.rows.map((e) => e.type)).toEqual(['interest.declared', 'interest.withdrawn']);
    // a withdrawn representative cannot be named as an inspiration
    await amend(citizen, { inspiredBy: org.id }).expect(400);
  });
});

describe('« inspiré par » and the clerks’ markings', () => {
  let inspired: string;
  let plain: string;
  let byLobby: string;

  test('an amendment names the representative that inspired it, at creation; every read shows it', async () => {
    const res = await amend(citizen, { inspiredBy: lobby.id }).expect(201);
    inspired = res.body.amendment.id;
    expect(res.body.amendment.inspiredBy).toEqual({ id: lobby.id, displayName: 'Fédération des Éditeurs' });
    const list = await t.app.http.get(`/api/bills/${bill.id}/amendments`).expect(200);
    expect(list.body.amendments.find((a: { id: string }) => a.id === inspired).inspiredBy.id).toBe(lobby.id);
    byLobby = (await amend(lobby, {}, 1).expect(201)).body.amendment.id;
    plain = (await amend(citizen, {}).expect(201)).body.amendment.id;
  });

  test('an author sets or clears it while drafting; naming a person, an unknown id or garbage is a 400', async () => {
    const draft = (await amend(citizen, { submit: false }).expect(201)).body.amendment.id as string;
    await t.app.http.put(`/api/amendments/${draft}`).set(auth(citizen)).send({ inspiredBy: ngo.id }).expect(200);
    expect((await t.app.http.get(`/api/amendments/${draft}`).set(auth(citizen))).body.amendment.inspiredBy.id).toBe(ngo.id);
    await t.app.http.put(`/api/amendments/${draft}`).set(auth(citizen)).send({ inspiredBy: null }).expect(200);
    expect((await t.app.http.get(`/api/amendments/${draft}`).set(auth(citizen))).body.amendment.inspiredBy).toBeNull();
    for (const inspiredBy of [citizen.id, '00000000-0000-4000-8000-000000000000', 'pas-un-id', 42]) {
      const res = await t.app.http.put(`/api/amendments/${draft}`).set(auth(citizen)).send({ inspiredBy });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
    // an argument can say so too
    const arg = await t.app.http.post(`/api/amendments/${plain}/arguments`).set(auth(citizen)).send({ side: 'against', body: 'Trop rapide pour les petites communes.', inspiredBy: ngo.id }).expect(201);
    expect(arg.body.argument.inspiredBy).toEqual({ id: ngo.id, displayName: 'Regards Citoyens' });
  });

  test('a clerk marks an amendment as inspired by a representative; who marked it is public and in the history', async () => {
    await t.app.http.post(`/api/amendments/${plain}/inspiration-marks`).set(auth(citizen)).send({ representativeId: lobby.id }).expect(403);
    await t.app.http.post(`/api/amendments/${plain}/inspiration-marks`).send({ representativeId: lobby.id }).expect(401);
    const res = await t.app.http.post(`/api/amendments/${plain}/inspiration-marks`).set(auth(clerk)).send({ representativeId: lobby.id, note: 'Reprend mot pour mot la note de la fédération.' }).expect(201);
    expect(res.body.marks).toEqual([expect.objectContaining({ representative: { id: lobby.id, displayName: 'Fédération des Éditeurs' }, markedBy: { id: clerk.id, displayName: 'Greffière Gaëlle' }, note: 'Reprend mot pour mot la note de la fédération.' })]);
    expect((await t.app.http.post(`/api/amendments/${plain}/inspiration-marks`).set(auth(clerk)).send({ representativeId: lobby.id })).status).toBe(409);
    expect((await t.app.http.post(`/api/amendments/${plain}/inspiration-marks`).set(auth(clerk)).send({ representativeId: citizen.id })).status).toBe(400);
    const view = await t.app.http.get(`/api/amendments/${plain}`).expect(200);
    expect(view.body.amendment.inspirationMarks[0].markedBy.id).toBe(clerk.id);
    const history = await t.app.http.get(`/api/bills/${bill.id}/history?type=amendment.inspiration_marked`).expect(200);
    expect(history.body.events).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: clerk.id }), subject: { type: 'amendment', id: plain } })]);
    expect(history.body.events[0].label).toContain('Fédération des Éditeurs');
    // removing it is traced too
    const extra = (await amend(citizen, {}).expect(201)).body.amendment.id as string;
    await t.app.http.post(`/api/amendments/${extra}/inspiration-marks`).set(auth(clerk)).send({ representativeId: ngo.id }).expect(201);
    expect((await t.app.http.delete(`/api/amendments/${extra}/inspiration-marks/${ngo.id}`).set(auth(clerk)).expect(200)).body.marks).toEqual([]);
    await t.app.http.delete(`/api/amendments/${extra}/inspiration-marks/${ngo.id}`).set(auth(clerk)).expect(404);
    const removed = await t.app.http.get(`/api/bills/${bill.id}/history?type=amendment.inspiration_unmarked`).expect(200);
    expect(removed.body.events).toHaveLength(1);
  });

  test('the footprint lists what representatives wrote or inspired, by article, with how', async () => {
    const res = await t.app.http.get(`/api/bills/${bill.id}/footprint`).expect(200);
    const [first, second] = res.body.articles as { article: { number: string }; contributions: { id: string; type: string; links: { relation: string; representative: { id: string }; mark?: { markedBy: { id: string } } }[] }[] }[];
    const ids = first!.contributions.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([inspired, plain]));
    expect(first!.contributions.find((c) => c.id === inspired)!.links).toEqual([{ representative: { id: lobby.id, displayName: 'Fédération des Éditeurs' }, relation: 'inspiredBy' }]);
    expect(first!.contributions.find((c) => c.id === plain)!.links[0]).toMatchObject({ relation: 'markedByClerk', mark: { markedBy: { id: clerk.id } } });
    expect(first!.contributions.some((c) => c.type === 'argument')).toBe(true);
    expect(second!.contributions.map((c) => [c.id, c.links[0]!.relation])).toEqual([[byLobby, 'author']]);
    expect(res.body.representatives.find((r: { id: string }) => r.id === lobby.id).declaration.register).toBe('H123456789');
    const article = await t.app.http.get(`/api/articles/${bill.articles[1]!.id}/footprint`).expect(200);
    expect(article.body.contributions.map((c: { id: string }) => c.id)).toEqual([byLobby]);
    await t.app.http.get('/api/bills/00000000-0000-4000-8000-000000000000/footprint').expect(404);
  });
});

describe('hearings', () => {
  let hearing: string;

  test('a commission member schedules a hearing of a representative; a citizen may not; the agenda is public', async () => {
    await t.app.http.post(`/api/bills/${bill.id}/hearings`).set(auth(citizen)).send({ heldOn: '2026-11-20', heard: 'Quelqu’un' }).expect(403);
    const res = await t.app.http.post(`/api/bills/${bill.id}/hearings`).set(auth(member))
      .send({ heldOn: '2026-11-20', representativeId: lobby.id, subject: 'Délais de publication', articleId: bill.articles[0]!.id }).expect(201);
    hearing = res.body.hearing.id;
    expect(res.body.hearing).toMatchObject({ heldOn: '2026-11-20', heard: { name: 'Fédération des Éditeurs', representative: { id: lobby.id } }, article: { number: bill.articles[0]!.number }, minutes: null });
    await t.app.http.post(`/api/bills/${bill.id}/hearings`).set(auth(clerk)).send({ heldOn: '2026-11-21', heard: 'Défenseur des droits' }).expect(201);
    const agenda = await t.app.http.get(`/api/bills/${bill.id}/hearings`).expect(200);
    expect(agenda.body.hearings.map((h: { heard: { name: string } }) => h.heard.name)).toEqual(['Fédération des Éditeurs', 'Défenseur des droits']);
    const history = await t.app.http.get(`/api/bills/${bill.id}/history?type=hearing.scheduled`).expect(200);
    expect(history.body.events).toHaveLength(2);
  });

  test('hostile hearings are 400s: no date, impossible dates, both or neither heard, another bill’s article', async () => {
    const other = await createBill(t.app, t.admin, { status: 'consultation' });
    for (const body of [
      { heard: 'X' + 'y'.repeat(10) },
      { heldOn: '2026-02-30', heard: 'Quelqu’un' },
      { heldOn: '20261120', heard: 'Quelqu’un' },
      { heldOn: '0001-01-01', heard: 'Quelqu’un' },
      { heldOn: '2026-11-20' },
      { heldOn: '2026-11-20', heard: 'Quelqu’un', representativeId: lobby.id },
      { heldOn: '2026-11-20', heard: 'x'.repeat(201) },
      { heldOn: '2026-11-20', heard: 'Quelqu’un', articleId: other.articles[0]!.id },
      { heldOn: '2026-11-20', representativeId: citizen.id },
    ]) {
      const res = await t.app.http.post(`/api/bills/${bill.id}/hearings`).set(auth(clerk)).send(body);
      expect([res.status, res.body.error.code, body]).toEqual([400, 'validation_failed', body]);
    }
    const agenda = await t.app.http.get(`/api/bills/${bill.id}/hearings`).expect(200);
    expect(agenda.body.hearings).toHaveLength(2);
  });

  test('minutes: a PDF or a text, recognised by content, bounded; downloaded as deposited, with their SHA-256', async () => {
    await t.app.http.put(`/api/hearings/${hearing}/minutes`).set(auth(citizen)).set('Content-Type', 'application/pdf').send(PDF).expect(403);
    await t.app.http.put(`/api/hearings/${hearing}/minutes`).set('Content-Type', 'application/pdf').send(PDF).expect(401);
    const res = await t.app.http.put(`/api/hearings/${hearing}/minutes?filename=${encodeURIComponent('../../CR audition.pdf')}`).set(auth(clerk)).set('Content-Type', 'application/pdf').send(PDF).expect(200);
    expect(res.body.hearing.minutes).toMatchObject({ filename: 'CR audition.pdf', mediaType: 'application/pdf', size: PDF.length, url: `/api/hearings/${hearing}/minutes` });
    const file = await t.app.http.get(`/api/hearings/${hearing}/minutes`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    // text minutes replace it
    const text = await t.app.http.put(`/api/hearings/${hearing}/minutes?filename=cr`).set(auth(member)).set('Content-Type', 'text/plain').send('Compte rendu de l’audition.\nLa fédération demande un délai.').expect(200);
    expect(text.body.hearing.minutes).toMatchObject({ filename: 'cr.txt', mediaType: 'text/plain' });
    const history = await t.app.http.get(`/api/bills/${bill.id}/history?type=hearing.minutes_published`).expect(200);
    expect(history.body.events).toHaveLength(2);
  });

  test('hostile minutes: a PNG, a PDF without its end, a lie about the type, control bytes, no file, too big', async () => {
    const put = (type: string, body: Buffer | string) => t.app.http.put(`/api/hearings/${hearing}/minutes`).set(auth(clerk)).set('Content-Type', type).send(body);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await put('application/octet-stream', png)).body.error).toMatchObject({ code: 'unprocessable', details: { reason: 'unsupported_file' } });
    expect((await put('application/pdf', Buffer.from('%PDF-1.7\ncut here', 'latin1'))).status).toBe(422);
    expect((await put('text/plain', PDF)).body.error).toMatchObject({ code: 'unprocessable', details: { reason: 'type_mismatch' } });
    expect((await put('text/plain', 'bonjour\u0001')).status).toBe(422);
    expect((await put('text/plain', Buffer.from([0xff, 0xfe, 0x00]))).status).toBe(422);
    expect((await put('text/plain', '')).status).toBe(422);
    expect((await t.app.http.put(`/api/hearings/${hearing}/minutes`).set(auth(clerk)).send({ file: 'x' })).status).toBe(400);
    expect((await put('image/png', png)).status).toBe(400);
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await put('application/pdf', big)).status).toBe(413);
    // the minutes are still the text ones
    const agenda = await t.app.http.get(`/api/bills/${bill.id}/hearings`).expect(200);
    expect(agenda.body.hearings[0].minutes.mediaType).toBe('text/plain');
  });

  test('the footprint holds the hearings; deleting one is traced; a draft bill’s hearings stay hidden', async () => {
    const article = await t.app.http.get(`/api/articles/${bill.articles[0]!.id}/footprint`).expect(200);
    expect(article.body.hearings.map((h: { id: string }) => h.id)).toEqual([hearing]);
    expect(article.body.wholeTextHearings.map((h: { heard: { name: string } }) => h.heard.name)).toEqual(['Défenseur des droits']);
    await t.app.http.delete(`/api/hearings/${hearing}`).set(auth(citizen)).expect(403);
    await t.app.http.delete(`/api/hearings/${hearing}`).set(auth(t.admin)).expect(204);
    await t.app.http.get(`/api/hearings/${hearing}/minutes`).expect(404);
    expect((await t.app.http.get(`/api/bills/${bill.id}/history?type=hearing.deleted`).expect(200)).body.events).toHaveLength(1);
    const draft = await t.app.http.post('/api/bills').set(auth(t.admin)).send({ title: 'Brouillon', articles: [{ number: '1er', alineas: ['Texte.'] }] }).expect(201);
    const h = await t.app.http.post(`/api/bills/${draft.body.bill.id}/hearings`).set(auth(clerk)).send({ heldOn: '2026-12-01', heard: 'Préfiguration' }).expect(201);
    await t.app.http.put(`/api/hearings/${h.body.hearing.id}/minutes`).set(auth(clerk)).set('Content-Type', 'text/plain').send('Secret.').expect(200);
    await t.app.http.get(`/api/bills/${draft.body.bill.id}/hearings`).expect(404);
    await t.app.http.get(`/api/hearings/${h.body.hearing.id}/minutes`).expect(404);
    // a commission member of another bill has no say here
    const other = await createBill(t.app, t.admin, { status: 'consultation' });
    await t.app.http.post(`/api/bills/${other.id}/hearings`).set(auth(member)).send({ heldOn: '2026-12-01', heard: 'Quelqu’un' }).expect(403);
  });
});

describe('the pages and their forms', () => {
  const cookie = (u: TestUser) => `palimpseste_session=${u.token}`;
  const formPost = (path: string, who: TestUser, fields: Record<string, string>) =>
    t.app.http.post(path).type('form').set('Origin', t.app.url).set('Cookie', cookie(who)).send(fields);

  test('an organisation declares from its account page; its public page shows the declaration, the HATVP link and its history', async () => {
    const org = await createUser(t.app, { kind: 'organisation', displayName: 'Syndicat des Bibliothèques' });
    const bad = await formPost('/compte/representant-interets', org, { registre: 'Z99', interets: 'Lecture publique', budget: '' });
    expect(bad.status).toBe(303); // post → redirect → get: back to the form, which shows the errors
    expect(bad.headers.location).toMatch(/^\/compte\/representant-interets\?formulaire=[\w-]+#erreurs$/);
    const shown = await t.app.http.get(bad.headers.location!).set('Cookie', cookie(org)).expect(200);
    expect(shown.text).toContain('aria-invalid="true"');
    expect(shown.text).toContain('Lecture publique');
    await formPost('/compte/representant-interets', org, { registre: 'W751234567', interets: 'Lecture publique\r\nNumérique', budget: 'lt_10k' }).expect(303);
    const pub = await t.app.http.get(`/contributeurs/${org.id}`).expect(200);
    expect(pub.text).toContain('https://www.hatvp.fr/fiche-organisation/?organisation=W751234567');
    expect(pub.text).toContain('Numérique');
    expect(pub.text).toContain('Déclaration de représentant d’intérêts');
    const person = await formPost('/compte/representant-interets', citizen, { interets: 'x' });
    expect(person.status).toBe(403);
  });

  test('the agenda: a clerk schedules a hearing and uploads minutes through the forms; the footprint pages show them', async () => {
    const page = await t.app.http.get(`/textes/${bill.id}/auditions`).set('Cookie', cookie(clerk)).expect(200);
    expect(page.text).toContain('Inscrire une audition');
    expect((await t.app.http.get(`/textes/${bill.id}/auditions`).expect(200)).text).not.toContain('Inscrire une audition');
    const refused = await formPost(`/textes/${bill.id}/auditions`, clerk, { date: '2026-13-01', entendu: 'CNIL' });
    expect(refused.status).toBe(303); // post → redirect → get
    const shownAgenda = await t.app.http.get(refused.headers.location!).set('Cookie', cookie(clerk)).expect(200);
    expect(shownAgenda.text).toContain('role="alert"');
    expect(shownAgenda.text).toContain('CNIL');
    const made = await formPost(`/textes/${bill.id}/auditions`, clerk, { date: '2026-11-25', representant: '', entendu: 'CNIL', article: bill.articles[1]!.id, objet: 'Données personnelles' }).expect(303);
    const id = /#audition-(.+)$/.exec(made.headers.location!)![1]!;
    await t.app.http.post(`/auditions/${id}/compte-rendu`).set('Origin', t.app.url).set('Cookie', cookie(clerk))
      .field('suite', `/textes/${bill.id}/auditions`).attach('fichier', PDF, { filename: 'cr-cnil.pdf', contentType: 'application/pdf' }).expect(303);
    // the sign-in and the account-level permission are checked before the upload is read: a visitor
    // announcing a body too large is sent to sign in, not answered « too large » (nor read)
    const announce = (who: TestUser | null) => new Promise<{ status: number; location?: string | undefined }>((resolve, reject) => {
      const req = http.request(`${t.app.url}/auditions/${id}/compte-rendu`, {
        method: 'POST',
        headers: {
          Origin: t.app.url, 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(INTEREST_LIMITS.minutesBytes + 128 * 1024),
          ...(who ? { Cookie: cookie(who) } : {}),
        },
      }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    const anonymous = await announce(null);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/connexion/);
    // refused for its content: back to the agenda (post → redirect → get), the message beside this hearing
    const png = await t.app.http.post(`/auditions/${id}/compte-rendu`).set('Origin', t.app.url).set('Cookie', cookie(clerk))
      .field('suite', `/textes/${bill.id}/auditions`).attach('fichier', Buffer.from([0x89, 0x50, 0x4e, 0x47]), { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(png.status).toBe(303);
    expect(png.headers.location).toMatch(new RegExp(`^/textes/${bill.id}/auditions\\?formulaire=[\\w-]+#erreurs$`));
    const refusedMinutes = await t.app.http.get(png.headers.location!).set('Cookie', cookie(clerk)).expect(200);
    expect(refusedMinutes.text.match(/role="alert"/g)).toHaveLength(1);
    expect(refusedMinutes.text).toMatch(new RegExp(`class="hearing-actions">\\s*<div class="alert" role="alert" id="erreurs"`));
    const agenda = await t.app.http.get(`/textes/${bill.id}/auditions`).expect(200);
    expect(agenda.text).toContain('Compte rendu (PDF');
    const footprint = await t.app.http.get(`/articles/${bill.articles[1]!.id}/empreinte`).expect(200);
    expect(footprint.text).toContain('CNIL');
    expect(footprint.text).toContain('écrit par');
    expect((await t.app.http.get(`/textes/${bill.id}/empreinte`).expect(200)).text).toContain('Fédération des Éditeurs');
    // deleting asks first
    const asking = await formPost(`/auditions/${id}/supprimer`, clerk, { suite: `/textes/${bill.id}/auditions` }).expect(303);
    const ask = await t.app.http.get(asking.headers.location!).set('Cookie', cookie(clerk)).expect(200);
    expect(ask.text).toContain('Retirer cette audition de l’agenda ?');
    await formPost(`/auditions/${id}/supprimer`, clerk, { suite: `/textes/${bill.id}/auditions`, confirme: '1' }).expect(303);
  });

  test('a clerk marks an amendment from its page; the proposal form offers « inspiré par »', async () => {
    const id = (await amend(citizen, {}).expect(201)).body.amendment.id as string;
    expect((await t.app.http.get(`/amendements/${id}`).set('Cookie', cookie(clerk)).expect(200)).text).toContain('Signaler cet amendement comme inspiré par');
    expect((await t.app.http.get(`/amendements/${id}`).expect(200)).text).not.toContain('Signaler cet amendement');
    await formPost(`/amendements/${id}/inspiration`, clerk, { representant: ngo.id, note: 'Repris de leur site.' }).expect(303);
    const shown = await t.app.http.get(`/amendements/${id}`).expect(200);
    expect(shown.text).toContain('signalé par le greffe (Greffière Gaëlle)');
    const form = await t.app.http.get(`/articles/${bill.articles[0]!.id}/amendements/nouveau`).set('Cookie', cookie(citizen)).expect(200);
    expect(form.text).toContain('Inspiré par (facultatif)');
    const proposal = { kind: 'modify', texte: 'Les administrations communiquent leurs documents.\nElles les publient sous huit jours.', expose: 'Délai.', action: 'deposer', inspire: lobby.id };
    // close to the amendment above: shown first (issue 16 › 1), « inspiré par » kept through that step
    const before = await formPost(`/articles/${bill.articles[0]!.id}/amendements`, citizen, proposal).expect(303);
    expect(before.headers.location).toMatch(/\/amendements\/nouveau\?formulaire=[\w-]+#avant-depot$/);
    expect((await t.app.http.get(before.headers.location!).set('Cookie', cookie(citizen)).expect(200)).text).toContain(`<option value="${lobby.id}" selected`);
    const made = await formPost(`/articles/${bill.articles[0]!.id}/amendements`, citizen, { ...proposal, proches: 'vus' }).expect(303);
    const created = await t.app.http.get(`/api/amendments/${made.headers.location!.split('/').pop()}`).expect(200);
    expect(created.body.amendment.inspiredBy.id).toBe(lobby.id);
  });
});

test('open data: the hearings dataset, and « inspiré par » in the amendments dataset', async () => {
  const hearings = await t.app.http.get(`/api/bills/${bill.id}/opendata/hearings.json`).expect(200);
  expect(hearings.body.rows).toEqual(expect.arrayContaining([expect.objectContaining({ heard: 'Défenseur des droits', hatvp_register: null })]));
  const csv = await t.app.http.get(`/api/bills/${bill.id}/opendata/amendments.csv`).expect(200);
  expect(csv.text.split('\n')[0]).toContain('inspired_by,inspiration_marks');
  const amendments = await t.app.http.get(`/api/bills/${bill.id}/opendata/amendments.json`).expect(200);
  expect(amendments.body.rows.some((r: { inspiration_marks: string | null }) => r.inspiration_marks === 'Fédération des Éditeurs (Greffière Gaëlle)')).toBe(true);
});
