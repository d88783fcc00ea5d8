// A relying party built on openid-client, driven by the OpenID Connect tests: `node rp.mjs <scenario>` with the
// settings in the environment (ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI, EMAIL,
// PASSWORD). It logs in through the platform's real login form with a cookie jar, as a browser would, and prints
// one JSON object: what it saw, for the test to assert.
import * as client from 'openid-client';

const env = (name) => process.env[name] ?? '';
const issuer = new URL(env('ISSUER'));
const redirectUri = env('REDIRECT_URI');
const scope = process.env.SCOPE ?? 'openid profile email offline_access organizations';
const config = await client.discovery(issuer, env('CLIENT_ID'), env('CLIENT_SECRET') || undefined, undefined,
  { execute: [client.allowInsecureRequests] });

/** A browser's cookie jar and redirects, stopping where the platform sends the browser back to the client. */
class Browser {
  cookies = new Map();

  /** SESSION_COOKIE: a browser already logged in to the platform (name=value), so the flow needs no login form. */
  constructor() {
    const session = process.env.SESSION_COOKIE;
    if (session) this.keep(session);
  }

  async open(url, init = {}) {
    let target = new URL(url);
    for (let hops = 0; hops < 10; hops++) {
      const response = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: this.cookieHeader() } });
      for (const cookie of response.headers.getSetCookie()) this.keep(cookie);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: target, body: await response.text() };
      const next = new URL(location, target);
      if (!next.href.startsWith(issuer.origin)) return { response, url: next, body: '' };
      target = next;
      init = {};
    }
    throw new Error('too many redirects');
  }

  /** Fills in and sends the platform's login form, as a person would. */
  async logIn(page, email, password) {
    const returnUrl = /name="returnUrl" value="([^"]*)"/.exec(page.body)?.[1];
    if (!returnUrl) throw new Error(`no login form at ${page.url}: ${page.response.status} ${page.body.slice(0, 300)}`);
    const form = new URLSearchParams({ email, password, returnUrl: decodeHtml(returnUrl) });
    return this.open(new URL('/connect/login', issuer), {
      method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuer.origin },
    });
  }

  keep(setCookie) {
    const [pair, ...attributes] = setCookie.split(';');
    const [name, ...value] = pair.split('=');
    const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
    if (expired || value.join('=') === '') this.cookies.delete(name.trim());
    else this.cookies.set(name.trim(), value.join('='));
  }

  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
}

const decodeHtml = (s) => s.replaceAll('&amp;', '&').replaceAll('&#x2B;', '+').replaceAll('&#x3D;', '=').replaceAll('&#x2F;', '/').replaceAll('&quot;', '"');

/** The code flow with PKCE up to the callback: the address the platform sends the browser back to. */
async function authorize(browser, extra = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters = { redirect_uri: redirectUri, scope, state, nonce, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra };
  for (const [key, value] of Object.entries(parameters)) if (value === undefined) delete parameters[key];
  let page = await browser.open(client.buildAuthorizationUrl(config, parameters));
  if (page.body.includes('name="returnUrl"')) page = await browser.logIn(page, env('EMAIL'), env('PASSWORD'));
  return { callback: page.url, page, verifier, state, nonce };
}

const signIn = async (browser) => {
  const flow = await authorize(browser);
  const tokens = await client.authorizationCodeGrant(config, flow.callback,
    { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce });
  return { flow, tokens };
};

const errorOf = async (action) => {
  try { await action(); return null; } catch (error) { return error.error ?? error.code ?? error.message; }
};

const active = async (token) => (await client.tokenIntrospection(config, token)).active;

