import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acrAfterStepUp, acrOf, afterFirstFactor, availableSecondFactors, methodsAfterStepUp } from '../../src/flows/flow-policy.ts';
import type { SecondFactor } from '../../src/realms/realm.ts';

const realm = (second_factors: SecondFactor[], mfa: 'off' | 'optional' | 'required' = 'required') => ({
  sign_in: { first_factors: ['password' as const], second_factors, mfa, otp: { length: 6, ttl_minutes: 10, max_attempts: 5 } },
});
const everything = { enrolled: ['totp', 'passkey', 'recovery_code'], emailVerified: true, smsReachable: true };
const at = 0;

/** The sign-in policy as pure functions. */
describe('the sign-in flow policy', () => {
  it('never offers a second factor on the channel the first one used', () => {
    const all: SecondFactor[] = ['totp', 'hotp', 'passkey', 'email_otp', 'sms_otp', 'recovery_code'];
    assert.deepEqual(availableSecondFactors(realm(all), everything, 'magic_link'), ['totp', 'passkey', 'sms_otp', 'recovery_code']);
    assert.deepEqual(availableSecondFactors(realm(all), everything, 'number_match'), ['totp', 'passkey', 'sms_otp', 'recovery_code']);
    assert.deepEqual(availableSecondFactors(realm(all), everything, 'sms_otp'), ['totp', 'passkey', 'email_otp', 'recovery_code']);
    assert.deepEqual(availableSecondFactors(realm(all), everything, 'password'), ['totp', 'passkey', 'email_otp', 'sms_otp', 'recovery_code']);
    assert.deepEqual(availableSecondFactors(realm(all), { ...everything, emailVerified: false, smsReachable: false }, 'password'), ['totp', 'passkey', 'recovery_code']);
  });

  it('counts channels, not method names, towards aal2', () => {
    assert.equal(acrOf([{ method: 'magic_link', amr: ['email'], at }, { method: 'email_otp', amr: ['otp'], at }]), 'aal1', 'one inbox is one factor');
    assert.equal(acrOf([{ method: 'password', amr: ['pwd'], at }, { method: 'email_otp', amr: ['otp'], at }]), 'aal2');
    assert.equal(acrOf([{ method: 'magic_link', amr: ['email'], at }, { method: 'sms_otp', amr: ['sms'], at }]), 'aal2');
    assert.equal(acrOf([{ method: 'passkey', amr: ['hwk', 'user'], at }]), 'aal2');
    assert.equal(acrOf([{ method: 'password', amr: ['pwd'], at }]), 'aal1');
  });

  it('counts a step-up together with the factors the session already proved', () => {
    const totp = [{ method: 'totp' as const, amr: ['otp'], at }];
    const session = (amr: string[], acr = 'aal1') => ({ amr, acr });
    assert.equal(acrAfterStepUp(session(['pwd']), totp), 'aal2', 'a password session stepped up with an authenticator');
    assert.equal(acrAfterStepUp(session(['pwd']), [{ method: 'email_otp', amr: ['otp'], at }]), 'aal2');
    assert.equal(acrAfterStepUp(session(['sms']), [{ method: 'password', amr: ['pwd'], at }]), 'aal2');
    assert.equal(acrAfterStepUp(session(['email', 'mca']), totp), 'aal2');
    assert.equal(acrAfterStepUp(session(['hwk']), [{ method: 'password', amr: ['pwd'], at }]), 'aal2', 'a passkey without user verification and a password');
    // The same channel again proves nothing new.
    assert.equal(acrAfterStepUp(session(['pwd']), [{ method: 'password', amr: ['pwd'], at }]), 'aal1');
    assert.equal(acrAfterStepUp(session(['otp']), [{ method: 'email_otp', amr: ['otp'], at }]), 'aal1', 'an email code twice is one inbox');
    assert.equal(acrAfterStepUp(session(['email']), [{ method: 'email_otp', amr: ['otp'], at }]), 'aal1', 'a magic link and an email code are one inbox');
    // Never lower than before; a verified passkey is aal2 on its own; a session that recorded nothing counts the step-up alone.
    assert.equal(acrAfterStepUp(session(['pwd', 'otp'], 'aal2'), [{ method: 'password', amr: ['pwd'], at }]), 'aal2');
    assert.equal(acrAfterStepUp(session(['pwd']), [{ method: 'passkey', amr: ['hwk', 'user'], at }]), 'aal2');
    assert.equal(acrAfterStepUp(undefined, totp), 'aal1');
    assert.equal(acrAfterStepUp(session(['unknown-reference']), totp), 'aal1');
  });

  it('counts a step-up against the methods a session recorded, by channel', () => {
    const step = (method: 'totp' | 'hotp' | 'recovery_code' | 'password' | 'email_otp') => [{ method, amr: [method === 'password' ? 'pwd' : 'otp'], at }];
    const recorded = (methods: string[], amr: string[]) => ({ amr, acr: 'aal1', methods });
    assert.equal(acrAfterStepUp(recorded(['password'], ['pwd']), step('totp')), 'aal2', 'password then TOTP');
    assert.equal(acrAfterStepUp(recorded(['totp'], ['otp']), step('totp')), 'aal1', 'TOTP then TOTP');
    assert.equal(acrAfterStepUp(recorded(['totp'], ['otp']), step('hotp')), 'aal1', 'TOTP then HOTP: both kept codes');
    assert.equal(acrAfterStepUp(recorded(['recovery_code'], ['otp']), step('totp')), 'aal1', 'a recovery code then TOTP');
    assert.equal(acrAfterStepUp(recorded(['email_otp'], ['otp']), step('totp')), 'aal2', 'an email code then TOTP: two channels');
    assert.equal(acrAfterStepUp(recorded(['totp'], ['otp']), step('password')), 'aal2');
    // A synced passkey (`swk`) then TOTP counts as it does at sign-in.
    const passkey = { method: 'passkey' as const, amr: ['swk'], at };
    assert.equal(acrAfterStepUp(recorded(['passkey'], ['swk']), step('totp')), acrOf([passkey, ...step('totp')]));
    assert.equal(acrOf([passkey, ...step('totp')]), 'aal2');
    assert.deepEqual(methodsAfterStepUp(recorded(['password'], ['pwd']), step('totp')), ['password', 'totp']);
    assert.deepEqual(methodsAfterStepUp(recorded(['totp'], ['otp']), step('totp')), ['totp']);
  });

  it('counts an older session\'s amr failing safe: its otp is no channel of its own beside a code step-up', () => {
    const legacy = (amr: string[]) => ({ amr, acr: 'aal1' });
    const step = (method: 'totp' | 'hotp' | 'recovery_code' | 'password' | 'email_otp' | 'sms_otp') => [{ method, amr: [method === 'password' ? 'pwd' : method === 'sms_otp' ? 'sms' : 'otp'], at }];
    for (const code of ['totp', 'hotp', 'recovery_code', 'email_otp'] as const) assert.equal(acrAfterStepUp(legacy(['otp']), step(code)), 'aal1', code);
    // Whatever its otp was, a password or an SMS code is another channel.
    assert.equal(acrAfterStepUp(legacy(['otp']), step('password')), 'aal2');
    assert.equal(acrAfterStepUp(legacy(['otp']), step('sms_otp')), 'aal2');
    // A synced passkey without user verification is a passkey, as at sign-in.
    assert.equal(acrAfterStepUp(legacy(['swk']), step('totp')), 'aal2');
    assert.equal(acrAfterStepUp(legacy(['swk', 'user']), step('password')), 'aal2');
    // The ambiguous otp is not recorded as a method; the unambiguous references are.
    assert.deepEqual(methodsAfterStepUp(legacy(['otp']), step('totp')), ['totp']);
    assert.deepEqual(methodsAfterStepUp(legacy(['pwd', 'swk']), step('totp')), ['password', 'passkey', 'totp']);
    assert.deepEqual(methodsAfterStepUp(undefined, step('totp')), ['totp']);
  });

  it('asks for a second factor, enrolment or nothing by policy', () => {
    const password = { method: 'password' as const, amr: ['pwd'], at };
    const none = { enrolled: [], emailVerified: false, smsReachable: false };
    assert.deepEqual(afterFirstFactor(realm(['totp'], 'off'), everything, password), { next: 'done' });
    assert.deepEqual(afterFirstFactor(realm(['totp'], 'optional'), none, password), { next: 'done' });
    assert.deepEqual(afterFirstFactor(realm(['totp', 'hotp'], 'required'), none, password), { next: 'enrolment', methods: ['totp', 'hotp'] });
    // A passkey can be enrolled too, but not as the second factor of a sign-in that began with one (without user verification).
    assert.deepEqual(afterFirstFactor(realm(['totp', 'passkey', 'recovery_code', 'email_otp'], 'required'), none, password), { next: 'enrolment', methods: ['totp', 'passkey'] });
    assert.deepEqual(afterFirstFactor(realm(['totp', 'passkey'], 'required'), none, { method: 'passkey', amr: ['hwk'], at }), { next: 'enrolment', methods: ['totp'] });
    assert.deepEqual(afterFirstFactor(realm(['totp'], 'optional'), everything, password), { next: 'second_factor', methods: ['totp'] });
    assert.deepEqual(afterFirstFactor(realm(['totp']), everything, { method: 'passkey', amr: ['hwk', 'user'], at }), { next: 'done' });
  });

  it('never leaves a flow waiting for nothing: a lone passkey used without user verification', () => {
    const passkey = { method: 'passkey' as const, amr: ['hwk'], at };
    const onlyPasskey = { enrolled: ['passkey'], emailVerified: false, smsReachable: false };
    assert.deepEqual(afterFirstFactor(realm(['totp', 'passkey'], 'optional'), onlyPasskey, passkey), { next: 'done' });
    assert.deepEqual(afterFirstFactor(realm(['totp', 'passkey'], 'required'), onlyPasskey, passkey), { next: 'refused' });
    // With another factor on a channel of its own, that one is asked for.
    assert.deepEqual(afterFirstFactor(realm(['totp', 'passkey', 'email_otp'], 'optional'), { ...onlyPasskey, emailVerified: true }, passkey), { next: 'second_factor', methods: ['email_otp'] });
  });
});
