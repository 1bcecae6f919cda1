/**
 * A test server that sends its mail to a real SMTP sink, for the account flows: sign-up,
 * verification, password reset. Links are read from the messages the sink receives.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import type { DialectName } from '../../src/storage/database.ts';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer, type TestServerOptions } from '../support/server.ts';
import { linksIn, startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.ts';

export const PASSWORD = 'correct horse battery staple';

export interface FlowContext {
  server: TestServer;
  sink: SmtpSink;
}

/** A server and a sink for the enclosing `describe`, started before its tests and closed after them. */
export function flowServerPerSuite(dialect: DialectName, options: Omit<TestServerOptions, 'dialect' | 'smtpUrl'> = {}): FlowContext {
  const ctx = {} as FlowContext;
  before(async () => {
    ctx.sink = await startSmtpSink();
    ctx.server = await startTestServer({ ...options, dialect, smtpUrl: ctx.sink.url });
  });
  after(async () => {
    await ctx.server?.dispose();
    await ctx.sink?.close();
  });
  return ctx;
}

let counter = 0;
export const freshEmail = (label = 'user') => `${label}-${++counter}-${Date.now().toString(36)}@example.com`;

/** A realm open to sign-up (settings merged over that). */
export async function signUpRealm(ctx: FlowContext, settings: Record<string, unknown> = {}): Promise<Realm> {
  const { users, ...rest } = settings as { users?: Record<string, unknown> };
  return ctx.server.services.realms.create(
    { name: `Flows ${++counter}`, users: { registration: { enabled: true }, ...users }, ...rest },
    operator,
  );
}

/** Sends what the requests so far have queued, then waits for a message to `to` matching `subject`. */
export async function mailTo(ctx: FlowContext, to: string, subject?: RegExp): Promise<ReceivedMail> {
  await ctx.server.services.background.settle();
  await ctx.server.mailWorker.drain();
  return ctx.sink.waitForMail((mail) => mail.to.includes(to.toLowerCase()) && (subject === undefined || subject.test(mail.subject)));
}

/** Everything received for `to` so far (after sending what is queued). */
export async function mailsTo(ctx: FlowContext, to: string): Promise<ReceivedMail[]> {
  await ctx.server.services.background.settle();
  await ctx.server.mailWorker.drain();
  return ctx.sink.mails.filter((mail) => mail.to.includes(to.toLowerCase()));
}

/** The token of the first account link in a message. */
export function tokenIn(mail: ReceivedMail): string {
  const link = linksIn(mail).find((url) => url.includes('token='));
  assert.ok(link, `a link with a token in: ${mail.text}`);
  const token = new URL(link).searchParams.get('token');
  assert.ok(token);
  return token;
}

export const register = (ctx: FlowContext, realm: Realm, body: Record<string, unknown>) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/register`, body);

export const login = (ctx: FlowContext, realm: Realm, identifier: string, password = PASSWORD) =>
  send(ctx.server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier, password });

/** A fresh operator token: suites move the fake clock past the first one's lifetime. */
export async function adminHeaders(ctx: FlowContext): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await ctx.server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD)).access_token}` };
}
