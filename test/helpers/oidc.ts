import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { OidcConfig } from '../../server/config';

/**
 * The test OpenID Connect provider (test/helpers/oidc-provider.mjs, a real `oidc-provider`) in a
 * child process on loopback, and a cookie-keeping HTTP client to walk a sign-in without a browser.
 */
export interface TestProvider {
  issuer: string;
  /** The app's settings for this provider (client id and secret included). */
  config: OidcConfig;
  /** Registers the client's redirect URIs: the provider answers from then on. */
  register(redirectUris: string[]): Promise<void>;
  addAccount(a: { login: string; password: string; sub: string; claims: Record<string, unknown> }): Promise<void>;
  /** From now on, ID tokens carry a nonce other than the one the client sent. */
  tamperNonce(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  const child: ChildProcess = fork(path.join(__dirname, 'oidc-provider.mjs'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type?: string; port?: number }) => (m.type === 'listening' ? resolve(m.port!) : reject(new Error('unexpected message'))));
    child.once('exit', (code) => reject(new Error(`test provider exited (${code}): ${stderr}`)));
  });
  let next = 0;
  const call = (msg: Record<string, unknown>) => new Promise<void>((resolve, reject) => {
    const id = ++next;
    const onMessage = (m: { id?: number; ok?: boolean; error?: string }) => {
      if (m.id !== id) return;
      child.off('message', onMessage);
      if (m.ok) resolve();
      else reject(new Error(m.error));
    };
    child.on('message', onMessage);
    child.send({ ...msg, id });
  });
  const issuer = `http://127.0.0.1:${port}`;
  const config: OidcConfig = {
    issuer, clientId: 'palimpseste-test', clientSecret: 'secret-de-test-assez-long-pour-hs256-0123456789', scopes: 'openid email profile',
    acrValues: undefined, providerName: 'Fournisseur de test',
  };
  return {
    issuer,
    config,
    register: (redirectUris) => call({ type: 'configure', client: { clientId: config.clientId, clientSecret: config.clientSecret, redirectUris } }),
    addAccount: (a) => call({ type: 'account', ...a }),
    tamperNonce: (on) => call({ type: 'tamper', nonce: on }),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** A minimal browser: one cookie jar per origin, redirects followed only when asked. */
export class CookieClient {
  private readonly jars = new Map<string, Map<string, string>>();

  setCookie(origin: string, name: string, value: string): void {
    this.jar(origin).set(name, value);
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  private jar(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.jar(u.origin);
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin ??= u.origin;
    }
    const res = await fetch(u, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until a response is not one, or until `stopAt` matches the next address. */
  async follow(url: string, stopAt?: (next: string) => boolean): Promise<{ res: Response; url: string }> {
    let current = url;
    for (let i = 0; i < 20; i++) {
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current };
      const next = new URL(location, current).href;
      if (stopAt?.(next)) return { res, url: next };
      current = next;
    }
    throw new Error('too many redirects');
  }
}

/**
 * Walks a sign-in at the provider from the app's first redirect (`start`, a response whose
 * Location is the provider's authorization URL): the provider's login form is filled in and sent,
 * and the URL the provider sends the browser back to (the app's callback, with `code` and `state`)
 * is returned without being visited, so that a test can visit it as is or tampered with.
 */
export async function signInAtProvider(browser: CookieClient, start: Response, startUrl: string, account: { login: string; password: string }): Promise<string> {
  const authorizeUrl = new URL(start.headers.get('location')!, startUrl).href;
  const isCallback = (u: string) => new URL(u).pathname === '/auth/oidc/callback';
  const { res: loginForm, url: formUrl } = await browser.follow(authorizeUrl, isCallback);
  if (isCallback(formUrl)) return formUrl;
  if (loginForm.status !== 200) throw new Error(`provider: ${loginForm.status} ${await loginForm.text()}`);
  const action = new URL((await loginForm.text()).match(/action="([^"]+)"/)![1]!, formUrl).href;
  const sent = await browser.request(action, { form: { login: account.login, password: account.password } });
  if (sent.status < 300 || sent.status >= 400) throw new Error(`provider login: ${sent.status} ${await sent.text()}`);
  const { url } = await browser.follow(new URL(sent.headers.get('location')!, action).href, isCallback);
  if (!isCallback(url)) throw new Error(`provider did not send back to the callback: ${url}`);
  return url;
}
