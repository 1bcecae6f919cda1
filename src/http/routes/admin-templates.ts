import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { TemplateService } from '../../mail/template-service.ts';
import { templateLimits } from '../../mail/templates.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Nullable, Timestamp } from '../schemas.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RealmParams = Type.Object({ realm: id('Realm id or slug.') });
const TemplateParams = Type.Object({ realm: id('Realm id or slug.'), type: id('A message type, e.g. verify_email.') });

// Bodies are limited in bytes by the service (templates.ts); in characters here, which is never less.
const Subject = Type.String({ maxLength: templateLimits.subjectLength, description: 'Handlebars; line breaks are removed from the result.' });
const Html = Type.String({ maxLength: templateLimits.bodyBytes, description: 'Handlebars; values are HTML-escaped.' });
const Text = Type.String({ maxLength: templateLimits.bodyBytes, description: 'Handlebars; the plain-text part, nothing escaped.' });

const PutTemplateBody = Type.Object({ subject: Subject, html: Html, text: Text }, { additionalProperties: false });
const PreviewBody = Type.Object(
  {
    subject: Type.Optional(Subject),
    html: Type.Optional(Html),
    text: Type.Optional(Text),
    variables: Type.Optional(
      Type.Record(Type.String({ maxLength: 100 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Number()]), {
        maxProperties: 50,
        description: 'Values to render with; example values stand in for the others.',
      }),
    ),
  },
  { additionalProperties: false },
);

const Summary = {
  type: Type.String(),
  description: Type.String(),
  customized: Type.Boolean({ description: "True when the realm has its own template; false: the built-in default." }),
  updated_at: Nullable(Timestamp),
  updated_by: Nullable(Type.String({ description: 'The operator who saved it.' })),
};
const TemplateSummary = Type.Object(Summary);
const TemplateResponse = Type.Object({
  ...Summary,
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
  variables: Type.Array(
    Type.Object({ name: Type.String(), description: Type.String(), example: Type.Union([Type.String(), Type.Number()]) }),
    { description: 'What the templates of this type may use, as {{name}}.' },
  ),
});
const Rendered = Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String() });
const TemplateList = Type.Object({ items: Type.Array(TemplateSummary), next_cursor: Type.Null() });

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const withIsoTime = <T extends { updated_at: number | null }>(view: T) => ({ ...view, updated_at: iso(view.updated_at) });

/**
 * /admin/v1/realms/{realm}/templates: each message type's template in the realm. Reads need
 * `realm.read`; saving, resetting and previewing need `realm.manage`.
 */
export function adminTemplateRoutes(deps: { templates: TemplateService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { templates, lookup } = deps;

  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);

  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['templates'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/templates';

    app.get<{ Params: Static<typeof RealmParams> }>(
      base,
      schema('List the message types and whether the realm has its own template for each', { params: RealmParams }, { 200: TemplateList }),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return { items: (await templates.list(realm)).map(withIsoTime), next_cursor: null };
      },
    );

    app.get<{ Params: Static<typeof TemplateParams> }>(
      `${base}/:type`,
      schema("Get a message type's template (the realm's own or the default) and its variables", { params: TemplateParams }, { 200: TemplateResponse }),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return withIsoTime(await templates.get(realm, request.params.type));
      },
    );

    app.put<{ Params: Static<typeof TemplateParams>; Body: Static<typeof PutTemplateBody> }>(
      `${base}/:type`,
      schema('Save the realm\u2019s own template for a message type (checked: 400 template.invalid names the part)', { params: TemplateParams, body: PutTemplateBody }, { 200: TemplateResponse }, 400),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return withIsoTime(await templates.put(realm, request.params.type, request.body, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof TemplateParams> }>(
      `${base}/:type`,
      schema('Go back to the default template for a message type', { params: TemplateParams }, { 204: Type.Null({ description: 'No content.' }) }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await templates.reset(realm, request.params.type, actor, originOf(request));
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof TemplateParams>; Body: Static<typeof PreviewBody> }>(
      `${base}/:type/preview`,
      {
        ...schema('Render the template, or unsaved template text, with example or given values', { params: TemplateParams, body: PreviewBody }, { 200: Rendered }, 400),
        // The body is optional: no body previews the current template with example values.
        preValidation: async (request: FastifyRequest) => {
          request.body ??= {};
        },
      },
      async (request) => {
        const { realm } = await realmFor(request, 'realm.manage');
        return templates.preview(realm, request.params.type, request.body);
      },
    );
  };
}
