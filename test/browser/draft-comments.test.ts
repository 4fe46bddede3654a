import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createCitizen, type TestUser } from '../helpers/app';
import { useBrowserSuite } from '../helpers/browser-suite';
import { ARTIFACTS_DIR, horizontalOverflow, isFocused,  screenshot, tabTo, VIEWPORTS } from '../helpers/browser';
import { openDraft, sharedDraft } from '../helpers/live-draft';

/** Comments anchored on passages of a live draft, written and followed by two co-authors in their own Chromium contexts. */

const suite = useBrowserSuite();

const open = (user: TestUser, viewport?: { width: number; height: number }): Promise<Page> => suite.open(user, viewport);

const EMPTY = 'Aucun commentaire. Sélectionnez un passage puis « Commenter ».';
const panel = (page: Page) => page.getByRole('region', { name: 'Commentaires', exact: true });
const commentWith = (page: Page, body: string) => panel(page).getByRole('listitem').filter({ hasText: body });
const notice = (page: Page) => page.locator('#live-editor-notice');

/** Drags the mouse over `passage` in alinéa `index`, as a person selects words, and checks the editor took it. */
async function selectPassage(page: Page, index: number, passage: string): Promise<void> {
  const ends = await page.evaluate(([i, words]) => {
    const alinea = document.querySelectorAll('.live-editor-text p.alinea')[i as number];
    const walker = document.createTreeWalker(alinea ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent?.indexOf(words as string) ?? -1;
      if (at < 0 || n.parentElement?.closest('.ProseMirror-yjs-cursor')) continue;
      const box = (from: number) => {
        const r = document.createRange();
        r.setStart(n, from);
        r.setEnd(n, from + 1);
        return r.getBoundingClientRect();
      };
      const [first, last] = [box(at), box(at + (words as string).length - 1)];
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, [index, passage] as const);
  if (!ends) throw new Error(`selectPassage: « ${passage} » not in alinéa ${index + 1}`);
  await page.mouse.move(ends.x1, ends.y1);
  await page.mouse.down();
  await page.mouse.move(ends.x2, ends.y2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((want) => document.getSelection()?.toString() === want, passage);
}

/** The whole page, and a close-up of the editor and its comments. */
async function snap(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.locator('#live-editor').screenshot({ path: path.join(ARTIFACTS_DIR, `${name}-editor.png`) });
}

/** Resolves once the highlighted passages of the editor read exactly `want`. */
async function highlighted(page: Page, className: string, want: readonly string[]): Promise<void> {
  await page.waitForFunction(([cls, texts]) => JSON.stringify(Array.from(document.querySelectorAll(`.live-editor-text .${cls as string}`), (e) => e.textContent)) === JSON.stringify(texts), [className, want] as const);
}

/** Clicks at the very start of alinéa `index` and types `text` there. */
async function typeAtStartOf(editor: Locator, index: number, text: string): Promise<void> {
  const target = editor.locator('p.alinea').nth(index);
  await target.click({ position: { x: 2, y: 10 } });
  await editor.page().keyboard.press('Home');
  await editor.page().keyboard.type(text);
}

test('a co-author’s comment appears live with its highlight, follows concurrent edits, says « passage supprimé » once its words are deleted, and files under « Commentaires résolus » when resolved', async () => {
  const [alice, bob] = await Promise.all([createCitizen(suite.app, 'Alice Commente'), createCitizen(suite.app, 'Bob Relit')]);
  const { id } = await sharedDraft(suite.app, suite.admin, alice, bob);
  const [pageA, pageB] = await Promise.all([open(alice), open(bob)]);
  const [editorA, editorB] = await Promise.all([openDraft(pageA, id), openDraft(pageB, id)]);
  for (const page of [pageA, pageB]) await panel(page).getByText(EMPTY).waitFor();

  // Alice selects « leurs documents » and comments it through the toolbar
  await selectPassage(pageA, 0, 'leurs documents');
  await pageA.getByRole('toolbar').getByRole('button', { name: 'Commenter' }).click();
  const form = panel(pageA).locator('form');
  await form.getByText('Sur « leurs documents », alinéa 1.').waitFor();
  await highlighted(pageA, 'comment-pending', ['leurs documents']); // the browser hides the selection once focus is in the form
  await form.getByRole('textbox', { name: 'Votre commentaire' }).fill('Lesquels ? Tous, ou seulement les documents administratifs ?');
  await snap(pageA, 'draft-comments-form');
  await form.getByRole('button', { name: 'Publier' }).click();
  await notice(pageA).getByText('Commentaire publié.').waitFor();
  expect(await form.isHidden()).toBe(true);
  expect(await isFocused(editorA)).toBe(true); // back to writing

  // Bob sees it at once, highlighted in the text, without reloading
  const body = 'Lesquels ? Tous';
  for (const page of [pageA, pageB]) {
    const item = commentWith(page, body);
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Alice Commente, le \d{1,2} \S+ \d{4} à \d{2}:\d{2}/);
    await item.getByText('Alinéa 1').waitFor();
    await highlighted(page, 'comment-anchor', ['leurs documents']);
  }
  expect(await panel(pageB).getByText(EMPTY).count()).toBe(0);

  // Bob writes before the passage: Alice's highlight moves with the words it is on
  await typeAtStartOf(editorB, 0, 'Désormais, ');
  await pageA.waitForFunction(() => {
    const first = document.querySelector('.live-editor-text p.alinea')?.cloneNode(true) as Element | undefined;
    first?.querySelectorAll('.ProseMirror-yjs-cursor').forEach((c) => c.remove()); // Bob's caret and name
    return first?.textContent === 'Désormais, Les administrations communiquent leurs documents.';
  });
  await highlighted(pageA, 'comment-anchor', ['leurs documents']);
  await Promise.all([snap(pageA, 'draft-comments-alice'), snap(pageB, 'draft-comments-bob')]);

  // Bob deletes the commented words: both see that the passage is gone
  await selectPassage(pageB, 0, 'leurs documents');
  await pageB.keyboard.press('Backspace');
  for (const page of [pageA, pageB]) {
    await commentWith(page, body).getByText('passage supprimé').waitFor();
    await highlighted(page, 'comment-anchor', []);
  }
  expect(await commentWith(pageA, body).getByText('«\u00a0leurs documents\u00a0»').isVisible()).toBe(true); // still says what it was about
  await snap(pageB, 'draft-comments-passage-deleted');

  // Alice resolves it: it leaves the open comments for « Commentaires résolus (1) », on both screens
  await commentWith(pageA, body).getByRole('button', { name: 'Résoudre' }).click();
  await notice(pageA).getByText('Commentaire résolu.').waitFor();
  for (const page of [pageA, pageB]) {
    await panel(page).getByText('Commentaires résolus (1)').waitFor();
    await panel(page).getByText('Aucun commentaire à traiter.').waitFor();
    expect(await commentWith(page, body).isVisible()).toBe(false); // folded
  }
  await panel(pageB).getByText('Commentaires résolus (1)').click();
  await commentWith(pageB, body).getByRole('button', { name: 'Rouvrir' }).waitFor();
  await snap(pageB, 'draft-comments-resolved');
}, 60_000);

test('with the keyboard alone: Ctrl+Alt+M on a selection opens the form, Tab and Enter publish; an empty or multi-alinéa selection is explained; Enter on a comment goes to its passage', async () => {
  const alice = await createCitizen(suite.app, 'Alice Clavier');
  const { id } = await sharedDraft(suite.app, suite.admin, alice);
  const page = await open(alice);
  const editor = await openDraft(page, id);
  const commenter = page.getByRole('toolbar').getByRole('button', { name: 'Commenter' });
  expect(await commenter.getAttribute('aria-keyshortcuts')).toBe('Control+Alt+M');

  await page.locator('#live-editor-title').click();
  await tabTo(page, editor);
  await page.keyboard.press('Control+Alt+m');
  await notice(page).getByText('Pour commenter, sélectionnez d’abord un passage du texte.').waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+Alt+m');
  await notice(page).getByText('Un commentaire porte sur un passage d’un seul alinéa').waitFor();

  // the first two words of alinéa 2
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Home');
  for (let i = 0; i < 'Elles les'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+Alt+m');
  const field = panel(page).getByRole('textbox', { name: 'Votre commentaire' });
  expect(await isFocused(field)).toBe(true);
  // Escape gives up and goes back to the text; the selection is still there to try again
  await page.keyboard.press('Escape');
  expect(await isFocused(editor)).toBe(true);
  await page.keyboard.press('Control+Alt+m');
  await panel(page).getByText('Sur « Elles les », alinéa 2.').waitFor();
  await page.keyboard.type('Préciser qui publie.');
  await page.keyboard.press('Tab');
  expect(await isFocused(panel(page).getByRole('button', { name: 'Publier' }))).toBe(true);
  await page.keyboard.press('Enter');
  await commentWith(page, 'Préciser qui publie.').getByText('Alinéa 2').waitFor();
  await highlighted(page, 'comment-anchor', ['Elles les']);
  expect(await isFocused(editor)).toBe(true);

  // from the text to the comment, and Enter on it selects its passage in the text
  await page.keyboard.press('Control+Home');
  const goTo = commentWith(page, 'Préciser qui publie.').getByRole('button', { name: /Elles les/ });
  await tabTo(page, goTo);
  await page.keyboard.press('Enter');
  expect(await isFocused(editor)).toBe(true);
  await page.waitForFunction(() => document.getSelection()?.toString() === 'Elles les');
  // and « Résoudre », reached by Tab, leaves the focus on the folded resolved comments
  await tabTo(page, commentWith(page, 'Préciser qui publie.').getByRole('button', { name: 'Résoudre' }));
  await page.keyboard.press('Enter');
  await panel(page).getByText('Commentaires résolus (1)').waitFor();
  expect(await isFocused(panel(page).locator('summary'))).toBe(true);
  await highlighted(page, 'comment-anchor', []);
});

test('on a phone the comments come below the text and the page does not scroll sideways', async () => {
  const alice = await createCitizen(suite.app, 'Alice Mobile');
  const { id } = await sharedDraft(suite.app, suite.admin, alice);
  const page = await open(alice, VIEWPORTS.phone);
  const editor = await openDraft(page, id);
  // a phone has no mouse to drag over words: the caret is put at the start, Shift+→ selects « Les »
  await editor.locator('p.alinea').first().click({ position: { x: 2, y: 10 } });
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction(() => document.getSelection()?.toString() === 'Les');
  await page.getByRole('toolbar').getByRole('button', { name: 'Commenter' }).click();
  await panel(page).getByRole('textbox', { name: 'Votre commentaire' }).fill('Sur mobile aussi.');
  await panel(page).getByRole('button', { name: 'Publier' }).click();
  await commentWith(page, 'Sur mobile aussi.').waitFor();
  const [text, comments] = await Promise.all([page.locator('.live-editor-text').boundingBox(), panel(page).boundingBox()]);
  expect(comments!.y).toBeGreaterThan(text!.y + text!.height);
  await snap(page, 'draft-comments-phone');
  expect(await horizontalOverflow(page)).toBe(0);
});
