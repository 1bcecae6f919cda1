/**
 * The scripted browser of the sign-in benchmark, run in a process of its own (its CPU is measured
 * like wrk's, bench/generator.ts): `connections` concurrent loops, each doing full
 * authorization-code sign-ins one after another with a fresh cookie jar, so every one is a first
 * sign-in: authorize → the hosted identifier page → identifier → password (argon2id) → the
 * provider's resume → the code at the application's redirect URI → the token endpoint with the
 * PKCE verifier and client_secret_basic. Prints one JSON line (bench/load.ts's Summary) where a
 * "request" is a whole sign-in.
 *
 * wrk cannot drive this: its Lua `response()` sees each header name once (the last `Set-Cookie` of
 * an answer that sets several wins), and the interaction needs every cookie the provider sets.
 * Argument: the JSON of SignInScenario.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { CookieJar } from '../test/support/cookie-jar.ts';
import type { Summary } from './load.ts';

export interface SignInScenario {
  /** `{public url}/realms/{realm id}/oidc` */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  identifier: string;
  password: string;
  connections: number;
  seconds: number;
}

const scenario = JSON.parse(process.argv[2] ?? '{}') as SignInScenario;
const basic = `Basic ${Buffer.from(`${encodeURIComponent(scenario.clientId)}:${encodeURIComponent(scenario.clientSecret)}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
// node:http on keep-alive sockets, not fetch: in a trial fetch took 17% of the two cores where this
// takes 10%, CPU the server's argon2id needs.
const agent = new Agent({ keepAlive: true, maxSockets: scenario.connections });

interface Answer {
  status: number;
  location?: string;
  body: string;
}

class StepFailed extends Error {}

/** One sign-in's browser: its own cookies, sent where a browser would send them. */
class Browser extends CookieJar {
  send(url: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const target = new URL(url, scenario.issuer);
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const cookie = this.cookieHeader(target.pathname);
    const all: Record<string, string | number> = { ...headers, ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': FORM, 'content-length': Buffer.byteLength(body) }) };
    return new Promise((resolve, reject) => {
      const req = request({ agent, host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: body === undefined ? 'GET' : 'POST', headers: all }, (res) => {
        for (const line of res.headers['set-cookie'] ?? []) this.keep(line);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

function expect(answer: Answer, step: string, status: number): Answer {
  if (answer.status !== status || (status === 303 && !answer.location)) throw new StepFailed(`${step}: ${answer.status}`);
  return answer;
}

/** One full sign-in with a fresh cookie jar; throws StepFailed naming the step that did not answer as a browser expects. */
async function signIn(): Promise<void> {
  const browser = new Browser();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const query = new URLSearchParams({
    client_id: scenario.clientId,
    response_type: 'code',
    scope: 'openid profile email',
    redirect_uri: scenario.redirectUri,
    state,
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const interaction = new URL(expect(await browser.send(`${scenario.issuer}/auth?${query}`), 'authorize', 303).location!, scenario.issuer).href;
  const identifierPage = expect(await browser.send(interaction), 'identifier page', 200).body;
  const passwordPage = expect(await browser.send(`${interaction}/identify`, { identifier: scenario.identifier, csrf: csrfOf(identifierPage) }), 'identify', 200).body;
  const signedIn = expect(await browser.send(`${interaction}/password`, { identifier: scenario.identifier, password: scenario.password, csrf: csrfOf(passwordPage) }), 'password', 303);
  const resumed = expect(await browser.send(signedIn.location!), 'resume', 303);
  const callback = new URL(resumed.location!, scenario.issuer);
  const code = callback.searchParams.get('code');
  if (!code || callback.searchParams.get('state') !== state || !callback.href.startsWith(scenario.redirectUri)) throw new StepFailed(`code: ${resumed.location}`);
  const token = expect(await browser.send(`${scenario.issuer}/token`, { grant_type: 'authorization_code', code, redirect_uri: scenario.redirectUri, code_verifier: verifier }, { authorization: basic }), 'token', 200);
  const tokens = JSON.parse(token.body) as { access_token?: string; id_token?: string };
  if (!tokens.access_token || !tokens.id_token) throw new StepFailed('token: no access or ID token');
}

const durations: number[] = [];
let failed = 0;
let errors = 0;
const failures = new Map<string, number>();
const started = performance.now();
const deadline = started + scenario.seconds * 1000;

async function loop(): Promise<void> {
  while (performance.now() < deadline) {
    const t0 = performance.now();
    try {
      await signIn();
      durations.push(performance.now() - t0);
    } catch (error) {
      if (error instanceof StepFailed) failed += 1;
      else errors += 1;
      const reason = error instanceof Error ? error.message : String(error);
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
    }
  }
}

await Promise.all(Array.from({ length: scenario.connections }, loop));
// A sign-in started before the deadline counts: the rate is over the time until the last one ended.
const elapsed = (performance.now() - started) / 1000;
durations.sort((a, b) => a - b);
const percentile = (p: number) => (durations.length ? Math.round(10 * durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))]) / 10 : 0);
for (const [reason, count] of failures) console.error(`sign-in failed ${count}× at ${reason}`);
agent.destroy();
const summary: Summary = {
  requests_per_second: durations.length / elapsed,
  total: durations.length + failed + errors,
  non_2xx: failed,
  errors,
  timeouts: 0,
  p50_ms: percentile(50),
  p99_ms: percentile(99),
};
console.log(JSON.stringify(summary));
