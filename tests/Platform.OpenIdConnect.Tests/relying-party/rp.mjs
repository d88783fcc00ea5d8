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

const decodeHtml = (s) => s.replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** Answers a third-party client's consent page (allow or deny) as a person clicking its button would. */
const answerConsent = (browser, page, choice) => {
  const fields = new URLSearchParams();
  for (const [, name, value] of page.body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields.append(decodeHtml(name), decodeHtml(value));
  fields.append('consent', choice);
  return browser.open(new URL('/connect/authorize', issuer), {
    method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuer.origin },
  });
};

const asksConsent = (page) => page.body.includes('name="consent"');

/** The code flow with PKCE up to the callback: the address the platform sends the browser back to. */
async function authorize(browser, extra = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters = { redirect_uri: redirectUri, scope, state, nonce, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra };
  for (const [key, value] of Object.entries(parameters)) if (value === undefined) delete parameters[key];
  let page = await browser.open(client.buildAuthorizationUrl(config, parameters));
  const showedForm = page.body.includes('name="returnUrl"');
  if (showedForm) page = await browser.logIn(page, env('EMAIL'), env('PASSWORD'));
  return { callback: page.url, page, verifier, state, nonce, showedForm };
}

const signIn = async (browser, extra = {}) => {
  const flow = await authorize(browser, extra);
  const tokens = await client.authorizationCodeGrant(config, flow.callback,
    { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce });
  return { flow, tokens };
};

