import { auth, createBill, createCitizen, createUser, seatCommission, useTestApp, type TestUser } from '../helpers/app';
import { formClient, slice } from '../helpers/forms';
import { takeFormState } from '../../server/pages/flash';

/**
 * Post → redirect → get for the moderators', the commission's and the sortition's forms, and for a
 * proposal refused for its phase (issue 16, item 7, docs/forms.md): a refusal answers 303 to the
 * form's page (a GET) with a named state sealed in `formulaire`; that page says the refusal in a
 * role="alert" box beside the form that failed, the field errors beside their fields, what was typed
 * kept (never a secret); nothing was changed, and reloading the page sends nothing again. The JSON API
 * keeps its statuses.
 */

jest.setTimeout(120_000);
const suite = useTestApp();
const http = () => suite.app.http;
const { post, get, sentBack } = formClient(suite, { confirmed: true });

const moderator = (name: string) => createUser(suite.app, { roles: ['moderator'], displayName: name });
const logSize = async () => ((await http().get('/api/moderation/log?limit=100').expect(200)).body.actions as unknown[]).length;

describe('the moderators’ forms', () => {
  let bill: Awaited<ReturnType<typeof createBill>>;
  let art: string;
  let mod: TestUser;
  let writer: TestUser;
  const argue = async (who: TestUser, body: string) =>
    (await http().post(`/api/articles/${art}/arguments`).set(auth(who)).send({ side: 'for', body }).expect(201)).body.argument.id as string;

  beforeAll(async () => {
    bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
    art = bill.articles[0]!.id;
    mod = await moderator('Modératrice Formulaire');
    writer = await createCitizen(suite.app, 'Auteur Signalé');
  });

  test('the queue’s bulk decision: back to the queue as it was, the boxes ticked, the decision, rule and reason kept', async () => {
    const id = await argue(writer, 'Un argument signalé pour la file.');
    await http().post('/api/reports').set(auth(await createCitizen(suite.app))).send({ subjectType: 'argument', subjectId: id, reason: 'respect' }).expect(201);
    const queue = (await get(mod, '/moderation/signalements').expect(200)).text;
    const box = new RegExp(`name="(item-\\d+)" value="argument:${id}"`).exec(queue)![1]!;
    const long = 'Raison beaucoup trop longue. '.repeat(100);
    const before = await logSize();
    const page = await sentBack(mod, '/moderation/lot', { [box]: `argument:${id}`, mesure: 'hide', rule: 'respect', reason: long, suite: '/moderation/signalements?type=argument' },
      '/moderation/signalements?type=argument', 'lot');
    expect(page.indexOf('role="alert"')).toBeLessThan(page.indexOf('action="/moderation/lot"'));
    const form = slice(page, 'action="/moderation/lot"', '</form>');
    expect(form).toContain(`value="argument:${id}" checked`);
    expect(form).toMatch(/value="hide" required checked/);
    expect(form).toMatch(/<option value="respect" selected>/);
    expect(form).toContain(`value="${long}"`);
    expect(form).toMatch(/id="bulk-reason-error"/);
    expect(form).toMatch(/id="bulk-reason"[^>]*aria-describedby="bulk-reason-error" aria-invalid="true"/);
    expect(await logSize()).toBe(before);
    // the JSON API keeps its status
    expect((await http().post('/api/moderation/bulk').set(auth(mod)).send({ action: 'hide', items: [{ subjectType: 'argument', subjectId: id }], rule: 'respect', reason: long })).status).toBe(400);
  });

  describe('a decision and its appeal', () => {
    let actionId: string;
    beforeAll(async () => {
      const id = await argue(writer, 'Un argument que la modération masque.');
      actionId = String((await http().post(`/api/moderation/argument/${id}/hide`).set(auth(mod)).send({ reason: 'Injure', rule: 'respect' }).expect(200)).body.actionId);
    });

    test('an appeal too short: back to the decision, beside the appeal form, the text kept', async () => {
      const page = await sentBack(writer, `/moderation/decisions/${actionId}/appel`, { body: 'Injuste' }, `/moderation/decisions/${actionId}`, 'appel');
      const section = slice(page, 'id="appeal-form-title"', '</section>');
      expect(section).toContain('role="alert"');
      expect(section).toContain('>Injuste</textarea>');
      expect(section).toMatch(/id="appeal-body"[^>]*aria-describedby="appeal-help appeal-body-error" aria-invalid="true"/);
      expect(section).toContain('id="appeal-body-error"');
      expect((await http().get(`/api/moderation/actions/${actionId}`).expect(200)).body.appeal).toBeNull();
    });

    test('an appeal decided without a choice: back to the decision, beside that form, the reason kept', async () => {
      await http().post(`/api/moderation/actions/${actionId}/appeal`).set(auth(writer)).send({ body: 'Ce n’était pas une injure, je fais appel.' }).expect(201);
      const appealId = (await http().get(`/api/moderation/actions/${actionId}`).expect(200)).body.appeal.id as string;
      const other = await moderator('Modérateur Tiers');
      const page = await sentBack(other, `/moderation/appels/${appealId}/decision`, { reason: 'Raison publique gardée' }, `/moderation/decisions/${actionId}`, 'trancher');
      const section = slice(page, 'id="appeal-title"', '</section>');
      expect(section).toContain('role="alert"');
      expect(section).toContain('Raison publique gardée</textarea>');
      expect(section).toContain('aria-describedby="appeal-decision-error"');
      expect((await http().get(`/api/moderation/actions/${actionId}`).expect(200)).body.appeal.decision).toBeNull();
    });
  });

  test('a suspension refused: back to the account page, beside that form, duration, rule and reason kept', async () => {
    const target = await createCitizen(suite.app, 'Compte À Suspendre');
    const page = await sentBack(mod, `/moderation/comptes/${target.id}/suspendre`, { duree: 'permanente', rule: 'respect', reason: 'No', nom: 'Compte À Suspendre' },
      `/moderation/comptes/${target.id}`, 'suspendre');
    const form = slice(page, 'role="alert"', '</form>');
    expect(form).toContain('action="/moderation/comptes/');
    expect(form).toMatch(/value="permanente" checked/);
    expect(form).not.toMatch(/value="temporaire" checked/);
    expect(form).toMatch(/<option value="respect" selected>/);
    expect(form).toMatch(/id="susp-reason"[^>]*value="No" aria-describedby="susp-reason-error" aria-invalid="true"/);
    expect(page).toContain('Ce compte n’est pas suspendu.');
    // the JSON API keeps its status
    expect((await http().post(`/api/moderation/accounts/${target.id}/suspend`).set(auth(mod)).send({ until: null, reason: 'No' })).status).toBe(400);
  });

  test('a lifting refused: beside the lifting form, the reason kept', async () => {
    const target = await createCitizen(suite.app, 'Compte Suspendu');
    await http().post(`/api/moderation/accounts/${target.id}/suspend`).set(auth(mod)).send({ until: null, reason: 'Injures répétées' }).expect(200);
    const page = await sentBack(mod, `/moderation/comptes/${target.id}/lever`, { reason: 'Ok' }, `/moderation/comptes/${target.id}`, 'lever');
    const lift = slice(page, 'role="alert"', '</form>');
    expect(lift).toContain(`action="/moderation/comptes/${target.id}/lever"`);
    expect(lift).toMatch(/id="lift-reason"[^>]*value="Ok" aria-describedby="lift-reason-error" aria-invalid="true"/);
    expect(slice(page, `action="/moderation/comptes/${target.id}/suspendre"`, '</form>')).not.toContain('role="alert"');
    expect(page).toContain('Compte suspendu définitivement.');
  });
});

