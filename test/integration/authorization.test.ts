import { auth, createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/**
 * The policy table through both doors: each operation's JSON route and its HTML form, for an
 * actor the table allows and one it refuses (by role, by phase, or for a visitor). A refusal has
 * the table's status and changes nothing in the database.
 */

let app: TestApp;
let admin: TestUser;
let clerk: TestUser;
let citizen: TestUser;
let consultation: Awaited<ReturnType<typeof createBill>>;
let commission: Awaited<ReturnType<typeof createBill>>;
let amendmentId: string;
let otherAmendmentId: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  clerk = await createUser(app, { roles: ['clerk'], displayName: 'Greffière' });
  citizen = await createCitizen(app, 'Citoyenne');
  consultation = await createBill(app, admin, { status: 'consultation' });
  commission = await createBill(app, admin, { status: 'commission' });
  const author = await createCitizen(app, 'Autrice');
  const res = await app.http.post(`/api/articles/${consultation.articles[0]!.id}/amendments`).set(auth(author))
    .send({ kind: 'modify', alineas: ['Les administrations publient leurs documents.', 'Elles les publient en ligne.'], rationale: 'Plus clair.', submit: true }).expect(201);
  amendmentId = res.body.amendment.id;
  const other = await app.http.post(`/api/articles/${consultation.articles[1]!.id}/amendments`).set(auth(author))
    .send({ kind: 'delete', rationale: 'Sans objet.', submit: true }).expect(201);
  otherAmendmentId = other.body.amendment.id;
});
afterAll(async () => {
  await app.close();
});

