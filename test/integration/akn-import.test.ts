import fs from 'node:fs';
import path from 'node:path';
import { auth, createUser, useTestApp } from '../helpers/app';

const BILLS = path.join(__dirname, '../../../shared/fixtures/bills');
const TEXT = fs.readFileSync(path.join(BILLS, 'pjl-enseignement-superieur-extrait.txt'), 'utf8');
const LAFABRIQUE = JSON.parse(fs.readFileSync(path.join(BILLS, 'lafabrique-pjl12-614.json'), 'utf8')) as Record<string, unknown>;
const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const ctx = useTestApp();

interface ArticleView { number: string; headings: unknown[]; alineas: string[] }
const shape = (bill: { title: string; articles: ArticleView[] }) => ({
  title: bill.title, articles: bill.articles.map((a) => ({ number: a.number, headings: a.headings, alineas: a.alineas })),
});

describe('POST /api/bills {akn}', () => {
  test.each([
    ['the legistic text', { text: TEXT }],
    ['the La Fabrique JSON', { lafabrique: LAFABRIQUE }],
  ])('round trip of %s: import → reconciled AKN export → import gives the same bill', async (_name, input) => {
    const first = await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send(input).expect(201);
    const exported = await ctx.app.http.get(`/api/bills/${first.body.bill.id}/reconciled?format=akn`).set(auth(ctx.admin)).buffer(true).parse((res, cb) => {
      let data = '';
      res.on('data', (c: Buffer) => { data += c.toString('utf8'); });
      res.on('end', () => cb(null, data));
    }).expect(200);
    const akn = exported.body as string;
    expect(akn).toContain('<chapter eId="title_1__chp_1">');
    const second = await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn }).expect(201);
    expect(second.body.bill.id).not.toBe(first.body.bill.id);
    expect(shape(second.body.bill)).toEqual(shape(first.body.bill));
    expect(second.body.bill.articles.length).toBeGreaterThan(3);
  });

  test('a title given with the document wins; a clerk may import; a citizen may not', async () => {
    const akn = `<akomaNtoso xmlns="${AKN_NS}"><bill name="x"><body><article eId="art_1"><num>Article 1er</num><alinea eId="a"><content><p>Seul alinéa.</p></content></alinea></article></body></bill></akomaNtoso>`;
    const clerk = await createUser(ctx.app, { roles: ['clerk'] });
    const res = await ctx.app.http.post('/api/bills').set(auth(clerk)).send({ akn, title: 'Proposition de loi d’essai' }).expect(201);
    expect(res.body.bill.title).toBe('Proposition de loi d’essai');
    expect(res.body.bill.articles).toEqual([expect.objectContaining({ number: '1er', alineas: ['Seul alinéa.'], headings: [] })]);
    const citizen = await createUser(ctx.app, { roles: [] });
    await ctx.app.http.post('/api/bills').set(auth(citizen)).send({ akn }).expect(403);
  });

  test('hostile or unreadable documents: 400 for the XML, 422 for what it says; nothing stored', async () => {
    const before = (await ctx.app.http.get('/api/bills').expect(200)).body.total as number;
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso>&x;</akomaNtoso>';
    const r1 = await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn: xxe }).expect(400);
    expect(r1.body.error.code).toBe('validation_failed');
    expect(r1.body.error.details[0].message).toMatch(/DOCTYPE/);
    const deep = await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn: `${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}` }).expect(400);
    expect(deep.body.error.details[0].message).toMatch(/Imbrication trop profonde/);
    const broken = await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn: `<akomaNtoso xmlns="${AKN_NS}">\n<bill>\n</akomaNtoso>` }).expect(400);
    expect(broken.body.error.details[0]).toEqual({ line: 3, message: expect.stringMatching(/<\/akomaNtoso> sans balise ouvrante/) });
    const notBill = await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn: `<akomaNtoso xmlns="${AKN_NS}"><judgment/></akomaNtoso>` }).expect(422);
    expect(notBill.body.error.code).toBe('unprocessable');
    const noArticle = await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn: `<akomaNtoso xmlns="${AKN_NS}"><bill><preface><p><docTitle>T</docTitle></p></preface><body><article><num>Article 2</num></article></body></bill></akomaNtoso>` }).expect(422);
    expect(noArticle.body.error.details).toEqual([{ path: '/akomaNtoso/bill/body/article[1]', message: 'L’article 2 ne contient aucun alinéa (<p>).' }]);
    await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn: '' }).expect(400);
    await ctx.app.http.post('/api/bills').set(auth(ctx.admin)).send({ akn: 12 }).expect(400);
    expect((await ctx.app.http.get('/api/bills').expect(200)).body.total).toBe(before);
  });
});