describe('the commission’s forms', () => {
  let bill: Awaited<ReturnType<typeof createBill>>;
  let amendmentId: string;
  let elected: TestUser;

  beforeAll(async () => {
    bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
    const made = await http().post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(await createCitizen(suite.app)))
      .send({ kind: 'modify', alineas: ['Les administrations publient tout.'], rationale: 'Plus clair.', submit: true }).expect(201);
    amendmentId = made.body.amendment.id as string;
    ({ elected } = await seatCommission(suite.app, suite.admin, bill.id));
    await http().post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  });

  test('« non examiné » without a reason: back to the dashboard, in that item, the form open', async () => {
    const dashboard = `/textes/${bill.id}/commission`;
    const page = await sentBack(suite.admin, `/amendements/${amendmentId}/decision`, { decision: 'not_examined', raison: '  ', suite: `${dashboard}?attente=1#examen-1` },
      `${dashboard}?attente=1`, `amendement-${amendmentId}`);
    const item = slice(page, `data-amendment="${amendmentId}"`, '</li>');
    expect(item).toContain('role="alert"');
    expect(item).toContain('<details class="not-examined" open>');
    expect(item).toMatch(new RegExp(`id="raison-${amendmentId}"[^>]*aria-describedby="raison-${amendmentId}-error" aria-invalid="true"`));
    expect((await http().get(`/api/amendments/${amendmentId}`).expect(200)).body.amendment.status).toBe('submitted');
  });

  test('a vote that is no vote: said in that item', async () => {
    const page = await sentBack(elected, `/amendements/${amendmentId}/vote-commission`, { value: 'peut-etre', suite: `/textes/${bill.id}/commission#examen-1` },
      `/textes/${bill.id}/commission`, `amendement-${amendmentId}`);
    expect(slice(page, `data-amendment="${amendmentId}"`, '</li>')).toContain('role="alert"');
    expect((await http().put(`/api/amendments/${amendmentId}/commission-vote`).set(auth(elected)).send({ value: 'peut-etre' })).status).toBe(400);
  });

  test('the decision rule: a quorum of 0 is refused, beside that form, what was chosen kept', async () => {
    const page = await sentBack(suite.admin, `/textes/${bill.id}/commission/regle`, { rule: 'double_majority', quorum: '0' }, `/textes/${bill.id}/commission`, 'regle');
    const form = slice(page, 'role="alert"', '</form>');
    expect(form).toContain(`action="/textes/${bill.id}/commission/regle"`);
    expect(form).toMatch(/<option value="double_majority" selected>/);
    expect(form).toMatch(/id="quorum"[^>]*value="0" aria-describedby="quorum-error" aria-invalid="true"/);
    expect(slice(page, `action="/textes/${bill.id}/commission/membres"`, '</form>')).not.toContain('role="alert"');
    expect((await http().get(`/api/bills/${bill.id}/commission`).expect(200)).body.rule).not.toBe('double_majority');
  });

  test('a member in no college, from the console: back to the console, the name typed kept', async () => {
    const someone = await createUser(suite.app, { displayName: 'Membre Pressenti' });
    const console = `/admin/textes/${bill.id}`;
    const page = await sentBack(suite.admin, `/textes/${bill.id}/commission/membres`, { compte: 'Membre Pressenti', college: 'aucun', suite: console }, console, 'membres');
    const form = slice(page, 'role="alert"', '</form>');
    expect(form).toContain(`action="/textes/${bill.id}/commission/membres"`);
    expect(form).toContain('value="Membre Pressenti"');
    expect(form).toMatch(/id="college"[^>]*aria-describedby="college-error" aria-invalid="true"/);
    const members = (await http().get(`/api/bills/${bill.id}/commission`).expect(200)).body.members as { userId: string }[];
    expect(members.map((m) => m.userId)).not.toContain(someone.id);
  });
});

