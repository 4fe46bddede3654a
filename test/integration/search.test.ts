import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';

/** `GET /api/search` on PostgreSQL (the embedded database: search-embedded.test.ts). */
const t = useTestApp();

const BILL = `PROJET DE LOI pour l’école de la confiance

TITRE Ier
L’ÉCOLE

Article 1er
L’instruction est obligatoire pour chaque enfant dès l’âge de trois ans.
Les écoles maternelles accueillent les enfants.

Article 2
Les établissements publient leurs résultats chaque année.
`;

interface Result { type: string; id: string; title: string; excerpt: string; url: string }
interface Page { results: Result[]; total: number; page: number }

async function find(query: Record<string, string | number>): Promise<Page> {
  const res = await t.app.http.get('/api/search').query(query);
  expect(res.status).toBe(200);
  return res.body as Page;
}
const ids = (p: Page) => p.results.map((r) => r.id);

let bill: Awaited<ReturnType<typeof createBill>>;
let citizen: TestUser;

async function amend(articleId: string, alineas: string[], rationale: string, submit = true): Promise<string> {
  const res = await t.app.http.post(`/api/articles/${articleId}/amendments`).set(auth(citizen)).send({ kind: 'modify', alineas, rationale, submit });
  expect(res.status).toBe(201);
  return res.body.amendment.id as string;
}

beforeAll(async () => {
  const res = await t.app.http.post('/api/bills').set(auth(t.admin)).send({ title: 'Pour une école de la confiance', text: BILL });
  expect(res.status).toBe(201);
  bill = res.body.bill;
  await t.app.http.post(`/api/bills/${bill.id}/status`).set(auth(t.admin)).send({ status: 'consultation' }).expect(200);
  citizen = await createUser(t.app, { displayName: 'Bérénice Lefèvre' });
});

test('stemming and folded accents: « amendements » finds « amendement », « ecole » finds « école »', async () => {
  const [a1] = bill.articles;
  const id = await amend(a1!.id, ['L’instruction est obligatoire pour chaque enfant dès l’âge de deux ans.', 'Les écoles maternelles accueillent les enfants.'],
    'Cet amendement avance l’âge de la scolarité obligatoire à deux ans.');
  const plural = await find({ q: 'amendements' });
  expect(ids(plural)).toContain(id);
  const folded = await find({ q: 'ecole', type: 'bill' });
  expect(ids(folded)).toEqual([bill.id]);
  // the bill's title is « l’école » and article 1's text « écoles »: both reached without the accent
  // article 1 says « écoles »; both sit under the heading « L’ÉCOLE »: the text's match ranks first
  expect(ids(await find({ q: 'ECOLES', type: 'article' }))[0]).toBe(a1!.id);
  const hit = plural.results.find((r) => r.id === id)!;
  expect(hit).toMatchObject({ type: 'amendment', url: `/amendements/${id}`, title: expect.stringMatching(/^Amendement n° \d+ — article 1er/) });
  expect(hit.excerpt).toMatch(/<mark>amendement<\/mark>/i);
});

test('ranked: a word in the exposé weighs more than the same word in the copied article text', async () => {
  const [, a2] = bill.articles;
  const inText = await amend(a2!.id, ['Les établissements publient leurs résultats chaque trimestre sans délai.'], 'Plus souvent.');
  const inExpose = await amend(a2!.id, ['Les établissements publient leurs résultats chaque mois.'], 'Publier sans délai, chaque mois, les résultats.');
  const r = await find({ q: 'délai', type: 'amendment' });
  expect(ids(r).indexOf(inExpose)).toBeLessThan(ids(r).indexOf(inText));
  expect(ids(r)).toContain(inText);
});

