import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { applyPatch, changedFields, initialEditable, validateEditable, type RealmEditable } from '../../src/realms/realm-settings.ts';

const valid = (): RealmEditable => ({ ...initialEditable({ name: 'Acme' }), slug: 'acme' });

function fieldsOf(editable: RealmEditable): string[] {
  try {
    validateEditable(editable);
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.details.map((d) => d.field);
  }
  return [];
}

describe('realm security settings', () => {
  it('has defaults for registration, password policy, brute force, email and token lifetimes', () => {
    const realm = valid();
    assert.deepEqual(realm.users.registration, { enabled: false, require_email_verification: true, fields: [], username: 'optional', mobile: 'optional' });
    assert.equal(realm.password_policy.min_length, 8);
    assert.equal(realm.password_policy.max_length, 1024);
    assert.equal(realm.password_policy.breached.enabled, false);
    assert.deepEqual(realm.brute_force, { enabled: true, delay_after: 5, lock_after: 10, lock_minutes: 15, permanent_after: 100 });
    assert.equal(realm.tokens.verification_token_hours, 24);
    assert.equal(realm.tokens.reset_token_minutes, 60);
    assert.deepEqual(fieldsOf(realm), []);
  });

  it('applies a preset first and lets the request\u2019s own fields win', () => {
    const high = applyPatch(valid(), { preset: 'high' });
    assert.equal(high.password_policy.min_length, 15);
    assert.equal(high.tokens.refresh_token_days, 1);
    assert.equal(high.users.registration.require_email_verification, true);
    const mixed = applyPatch(valid(), { preset: 'convenience', tokens: { access_token_minutes: 5 } });
    assert.equal(mixed.tokens.access_token_minutes, 5);
    assert.equal(mixed.tokens.refresh_token_days, 30);
    assert.equal(mixed.users.registration.require_email_verification, false);
    assert.ok(!('preset' in mixed));
    assert.deepEqual(changedFields(valid(), applyPatch(valid(), { preset: 'balanced' })).sort(), [
      'password_policy.min_length',
      'tokens.access_token_minutes',
    ]);
  });

  it('checks the order of brute-force thresholds and the password length range', () => {
    const realm = valid();
    assert.deepEqual(fieldsOf({ ...realm, brute_force: { ...realm.brute_force, delay_after: 20, lock_after: 10, permanent_after: 5 } }), [
      'brute_force.lock_after',
      'brute_force.permanent_after',
    ]);
    assert.deepEqual(fieldsOf({ ...realm, password_policy: { ...realm.password_policy, min_length: 20, max_length: 12 } }), ['password_policy.max_length']);
  });

  it('requires an authenticator among the second factors when MFA is required (users enrol one at sign-in)', () => {
    const realm = valid();
    const signIn = (second_factors: RealmEditable['sign_in']['second_factors']) => ({ ...realm, sign_in: { ...realm.sign_in, mfa: 'required' as const, second_factors } });
    assert.deepEqual(fieldsOf(signIn(['passkey', 'email_otp'])), ['sign_in.second_factors']);
    assert.deepEqual(fieldsOf(signIn(['sms_otp', 'hotp'])), []);
  });

  it('checks registration fields: names, repeats and string-only lengths', () => {
    const realm = valid();
    const fields = [
      { name: 'company', type: 'string' as const, required: true, max_length: 100 },
      { name: 'company', type: 'number' as const, required: false, max_length: null },
      { name: 'Bad-Name', type: 'boolean' as const, required: false, max_length: null },
      { name: 'born', type: 'date' as const, required: false, max_length: 10 },
    ];
    assert.deepEqual(fieldsOf({ ...realm, users: { ...realm.users, registration: { ...realm.users.registration, fields } } }), [
      'users.registration.fields.1.name',
      'users.registration.fields.2.name',
      'users.registration.fields.3.max_length',
    ]);
  });

  it('checks the sender and the link targets', () => {
    const realm = valid();
    const email = (changes: Partial<RealmEditable['email']>) => ({ ...realm, email: { ...realm.email, ...changes } });
    assert.deepEqual(fieldsOf(email({ from_address: 'no-reply@acme.example', from_name: 'Acme', verify_email_url: 'https://app.example/v?t={{token}}' })), []);
    assert.deepEqual(fieldsOf(email({ from_address: 'not an address' })), ['email.from_address']);
    assert.deepEqual(fieldsOf(email({ from_name: 'Acme\r\nBcc: x@y' })), ['email.from_name']);
    assert.deepEqual(fieldsOf(email({ reset_password_url: 'https://app.example/reset' })), ['email.reset_password_url']);
    assert.deepEqual(fieldsOf(email({ verify_email_url: 'javascript:alert({{token}})' })), ['email.verify_email_url']);
  });
});