describe('the sortition’s forms', () => {
  let bill: Awaited<ReturnType<typeof createBill>>;
  beforeAll(async () => {
    bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  });

  test('a call whose shares do not add up: back to the page, in the admin box, the seats and criteria kept', async () => {
    const criteres = 'Sexe | Femme | 50 | INSEE\nSexe | Homme | 10 | INSEE';
    const page = await sentBack(suite.admin, `/textes/${bill.id}/tirage/appel`, { sieges: '7', criteres }, `/textes/${bill.id}/tirage`, 'appel');
    const box = slice(page, 'id="admin-tirage"', '</section>');
    expect(box).toContain('role="alert"');
    expect(box).toMatch(/id="sieges"[^>]*value="7"/);
    expect(box).toContain(`${criteres}</textarea>`);
    expect((await http().get(`/api/bills/${bill.id}/sortition`)).status).toBe(404);
  });

  test('a draw before the lottery: said in the admin box; the seed typed never travels', async () => {
    const strata = [{ name: 'Sexe', categories: [{ value: 'Femme', share: 0.5 }, { value: 'Homme', share: 0.5 }] }];
    await http().put(`/api/bills/${bill.id}/sortition`).set(auth(suite.admin)).send({ seats: 3, strata }).expect(200);
    const res = await post(suite.admin, `/textes/${bill.id}/tirage/tirer`, { graine: 'ma graine secrète', valeur: 'Loto du 3 mai' });
    expect(res.status).toBe(303);
    const state = takeFormState(new URL(res.headers.location!, suite.app.url).searchParams.get('formulaire'));
    expect(state?.values).toEqual(expect.objectContaining({ valeur: 'Loto du 3 mai' }));
    expect(state?.values?.graine).toBeUndefined();
    const page = await sentBack(suite.admin, `/textes/${bill.id}/tirage/tirer`, { graine: 'ma graine secrète', valeur: 'Loto du 3 mai' }, `/textes/${bill.id}/tirage`, 'tirer');
    expect(slice(page, 'id="admin-tirage"', '</section>')).toContain('role="alert"');
    expect(page).not.toContain('ma graine secrète');
    expect((await http().get(`/api/bills/${bill.id}/sortition`).expect(200)).body.status).toBe('open');
  });

  test('volunteering with an answer that is no category: said in the volunteer block', async () => {
    const someone = await createUser(suite.app, { verified: true });
    const page = await sentBack(someone, `/textes/${bill.id}/tirage/volontaire`, { 'critere-0': 'Autre' }, `/textes/${bill.id}/tirage`, 'volontaire');
    expect(slice(page, 'role="alert"', '</form>')).toContain(`action="/textes/${bill.id}/tirage/volontaire"`);
    expect((await http().get(`/api/bills/${bill.id}/sortition`).expect(200)).body.volunteers).toHaveLength(0);
  });
});

test('a proposal refused for its phase: 303 to the article page, said in « Amendements », what was typed there to copy', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const art = bill.articles[0]!.id;
  await http().post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  const author = await createCitizen(suite.app);
  const page = await sentBack(author, `/articles/${art}/amendements`, { kind: 'modify', texte: 'Un texte proposé trop tard.', expose: 'Mon exposé gardé.', action: 'deposer' },
    `/articles/${art}`, 'amender');
  const section = slice(page, 'id="amendements"', '</section>');
  expect(section).toContain('role="alert"');
  expect(section).toContain('Un texte proposé trop tard.</textarea>');
  expect(section).toContain('Mon exposé gardé.</textarea>');
  expect((await http().get(`/api/bills/${bill.id}/amendments`).expect(200)).body.amendments).toHaveLength(0);
  // the JSON API keeps its status
  expect((await http().post(`/api/articles/${art}/amendments`).set(auth(author)).send({ kind: 'modify', alineas: ['Trop tard.'], submit: true })).status).toBe(409);
});
