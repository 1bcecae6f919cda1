import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { completeVariables, formatDuration, formatTime } from '../../src/mail/message-variables.ts';
import { channelOf, exampleVariables, messageTypeNames, messageTypes, secretVariablesOf, variablesOf } from '../../src/mail/message-types.ts';
import { senderOf, serverSender } from '../../src/mail/sender.ts';
import { render, renderChecked, renderOrDefault } from '../../src/mail/templates.ts';
import { defaultSettings, type Realm } from '../../src/realms/realm.ts';

const realm: Realm = {
  ...defaultSettings(),
  id: 'rl_test',
  slug: 'acme',
  name: 'Acme',
  state: 'active',
  reference: null,
  custom: {},
  public_info: { display_name: 'Acme Cloud', description: null, logo_url: 'https://cdn.example.com/logo.png' },
  is_system: false,
  created_at: 0,
  created_by: null,
  updated_at: 0,
  updated_by: null,
  version: 1,
};

function invalid(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'template.invalid');
    return error;
  }
  assert.fail('expected template.invalid');
}

describe('message templates', () => {
  it('renders every default template strictly with its variables, the link in both parts', () => {
    // SMS types have a text part alone (test/sms/sms-outbox.test.ts checks theirs).
    for (const type of messageTypeNames.filter((name) => channelOf(name) === 'email')) {
      const rendered = renderChecked(type, messageTypes[type].defaults);
      assert.ok(rendered.subject && rendered.html && rendered.text, type);
      assert.ok(!rendered.subject.includes('{{'), type);
      assert.match(rendered.html, /^<!DOCTYPE html>/, type);
      assert.ok(rendered.html.length < 20_000 && !/<script|<style/i.test(rendered.html), `${type}: inline styles only`);
      if (messageTypes[type].variables.includes('link' as never)) {
        const link = String(exampleVariables(type).link);
        assert.ok(rendered.text.includes(link), `${type}: raw link in the text part`);
        assert.equal(rendered.html.split(link.replace('=', '&#x3D;')).length - 1, 3, `${type}: button, fallback href and visible text`);
      }
    }
  });

  it('escapes values in HTML only, and strips line breaks from subjects', () => {
    const rendered = render({ subject: 'Hi {{user_name}}\n', html: '<b>{{user_name}}</b>', text: '{{user_name}} & co' }, { user_name: '<Ann>\r\nBcc: x' });
    assert.equal(rendered.subject, 'Hi <Ann> Bcc: x');
    assert.equal(rendered.html, '<b>&lt;Ann&gt;\r\nBcc: x</b>');
    assert.equal(rendered.text, '<Ann>\r\nBcc: x & co');
  });

  it('names the part and the problem of an invalid template', () => {
    const error = invalid(() => renderChecked('verify_email', { subject: '{{#if link}}', html: 'ok {{link}}', text: '{{expires_inn}}' }));
    assert.deepEqual(error.details.map((d) => d.field), ['subject', 'text']);
    assert.match(error.details[0].issue, /Parse error on line 1/);
    assert.match(error.details[1].issue, /{{expires_inn}} is not a variable/);
    assert.match(invalid(() => renderChecked('password_changed', { html: '{{link}}' })).details[0].issue, /{{link}} is not a variable/);
    assert.match(invalid(() => renderChecked('verify_email', { text: '{{log link}}' })).details[0].issue, /only \{\{variable\}\} may be written between braces, with nothing after the name \(line 1, column 1\)/);
    assert.match(invalid(() => renderChecked('verify_email', { text: 'Hi\n  {{> footer}}' })).details[0].issue, /partials, decorators and other helpers are not allowed.*\(line 2, column 3\)/);
    assert.match(invalid(() => renderChecked('verify_email', { subject: 's'.repeat(301) })).details[0].issue, /at most 300 characters/);
  });

  it("sends the default instead of a saved template that no longer passes: a partial, an SMS text too long (found by review)", () => {
    const values = { ...exampleVariables('sms_otp'), realm_name: 'Acme', realm_display_name: 'Acme', user_email: '', user_name: 'x', logo_url: '', year: 2026 };
    const fallbacks: unknown[] = [];
    const sms = (text: string) => renderOrDefault('sms_otp', { subject: '', html: '', text }, values, (error) => fallbacks.push(error)).text;
    assert.equal(sms('{{code}} for {{realm_name}}'), '123456 for Acme');
    assert.equal(sms(`{{code}} ${'x'.repeat(400)}`), '123456 is your Acme code. It expires in 60 minutes.');
    assert.equal(sms('{{#*inline "p"}}{{realm_name}}{{/inline}}{{> p}}{{> p}}'), '123456 is your Acme code. It expires in 60 minutes.');
    assert.equal(fallbacks.length, 2);
  });

  it('lists common variables first and marks links and codes secret', () => {
    assert.deepEqual(variablesOf('password_changed').map((v) => v.name), ['realm_name', 'realm_display_name', 'user_email', 'user_name', 'logo_url', 'year', 'changed_at']);
    assert.deepEqual(secretVariablesOf('password_reset'), ['link']);
    assert.deepEqual(secretVariablesOf('password_changed'), []);
  });

  it('completes the variables from the realm, the recipient and the clock', () => {
    const now = Date.UTC(2027, 5, 1);
    const values = completeVariables('password_reset', realm, { email: 'ann@example.com', name: null }, now, { link: 'https://l.example/x', expires_in_minutes: 1440 });
    assert.deepEqual(values, {
      realm_name: 'Acme',
      realm_display_name: 'Acme Cloud',
      user_email: 'ann@example.com',
      user_name: 'ann@example.com',
      logo_url: 'https://cdn.example.com/logo.png',
      year: 2027,
      link: 'https://l.example/x',
      expires_in_minutes: 1440,
      expires_in: '24 hours',
    });
    assert.throws(() => completeVariables('password_changed', realm, { email: 'a@b.c', name: 'A' }, now, { changed_at: 'yesterday' }), /not a time/);
  });

  it('says durations and times in words', () => {
    assert.deepEqual([1, 45, 60, 90, 120, 1440, 2880, 4320, 10080].map(formatDuration), [
      '1 minute',
      '45 minutes',
      '1 hour',
      '90 minutes',
      '2 hours',
      '24 hours',
      '48 hours',
      '3 days',
      '7 days',
    ]);
    assert.equal(formatTime('2026-12-31T23:05:00Z'), '31 December 2026 at 23:05 UTC');
    assert.equal(formatTime(Date.UTC(2026, 0, 2, 3, 4)), '2 January 2026 at 03:04 UTC');
  });

  it("sends as the realm's sender, else the server's, named after the realm", () => {
    const server = serverSender(undefined, 'https://id.example.com:8443/base');
    assert.deepEqual(server, { name: null, address: 'no-reply@id.example.com' });
    assert.deepEqual(senderOf(realm, server), { name: 'Acme Cloud', address: 'no-reply@id.example.com' });
    assert.deepEqual(senderOf(realm, { name: 'Keyrealm', address: 'mail@example.com' }), { name: 'Keyrealm', address: 'mail@example.com' });
    const own = { ...realm, email: { ...realm.email, from_name: 'Acme Team', from_address: 'team@acme.example' } };
    assert.deepEqual(senderOf(own, server), { name: 'Acme Team', address: 'team@acme.example' });
  });
});
