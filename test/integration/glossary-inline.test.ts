import { GLOSSARY_BY_ID } from '../../shared/glossary';
import { EN } from '../../server/i18n/en';
import { auth, createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/**
 * Issue 16 › 2: the procedure's words are defined where the pages name them: the status badges
 * (« Irrecevable », « Retiré »), the « Dispositif » and « Exposé sommaire » headings, the hints
 * that say « alinéa ». A link to the glossary entry, described by the hidden definition that
 * follows; once per page; the definition in the page's language.
 */
let app: TestApp;
let admin: TestUser;
let clerk: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  clerk = await createUser(app, { roles: ['clerk'] });
});
afterAll(async () => {
  await app.close();
});

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const definition = (id: string, lang: 'fr' | 'en') => {
  const fr = GLOSSARY_BY_ID.get(id)!.definition;
  return escape(lang === 'fr' ? fr : EN[fr]!);
};

/** The link on `shown` to the entry `id`, and the id of the definition it is described by (which must say `definition`). */
function glossedAt(page: string, id: string, shown: string, lang: 'fr' | 'en' = 'fr'): string {
  const link = new RegExp(`<a href="/glossaire#${id}" class="terme" aria-describedby="([\\w-]+)" title="[^"]*">${reEscape(escape(shown))}</a>`).exec(page);
  expect(link).not.toBeNull();
  const describedBy = link![1]!;
  expect(page).toContain(`<span id="${describedBy}" hidden>${definition(id, lang)}</span>`);
  return link![0];
}

async function submitted(bill: { articles: { id: string }[] }, author: TestUser): Promise<string> {
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author))
    .send({ kind: 'modify', alineas: ['Les administrations communiquent librement leurs documents.'], rationale: 'Affirmer la liberté.', submit: true });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment.id as string;
}

const inadmissible = (id: string) => app.http.post(`/api/amendments/${id}/inadmissible`).set(auth(clerk))
  .send({ ground: 'article_40', reason: 'Crée une charge publique sans compensation.' }).expect(200);

test('an inadmissible amendment: its badge, the « Dispositif » and « Exposé sommaire » headings are defined, in French and in English', async () => {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const id = await submitted(bill, await createCitizen(app));
  await inadmissible(id);

  const fr = (await app.http.get(`/amendements/${id}`).expect(200)).text;
  // the badge holds the link; the definition follows it, outside (the badge says its status only)
  expect(fr).toMatch(/<span class="status status-inadmissible"><a href="\/glossaire#irrecevable" class="terme" aria-describedby="([\w-]+)"[^>]*>Irrecevable<\/a><\/span><span id="\1" hidden>/);
  glossedAt(fr, 'irrecevable', 'Irrecevable');
  expect(fr).toMatch(/<h2 id="dispositif-titre"><a href="\/glossaire#dispositif" class="terme"/);
  glossedAt(fr, 'dispositif', 'Dispositif');
  expect(fr).toMatch(/<h2 id="expose"><a href="\/glossaire#expose-sommaire" class="terme"/);
  glossedAt(fr, 'expose-sommaire', 'Exposé sommaire');
  // once a page: the notice « Irrecevable — … » below the badge is not linked again
  expect(fr.match(/href="\/glossaire#irrecevable"/g)).toHaveLength(1);
  // ids are unique on the page
  const ids = [...fr.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);

  const en = (await app.http.get(`/amendements/${id}`).set('Cookie', 'lang=en').expect(200)).text;
  glossedAt(en, 'irrecevable', 'Inadmissible', 'en');
  glossedAt(en, 'dispositif', EN['Dispositif']!, 'en');
  glossedAt(en, 'expose-sommaire', EN['Exposé sommaire']!, 'en');
});

test('a list of amendments links each status word once; the amendment form’s hint defines « alinéa »', async () => {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const author = await createCitizen(app);
  const ids = [await submitted(bill, author), await submitted(bill, await createCitizen(app))];
  for (const id of ids) await inadmissible(id);
  const list = (await app.http.get(`/articles/${bill.articles[0]!.id}/amendements`).expect(200)).text;
  expect(list.match(/class="status status-inadmissible"/g)).toHaveLength(2);
  expect(list.match(/href="\/glossaire#irrecevable"/g)).toHaveLength(1);
  glossedAt(list, 'irrecevable', 'Irrecevable');

  const form = (await app.http.get(`/articles/${bill.articles[0]!.id}/amendements/nouveau`).set(auth(author)).expect(200)).text;
  const hint = /<p class="hint" id="texte-hint">([\s\S]*?)<\/p>/.exec(form);
  expect(hint?.[1]).toMatch(/^Un <a href="\/glossaire#alinea" class="terme"[^>]*>alinéa<\/a><span id="[\w-]+" hidden>[^<]+<\/span> par ligne/);
  glossedAt(form, 'alinea', 'alinéa');
});
