import pino from 'pino';
import { createApp } from '../../server/app';
import { DocRegistry, pgDocStore } from '../../server/collab/registry';
import { openSession } from '../../server/commands/open-session';
import { auth, createBill, createUser, testConfig, useTestApp, type TestUser } from '../helpers/app';
import { pageRoutes } from '../helpers/fuzz';

/**
 * Issue 16, item 7 › « redirect after every POST », as a guard: every HTML form route of the pages
 * router (found by walking the app's own routers, so a new form is covered the day it is added) is
 * posted as a browser does, by an account with every role and by a citizen, with an empty form and
 * with the confirmation box ticked. Each answer must be a redirect (303, or 302 to an identity
 * provider) or a rate limit (429), or one of the exceptions docs/forms.md lists: the « Action
 * impossible » page of a policy refusal (403) and the page of a missing resource (404), on the POST.
 * (« Prévisualiser » of /admin/textes/nouveau and a state too long for an address are the other two;
 * an empty form reaches neither. RFC 8058's one-click unsubscribe is not a page form: see below.)
 */

const suite = useTestApp();
let everyRole: TestUser;
let citizen: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const { app, admin } = suite;
  everyRole = await createUser(app, { roles: ['admin', 'clerk', 'moderator'], displayName: 'Toutes Fonctions' });
  citizen = await createUser(app, { displayName: 'Camille Garde' });
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const amendment = (await app.http.post(`/api/articles/${article.id}/amendments`).set(auth(citizen))
    .send({ kind: 'modify', alineas: [...article.alineas.slice(0, -1), 'Elles les publient en ligne sans délai.'], rationale: 'Plus vite.', submit: true })
    .expect(201)).body.amendment.id as string;
  const argument = (await app.http.post(`/api/amendments/${amendment}/arguments`).set(auth(citizen)).send({ side: 'for', body: 'Un bon argument.' }).expect(201)).body.argument.id as string;
  const annotation = (await app.http.post(`/api/articles/${article.id}/annotations`).set(auth(citizen))
    .send({ version: 1, alinea: 1, start: 0, end: 3, quote: article.alineas[0]!.slice(0, 3), body: 'Pourquoi ?' }).expect(201)).body.annotation.id as string;
  Object.assign(ids, { billId: bill.id, articleId: article.id, amendements: amendment, arguments: argument, annotations: annotation, userId: citizen.id });
});

/** A path parameter's plausible value: the seeded bill, article, amendment…; else a value that names nothing. */
function fill(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'id') return ids[/^\/(amendements|arguments|annotations)\//.exec(path)?.[1] ?? ''] ?? '00000000-0000-4000-8000-000000000000';
    return ids[name] ?? (/token|jeton/i.test(name) ? 'x'.repeat(43) : '00000000-0000-4000-8000-000000000000');
  });
}

interface Answer { status: number; location: string | null; title: string }
async function post(who: TestUser, url: string, form: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${suite.app.url}${url}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: suite.app.url, Cookie: `palimpseste_session=${who.token}` },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return { status: res.status, location: res.headers.get('location'), title: /<title>([^<]*)/.exec(text)?.[1] ?? text.slice(0, 120) };
}

/**
 * The exceptions docs/forms.md lists, by route: what they answer in place, and why.
 * « Prévisualiser » (any `etape` but `creer`) shows the text parsed, creating nothing; a text of up
 * to 5 MB cannot travel in an address.
 */
const IN_PLACE: Record<string, (form: Record<string, string>, a: Answer) => boolean> = {
  '/admin/textes/nouveau': (form, a) => form.etape !== 'creer' && a.title.includes('Nouveau texte'),
  // RFC 8058: what is not the page's own button is a mail client's one-click post, answered in place
  // (a 2xx, or a 404 for a dead link): a mail client follows no redirect
  '/courriels/desabonnement/:token': (form, a) => form['depuis-la-page'] !== '1' && [200, 404].includes(a.status),
};
/** More forms for a route: the other button of /admin/textes/nouveau (« Créer »), and the unsubscribe page's button, which are not exceptions. */
const MORE: Record<string, Record<string, string>[]> = {
  '/admin/textes/nouveau': [{ etape: 'creer' }, { etape: 'creer', confirme: '1' }],
  '/courriels/desabonnement/:token': [{ 'depuis-la-page': '1' }],
};

/** What docs/forms.md allows on the POST address besides a redirect. */
function allowed(path: string, form: Record<string, string>, a: Answer): boolean {
  if ([302, 303].includes(a.status) && a.location) return true;
  if (a.status === 429) return true;
  // a refusal of the policy: the « Action impossible » page (the administration's own: « Accès refusé »)
  if (a.status === 403 && /^(Action impossible|Accès refusé) ·/.test(a.title)) return true;
  if (a.status === 404 && a.title.startsWith('Page introuvable')) return true;
  return IN_PLACE[path]?.(form, a) ?? false;
}

test('every HTML form POST answers a redirect (or a listed exception), for every role, empty or confirmed', async () => {
  const live = new DocRegistry(pgDocStore(suite.app.testDb.db), pino({ level: 'silent' }));
  const express = createApp(testConfig(), { db: suite.app.testDb.db, logger: pino({ level: 'silent' }), live, mail: suite.app.mail });
  const routes = pageRoutes((express as unknown as { router: { stack: never[] } }).router.stack).filter((r) => r.method === 'post');
  // signing out and deleting the account end the session: last, and the session is opened again
  const last = (p: string) => (/deconnexion|supprimer$|compte\/supprimer/.test(p) ? 1 : 0);
  routes.sort((a, b) => last(a.path) - last(b.path));
  expect(routes.length).toBeGreaterThan(60);
  const wrong: string[] = [];
  let redirects = 0;
  for (const { path } of routes) {
    const url = fill(path);
    for (const who of [everyRole, citizen]) {
      for (const form of [{}, { confirme: '1' }, ...(MORE[path] ?? [])] as Record<string, string>[]) {
        const a = await post(who, url, form);
        if (allowed(path, form, a)) redirects += a.status === 303 ? 1 : 0;
        else wrong.push(`${who === citizen ? 'citizen' : 'every role'} POST ${path} ${JSON.stringify(form)} → ${a.status} « ${a.title} »`);
        if (/deconnexion/.test(path)) Object.assign(who, { token: await openSession(suite.app.testDb.db, who.id) });
      }
    }
  }
  expect(wrong).toEqual([]);
  // the walk reached the forms, not only their sign-in or policy doors
  expect(redirects).toBeGreaterThan(routes.length);
});

test('RFC 8058: the mail client’s one-click POST is answered in place (2xx); the page’s button gets a 303', async () => {
  // the exception the walk does not make: a mail client follows no redirect and wants a 2xx
  const bad = await fetch(`${suite.app.url}/courriels/desabonnement/${'x'.repeat(43)}`, {
    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
  });
  expect(bad.status).toBe(404);
  const button = await post(citizen, `/courriels/desabonnement/${'x'.repeat(43)}`, { 'depuis-la-page': '1' });
  expect(button.status).toBe(303);
});
