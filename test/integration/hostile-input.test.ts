import { auth, createAdmin, createBill, createCitizen, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { fingerprint, fingerprintQuery } from '../helpers/fuzz';

/**
 * Issue 11 › « No input gets a 500 »: each input the fuzzing found answered 500 on main. Each is
 * now a 4xx with a stable code naming the field, and changes nothing.
 */
let app: TestApp;
let admin: TestUser;
let citizen: TestUser;
let bill: Awaited<ReturnType<typeof createBill>>;
let amendmentId: string;
let fp: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  citizen = await createCitizen(app);
  bill = await createBill(app, admin, { status: 'consultation' });
  amendmentId = (await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(citizen))
    .send({ kind: 'delete', rationale: 'Inutile.', submit: true }).expect(201)).body.amendment.id;
  fp = await fingerprintQuery(app.testDb.db);
});
afterAll(async () => {
  await app.close();
});

/** Runs `send`, and checks that no table changed. */
async function unchanged<T>(send: () => Promise<T>): Promise<T> {
  const before = await fingerprint(app.testDb.db, fp);
  const res = await send();
  expect(await fingerprint(app.testDb.db, fp)).toEqual(before);
  return res;
}

const invalid = (res: { status: number; body: { error?: { code: string; details?: { path: string }[] } } }, path: string) => {
  expect(res.status).toBe(400);
  expect(res.body.error?.code).toBe('validation_failed');
  expect(res.body.error?.details?.map((d) => d.path)).toContain(path);
};

describe('malformed percent-encoding in a path', () => {
  test.each(['%', '%zz', '%E0%A4%A'])('GET /api/amendments/%s is 400 validation_failed (JSON)', async (raw) => {
    const res = await app.http.get(`/api/amendments/${raw}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
  test('a write with one is a 400 too, and changes nothing', async () => {
    const res = await unchanged(() => app.http.put('/api/amendments/%/vote').set(auth(citizen)).send({ value: 'for' }));
    expect(res.status).toBe(400);
  });
  test('a page with one is a 400 HTML page', async () => {
    const res = await app.http.get('/amendements/%');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/html/);
    expect(res.text).toContain('encodage');
  });
});

describe('ids and integers are checked by the route schema', () => {
  test('?article=abc on an amendment list is 400 naming query.article', async () => {
    invalid(await app.http.get(`/api/bills/${bill.id}/amendments?article=abc`), 'query.article');
  });
  test('?actor=abc on a bill history is 400 naming query.actor', async () => {
    invalid(await app.http.get(`/api/bills/${bill.id}/history?actor=abc`), 'query.actor');
  });
  test('DELETE …/commission/members/abc names nothing: 404, nothing changed', async () => {
    const res = await unchanged(() => app.http.delete(`/api/bills/${bill.id}/commission/members/abc`).set(auth(admin)));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
  test('"version": 2147483648 on an annotation is 400 naming body.version', async () => {
    const a = bill.articles[0]!;
    invalid(await unchanged(() => app.http.post(`/api/articles/${a.id}/annotations`).set(auth(citizen))
      .send({ version: 2147483648, alinea: 1, start: 0, end: 3, quote: a.alineas[0]!.slice(0, 3), body: 'Pourquoi ?' })), 'body.version');
  });
  test('a page number past int64 on the moderation log is 400 (API) and ignored (page)', async () => {
    invalid(await app.http.get('/api/moderation/log?before=99999999999999999999'), 'query.before');
    expect((await app.http.get('/moderation?avant=1e30')).status).toBe(200);
  });
  test('a history date PostgreSQL cannot hold is 400 naming query.from', async () => {
    invalid(await app.http.get(`/api/bills/${bill.id}/history?from=-100000-01-01`), 'query.from');
  });
  test('a contributions cursor with an impossible date is 400', async () => {
    invalid(await app.http.get(`/api/users/${citizen.id}/contributions?before=2024-13-45T10:00:00.000000Z_${citizen.id}`), 'query.before');
  });
});

describe('text PostgreSQL cannot store is refused, naming the field', () => {
  test('a NUL in an argument body', async () => {
    invalid(await unchanged(() => app.http.post(`/api/amendments/${amendmentId}/arguments`).set(auth(citizen)).send({ side: 'for', body: 'a\u0000b' })), 'body.body');
  });
  test('a lone surrogate in alineas', async () => {
    invalid(await unchanged(() => app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(citizen))
      .send({ kind: 'modify', alineas: ['x\ud800y'] })), 'body.alineas.0');
  });
  test('a NUL in a query string', async () => {
    invalid(await app.http.get('/api/users?search=ab%00cd').set(auth(citizen)), 'query.search');
  });
  test('a NUL in a page form is a 400 page naming the field, nothing stored', async () => {
    const res = await unchanged(() => app.http.post('/arguments').set(auth(citizen)).type('form')
      .send({ targetType: 'amendment', targetId: amendmentId, side: 'for', body: 'a\u0000bcd', suite: '/' }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/html/);
    expect(res.text).toContain('« body »');
  });
});

describe('bodies the parsers refuse are 4xx, never 500', () => {
  test('more than 1,000 form fields on the login form and the sign-up page: 400', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => `f${i}=x`).join('&');
    for (const path of ['/api/auth/login', '/inscription']) {
      const res = await app.http.post(path).type('form').set('Origin', app.url).send(many);
      expect([path, res.status]).toEqual([path, 400]);
    }
  });

  test('a compressed body in an encoding the server does not read, or a corrupt one: 400', async () => {
    const br = await app.http.post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'br').send('{"a":1}');
    expect(br.status).toBe(400);
    expect(br.body.error.code).toBe('validation_failed');
    const corrupt = await app.http.post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'deflate').send('pas du deflate');
    expect(corrupt.status).toBe(400);
  });

  test('an annotation form with a version past int32 is answered with the form, not a 500', async () => {
    const res = await app.http.post(`/articles/${bill.articles[0]!.id}/annotations`).set(auth(citizen)).set('Origin', app.url).type('form')
      .send({ version: '99999999999', alinea: '1', quote: 'documents', body: 'Bien.' });
    expect(res.status).toBeLessThan(500);
    // refused: back to the article's form (post → redirect → get) with the error, nothing stored
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/articles/${bill.articles[0]!.id}\\?formulaire=`));
    const back = await app.http.get(res.headers.location!).set(auth(citizen));
    expect(back.status).toBe(200);
    expect(back.text).toContain('recopiez-le exactement');
    const stored = await app.testDb.db.query("SELECT count(*)::int AS n FROM annotations WHERE body = 'Bien.'");
    expect(stored.rows[0]!.n).toBe(0);
  });
});
