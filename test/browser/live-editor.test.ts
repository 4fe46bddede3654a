import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page, WebSocketRoute } from 'playwright-core';
import { SESSION_COOKIE } from '../../server/auth/tokens';
import { createCitizen, type TestUser } from '../helpers/app';
import { useBrowserSuite } from '../helpers/browser-suite';
import { activeElement, ARTIFACTS_DIR, horizontalOverflow, isFocused,  screenshot, tabTo, VIEWPORTS } from '../helpers/browser';
import { openDraft, sharedDraft as draftOf } from '../helpers/live-draft';

/** Live co-drafting of an amendment draft by two co-authors, each in their own Chromium context. */

const suite = useBrowserSuite();

const sharedDraft = (author: TestUser, coauthor?: TestUser) => draftOf(suite.app, suite.admin, author, coauthor);

const open = (user: TestUser, viewport?: { width: number; height: number }): Promise<Page> => suite.open(user, viewport);

/**
 * Runs in the page: the editor's alinéas as text (co-authors' carets and name labels are
 * decorations, not text), or false while they differ from `want`. One function, so that reading
 * and waiting agree; the CSP forbids evaluating strings.
 */
const shownIf = (want: readonly string[] | null): string[] | false => {
  const got = Array.from(document.querySelectorAll('.live-editor-text p.alinea'), (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.ProseMirror-yjs-cursor').forEach((c) => c.remove());
    return copy.textContent ?? '';
  });
  return want === null || JSON.stringify(got) === JSON.stringify(want) ? got : false;
};
const alineaTexts = (page: Page) => page.evaluate(shownIf, null);

/** Resolves once the editor's alinéas read exactly `texts` (re-checked on every animation frame). */
async function editorReads(page: Page, texts: readonly string[]): Promise<void> {
  await page.waitForFunction(shownIf, texts)
    .catch(async (err: Error) => Promise.reject(new Error(`${err.message}\nexpected ${JSON.stringify(texts)}\nshown    ${JSON.stringify(await alineaTexts(page))}`)));
}

/** Page and editor close-up, focus kept (the shared helper blurs, which withdraws the caret from co-authors' screens). */
async function snapWithCarets(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  await page.locator('#live-editor').screenshot({ path: path.join(ARTIFACTS_DIR, `${name}-editor.png`) });
}

/** Resolves once `page` shows the caret of `name` at the very end of alinéa `index`. */
async function caretShownAtEnd(page: Page, index: number, name: string): Promise<void> {
  await page.waitForFunction(([i, who]) => {
    const caret = Array.from(document.querySelectorAll('.live-editor-text p.alinea')[i as number]?.querySelectorAll('.ProseMirror-yjs-cursor') ?? [])
      .find((c) => c.textContent?.includes(who as string));
    let after = '';
    for (let n = caret?.nextSibling; n; n = n.nextSibling) after += n.textContent ?? '';
    return caret !== undefined && after === ''; // nothing but the trailing <br> after it
  }, [index, name] as const);
}

/** Clicks past the last word of a one-line alinéa, waits until the co-author sees the caret there, types. */
async function typeAtEndOf(editor: Locator, index: number, text: string, me: TestUser, watcher: Page | null): Promise<void> {
  const target = editor.locator('p.alinea').nth(index);
  const box = (await target.boundingBox())!;
  await target.click({ position: { x: box.width - 4, y: box.height / 2 } });
  if (watcher) await caretShownAtEnd(watcher, index, me.displayName);
  await editor.page().keyboard.type(text);
}

