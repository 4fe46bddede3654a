import type { Locator, Page } from 'playwright-core';
import { auth, createBill, type TestApp, type TestUser } from './app';

/** A modify draft of article 1 (seeded by the server with the article's two alinéas), by `author` and `coauthor`. */
export async function sharedDraft(app: TestApp, admin: TestUser, author: TestUser, coauthor?: TestUser): Promise<{ id: string; base: string[] }> {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const created = await app.http.post(`/api/articles/${article.id}/amendments`).set(auth(author)).send({ kind: 'modify', rationale: 'Rendre la publication obligatoire.' }).expect(201);
  const id: string = created.body.amendment.id;
  if (coauthor) await app.http.post(`/api/amendments/${id}/coauthors`).set(auth(author)).send({ userId: coauthor.id }).expect(200);
  return { id, base: article.alineas };
}

/** Opens the draft page and waits until its live editor has synced with the server. */
export async function openDraft(page: Page, id: string): Promise<Locator> {
  await page.goto(`/amendements/${id}`);
  await page.locator('#live-editor .live-status', { hasText: 'Synchronisé' }).waitFor();
  return page.getByRole('textbox', { name: 'Texte proposé, un paragraphe par alinéa', exact: true });
}
