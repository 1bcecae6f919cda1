import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { EventSink, EventStreams } from '../../events/event-streams.ts';
import { resolveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { allows } from '../../operators/permissions.ts';
import { authorize, bearerToken, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses } from '../schemas.ts';
import { EventFilters, filterOf, RealmParams } from './admin-events.ts';

const StreamQuery = Type.Object({
  ...EventFilters,
  last_event_id: Type.Optional(
    Type.String({ maxLength: 100, description: 'Resume just after this event (for clients that cannot send the Last-Event-ID header).' }),
  ),
});

const StreamHeaders = Type.Object({
  'last-event-id': Type.Optional(Type.String({ maxLength: 100, description: 'Resume just after this event; EventSource sends it when it reconnects.' })),
});

const EventStreamResponse = {
  description:
    'Server-Sent Events: one message per event (`id:` the event id, `event:` its type, `data:` the event as the list gives it), ' +
    'oldest first, and a `: keep-alive` comment between them. Ends when the access token expires or the server shuts down.',
  content: { 'text/event-stream': { schema: Type.String({ description: 'id: evt_…\nevent: user.created\ndata: {"id":"evt_…",…}' }) } },
};

const END_GRACE_MS = 500;

/** The SSE response on the raw socket: Fastify steps aside once the stream is accepted. */
function sinkOf(reply: FastifyReply): EventSink {
  const raw = reply.raw;
  return {
    async write(chunk) {
      if (raw.destroyed) throw new Error('the client went away');
      if (!raw.write(chunk)) await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
    },
    end() {
      if (raw.destroyed) return;
      raw.end();
      // A client that stopped reading never lets the end flush, and its socket would hold a closing
      // server open: after a short grace it is cut (the client resumes with Last-Event-ID).
      const cut = setTimeout(() => raw.destroy(), END_GRACE_MS);
      cut.unref();
      raw.once('close', () => clearTimeout(cut));
    },
    onGone(listener) {
      raw.once('close', listener);
    },
  };
}

/** GET /admin/v1/realms/{realm}/events/stream: needs `realm.read` on that realm, as the list does. */
export function adminEventStreamRoutes(deps: { lookup: RealmLookup; streams: EventStreams; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    // app.close() waits for every response to finish, and a stream never does by itself: end them
    // first (their clients reconnect elsewhere with Last-Event-ID).
    app.addHook('preClose', (done) => {
      deps.streams.close();
      done();
    });

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof StreamQuery>; Headers: Static<typeof StreamHeaders> }>(
      '/admin/v1/realms/:realm/events/stream',
      {
        schema: {
          tags: ['events'],
          security: [{ bearer: [] }],
          summary: "Follow a realm's events live (Server-Sent Events)",
          params: RealmParams,
          querystring: StreamQuery,
          headers: StreamHeaders,
          response: { 200: EventStreamResponse, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request, reply) => {
        const token = bearerToken(request);
        const realm = await resolveRealm(deps.lookup, request.params.realm);
        const action = { kind: 'realm.read', realmId: realm.id, isSystem: realm.is_system } as const;
        const operator = authorize(request, action);
        const stream = await deps.streams.open({
          realmId: realm.id,
          filter: filterOf(request.query),
          lastEventId: request.headers['last-event-id'] ?? request.query.last_event_id,
          holder: createHash('sha256').update(token).digest('base64url'),
          expiresAt: operator.tokenExpiresAt ?? null,
          stillAllowed: () =>
            deps.authenticate(token).then(
              (current) => allows(current, action),
              () => false,
            ),
        });
        reply.hijack();
        reply.raw.writeHead(200, {
          ...(reply.getHeaders() as Record<string, string>),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          // Proxies such as nginx would otherwise buffer the stream.
          'x-accel-buffering': 'no',
          // The socket goes with the stream: an idle kept-alive one would hold a closing server open.
          connection: 'close',
        });
        reply.raw.flushHeaders();
        const end = await stream.run(sinkOf(reply));
        request.log.debug({ realmId: realm.id, end }, 'event stream ended');
      },
    );
  };
}
