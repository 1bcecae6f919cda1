import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { MessageService } from '../../mail/message-service.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses, Nullable, Page, PageQuery, Timestamp } from '../schemas.ts';
import { oneOf } from './realm-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RealmParams = Type.Object({ realm: id('Realm id or slug.') });
const MessageParams = Type.Object({ realm: id('Realm id or slug.'), message: id('Message id (msg_…).') });

const Status = oneOf(['pending', 'sending', 'sent', 'failed'] as const);
const Channel = oneOf(['email', 'sms'] as const);

const MessageQuery = Type.Object(
  {
    status: Type.Optional(Status),
    channel: Type.Optional(Channel),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A message type, e.g. verify_email.' })),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'The exact recipient address (an E.164 phone number for SMS).' })),
    user_id: Type.Optional(id('Messages about this user.')),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const MessageResponse = Type.Object({
  id: Type.String(),
  type: Type.String({ description: 'See docs/email.md for the types.' }),
  channel: Channel,
  to: Type.String({ description: 'An email address, or an E.164 phone number for SMS.' }),
  user_id: Nullable(Type.String()),
  status: Status,
  attempts: Type.Integer({ description: 'Sending attempts so far.' }),
  last_error: Nullable(Type.String({ description: 'What the mail server or SMS provider said when the last attempt failed.' })),
  next_attempt_at: Nullable(Type.String({ format: 'date-time', description: 'When the next attempt is due; null unless pending.' })),
  created_at: Timestamp,
  sent_at: Nullable(Timestamp),
});

/**
 * /admin/v1/realms/{realm}/messages: the realm's outgoing mail, for operators. Never the body or
 * the variables (links and codes). Reads need `realm.read`; a retry needs `realm.manage`.
 */
export function adminMessageRoutes(deps: { messages: MessageService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { messages, lookup } = deps;

  const realmFor = async (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => (await operatorRealm(lookup, request, kind)).realm;

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['messages'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/messages';

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof MessageQuery> }>(
      base,
      schema("List a realm's outgoing messages, newest first", { params: RealmParams, querystring: MessageQuery }, { 200: Page(MessageResponse) }, 400),
      async (request) => {
        const realm = await realmFor(request, 'realm.read');
        const { limit, cursor, status, channel, type, to, user_id } = request.query;
        return messages.list(realm, { status, channel, type, to, userId: user_id }, { limit, cursor });
      },
    );

    app.get<{ Params: Static<typeof MessageParams> }>(
      `${base}/:message`,
      schema('Get one message: its status, attempts and last error', { params: MessageParams }, { 200: MessageResponse }),
      async (request) => messages.get(await realmFor(request, 'realm.read'), request.params.message),
    );

    app.post<{ Params: Static<typeof MessageParams> }>(
      `${base}/:message/retry`,
      schema('Send a failed message again, now (not when its link or code was discarded)', { params: MessageParams }, { 200: MessageResponse }, 409),
      async (request) => messages.retry(await realmFor(request, 'realm.manage'), request.params.message),
    );
  };
}