test('two co-authors write in different alinéas live: each sees the other’s words, cursor and the diff; Ctrl+Z undoes only one’s own words', async () => {
  const [alice, bob] = await Promise.all([createCitizen(suite.app, 'Alice Martin'), createCitizen(suite.app, 'Bob Durand')]);
  const { id, base } = await sharedDraft(alice, bob);
  const [pageA, pageB] = await Promise.all([open(alice), open(bob)]);
  const [editorA, editorB] = await Promise.all([openDraft(pageA, id), openDraft(pageB, id)]);
  // with JavaScript the textarea is swapped for the editor, which holds the server's text once
  expect(await pageA.locator('#edit-texte').isVisible()).toBe(false);
  expect(await pageA.locator('#edit-texte').isDisabled()).toBe(true);
  expect(await alineaTexts(pageA)).toEqual(base);
  expect(await pageA.locator('.live-diff-summary').textContent()).toBe('Aucune modification par rapport au texte de l’article pour l’instant.');

  await Promise.all([typeAtEndOf(editorA, 0, ' sans délai', alice, pageB), typeAtEndOf(editorB, 1, ' et gratuitement', bob, pageA)]);
  const [first, second] = [`${base[0]} sans délai`, `${base[1]} et gratuitement`];
  for (const page of [pageA, pageB]) await editorReads(page, [first, second]);
  // each sees the other's caret, labelled with their name
  await caretShownAtEnd(pageA, 1, 'Bob Durand');
  await caretShownAtEnd(pageB, 0, 'Alice Martin');
  expect(await pageA.locator('.ProseMirror-yjs-cursor', { hasText: 'Alice Martin' }).count()).toBe(0);
  await pageA.locator('.live-peers', { hasText: 'Aussi sur ce brouillon : Bob Durand.' }).waitFor(); // in words, for screen readers

  // the diff follows the text, with <ins> and a summary in words
  for (const page of [pageA, pageB]) {
    await page.locator('[data-live-diff] ins', { hasText: 'gratuitement' }).waitFor();
    await page.locator('[data-live-diff] ins', { hasText: 'délai' }).waitFor();
    await page.locator('.live-diff-summary', { hasText: '2 alinéas modifiés.' }).waitFor();
  }
  await Promise.all([snapWithCarets(pageA, 'live-editor-alice'), snapWithCarets(pageB, 'live-editor-bob')]);
  // Alice's undo reverts her words only; Bob's stay, on both screens
  expect(await pageA.getByRole('button', { name: 'Annuler' }).getAttribute('aria-disabled')).toBe('false');
  await pageA.keyboard.press('Control+Z');
  for (const page of [pageA, pageB]) await editorReads(page, [base[0]!, second]);
  await pageA.locator('.live-diff-summary', { hasText: '1 alinéa modifié, 1 alinéa inchangé.' }).waitFor();
  // the toolbar: one Tab stop, arrows move inside it, « Rétablir » brings Alice's words back
  await pageA.locator('#live-editor-title').click();
  await tabTo(pageA, pageA.getByRole('button', { name: 'Annuler' }));
  await pageA.keyboard.press('ArrowRight');
  expect(await activeElement(pageA)).toMatchObject({ tag: 'button', text: 'Rétablir' });
  expect(await pageA.getByRole('button', { name: 'Rétablir' }).getAttribute('aria-disabled')).toBe('false');
  await pageA.keyboard.press('Enter');
  await editorReads(pageB, [first, second]);
  await pageA.locator('.live-diff-summary', { hasText: '2 alinéas modifiés.' }).waitFor();
  await pageA.keyboard.press('Tab');
  expect(await isFocused(editorA)).toBe(true);
  await screenshot(pageA, 'live-editor-alice-after-undo-redo');

  // saving the exposé posts no stale copy of the text: the live text is kept
  await pageB.getByRole('textbox', { name: 'Exposé sommaire' }).fill('Publier sans délai et gratuitement.');
  await pageB.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await pageB.locator('.rationale', { hasText: 'Publier sans délai et gratuitement.' }).waitFor();
  await pageB.locator('#live-editor .live-status', { hasText: 'Synchronisé' }).waitFor();
  expect(await alineaTexts(pageB)).toEqual([first, second]);
}, 60_000);

