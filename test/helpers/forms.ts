import { takeFormState } from '../../server/pages/flash';
import type { TestApp, TestUser } from './app';

/**
 * Page forms as a browser sends them (docs/forms.md: post → redirect → get), for the tests of the
 * forms sent back: `post` (with `confirme=1` when `confirmed`: the confirmation page is another
 * test's matter), `get`, and `sentBack`, which checks the whole round of a refusal.
 */
export function formClient(suite: { app: TestApp }, { confirmed = false } = {}) {
  const cookie = (who: TestUser) => ({ Cookie: `palimpseste_session=${who.token}` });
  const post = (who: TestUser, path: string, fields: Record<string, string>) =>
    suite.app.http.post(path).type('form').set('Origin', suite.app.url).set(cookie(who)).send(confirmed ? { ...fields, confirme: '1' } : fields);
  const get = (who: TestUser, path: string) => suite.app.http.get(path).set(cookie(who));

  /**
   * The refused post: a 303 to exactly `page` (then a GET) with the sealed state (of form
   * `form`, when given); the page shows one alert, « Erreur – » first in its title; shown again (a
   * reload), it is the same GET; the page alone is the plain page again. Returns the page shown.
   */
  async function sentBack(who: TestUser, path: string, fields: Record<string, string>, page: string, form?: string): Promise<string> {
    const res = await post(who, path, fields);
    expect([path, res.status]).toEqual([path, 303]);
    const location = res.headers.location!;
    expect(location).toMatch(new RegExp(`^${escapeRegExp(page)}[?&]formulaire=[\\w-]+#erreurs$`));
    if (form !== undefined) expect(takeFormState(new URL(location, suite.app.url).searchParams.get('formulaire'))?.form).toBe(form);
    const shown = await get(who, location);
    expect(shown.status).toBe(200);
    expect(shown.text).toMatch(/<title>Erreur – /);
    // only the form that failed shows the refusal
    expect(shown.text.match(/role="alert"/g)).toHaveLength(1);
    expect(shown.text.match(/id="erreurs"/g)).toHaveLength(1);
    // a reload: the same GET, the same page (nothing is sent again)
    const again = await get(who, location);
    expect(again.status).toBe(200);
    expect(again.text.match(/role="alert"/g)).toHaveLength(1);
    expect((await get(who, page)).text).not.toContain('role="alert"');
    return shown.text;
  }
  return { post, get, sentBack };
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The piece of `html` from `start` to the next `end`. */
export function slice(html: string, start: string, end: string): string {
  const at = html.indexOf(start);
  expect(at).toBeGreaterThanOrEqual(0);
  return html.slice(at, html.indexOf(end, at + start.length));
}
