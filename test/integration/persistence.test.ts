import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../server/db/migrate';
import { createPgDb } from '../../server/db/pg';
import { MIGRATIONS_DIR } from '../../server/paths';
import { createTestDb } from '../helpers/db';
import { startServerProcess } from '../helpers/process';

jest.setTimeout(90_000);

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'palimpseste-'));

async function login(url: string, email: string, password: string): Promise<Response> {
  return fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

test('two processes migrating the same database at once apply each migration exactly once', async () => {
  const t = await createTestDb({ migrate: false });
  const other = createPgDb(t.url);
  try {
    const [a, b] = await Promise.all([migrate(t.db, MIGRATIONS_DIR), migrate(other, MIGRATIONS_DIR)]);
    expect([...a, ...b].sort()).toEqual(fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort());
    const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows.rows[0]!.n).toBe(a.length + b.length);
    expect(await migrate(t.db, MIGRATIONS_DIR)).toEqual([]);
  } finally {
    await other.close();
    await t.drop();
  }
});

// PGlite cannot load inside Jest's VM sandbox (dynamic import of its WebAssembly), so the embedded
// database is exercised through a real server process, as `npm start` runs it.
test('embedded mode: the demo is seeded once, its printed accounts work, and everything survives a restart', async () => {
  const dir = tmpDir();
  try {
    const first = await startServerProcess({ DATA_DIR: dir });
    const printed = first.output().match(/admin\s+(\S+@\S+)\s+(\S+)/);
    expect(printed).not.toBeNull();
    const [, email, password] = printed!;
    expect((await login(first.url, email!, password!)).status).toBe(200);
    const bills = await (await fetch(`${first.url}/api/bills`)).json();
    expect(bills.bills).toHaveLength(1);
    expect(bills.bills[0]).toMatchObject({ status: 'consultation', articleCount: 11 });
    // A citizen's draft and its live document (bytea rows) work on the embedded database too.
    const citizen = first.output().match(/citoyenne\s+(\S+@\S+)\s+(\S+)/)!;
    const token = (await (await login(first.url, citizen[1]!, citizen[2]!)).json()).token as string;
    const bill = (await (await fetch(`${first.url}/api/bills/${bills.bills[0].id}`)).json()).bill;
    const created = await fetch(`${first.url}/api/articles/${bill.articles[0].id}/amendments`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ kind: 'modify', rationale: 'Essai' }),
    });
    const draft = (await created.json()).amendment as { id: string; alineas: string[] };
    expect(draft.alineas).toEqual(bill.articles[0].alineas);
    await fetch(`${first.url}/api/amendments/${draft.id}`, {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ alineas: ['Texte modifié.'], rationale: 'Essai' }),
    });
    const submitted = await fetch(`${first.url}/api/amendments/${draft.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await submitted.json()).amendment).toMatchObject({ number: 1, alineas: ['Texte modifié.'] });
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServerProcess({ DATA_DIR: dir });
    try {
      expect(second.output()).not.toMatch(/Mode démo/);
      expect((await login(second.url, email!, password!)).status).toBe(200);
      expect((await (await fetch(`${second.url}/api/bills`)).json()).bills).toHaveLength(1);
      const again = (await (await login(second.url, citizen[1]!, citizen[2]!)).json()).token as string;
      const reread = await (await fetch(`${second.url}/api/amendments/${draft.id}`, { headers: { authorization: `Bearer ${again}` } })).json();
      expect(reread.amendment.alineas).toEqual(['Texte modifié.']);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL mode: no demo, the ADMIN_EMAIL admin exists, and data survives a restart', async () => {
  const t = await createTestDb({ migrate: false });
  const env = { DATABASE_URL: t.url, ADMIN_EMAIL: 'admin@exemple.fr', ADMIN_PASSWORD: 'un long mot de passe' };
  try {
    const first = await startServerProcess(env);
    expect(first.output()).not.toMatch(/Mode démo/);
    const res = await login(first.url, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    const { token } = await res.json();
    const created = await fetch(`${first.url}/api/bills`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Loi persistante', text: 'PROJET\nArticle 1er\nTexte.' }),
    });
    expect(created.status).toBe(201);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServerProcess(env);
    try {
      const me = await fetch(`${second.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      // a draft bill: listed for its admin (visitors see no drafts)
      const bills = await (await fetch(`${second.url}/api/bills`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(bills.bills.map((b: { title: string }) => b.title)).toEqual(['Loi persistante']);
    } finally {
      await second.stop('SIGTERM');
    }
  } finally {
    await t.drop();
  }
});