test('the indicator follows the connection: words typed offline reach the co-author on reconnection; a refusal (4403) is explained and stops editing', async () => {
  const [alice, bob] = await Promise.all([createCitizen(suite.app, 'Alice Horsligne'), createCitizen(suite.app, 'Bob Enligne')]);
  const { id, base } = await sharedDraft(alice, bob);
  const [pageA, pageB] = await Promise.all([open(alice), open(bob)]);
  // Chromium's offline mode leaves open WebSockets alone: cut Alice's collab socket by hand
  let offline = false;
  const sockets: WebSocketRoute[] = [];
  await pageA.routeWebSocket(/\/collab\//, (ws) => (offline ? ws.close({ code: 1001, reason: 'hors ligne' }) : void sockets.push(ws, ws.connectToServer())));
  const [editorA] = await Promise.all([openDraft(pageA, id), openDraft(pageB, id)]);
  offline = true;
  await Promise.all(sockets.splice(0).map((ws) => ws.close({ code: 1001, reason: 'hors ligne' })));
  await pageA.locator('.live-status', { hasText: 'Hors ligne — vos modifications seront envoyées à la reconnexion' }).waitFor();
  await typeAtEndOf(editorA, 1, ' Hors connexion.', alice, null);
  const typed = [base[0]!, `${base[1]} Hors connexion.`];
  await editorReads(pageA, typed);
  await screenshot(pageA, 'live-editor-offline');
  offline = false;
  await pageA.locator('.live-status', { hasText: 'Synchronisé' }).waitFor();
  await editorReads(pageB, typed);
  // as the server closes a socket whose access was withdrawn (shared/errors.ts WS_CLOSE.forbidden)
  await sockets[0]!.close({ code: 4403, reason: 'forbidden' });
  await pageA.locator('.live-status', { hasText: 'Vous ne pouvez plus modifier ce brouillon' }).waitFor();
  expect(await editorA.getAttribute('contenteditable')).toBe('false');
  expect(await pageA.getByRole('toolbar').isVisible()).toBe(false);
  await pageA.locator('.draft-comments-empty', { hasText: /^Aucun commentaire\.$/ }).waitFor(); // no invitation to « Commenter » any more
  await screenshot(pageA, 'live-editor-refused');
}, 60_000);

test('on a phone the live editor fits the screen, alinéa numbers included', async () => {
  const alice = await createCitizen(suite.app, 'Alice Téléphone');
  const { id } = await sharedDraft(alice);
  const page = await open(alice, VIEWPORTS.phone);
  await typeAtEndOf(await openDraft(page, id), 0, ' Sur mobile aussi.', alice, null);
  await page.locator('.live-diff-summary', { hasText: '1 alinéa modifié' }).waitFor();
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, 'live-editor-phone');
});

test('without JavaScript the draft page keeps its textarea form, and the live editor stays hidden', async () => {
  const alice = await createCitizen(suite.app, 'Alice Sans Script');
  const { id, base } = await sharedDraft(alice);
  const context = await suite.browser.newContext({ baseURL: suite.app.url, javaScriptEnabled: false, locale: 'fr-FR' });
  suite.track(context); // openContext has no switch for JavaScript: the same set-up, by hand
  await context.addCookies([{ name: SESSION_COOKIE, value: alice.token, url: suite.app.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(`/amendements/${id}`);
  const textarea = page.getByRole('textbox', { name: 'Texte proposé', exact: true });
  expect(await textarea.isVisible()).toBe(true);
  expect(await textarea.inputValue()).toBe(base.join('\n'));
  expect(await page.locator('#live-editor').isVisible()).toBe(false);
  await textarea.fill(`${base[0]}\n${base[1]} Sans script.`);
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.locator('[data-live-diff] ins', { hasText: 'Sans script.' }).waitFor();
  await screenshot(page, 'live-editor-no-js');
});