test('drafts are never found: a draft amendment, a draft bill', async () => {
  const [a1] = bill.articles;
  const draft = await amend(a1!.id, ['Le zygomatique est obligatoire.'], 'Un brouillon zygomatique.', false);
  expect((await find({ q: 'zygomatique' })).total).toBe(0);
  // its authors do not find it either: search is for what is public
  expect((await t.app.http.get('/api/search').query({ q: 'zygomatique' }).set(auth(citizen))).body.total).toBe(0);
  const hidden = await t.app.http.post('/api/bills').set(auth(t.admin)).send({ title: 'Projet cachalot', text: 'Article 1er\nLe cachalot est protégé.\n' });
  expect(hidden.status).toBe(201);
  expect((await find({ q: 'cachalot' })).total).toBe(0);
  expect((await t.app.http.get('/api/search').query({ q: 'cachalot' }).set(auth(t.admin))).body.total).toBe(0);
  // submitting makes it public
  await t.app.http.post(`/api/amendments/${draft}/submit`).set(auth(citizen)).expect(200);
  expect(ids(await find({ q: 'zygomatique' }))).toEqual([draft]);
});

test('moderated contributions are never found, nor what hangs on a masked amendment', async () => {
  const [a1] = bill.articles;
  const arg = await t.app.http.post(`/api/articles/${a1!.id}/arguments`).set(auth(citizen)).send({ side: 'against', body: 'Un ornithorynque dans la classe ?' });
  expect(arg.status).toBe(201);
  expect(ids(await find({ q: 'ornithorynque' }))).toEqual([arg.body.argument.id]);
  await t.app.http.post(`/api/moderation/argument/${arg.body.argument.id}/hide`).set(auth(t.admin)).send({ reason: 'Hors sujet' }).expect(200);
  expect((await find({ q: 'ornithorynque' })).total).toBe(0);

  const masked = await amend(a1!.id, ['Le tamanoir est obligatoire dès trois ans.'], 'Le tamanoir.');
  const onIt = await t.app.http.post(`/api/amendments/${masked}/arguments`).set(auth(citizen)).send({ side: 'for', body: 'Oui au tamanoir.' });
  expect(onIt.status).toBe(201);
  await t.app.testDb.db.query(`INSERT INTO amendment_responses (amendment_id, clerk_id, body) VALUES ($1, $2, 'Réponse sur le tamanoir.')`, [masked, t.admin.id]);
  expect((await find({ q: 'tamanoir' })).results.map((r) => r.type).sort()).toEqual(['amendment', 'argument', 'response']);
  await t.app.http.post(`/api/moderation/amendment/${masked}/hide`).set(auth(t.admin)).send({ reason: 'Injurieux' }).expect(200);
  expect((await find({ q: 'tamanoir' })).total).toBe(0);
});

test('annotations are found by their words, with the article they annotate; a hidden one is not', async () => {
  const [, a2] = bill.articles;
  const note = await t.app.http.post(`/api/articles/${a2!.id}/annotations`).set(auth(citizen))
    .send({ version: 1, alinea: 1, start: 0, end: 3, quote: 'Les', body: 'Un pangolin lirait ces résultats avec inquiétude.' });
  expect(note.status).toBe(201);
  const id = note.body.annotation.id as string;
  const found = await find({ q: 'pangolins' });
  expect(found.results.map((r) => [r.type, r.id])).toEqual([['annotation', id]]);
  expect(found.results[0]!.url).toContain(`/articles/${a2!.id}`);
  expect(found.results[0]!.excerpt).toContain('<mark>pangolin</mark>');
  // the type and article filters reach it; another article's filter does not
  expect(ids(await find({ q: 'pangolin', type: 'annotation', article: a2!.id }))).toEqual([id]);
  expect((await find({ q: 'pangolin', article: bill.articles[0]!.id })).total).toBe(0);
  expect((await find({ q: 'pangolin', type: 'argument' })).total).toBe(0);
  await t.app.http.post(`/api/moderation/annotation/${id}/hide`).set(auth(t.admin)).send({ reason: 'Hors sujet' }).expect(200);
  expect((await find({ q: 'pangolin' })).total).toBe(0);
});