/** Everything a write could change, summed up. */
async function fingerprint(): Promise<string> {
  const tables = ['events', 'votes', 'arguments', 'amendments', 'commission_members', 'amendment_responses', 'reports', 'moderation_actions', 'notifications'];
  const counts = await Promise.all(tables.map(async (t) => (await app.testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n));
  const bills = (await app.testDb.db.query<{ s: string }>("SELECT string_agg(status || decision_rule || coalesce(quorum::text, '-'), ',' ORDER BY id) AS s FROM bills")).rows[0]!.s;
  const assigned = (await app.testDb.db.query<{ s: string | null }>('SELECT string_agg(coalesce(assigned_clerk_id::text, \'-\'), \',\' ORDER BY id) AS s FROM amendments')).rows[0]!.s;
  const votes = (await app.testDb.db.query<{ s: string | null }>('SELECT string_agg(value::text, \',\' ORDER BY target_id, user_id) AS s FROM votes')).rows[0]!.s;
  return JSON.stringify({ counts, bills, assigned, votes });
}

type Who = TestUser | null;
interface Case {
  op: string;
  json: { method: 'put' | 'post'; path: () => string; body: () => object };
  form: { path: () => string; fields: () => Record<string, string> };
  allowed: () => Who;
  /** Refused actors, each with its JSON status; the form answers the same status, a visitor is sent to sign in (303). */
  /** formBack: the form's refusal goes back to its page by a 303 (post → redirect → get, docs/forms.md) */
  refused: { who: () => Who; status: number; phase?: () => string; formBack?: boolean }[];
}

const art = () => consultation.articles[0]!.id;
const CASES: Case[] = [
  {
    op: 'vote.article',
    json: { method: 'put', path: () => `/api/articles/${art()}/vote`, body: () => ({ value: 'for' }) },
    form: { path: () => `/articles/${art()}/vote`, fields: () => ({ value: 'against' }) },
    allowed: () => citizen,
    refused: [{ who: () => null, status: 401 }, { who: () => citizen, status: 409, phase: () => `/articles/${commission.articles[0]!.id}/vote`, formBack: true }],
  },
  {
    op: 'argument.post',
    json: { method: 'post', path: () => `/api/articles/${art()}/arguments`, body: () => ({ side: 'for', body: 'Un argument solide.' }) },
    form: { path: () => '/arguments', fields: () => ({ targetType: 'article', targetId: consultation.articles[1]!.id, side: 'against', body: 'Un autre argument.' }) },
    allowed: () => citizen,
    refused: [{ who: () => null, status: 401 }],
  },
  {
    op: 'contribution.report',
    json: { method: 'post', path: () => '/api/reports', body: () => ({ subjectType: 'amendment', subjectId: amendmentId, reason: 'hors-sujet', comment: 'Hors sujet ici.' }) },
    form: { path: () => '/signalements', fields: () => ({ subjectType: 'amendment', subjectId: otherAmendmentId, reason: 'hors-sujet', comment: 'Hors sujet, vraiment.' }) },
    allowed: () => citizen,
    refused: [{ who: () => null, status: 401 }],
  },
  {
    op: 'commission.rule',
    json: { method: 'put', path: () => `/api/bills/${commission.id}/commission/rule`, body: () => ({ rule: 'double_majority', quorum: 3 }) },
    form: { path: () => `/textes/${commission.id}/commission/regle`, fields: () => ({ rule: 'simple_majority', quorum: '2' }) },
    allowed: () => admin,
    refused: [{ who: () => citizen, status: 403 }, { who: () => clerk, status: 403 }, { who: () => null, status: 401 }],
  },
  {
    op: 'amendment.assign',
    json: { method: 'post', path: () => `/api/amendments/${amendmentId}/assign`, body: () => ({}) },
    form: { path: () => `/amendements/${otherAmendmentId}/prendre`, fields: () => ({}) },
    allowed: () => clerk,
    refused: [{ who: () => citizen, status: 403 }, { who: () => admin, status: 403 }],
  },
  {
    op: 'amendment.respond',
    json: { method: 'post', path: () => `/api/amendments/${amendmentId}/response`, body: () => ({ body: 'Merci, nous l’examinons.' }) },
    form: { path: () => `/amendements/${amendmentId}/reponse`, fields: () => ({ reponse: 'Réponse par le formulaire.' }) },
    allowed: () => clerk,
    refused: [{ who: () => citizen, status: 403 }],
  },
  {
    op: 'amendment.create',
    json: { method: 'post', path: () => `/api/articles/${art()}/amendments`, body: () => ({ kind: 'delete', rationale: 'Inutile.' }) },
    form: { path: () => `/articles/${art()}/amendements`, fields: () => ({ kind: 'delete', expose: 'Inutile.' }) },
    allowed: () => citizen,
    refused: [{ who: () => citizen, status: 409, phase: () => `/articles/${commission.articles[0]!.id}/amendements`, formBack: true }, { who: () => null, status: 401 }],
  },
  {
    op: 'contribution.moderate',
    json: { method: 'post', path: () => `/api/moderation/amendment/${amendmentId}/hide`, body: () => ({ reason: 'Propos injurieux.' }) },
    form: { path: () => `/moderation/amendment/${amendmentId}/restore`, fields: () => ({ reason: 'Finalement acceptable.' }) },
    allowed: () => admin,
    refused: [{ who: () => citizen, status: 403 }, { who: () => clerk, status: 403 }],
  },
];

const send = (method: 'put' | 'post', path: string, who: Who) => {
  const r = app.http[method](path).set('Origin', app.url);
  return who ? r.set(auth(who)) : r;
};

describe.each(CASES)('$op', (c) => {
  test.each(c.refused.map((r, i) => [i, r] as const))('refused (%i): JSON and form answer the table’s status and change nothing', async (_i, r) => {
    const before = await fingerprint();
    const jsonPath = r.phase ? `/api${r.phase()}`.replace('/api/articles/', '/api/articles/').replace('/amendements', '/amendments') : c.json.path();
    const json = await send(c.json.method, jsonPath, r.who()).send(c.json.body());
    expect(json.status).toBe(r.status);
    const form = await send('post', r.phase ? r.phase() : c.form.path(), r.who()).type('form').send(c.form.fields());
    if (r.status === 401) {
      expect(form.status).toBe(303);
      expect(form.headers.location).toMatch(/^\/connexion\?suite=/);
    } else if (r.formBack) {
      expect(form.status).toBe(303);
      expect(form.headers.location).toMatch(/[?&]formulaire=[\w-]+#erreurs$/);
    } else {
      expect(form.status).toBe(r.status);
      expect(form.type).toBe('text/html');
    }
    expect(await fingerprint()).toBe(before);
  });

  test('allowed: JSON and form both act', async () => {
    const before = await fingerprint();
    const json = await send(c.json.method, c.json.path(), c.allowed()).send(c.json.body());
    expect(json.status).toBeLessThan(300);
    const afterJson = await fingerprint();
    expect(afterJson).not.toBe(before);
    const form = await send('post', c.form.path(), c.allowed()).type('form').send(c.form.fields());
    expect(form.status).toBe(303);
    expect(form.headers.location).not.toMatch(/erreur=|connexion/);
    expect(await fingerprint()).not.toBe(afterJson);
  });
});