const errorOf = async (action) => {
  try { await action(); return null; } catch (error) {
    // A 401 with WWW-Authenticate (a client that failed to authenticate) carries the OAuth error in its challenge.
    return error.error ?? error.cause?.find?.((challenge) => challenge.parameters?.error)?.parameters.error ?? error.code ?? error.message;
  }
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
  async 'api-call'() {
    const browser = new Browser();
    const { tokens } = await signIn(browser);
    const call = async (token) => {
      const response = await fetch(new URL('/api/identity/account', issuer), { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: await response.text() };
    };
    const account = await call(tokens.access_token);
    // A second access token of the same sign-in, revoked: refused once the gateway's one-second cache has passed.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    const beforeRevocation = await call(refreshed.access_token);
    await client.tokenRevocation(config, refreshed.access_token);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const afterRevocation = await call(refreshed.access_token);
    // Without the platform scope the access token names no API audience.
    const narrowFlow = await authorize(browser, { scope: 'openid profile' });
    const narrowTokens = await client.authorizationCodeGrant(config, narrowFlow.callback,
      { pkceCodeVerifier: narrowFlow.verifier, expectedState: narrowFlow.state, expectedNonce: narrowFlow.nonce });
    const narrow = await call(narrowTokens.access_token);
    return { account, beforeRevocation, afterRevocation, narrow, accessToken: tokens.access_token, idToken: tokens.id_token };
  },
  async 'tokens'() {
    const { tokens } = await signIn(new Browser());
    return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
  },
  // After the account was suspended or locked: ACCESS_TOKEN and REFRESH_TOKEN from 'tokens', the session still in the browser.
  async 'after-account-stopped'() {
    const refresh = await errorOf(() => client.refreshTokenGrant(config, env('REFRESH_TOKEN')));
    const flow = await authorize(new Browser());
    const api = await fetch(new URL('/api/identity/account', issuer), { headers: { authorization: `Bearer ${env('ACCESS_TOKEN')}` } });
    return { refresh, authorizeError: flow.callback.searchParams.get('error'), code: flow.callback.searchParams.has('code'), apiStatus: api.status };
  },
  async 'fresh-login'() {
    const browser = new Browser();
    const sso = await signIn(browser);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const promptLogin = await signIn(browser, { prompt: 'login' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const maxAge = await signIn(browser, { max_age: '1' });
    const recentEnough = await signIn(browser, { max_age: '600' });
    const summary = ({ flow, tokens }) => ({ showedForm: flow.showedForm, authTime: tokens.claims().auth_time });
    return { sso: summary(sso), promptLogin: summary(promptLogin), maxAge: summary(maxAge), recentEnough: summary(recentEnough) };
  },
  // The account has an authenticator: the password form leads to the code form; TOTP_CODE is the code to type.
  async 'two-factor'() {
    const browser = new Browser();
    const flow = await authorize(browser);
    const field = (name) => decodeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(flow.page.body)?.[1] ?? '');
    const challenge = field('challenge');
    const done = await browser.open(new URL('/connect/login/two-factor', issuer), {
      method: 'POST', body: new URLSearchParams({ challenge, code: env('TOTP_CODE'), returnUrl: field('returnUrl') }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuer.origin },
    });
    const tokens = await client.authorizationCodeGrant(config, done.url,
      { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce });
    return { codeFormShown: challenge.length > 0, claims: tokens.claims() };
  },
  async 'client-secret-basic'() {
    const withBasic = (secret) => client.discovery(issuer, env('CLIENT_ID'), undefined, client.ClientSecretBasic(secret),
      { execute: [client.allowInsecureRequests] });
    const tokens = await client.clientCredentialsGrant(await withBasic(env('CLIENT_SECRET')), { scope: 'platform' });
    const refused = await errorOf(async () => client.clientCredentialsGrant(await withBasic('not-the-secret'), { scope: 'platform' }));
    const api = await fetch(new URL('/api/identity/account', issuer), { headers: { authorization: `Bearer ${tokens.access_token}` } });
    return { accessToken: tokens.access_token, refused, apiStatus: api.status };
  },
  async 'consent'() {
    const browser = new Browser();
    const first = await authorize(browser);
    const allowed = await answerConsent(browser, first.page, 'allow');
    const tokens = await client.authorizationCodeGrant(config, allowed.url,
      { pkceCodeVerifier: first.verifier, expectedState: first.state, expectedNonce: first.nonce });
    const again = await authorize(browser);
    // prompt=consent asks even though the answer is remembered.
    const reconfirm = await authorize(browser, { prompt: 'consent' });
    const reconfirmed = await answerConsent(browser, reconfirm.page, 'allow');
    return {
      asked: asksConsent(first.page), title: /<title>([^<]*)/.exec(first.page.body)?.[1], askedAgain: asksConsent(again.page),
      codeAgain: again.callback.searchParams.has('code'), accessToken: tokens.access_token, refreshToken: tokens.refresh_token,
      askedWithPromptConsent: asksConsent(reconfirm.page), codeAfterReconfirming: reconfirmed.url.searchParams.has('code'),
    };
  },
  // After the user withdrew the consent: ACCESS_TOKEN and REFRESH_TOKEN from 'consent'.
  async 'consent-withdrawn'() {
    const browser = new Browser();
    const refresh = await errorOf(() => client.refreshTokenGrant(config, env('REFRESH_TOKEN')));
    const api = await fetch(new URL('/api/identity/account', issuer), { headers: { authorization: `Bearer ${env('ACCESS_TOKEN')}` } });
    const flow = await authorize(browser);
    const denied = await answerConsent(browser, flow.page, 'deny');
    return { refresh, apiStatus: api.status, asked: asksConsent(flow.page), deniedError: denied.url.searchParams.get('error') };
  },
  async 'consent-not-asked'() {
    const flow = await authorize(new Browser());
    return { asked: asksConsent(flow.page), code: flow.callback.searchParams.has('code') };
  },
  async 'client-credentials'() {
    const tokens = await client.clientCredentialsGrant(config, { scope: process.env.SCOPE ?? 'platform' });
    return { accessToken: tokens.access_token, expiresIn: tokens.expires_in };
  },
};

const scenario = scenarios[process.argv[2]];
if (!scenario) throw new Error(`unknown scenario ${process.argv[2]}; known: ${Object.keys(scenarios).join(', ')}`);
process.stdout.write(JSON.stringify(await scenario()));
