import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { WebhookFields } from '../../webhooks/webhook.ts';
import type { WebhookService } from '../../webhooks/webhook-service.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Page, PageQuery } from '../schemas.ts';
import {
  CreateWebhookBody,
  DeliveryResponse,
  DeliveryStatus,
  DeliveryWithPayload,
  PatchWebhookBody,
  toDeliveryResponse,
  toWebhookResponse,
  WebhookResponse,
  WebhookWithSecret,
} from './webhook-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RealmParams = Type.Object({ realm: id('Realm id or slug.') });
const HookParams = Type.Object({ realm: id('Realm id or slug.'), webhook: id('Webhook id (whk_…).') });
const DeliveryParams = Type.Object({ realm: id('Realm id or slug.'), webhook: id('Webhook id (whk_…).'), delivery: id('Delivery id (whd_…).') });
const ListQuery = Type.Object(PageQuery, { additionalProperties: false });
const DeliveriesQuery = Type.Object({ status: Type.Optional(DeliveryStatus), ...PageQuery }, { additionalProperties: false });
const NoContent = Type.Null({ description: 'No content.' });

type Body = Static<typeof PatchWebhookBody>;

/** The API's fields in the service's words (only those given). */
function fieldsOf(body: Body): Partial<WebhookFields> {
  const { event_types: eventTypes, ...rest } = body;
  return eventTypes === undefined ? rest : { ...rest, eventTypes };
}

/**
 * /admin/v1/realms/{realm}/webhooks: reads need `realm.read` on the realm, changes `realm.manage`.
 * Deliveries are listed per webhook, newest first; a finished one can be sent again.
 */
export function adminWebhookRoutes(deps: { webhooks: WebhookService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { webhooks, lookup } = deps;
  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['webhooks'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/webhooks';
    const one = `${base}/:webhook`;

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof ListQuery> }>(
      base,
      schema('List webhooks, oldest first', { params: RealmParams, querystring: ListQuery }, { 200: Page(WebhookResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const found = await webhooks.list(realm, request.query);
        return { items: found.items.map(toWebhookResponse), next_cursor: found.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof CreateWebhookBody> }>(
      base,
      schema('Create a webhook; its signing secret is answered this once', { params: RealmParams, body: CreateWebhookBody }, { 201: WebhookWithSecret }, 400),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        const { event_types: eventTypes, ...rest } = request.body;
        const { webhook, secret } = await webhooks.create(realm, { ...rest, eventTypes }, actor, originOf(request));
        return reply.status(201).send({ ...toWebhookResponse(webhook), secret });
      },
    );

    app.get<{ Params: Static<typeof HookParams> }>(one, schema('Get a webhook', { params: HookParams }, { 200: WebhookResponse }), async (request) => {
      const { realm } = await realmFor(request, 'realm.read');
      return toWebhookResponse(await webhooks.get(realm, request.params.webhook));
    });

    app.patch<{ Params: Static<typeof HookParams>; Body: Body }>(
      one,
      schema('Change a webhook (only the fields given)', { params: HookParams, body: PatchWebhookBody }, { 200: WebhookResponse }, 400),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toWebhookResponse(await webhooks.update(realm, request.params.webhook, fieldsOf(request.body), actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof HookParams> }>(one, schema('Delete a webhook and its deliveries', { params: HookParams }, { 204: NoContent }), async (request, reply) => {
      const { realm, actor } = await realmFor(request, 'realm.manage');
      await webhooks.remove(realm, request.params.webhook, actor, originOf(request));
      return reply.status(204).send();
    });

    app.post<{ Params: Static<typeof HookParams> }>(
      `${one}/rotate-secret`,
      schema('Make a new signing secret (answered this once); the previous one also signs for 24 hours', { params: HookParams }, { 200: WebhookWithSecret }),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        const { webhook, secret } = await webhooks.rotateSecret(realm, request.params.webhook, actor, originOf(request));
        return { ...toWebhookResponse(webhook), secret };
      },
    );

    app.post<{ Params: Static<typeof HookParams> }>(
      `${one}/test`,
      schema('Send a `webhook.test` message to this webhook', { params: HookParams }, { 202: DeliveryResponse }, 409),
      async (request, reply) => {
        const { realm } = await realmFor(request, 'realm.manage');
        return reply.status(202).send(toDeliveryResponse(await webhooks.sendTest(realm, request.params.webhook)));
      },
    );

    app.get<{ Params: Static<typeof HookParams>; Querystring: Static<typeof DeliveriesQuery> }>(
      `${one}/deliveries`,
      schema("List a webhook's deliveries, newest first", { params: HookParams, querystring: DeliveriesQuery }, { 200: Page(DeliveryResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const { status, ...page } = request.query;
        const found = await webhooks.deliveries(realm, request.params.webhook, { status }, page);
        return { items: found.items.map(toDeliveryResponse), next_cursor: found.next_cursor };
      },
    );

    app.get<{ Params: Static<typeof DeliveryParams> }>(
      `${one}/deliveries/:delivery`,
      schema('Get a delivery, with the body it sends', { params: DeliveryParams }, { 200: DeliveryWithPayload }),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const row = await webhooks.delivery(realm, request.params.webhook, request.params.delivery);
        return { ...toDeliveryResponse(row), payload: JSON.parse(row.payload) as unknown };
      },
    );

    app.post<{ Params: Static<typeof DeliveryParams> }>(
      `${one}/deliveries/:delivery/retry`,
      schema('Send a finished delivery again, now, with a fresh round of attempts', { params: DeliveryParams }, { 202: DeliveryResponse }, 409),
      async (request, reply) => {
        const { realm } = await realmFor(request, 'realm.manage');
        return reply.status(202).send(toDeliveryResponse(await webhooks.retry(realm, request.params.webhook, request.params.delivery)));
      },
    );
  };
}
