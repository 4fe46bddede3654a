// A real OpenID Connect provider for the tests (`oidc-provider`, ESM-only: run in a child process by
// test/helpers/oidc.ts). It listens on loopback, tells its port over IPC, then waits for its client
// (id, secret, redirect URIs) before it answers. Its sign-in page is a plain form — login and
// password checked against the accounts the test declared — that also grants the consent, so a
// test drives it with HTTP requests or with Chromium alike.
//
// Messages from the parent: {id, type: 'configure', client}, {id, type: 'account', login, password,
// sub, claims}, {id, type: 'tamper', nonce: boolean}; each is acknowledged with {id, ok: true}.
// `tamper.nonce` makes the provider issue ID tokens with a nonce other than the client's (it
// rewrites the nonce of authorization requests): what a replayed or substituted token looks like.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/** login → { password, sub, claims } */
const accounts = new Map();
/** sub → claims */
const bySub = new Map();
let provider;
let tamperNonce = false;

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

function loginPage(uid, error) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body>
<h1>Test identity provider</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Login</label> <input id="login" name="login" required>
<label for="password">Password</label> <input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form></body></html>`;
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && !action) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(loginPage(uid));
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await readBody(req);
    const account = accounts.get(form.get('login') ?? '');
    if (!account || account.password !== form.get('password')) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(uid, 'Wrong login or password.'));
    }
    // consent granted along with the sign-in: the scopes and claims the client asked for
    const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope));
    if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { login: { accountId: account.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }
  res.writeHead(404).end();
}

const server = http.createServer((req, res) => {
  if (!provider) return res.writeHead(503).end('not configured');
  const url = new URL(req.url, 'http://x');
  const m = url.pathname.match(/^\/interaction\/([\w-]+)(?:\/(login))?$/);
  if (m) {
    interaction(req, res, m[1], m[2]).catch((err) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(err?.message ?? err));
    });
    return;
  }
  if (tamperNonce && url.pathname === '/auth' && url.searchParams.has('nonce')) {
    url.searchParams.set('nonce', randomBytes(16).toString('base64url'));
    req.url = `${url.pathname}?${url.searchParams}`;
  }
  provider.callback()(req, res);
});

function configure(issuer, client) {
  provider = new Provider(issuer, {
    clients: [{
      client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris,
      response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'birthdate'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    async findAccount(_ctx, sub) {
      const claims = bySub.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...claims }) };
    },
  });
  provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider server_error: ${err.stack}\n`));
}

process.on('message', (msg) => {
  try {
    if (msg.type === 'configure') configure(`http://127.0.0.1:${server.address().port}`, msg.client);
    else if (msg.type === 'account') {
      accounts.set(msg.login, { password: msg.password, sub: msg.sub });
      bySub.set(msg.sub, msg.claims);
    } else if (msg.type === 'tamper') tamperNonce = Boolean(msg.nonce);
    process.send({ id: msg.id, ok: true });
  } catch (err) {
    process.send({ id: msg.id, ok: false, error: String(err?.stack ?? err) });
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }));
