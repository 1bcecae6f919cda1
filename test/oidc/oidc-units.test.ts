import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createDirectSignInState, DIRECT_SIGN_IN_MS } from '../../src/oidc/direct-sign-in.ts';
import { requiredAcr } from '../../src/oidc/interaction-policy.ts';
import { createProviderCache } from '../../src/oidc/provider-cache.ts';
import { cookieKey, cookiesSecure } from '../../src/oidc/realm-provider.ts';
import { defaultSettings, type Realm } from '../../src/realms/realm.ts';

/** The pure parts of the OpenID Connect module: cookies, the provider cache, the direct sign-in state, step-up. */
describe('OpenID Connect building blocks', () => {
  it('makes cookies Secure unless the public URL is http on loopback, and keys them per realm', () => {
    assert.equal(cookiesSecure('https://id.example'), true);
    assert.equal(cookiesSecure('http://id.example'), true, 'plain http elsewhere still asks for Secure');
    assert.equal(cookiesSecure('http://localhost:8080'), false);
    assert.equal(cookiesSecure('http://127.0.0.1:3000'), false);
    const master = randomBytes(32);
    assert.notEqual(cookieKey(master, 'rl_a'), cookieKey(master, 'rl_b'));
    assert.equal(cookieKey(master, 'rl_a'), cookieKey(master, 'rl_a'));
    assert.notEqual(cookieKey(randomBytes(32), 'rl_a'), cookieKey(master, 'rl_a'));
  });

  it('keeps at most its capacity, drops idle providers, and rebuilds on a new stamp', async () => {
    let now = 0;
    const cache = createProviderCache<string>({ capacity: 2, idleMs: 1000, now: () => now });
    let built = 0;
    const make = (value: string) => () => Promise.resolve(`${value}#${++built}`);
    assert.equal(await cache.get('a', 'v1', make('a')), 'a#1');
    assert.equal(await cache.get('a', 'v1', make('a')), 'a#1', 'reused');
    assert.equal(await cache.get('a', 'v2', make('a')), 'a#2', 'rebuilt when the realm or its key changed');
    await cache.get('b', 'v1', make('b'));
    await cache.get('a', 'v2', make('a'));
    await cache.get('c', 'v1', make('c'));
    assert.equal(cache.size, 2);
    assert.equal(await cache.get('b', 'v1', make('b')), 'b#5', 'the least recently used went first');
    now += 1001;
    await cache.get('d', 'v1', make('d'));
    assert.equal(cache.size, 1, 'idle ones dropped');
    await assert.rejects(cache.get('e', 'v1', () => Promise.reject(new Error('no key'))));
    assert.equal(cache.size, 1, 'a failed creation is not kept');
  });

  it('signs the direct sign-in state for one realm and a limited time', () => {
    let now = 1_000_000;
    const state = createDirectSignInState(randomBytes(32), () => now);
    const sealed = state.seal('rl_a', 'https://app.example/home');
    assert.equal(state.open('rl_a', sealed), 'https://app.example/home');
    assert.equal(state.open('rl_b', sealed), undefined, 'another realm');
    assert.equal(state.open('rl_a', `${sealed}x`), undefined, 'altered');
    assert.equal(state.open('rl_a', 'garbage'), undefined);
    assert.equal(state.open('rl_a', 'a.b.c'), undefined);
    assert.equal(createDirectSignInState(randomBytes(32), () => now).open('rl_a', sealed), undefined, 'another master key');
    now += DIRECT_SIGN_IN_MS + 1;
    assert.equal(state.open('rl_a', sealed), undefined, 'too old');
  });

  it('asks for aal2 when the request or the realm policy wants a second factor', () => {
    const realm = { ...defaultSettings(), id: 'rl_a' } as unknown as Realm;
    assert.equal(requiredAcr(realm, undefined), null);
    assert.equal(requiredAcr(realm, 'aal1'), null);
    assert.equal(requiredAcr(realm, 'aal1 aal2'), 'aal2');
    assert.equal(requiredAcr({ ...realm, sign_in: { ...realm.sign_in, mfa: 'required' } }, undefined), 'aal2');
  });
});
