import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sha256Hex } from '../../server/sortition/model';
import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';

/** API.md › Legitimacy: call → volunteers → commit → lottery → draw → answers, and `npm run verify-draw`. */
jest.setTimeout(240_000);
const t = useTestApp();

const STRATA = [
  { name: 'Sexe', source: 'INSEE 2024', categories: [{ value: 'Femme', share: 0.5 }, { value: 'Homme', share: 0.5 }] },
  { name: 'Âge', source: 'INSEE 2024', categories: [{ value: '18-39', share: 0.4 }, { value: '40-64', share: 0.4 }, { value: '65+', share: 0.2 }] },
];

async function waitReady(billId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.http.get(`/api/bills/${billId}/sortition`).expect(200);
    if (res.body.status !== 'computing') return res.body as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the lottery was not computed in time');
}

describe('sortition of the citizen college', () => {
  let billId: string;
  const people: (TestUser & { pseudonym: string })[] = [];

  test('the admin opens the call; only admins may; strata are checked', async () => {
    billId = (await createBill(t.app, t.admin, { status: 'consultation' })).id;
    const citizen = await createUser(t.app);
    await t.app.http.put(`/api/bills/${billId}/sortition`).set(auth(citizen)).send({ seats: 5, strata: STRATA }).expect(403);
    const bad = await t.app.http.put(`/api/bills/${billId}/sortition`).set(auth(t.admin))
      .send({ seats: 5, strata: [{ name: 'Sexe', categories: [{ value: 'F', share: 0.5 }, { value: 'H', share: 0.4 }] }] }).expect(400);
    expect(bad.body.error.message).toMatch(/90 %/);
    const res = await t.app.http.put(`/api/bills/${billId}/sortition`).set(auth(t.admin)).send({ seats: 5, strata: STRATA }).expect(200);
    expect(res.body.sortition).toMatchObject({ seats: 5, status: 'open' });
  });

  test('citizens volunteer with one category per stratum; organisations may not; answers are checked', async () => {
    const ages = ['18-39', '40-64', '65+'];
    for (let i = 0; i < 16; i++) {
      const u = await createUser(t.app, { displayName: `Volontaire ${i}`, verified: true });
      const res = await t.app.http.post(`/api/bills/${billId}/sortition/volunteers`).set(auth(u))
        .send({ answers: { Sexe: i % 2 ? 'Homme' : 'Femme', Âge: ages[i % 3] } }).expect(201);
      expect(res.body.volunteer.pseudonym).toMatch(/^V-[0-9a-f]{10}$/);
      people.push({ ...u, pseudonym: res.body.volunteer.pseudonym });
    }
    const org = await createUser(t.app, { kind: 'organisation' });
    await t.app.http.post(`/api/bills/${billId}/sortition/volunteers`).set(auth(org)).send({ answers: { Sexe: 'Femme', Âge: '65+' } }).expect(403);
    const someone = await createUser(t.app);
    const wrong = await t.app.http.post(`/api/bills/${billId}/sortition/volunteers`).set(auth(someone)).send({ answers: { Sexe: 'Autre', Âge: '65+' } }).expect(400);
    expect(wrong.body.error.details[0].path).toBe('answers.Sexe');
    await t.app.http.post(`/api/bills/${billId}/sortition/volunteers`).send({ answers: {} }).expect(401);
  });

  test('the commitment publishes the seed hash and the pool fingerprint; the lottery is computed', async () => {
    const seed = 'graine choisie hors ligne par la présidence';
    const res = await t.app.http.post(`/api/bills/${billId}/sortition/commit`).set(auth(t.admin)).send({ seedHash: sha256Hex(seed) }).expect(200);
    expect(res.body.seedHash).toBe(sha256Hex(seed));
    expect(res.body.seed).toBeUndefined();
    // the call is closed
    const late = await createUser(t.app);
    await t.app.http.post(`/api/bills/${billId}/sortition/volunteers`).set(auth(late)).send({ answers: { Sexe: 'Femme', Âge: '65+' } }).expect(409);
    const file = await waitReady(billId);
    expect(file).toMatchObject({ status: 'ready', failure: null });
    expect(file.seed).toBeNull();
    expect(file.minimumProbability).toBeGreaterThan(0);
    // a wrong seed is refused: it does not match the commitment
    const wrong = await t.app.http.post(`/api/bills/${billId}/sortition/draw`).set(auth(t.admin)).send({ seed: 'autre chose' }).expect(422);
    expect(wrong.body.error.details.reason).toBe('seed_mismatch');
  });

  test('the draw reveals the seed; the file lets anyone redo it with `npm run verify-draw`', async () => {
    const seed = 'graine choisie hors ligne par la présidence';
    const res = await t.app.http.post(`/api/bills/${billId}/sortition/draw`).set(auth(t.admin)).send({ seed, publicValue: 'Loto du 4 mars : 3 12 27 33 41 – 7' }).expect(200);
    expect(res.body.panel).toHaveLength(5);
    expect(Object.keys(res.body.probabilities)).toHaveLength(16);
    const ids = new Set(people.map((p) => p.id));
    for (const id of res.body.panel) expect(ids.has(id)).toBe(true);
    await t.app.http.post(`/api/bills/${billId}/sortition/draw`).set(auth(t.admin)).send({ seed }).expect(409);

    // those drawn are told by e-mail (the outbox) and answer
    const mails = await t.app.testDb.db.query<{ user_id: string }>("SELECT user_id FROM mail_outbox WHERE kind = 'sortition'");
    expect(new Set(mails.rows.map((r) => r.user_id))).toEqual(new Set(res.body.panel));
    const drawn = people.filter((p) => res.body.panel.includes(p.id));
    const notDrawn = people.find((p) => !res.body.panel.includes(p.id))!;
    await t.app.http.post(`/api/bills/${billId}/sortition/response`).set(auth(notDrawn)).send({ response: 'accepted' }).expect(403);
    await t.app.http.post(`/api/bills/${billId}/sortition/response`).set(auth(drawn[0]!)).send({ response: 'accepted' }).expect(200);
    // one who declines and has a twin (same answers) not drawn: the rule replaces them by one of those
    const profile = (p: TestUser) => people.indexOf(p as (typeof people)[number]) % 6;
    const decliner = drawn.slice(1).find((d) => people.some((p) => profile(p) === profile(d) && !res.body.panel.includes(p.id)))!;
    const twins = new Set(people.filter((p) => profile(p) === profile(decliner) && !res.body.panel.includes(p.id)).map((p) => p.pseudonym));
    const declined = await t.app.http.post(`/api/bills/${billId}/sortition/response`).set(auth(decliner)).send({ response: 'declined' }).expect(200);
    expect(declined.body.replacement).toMatch(/^V-/);
    expect(twins.has(declined.body.replacement)).toBe(true);
    await t.app.http.post(`/api/bills/${billId}/sortition/response`).set(auth(drawn[0]!)).send({ response: 'declined' }).expect(409);

    // the member who accepted sits in the citizen college
    const commission = await t.app.http.get(`/api/bills/${billId}/commission`).expect(200);
    expect(commission.body.members).toEqual([expect.objectContaining({ userId: drawn[0]!.id, college: 'citizen' })]);

    // the history has every step
    const history = await t.app.http.get(`/api/bills/${billId}/history`).expect(200);
    const types = (history.body.events as { type: string }[]).map((e) => e.type);
    for (const type of ['sortition.call_opened', 'sortition.committed', 'sortition.computed', 'sortition.drawn', 'sortition.accepted', 'sortition.declined']) expect(types).toContain(type);

    // the file, saved and checked by the standalone script
    const file = (await t.app.http.get(`/api/bills/${billId}/sortition`).expect(200)).body;
    expect(file.seed).toBe(seed);
    expect(file.declines).toEqual([decliner.pseudonym]);
    expect(file.replacements).toEqual([{ declined: decliner.pseudonym, replacement: declined.body.replacement }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tirage-'));
    const where = path.join(dir, 'tirage.json');
    fs.writeFileSync(where, JSON.stringify(file));
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'verify-draw', '--', where], { cwd: path.join(__dirname, '../..') });
    expect(stdout).toContain('Vérification réussie.');
    expect(stdout).toContain(`Panel tiré : ${[...file.drawn].join(' ')}`);
    expect(stdout).toContain(`Panel : ${[...file.panel].join(' ')}`);
    // a file whose public value was changed afterwards does not verify
    fs.writeFileSync(where, JSON.stringify({ ...file, publicValue: 'autre' }));
    await expect(promisify(execFile)('npm', ['run', '--silent', 'verify-draw', '--', where, '--sans-recalcul'], { cwd: path.join(__dirname, '../..') })).rejects.toMatchObject({ code: 1 });
  });

  test('quotas that cannot be met are refused at the commitment with the reason', async () => {
    const other = (await createBill(t.app, t.admin, { status: 'consultation' })).id;
    await t.app.http.put(`/api/bills/${other}/sortition`).set(auth(t.admin)).send({ seats: 4, strata: STRATA.slice(0, 1) }).expect(200);
    for (let i = 0; i < 5; i++) {
      const u = await createUser(t.app);
      await t.app.http.post(`/api/bills/${other}/sortition/volunteers`).set(auth(u)).send({ answers: { Sexe: i === 0 ? 'Homme' : 'Femme' } }).expect(201);
    }
    const res = await t.app.http.post(`/api/bills/${other}/sortition/commit`).set(auth(t.admin)).send({}).expect(422);
    expect(res.body.error.details.reason).toBe('infeasible_quotas');
    expect(res.body.error.message).toContain('« Sexe : Homme » demande au moins 2 membres mais ne compte que 1 volontaire.');
    // a server-generated seed is returned once to the admin
    const u = await createUser(t.app);
    await t.app.http.post(`/api/bills/${other}/sortition/volunteers`).set(auth(u)).send({ answers: { Sexe: 'Homme' } }).expect(201);
    const ok = await t.app.http.post(`/api/bills/${other}/sortition/commit`).set(auth(t.admin)).send().expect(200);
    expect(sha256Hex(ok.body.seed)).toBe(ok.body.seedHash);
    await waitReady(other);
  });
});
