/**
 * A signed-in session's tokens against a scripted refresh (found by review): only a refresh the
 * realm refuses signs the user out — not a network failure, a 5xx or a 429 — and a refresh still on
 * its way when other tokens are set (a sign-out, another user's) does not overwrite them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyrealmError } from '../src/errors.ts';
import { TokenSession, type Tokens } from '../src/session.ts';

const tokens = (name: string): Tokens => ({ access_token: `${name}-access`, refresh_token: `${name}-refresh`, expires_in: 900, session_id: name });
const refusal = (status: number, code: string) => new KeyrealmError({ status, code, message: code });

/** A refresh that answers when told to. */
function pendingRefresh() {
  let settle: { resolve: (tokens: Tokens) => void; reject: (error: unknown) => void } | undefined;
  const refresh = () => new Promise<Tokens>((resolve, reject) => (settle = { resolve, reject }));
  return { refresh, answer: (next: Tokens) => settle!.resolve(next), fail: (error: unknown) => settle!.reject(error) };
}

describe('a token session', () => {
  it('keeps its tokens when the refresh gets no answer, a 5xx or a 429, and reports it failed', async () => {
    for (const error of [refusal(0, 'sdk.unreachable'), refusal(500, 'http.500'), refusal(503, 'service.unavailable'), refusal(429, 'request.rate_limited'), new TypeError('fetch failed')]) {
      const session = new TokenSession(async () => Promise.reject(error));
      session.set(tokens('ada'));
      assert.equal(await session.renew(), false, error.message);
      assert.deepEqual(session.tokens, tokens('ada'), `${error.message}: still signed in`);
    }
  });

  it('drops its tokens when the realm refuses the refresh token', async () => {
    for (const error of [refusal(401, 'auth.invalid_refresh_token'), refusal(401, 'auth.tenant_access_ended'), refusal(400, 'request.validation_failed')]) {
      const session = new TokenSession(async () => Promise.reject(error));
      session.set(tokens('ada'));
      assert.equal(await session.renew(), false);
      assert.equal(session.tokens, undefined, `${error.code}: signed out`);
    }
  });

  it('tries again after a failed refresh, with the refresh token it kept', async () => {
    const used: string[] = [];
    let down = true;
    const session = new TokenSession(async (refreshToken) => (used.push(refreshToken), down ? Promise.reject(refusal(0, 'sdk.unreachable')) : tokens('next')));
    session.set(tokens('ada'));
    assert.equal(await session.renew(), false);
    down = false;
    assert.equal(await session.renew(), true);
    assert.deepEqual(used, ['ada-refresh', 'ada-refresh']);
    assert.equal(session.tokens?.access_token, 'next-access');
  });

  it('lets a sign-out or other tokens set during a refresh win over its answer', async () => {
    const signedOut = pendingRefresh();
    const session = new TokenSession(signedOut.refresh);
    session.set(tokens('ada'));
    const renewing = session.renew();
    session.set(undefined);
    signedOut.answer(tokens('renewed'));
    assert.equal(await renewing, false);
    assert.equal(session.tokens, undefined, 'still signed out');

    const switched = pendingRefresh();
    const other = new TokenSession(switched.refresh);
    other.set(tokens('ada'));
    const refused = other.renew();
    other.set(tokens('bob'));
    switched.fail(refusal(401, 'auth.invalid_refresh_token'));
    assert.equal(await refused, false);
    assert.deepEqual(other.tokens, tokens('bob'), "ada's refused refresh does not sign bob out");
  });

  it('refreshes the tokens set during a refresh with their own refresh token, once', async () => {
    const used: string[] = [];
    const answers: ((tokens: Tokens) => void)[] = [];
    const session = new TokenSession((refreshToken) => (used.push(refreshToken), new Promise<Tokens>((resolve) => answers.push(resolve))));
    session.set(tokens('ada'));
    const stale = session.renew();
    session.set(tokens('bob'));
    const fresh = [session.renew(), session.renew()];
    answers[0](tokens('ada-renewed'));
    assert.equal(await stale, false);
    assert.equal(session.renew(), fresh[0], "the stale refresh's end does not free bob's slot");
    answers[1](tokens('bob-renewed'));
    assert.deepEqual(await Promise.all(fresh), [true, true]);
    assert.deepEqual(used, ['ada-refresh', 'bob-refresh']);
    assert.equal(session.tokens?.access_token, 'bob-renewed-access');
  });
});