test('extracts are escaped: markup a person typed comes back as text, only <mark> is ours', async () => {
  const [a1] = bill.articles;
  const body = 'Attention <script>alert("okapi")</script> & <b>okapi</b> 2 < 3 > 1 \u0001 faux\u0002';
  const arg = await t.app.http.post(`/api/articles/${a1!.id}/arguments`).set(auth(citizen)).send({ side: 'for', body });
  expect(arg.status).toBe(201);
  const hit = (await find({ q: 'okapi' })).results[0]!;
  // ts_headline leaves tags out of extracts; whatever remains is escaped
  expect(hit.excerpt.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
  expect(hit.excerpt).toContain('&amp;');
  expect(hit.excerpt).toContain('&quot;okapi&quot;');
  expect(hit.excerpt).toContain('<mark>okapi</mark>');
  expect(hit.excerpt.match(/<mark>/g)!.length).toBe(hit.excerpt.match(/<\/mark>/g)!.length);
  expect(hit.excerpt.includes('\u0001') || hit.excerpt.includes('\u0002')).toBe(false);
  expect(hit.url).toBe(`/articles/${a1!.id}#argument-${arg.body.argument.id}`);
});

test('contributors by name, once something of theirs is public; summaries and exposés are searched', async () => {
  const r = await find({ q: 'berenice lefevre' });
  expect(r.results.filter((x) => x.type === 'contributor').map((x) => x.id)).toEqual([citizen.id]);
  const silent = await createUser(t.app, { displayName: 'Anatole Silencieux' });
  expect((await find({ q: 'anatole' })).total).toBe(0);
  expect(silent.id).toBeTruthy();

  const [, a2] = bill.articles;
  await t.app.http.put(`/api/articles/${a2!.id}/summary`).set(auth(t.admin)).send({ text: 'Cet article rend publics les palmarès des établissements.' }).expect(200);
  expect(ids(await find({ q: 'palmarès', type: 'article' }))).toEqual([a2!.id]);
  await t.app.http.put(`/api/bills/${bill.id}/memorandum`).set(auth(t.admin)).send({ text: 'La confiance se construit par la transparence.' }).expect(200);
  expect(ids(await find({ q: 'transparence' }))).toEqual([bill.id]);
});

test('filters: type, bill, article, status; and pages of 20', async () => {
  const [a1, a2] = bill.articles;
  for (let i = 0; i < 23; i++) {
    const target = i % 2 === 0 ? a1! : a2!;
    const res = await t.app.http.post(`/api/articles/${target.id}/arguments`).set(auth(citizen)).send({ side: 'for', body: `Argument numéro ${i} sur la pagination.` });
    expect(res.status).toBe(201);
  }
  const first = await find({ q: 'pagination' });
  expect(first).toMatchObject({ total: 23, page: 1 });
  expect(first.results).toHaveLength(20);
  const second = await find({ q: 'pagination', page: 2 });
  expect(second).toMatchObject({ total: 23, page: 2 });
  expect(second.results).toHaveLength(3);
  expect(new Set([...ids(first), ...ids(second)]).size).toBe(23);
  expect((await find({ q: 'pagination', article: a1!.id })).total).toBe(12);
  expect((await find({ q: 'pagination', type: 'amendment' })).total).toBe(0);
  expect((await find({ q: 'pagination', bill: bill.id })).total).toBe(23);

  const other = await createBill(t.app, t.admin, { text: 'PROJET DE LOI sur la pagination\n\nArticle 1er\nLa pagination est libre.\n', status: 'consultation' });
  expect((await find({ q: 'pagination', bill: other.id })).results.map((r) => r.type).sort()).toEqual(['article']);
  expect((await find({ q: 'pagination' })).total).toBe(24);

  const withdrawn = await amend(a1!.id, ['L’instruction est obligatoire pour chaque enfant dès l’âge de quatre ans, dit le lamantin.', 'Les écoles maternelles accueillent les enfants.'], 'Le lamantin.');
  await t.app.http.post(`/api/amendments/${withdrawn}/withdraw`).set(auth(citizen)).expect(200);
  expect(ids(await find({ q: 'lamantin', status: 'withdrawn' }))).toEqual([withdrawn]);
  expect((await find({ q: 'lamantin', status: 'submitted' })).total).toBe(0);
});

test('bad input is a 400 and changes nothing; a query of stop words only finds nothing', async () => {
  for (const query of [{}, { q: '' }, { q: 'x'.repeat(201) }, { q: 'a', type: 'vote' }, { q: 'a', page: 0 }, { q: 'a', page: 51 }, { q: 'a', status: 'draft' }, { q: 'a', bill: 'nope' }]) {
    const res = await t.app.http.get('/api/search').query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  }
  expect(await find({ q: 'de la et' })).toEqual({ results: [], total: 0, totalExact: true, page: 1 });
  // the web search syntax: a quoted phrase, an excluded word
  expect((await find({ q: '"chaque enfant" -zygomatique', type: 'article' })).total).toBe(1);
});

test('summary and exposé des motifs: admins and clerks write them, citizens get 403, GET shows them', async () => {
  const [a1] = bill.articles;
  const clerk = await createUser(t.app, { roles: ['clerk'] });
  expect((await t.app.http.put(`/api/articles/${a1!.id}/summary`).set(auth(citizen)).send({ text: 'Non.' })).status).toBe(403);
  expect((await t.app.http.put(`/api/bills/${bill.id}/memorandum`).set(auth(citizen)).send({ text: 'Non.' })).status).toBe(403);
  expect((await t.app.http.put(`/api/articles/${a1!.id}/summary`).send({ text: 'Non.' })).status).toBe(401);
  expect((await t.app.http.put(`/api/articles/${a1!.id}/summary`).set(auth(clerk)).send({ text: 42 })).status).toBe(400);
  expect((await t.app.http.put(`/api/articles/${a1!.id}/summary`).set(auth(clerk)).send({ text: 'x'.repeat(20_001) })).status).toBe(400);
  expect((await t.app.http.get(`/api/articles/${a1!.id}`)).body.summary).toBeNull();

  const put = await t.app.http.put(`/api/articles/${a1!.id}/summary`).set(auth(clerk)).send({ text: '  L’école devient obligatoire à trois ans.\r\nAvant : six ans.  ' });
  expect(put.status).toBe(200);
  expect(put.body).toEqual({ summary: 'L’école devient obligatoire à trois ans.\nAvant : six ans.' });
  expect((await t.app.http.get(`/api/articles/${a1!.id}`)).body.summary).toBe('L’école devient obligatoire à trois ans.\nAvant : six ans.');
  await t.app.http.put(`/api/bills/${bill.id}/memorandum`).set(auth(clerk)).send({ text: 'Exposé.' }).expect(200);
  const read = (await t.app.http.get(`/api/bills/${bill.id}`)).body.bill;
  expect(read.memorandum).toBe('Exposé.');
  expect(read.articles[0].summary).toBe('L’école devient obligatoire à trois ans.\nAvant : six ans.');
  // an empty text removes it
  expect((await t.app.http.put(`/api/bills/${bill.id}/memorandum`).set(auth(t.admin)).send({ text: '  ' })).body).toEqual({ memorandum: null });
  expect((await t.app.http.get(`/api/bills/${bill.id}`)).body.bill.memorandum).toBeNull();
  expect((await t.app.http.put('/api/bills/00000000-0000-4000-8000-000000000000/memorandum').set(auth(t.admin)).send({ text: 'x' })).status).toBe(404);
});

test('the article vector follows a new version of the article', async () => {
  const [a1] = bill.articles;
  const { addArticleVersion } = await import('../../server/sql/articles');
  await addArticleVersion(t.app.testDb.db, a1!.id, ['Le capybara entre dans le texte.'], 'Essai', null);
  expect(ids(await find({ q: 'capybara', type: 'article' }))).toEqual([a1!.id]);
  expect((await find({ q: 'maternelles', type: 'article' })).total).toBe(0);
});

describe('pages', () => {
  const formPost = (path: string, who: TestUser | null, fields: Record<string, string> = {}) => {
    const req = t.app.http.post(path).type('form').set('Origin', t.app.url);
    return (who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req).send(fields);
  };

  test('/recherche: the form, results with their marks, a refused query said beside the field', async () => {
    expect((await t.app.http.get('/recherche').expect(200)).text).toContain('role="search"');
    const found = (await t.app.http.get('/recherche').query({ q: 'ecole', type: 'bill' }).expect(200)).text;
    expect(found).toContain('<mark>école</mark>');
    expect(found).toContain(`href="/textes/${bill.id}"`);
    expect(found).toMatch(/role="status">1 résultat</);
    const refused = await t.app.http.get('/recherche').query({ q: 'x'.repeat(201) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('aria-invalid="true"');
  });

  test('/recherche: a bill to choose, then its articles; the bill and article pages search within themselves', async () => {
    const [a1, a2] = bill.articles;
    const draft = await createBill(t.app, t.admin);
    const blank = (await t.app.http.get('/recherche').expect(200)).text;
    expect(blank).toMatch(/<select id="recherche-texte" name="bill"[^>]*>\s*<option value="" selected>Tous les projets de loi<\/option>/);
    expect(blank).toContain(`<option value="${bill.id}" lang="fr">Pour une école de la confiance</option>`);
    // public bills only; no article list before a bill is chosen
    expect(blank).not.toContain(draft.id);
    expect(blank).not.toContain('id="recherche-article"');

    const chosen = (await t.app.http.get('/recherche').query({ q: 'enfants', bill: bill.id }).expect(200)).text;
    expect(chosen).toContain(`<option value="${bill.id}" lang="fr" selected>`);
    expect(chosen).toMatch(new RegExp(`<select id="recherche-article" name="article"><option value="" selected>Tous les articles</option><option value="${a1!.id}">Article 1er</option><option value="${a2!.id}">Article 2</option>`));
    expect(chosen).toContain('Recherche limitée à un projet de loi.');
    const inArticle = (await t.app.http.get('/recherche').query({ q: 'enfants', bill: bill.id, article: a2!.id }).expect(200)).text;
    expect(inArticle).toContain(`<option value="${a2!.id}" selected>Article 2</option>`);
    expect(inArticle).toMatch(/role="status">Aucun résultat/);

    // « Rechercher dans ce texte » on the bill's page, and in the article on its page: they land on /recherche limited to it
    const billPage = (await t.app.http.get(`/textes/${bill.id}`).expect(200)).text;
    expect(billPage).toMatch(new RegExp(`<form method="get" action="/recherche" role="search" class="search-within" aria-label="Rechercher dans ce texte">\\s*<input type="hidden" name="bill" value="${bill.id}">\\s*<label for="recherche-texte">`));
    const articlePage = (await t.app.http.get(`/articles/${a1!.id}`).expect(200)).text;
    expect(articlePage).toContain(`<input type="hidden" name="bill" value="${bill.id}"><input type="hidden" name="article" value="${a1!.id}">`);
    expect(articlePage).toContain(`<a href="/recherche?bill=${bill.id}">Ou dans tout le projet de loi</a>`);
    // not on a draft bill (nothing of it is found)
    expect((await t.app.http.get(`/textes/${draft.id}`).set('Cookie', `palimpseste_session=${t.admin.token}`).expect(200)).text).not.toContain('class="search-within"');
  });

  test('summary and exposé forms: a clerk writes, a citizen is refused, the pages show them first', async () => {
    const [a1] = bill.articles;
    const clerk = await createUser(t.app, { roles: ['clerk'] });
    const ok = await formPost(`/articles/${a1!.id}/resume`, clerk, { texte: 'L’âge de l’instruction obligatoire passe à trois ans ; chaque alinéa compte.' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/articles/${a1!.id}#ce-que-change`);
    expect((await formPost(`/articles/${a1!.id}/resume`, citizen, { texte: 'Non.' })).status).toBe(403);
    const html = (await t.app.http.get(`/articles/${a1!.id}`).expect(200)).text;
    expect(html.indexOf('Ce que change cet article')).toBeGreaterThan(0);
    expect(html.indexOf('Ce que change cet article')).toBeLessThan(html.indexOf('class="bill-text"'));
    // the first « alinéa » of the explanation links to the glossary, its definition as description
    expect(html).toMatch(/<a href="\/glossaire#alinea" class="terme" aria-describedby="(resume-alinea-\d+)"[^>]*>alinéa<\/a><span id="\1" hidden>/);
    await formPost(`/textes/${bill.id}/expose-des-motifs`, clerk, { texte: 'Pourquoi ce texte.' }).expect(303);
    const billHtml = (await t.app.http.get(`/textes/${bill.id}`).expect(200)).text;
    expect(billHtml.indexOf('Pourquoi ce texte.')).toBeLessThan(billHtml.indexOf('class="bill-layout"'));
    expect((await t.app.http.get('/glossaire').expect(200)).text).toMatch(/id="alinea"><dt><dfn>alinéa<\/dfn>/);
  });
});

test('past 250 matches of a type, the total is a lower bound and the best of those found are ranked', async () => {
  const [a1] = bill.articles;
  await t.app.testDb.db.query(
    `INSERT INTO arguments (bill_id, target_type, target_id, side, body, author_id)
     SELECT $1, 'article', $2, 'for', 'Le wombat numéro ' || i, $3 FROM generate_series(1, 260) i`, [bill.id, a1!.id, citizen.id]);
  const r = await find({ q: 'wombat' });
  expect(r).toMatchObject({ total: 250, totalExact: false });
  expect(r.results).toHaveLength(20);
  expect((await t.app.http.get('/recherche').query({ q: 'wombat' })).text).toContain('Plus de 250 résultats');
});

test('a phrase among common words: at most 1,000 documents of a type holding all its words are checked, past that the total is a lower bound', async () => {
  const [a1] = bill.articles;
  await t.app.testDb.db.query(
    `INSERT INTO arguments (bill_id, target_type, target_id, side, body, author_id)
     SELECT $1, 'article', $2, 'for', 'Le koala dort, le panda mange ' || i, $3 FROM generate_series(1, 1001) i`, [bill.id, a1!.id, citizen.id]);
  const adjacent = await t.app.http.post(`/api/articles/${a1!.id}/arguments`).set(auth(citizen)).send({ side: 'for', body: 'Le koala panda existe-t-il ?' });
  expect(adjacent.status).toBe(201);
  const phrase = await find({ q: '"koala panda"', type: 'argument' });
  expect(phrase).toMatchObject({ totalExact: false });
  expect(phrase.results.every((r) => r.id === adjacent.body.argument.id)).toBe(true);
  expect((await t.app.http.get('/recherche').query({ q: '"koala panda"', type: 'argument' })).text).toMatch(/role="status">Aucun résultat parmi les 1\s000 premiers/);
  // narrowed by the article of the adjacent one's words: exact again
  expect(await find({ q: '"koala panda" existe' })).toMatchObject({ total: 1, totalExact: true, results: [expect.objectContaining({ id: adjacent.body.argument.id })] });
  // an excluded phrase is checked on every document (no superset to narrow with)
  expect((await find({ q: 'koala -"koala panda"', type: 'argument' })).total).toBe(250);
});

test('a bill back in draft takes everything of it out of the search, and back in consultation brings it back', async () => {
  const before = (await find({ q: 'pagination', bill: bill.id })).total;
  expect(before).toBeGreaterThan(0);
  await t.app.testDb.db.query(`UPDATE bills SET status = 'draft' WHERE id = $1`, [bill.id]);
  expect((await find({ q: 'pagination', bill: bill.id })).total).toBe(0);
  expect((await find({ q: 'ecole' })).total).toBe(0);
  await t.app.testDb.db.query(`UPDATE bills SET status = 'consultation' WHERE id = $1`, [bill.id]);
  expect((await find({ q: 'pagination', bill: bill.id })).total).toBe(before);
});

test('the search documents, kept by triggers through every write above, equal a recomputation from the sources', async () => {
  await t.app.testDb.db.withSession(async (db) => {
    await db.query('CREATE TEMP TABLE kept AS SELECT * FROM search_documents');
    await db.query('DELETE FROM search_documents');
    await db.query(`SELECT search_refresh_bills(ARRAY(SELECT id FROM bills)), search_refresh_articles(ARRAY(SELECT id FROM articles)),
      search_refresh_amendments(ARRAY(SELECT id FROM amendments)), search_refresh_arguments(ARRAY(SELECT id FROM arguments)),
      search_refresh_annotations(ARRAY(SELECT id FROM annotations)), search_refresh_responses(ARRAY(SELECT id FROM amendment_responses))`);
    const diff = await db.query(`(SELECT 'kept' AS side, * FROM kept EXCEPT SELECT 'kept', * FROM search_documents)
      UNION ALL (SELECT 'fresh', * FROM search_documents EXCEPT SELECT 'fresh', * FROM kept)`);
    expect(diff.rows).toEqual([]);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kept')).rows[0]!.n).toBeGreaterThan(1000);
  });
});