const scenarios = {
  async 'sign-in'() {
    const browser = new Browser();
    const { tokens } = await signIn(browser);
    const claims = tokens.claims();
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    // Single sign-on: the platform session from the first login serves a second authorization without the form.
    const again = await authorize(browser);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    await client.tokenRevocation(config, refreshed.refresh_token);
    const revokedRefresh = await errorOf(() => client.refreshTokenGrant(config, refreshed.refresh_token));
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: env('POST_LOGOUT_REDIRECT_URI'), state: 'bye' });
    const ended = await browser.open(endSession);
    const afterLogout = await browser.open(client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope, prompt: 'none',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256', state: 's' }));
    return {
      issuer: config.serverMetadata().issuer, claims, userinfo,
      accessToken: tokens.access_token, refreshedAccessToken: refreshed.access_token, refreshRotated: refreshed.refresh_token !== tokens.refresh_token,
      ssoWithoutForm: again.callback.href.startsWith(redirectUri) && again.callback.searchParams.has('code'),
      revokedRefresh, endSessionRedirect: ended.url.href, afterLogoutError: afterLogout.url.searchParams.get('error'),
    };
  },
  async 'wrong-redirect-uri'() {
    const page = await new Browser().open(client.buildAuthorizationUrl(config, { redirect_uri: 'https://attacker.example/callback', scope,
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256', state: 's' }));
    return { status: page.response.status, location: page.url.href, body: page.body.slice(0, 500) };
  },
  async 'missing-pkce'() {
    const flow = await authorize(new Browser(), { code_challenge: undefined, code_challenge_method: undefined });
    return { location: flow.callback.href, error: flow.callback.searchParams.get('error'), status: flow.page.response.status, body: flow.page.body.slice(0, 1000) };
  },
  async 'wrong-pkce-verifier'() {
    const flow = await authorize(new Browser());
    return { error: await errorOf(() => client.authorizationCodeGrant(config, flow.callback,
      { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: flow.state, expectedNonce: flow.nonce })) };
  },
  async 'code-reuse'() {
    const flow = await authorize(new Browser());
    const checks = { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce };
    const first = await client.authorizationCodeGrant(config, flow.callback, checks);
    const activeBefore = await active(first.access_token);
    const second = await errorOf(() => client.authorizationCodeGrant(config, flow.callback, checks));
    return { activeBefore, second, accessTokenActive: await active(first.access_token), refreshTokenActive: await active(first.refresh_token) };
  },
  async 'refresh-reuse'() {
    const { tokens } = await signIn(new Browser());
    const next = await client.refreshTokenGrant(config, tokens.refresh_token);
    const reuse = await errorOf(() => client.refreshTokenGrant(config, tokens.refresh_token));
    const successor = await errorOf(() => client.refreshTokenGrant(config, next.refresh_token));
    return { reuse, successor, successorAccessTokenActive: await active(next.access_token) };
  },
  async 'state-checked-by-the-relying-party'() {
    const flow = await authorize(new Browser());
    return { error: await errorOf(() => client.authorizationCodeGrant(config, flow.callback,
      { pkceCodeVerifier: flow.verifier, expectedState: 'another-state', expectedNonce: flow.nonce })) };
  },
  async 'nonce-checked-by-the-relying-party'() {
    const flow = await authorize(new Browser());
    return { error: await errorOf(() => client.authorizationCodeGrant(config, flow.callback,
      { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: 'another-nonce' })) };
  },
  async 'claims'() {
    const { tokens } = await signIn(new Browser());
    return { claims: tokens.claims(), userinfo: await client.fetchUserInfo(config, tokens.access_token, tokens.claims().sub) };
  },
  async 'login-refused'() {
    const flow = await authorize(new Browser());
    return { status: flow.page.response.status, stillOnLoginForm: flow.page.body.includes('name="returnUrl"'), callback: flow.callback.href };
  },
  async 'client-credentials'() {
    const tokens = await client.clientCredentialsGrant(config, { scope: process.env.SCOPE ?? 'platform' });
    return { accessToken: tokens.access_token, expiresIn: tokens.expires_in };
  },
};

const scenario = scenarios[process.argv[2]];
if (!scenario) throw new Error(`unknown scenario ${process.argv[2]}; known: ${Object.keys(scenarios).join(', ')}`);
process.stdout.write(JSON.stringify(await scenario()));
