/** Helpers the mail suites share: a realm through the API, a message queued as the account flows queue one. */
import assert from 'node:assert/strict';
import pino from 'pino';
import { createMailWorker, type MailWorkerDeps } from '../../src/mail/mail-worker.ts';
import type { MessageType } from '../../src/mail/message-types.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import type { Variables } from '../../src/mail/templates.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { MessageRow } from '../../src/storage/schema.ts';
import { send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../support/server.ts';

let counter = 0;

/** A unique address for one test, so suites sharing a sink tell their mail apart. */
export const freshAddress = (label = 'person') => `${label}-${++counter}-${Date.now().toString(36)}@example.com`;

/** The superadmin's headers from a fresh sign-in: suites that run the fake clock hours ahead outlive any one token. */
export async function operatorHeaders(server: TestServer): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD)).access_token}` };
}

export async function createRealm(server: TestServer, body: Record<string, unknown> = {}): Promise<Realm> {
  const response = await send(server, 'POST', '/admin/v1/realms', { name: `Mail ${++counter}`, ...body }, await operatorHeaders(server));
  assert.equal(response.statusCode, 201, response.body);
  const realm = await server.services.lookup.resolve(response.json().id);
  assert.ok(realm);
  return realm;
}

export async function createUser(server: TestServer, realm: Realm, body: Record<string, unknown>): Promise<string> {
  const response = await send(server, 'POST', `/admin/v1/realms/${realm.id}/users`, body, await operatorHeaders(server));
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

export const resetVariables = (link = 'https://app.example.com/reset?token=tok-123') => ({ link, expires_in_minutes: 60 });

/** Queues a message in a transaction of its own, as a flow does with its change, then wakes the worker. */
export async function queue(
  server: TestServer,
  realm: Realm,
  message: { type?: MessageType; to: string; userId?: string | null; variables?: Variables },
): Promise<string> {
  const id = await server.database.db.transaction().execute((trx) =>
    server.services.mailQueue.enqueue(trx, {
      realm,
      type: message.type ?? 'password_reset',
      to: message.to,
      userId: message.userId ?? null,
      variables: message.variables ?? resetVariables(),
    }),
  );
  server.services.mailQueue.wake();
  return id;
}

export async function messageRow(server: TestServer, id: string): Promise<MessageRow> {
  const row = await server.database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  assert.ok(row, `message ${id} exists`);
  return row;
}

/** Sealed `{}`: the variables were wiped (the sealed form is v1.iv.tag.body; two bytes encrypt to three base64url characters). */
export const isWiped = (sealed: string) => sealed.split('.')[3]?.length === 3;

/** A new operator with these grants, signed in: its headers. */
export async function operatorWith(server: TestServer, grants: unknown[]): Promise<{ authorization: string }> {
  const email = freshAddress('operator');
  const response = await send(server, 'POST', '/admin/v1/operators', { email, password: 'operator-password-2', grants }, await operatorHeaders(server));
  assert.equal(response.statusCode, 201, response.body);
  return { authorization: `Bearer ${(await server.login('admin', email, 'operator-password-2')).access_token}` };
}

/** The mail worker of another process of the same deployment: the same database and master key. */
export function anotherWorker(server: TestServer, masterKey: Buffer, options: Pick<MailWorkerDeps, 'transport'> & Partial<MailWorkerDeps>) {
  return createMailWorker({
    db: server.database.db,
    clock: server.clock,
    logger: pino({ level: 'silent' }),
    events: server.services.events,
    secretBox: createSecretBox(masterKey),
    templates: server.services.mailTemplates,
    realms: server.services.lookup,
    sender: { name: null, address: 'other@keyrealm.test' },
    pollMs: 60_000,
    ...options,
  });
}
